// Lighter payload schemas (src-core/venues/lighter/wire/schemas.ts): a documented payload, shaped
// as the simulator renders it (sim/lighter/render.ts, venues.md §1.2-1.5), parses to exactly its
// documented fields; a wrong type, a missing field or a malformed decimal is refused.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  accountLimitsResponse,
  accountResponse,
  decimal,
  fundingsResponse,
  marketStatsEntry,
  marketStatsMessage,
  orderBookDetailsResponse,
  orderBookMessage,
  orderBookOrdersResponse,
  orderBooksResponse,
  resultCode,
  sendTxAck,
  TX_STATUS,
  txResponse,
  unsignedDecimal,
  wsErrorFrame,
} from '../../../src-core/venues/lighter/wire/schemas';

const ok = (s: z.ZodType, v: unknown): boolean => s.safeParse(v).success;

/** Each key of `base` removed in turn must be refused (every field listed is required). */
function eachRequiredRefused(s: z.ZodType, base: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    const copy: Record<string, unknown> = { ...base };
    delete copy[k];
    expect(ok(s, copy), `without ${k}`).toBe(false);
  }
}

describe('Lighter decimal strings', () => {
  it('a signed decimal accepts plain notation with any number of digits', () => {
    for (const v of ['-12.3400', '5', '12', '0', '-0', '0.25', '3000.00', '123456789012.123456']) expect(ok(decimal, v), v).toBe(true);
  });
  it('a signed decimal refuses anything else', () => {
    for (const v of ['', '-', '--1', '+1', '12.', '.5', '1e5', '1E-7', 'abc', 'x1', '1x', '1.x', '1.2x', '1.2.3', ' 1', '1 ', '1,5', 'NaN', 'Infinity']) expect(ok(decimal, v), v).toBe(false);
    for (const v of [12, null, undefined, true, ['1']]) expect(ok(decimal, v)).toBe(false);
  });
  it('an unsigned decimal refuses a sign', () => {
    for (const v of ['1.2500', '0', '12', '0.10', '100000.123456']) expect(ok(unsignedDecimal, v), v).toBe(true);
    for (const v of ['-1', '-0.5', '+1', '', '12.', '.5', 'x1', '1x', '1.2x', '1.', '1e3', 7]) expect(ok(unsignedDecimal, v), String(v)).toBe(false);
  });
});

describe('Lighter REST bodies', () => {
  const market = () => ({ symbol: 'ETH', market_id: 0, market_type: 'perp', status: 'active', taker_fee: '0.0200', maker_fee: '0.0000', min_base_amount: '0.0050', min_quote_amount: '10.000000', supported_size_decimals: 4, supported_price_decimals: 2 });

  it('orderBooks keeps every documented field and drops the rest', () => {
    const body = { code: 200, order_books: [{ ...market(), liquidation_fee: '1.0000', is_taker_fee_enabled: true }] };
    expect(orderBooksResponse.parse(body)).toEqual({ code: 200, order_books: [market()] });
    const { market_type: _omit, ...noType } = market();
    expect(orderBooksResponse.parse({ code: 200, order_books: [noType] }).order_books[0]).toEqual(noType);
  });
  it('orderBooks refuses a non-200 code, a missing field, a bad fee or a fractional decimals count', () => {
    expect(ok(orderBooksResponse, { code: 500, order_books: [] })).toBe(false);
    expect(ok(orderBooksResponse, { code: 200 })).toBe(false);
    expect(ok(orderBooksResponse, { code: 200, order_books: [{ ...market(), taker_fee: 0.02 }] })).toBe(false);
    expect(ok(orderBooksResponse, { code: 200, order_books: [{ ...market(), maker_fee: '1e-4' }] })).toBe(false);
    expect(ok(orderBooksResponse, { code: 200, order_books: [{ ...market(), supported_size_decimals: 4.5 }] })).toBe(false);
    expect(ok(orderBooksResponse, { code: 200, order_books: [{ ...market(), market_id: '0' }] })).toBe(false);
    const one = (m: Record<string, unknown>) => ({ code: 200, order_books: [m] });
    for (const k of ['symbol', 'market_id', 'status', 'taker_fee', 'maker_fee', 'min_base_amount', 'min_quote_amount', 'supported_size_decimals', 'supported_price_decimals']) {
      const m: Record<string, unknown> = market();
      delete m[k];
      expect(ok(orderBooksResponse, one(m)), k).toBe(false);
    }
  });

  it('orderBookDetails keeps the fields the loader reads', () => {
    const detail = { symbol: 'BTC', market_id: 1, size_decimals: 5, price_decimals: 1, min_initial_margin_fraction: 200, taker_fee: '0.0200', maker_fee: '0.0020', min_base_amount: '0.00020', min_quote_amount: '10.000000', status: 'active' };
    const body = { code: 200, order_book_details: [{ ...detail, default_initial_margin_fraction: 1000, mark_price: '60000.0' }] };
    expect(orderBookDetailsResponse.parse(body)).toEqual({ code: 200, order_book_details: [detail] });
    expect(ok(orderBookDetailsResponse, { code: 200, order_book_details: [{ ...detail, min_initial_margin_fraction: '200' }] })).toBe(false);
    for (const k of Object.keys(detail)) {
      const d: Record<string, unknown> = { ...detail };
      delete d[k];
      expect(ok(orderBookDetailsResponse, { code: 200, order_book_details: [d] }), k).toBe(false);
    }
  });

  it('fundings: unsigned-or-signed decimal rate, long or short, nothing else', () => {
    const row = { timestamp: 1_700_000_000, rate: '0.00130400', direction: 'short' as const };
    expect(fundingsResponse.parse({ code: 200, fundings: [row, { ...row, direction: 'long' }], resolution: '1h' })).toEqual({ code: 200, fundings: [row, { ...row, direction: 'long' }], resolution: '1h' });
    expect(fundingsResponse.parse({ code: 200, fundings: [{ ...row, value: '1' }] })).toEqual({ code: 200, fundings: [row] });
    expect(ok(fundingsResponse, { code: 200, fundings: [{ ...row, direction: 'both' }] })).toBe(false);
    expect(ok(fundingsResponse, { code: 200, fundings: [{ ...row, direction: '' }] })).toBe(false);
    expect(ok(fundingsResponse, { code: 200, fundings: [{ ...row, rate: 0.0013 }] })).toBe(false);
    expect(ok(fundingsResponse, { code: 200, fundings: [{ ...row, timestamp: 1.5 }] })).toBe(false);
    eachRequiredRefused(fundingsResponse.shape.fundings.element, row, ['timestamp', 'rate', 'direction']);
  });

  it('account: balances and positions as decimal strings', () => {
    const pos = { market_id: 0, symbol: 'ETH', sign: -1, position: '1.2500', avg_entry_price: '3000.00', position_value: '3750.000000', unrealized_pnl: '-12.340000', liquidation_price: '3900.00', initial_margin_fraction: '20.00' };
    const acct = { index: 7, collateral: '1000.000000', available_balance: '800.000000', total_asset_value: '987.660000', positions: [pos] };
    expect(accountResponse.parse({ code: 200, accounts: [{ ...acct, status: 1, positions: [{ ...pos, open_order_count: 0 }] }] })).toEqual({ code: 200, accounts: [acct] });
    expect(ok(accountResponse, { code: 200, accounts: [{ ...acct, collateral: 1000 }] })).toBe(false);
    expect(ok(accountResponse, { code: 200, accounts: [{ ...acct, positions: [{ ...pos, position: '1.25x' }] }] })).toBe(false);
    expect(ok(accountResponse, { code: 200, accounts: [{ ...acct, positions: [{ ...pos, sign: 0.5 }] }] })).toBe(false);
    eachRequiredRefused(accountResponse.shape.accounts.element, acct, Object.keys(acct));
    eachRequiredRefused(accountResponse.shape.accounts.element.shape.positions.element, pos, Object.keys(pos));
  });

  it('orderBookOrders: both sides with price and remaining size', () => {
    const body = { code: 200, asks: [{ price: '3001.00', remaining_base_amount: '0.5000', order_index: 9 }], bids: [{ price: '2999.00', remaining_base_amount: '1.0000' }] };
    expect(orderBookOrdersResponse.parse(body)).toEqual({ code: 200, asks: [{ price: '3001.00', remaining_base_amount: '0.5000' }], bids: [{ price: '2999.00', remaining_base_amount: '1.0000' }] });
    expect(ok(orderBookOrdersResponse, { code: 200, asks: [] })).toBe(false);
    expect(ok(orderBookOrdersResponse, { code: 200, asks: [{ price: '1' }], bids: [] })).toBe(false);
  });

  it('sendTx: an ack has a non-empty hash of any length; a refusal is any integer code', () => {
    const hash = 'ab'.repeat(40);
    expect(sendTxAck.parse({ code: 200, tx_hash: hash, predicted_execution_time_ms: 1_700_000_000_200, extra: 1 })).toEqual({ code: 200, tx_hash: hash, predicted_execution_time_ms: 1_700_000_000_200 });
    expect(sendTxAck.parse({ code: 200, tx_hash: 'a' })).toEqual({ code: 200, tx_hash: 'a' });
    expect(ok(sendTxAck, { code: 200, tx_hash: '' })).toBe(false);
    expect(ok(sendTxAck, { code: 21706, tx_hash: hash })).toBe(false);
    expect(resultCode.parse({ code: 21706, message: 'invalid base or quote amount', tx_hash: '' })).toEqual({ code: 21706, message: 'invalid base or quote amount' });
    expect(resultCode.parse({ code: 29500 })).toEqual({ code: 29500 });
    expect(ok(resultCode, { code: '21706' })).toBe(false);
    expect(ok(resultCode, { message: 'x' })).toBe(false);
  });

  it('tx status: 0..3 only, with named values', () => {
    expect(TX_STATUS).toEqual({ failed: 0, pending: 1, executed: 2, pendingFinal: 3 });
    for (const status of [0, 1, 2, 3]) expect(txResponse.parse({ code: 200, hash: 'h', status, block_height: 1 })).toEqual({ code: 200, hash: 'h', status });
    for (const status of [-1, 4, 1.5, '2']) expect(ok(txResponse, { code: 200, hash: 'h', status }), String(status)).toBe(false);
    expect(ok(txResponse, { code: 200, status: 2 })).toBe(false);
  });

  it('accountLimits: fee ticks are optional non-negative integers', () => {
    expect(accountLimitsResponse.parse({ code: 200, user_tier: 'premium', current_maker_fee_tick: 20, current_taker_fee_tick: 200, max_llp_percentage: 25 })).toEqual({ code: 200, user_tier: 'premium', current_maker_fee_tick: 20, current_taker_fee_tick: 200 });
    expect(accountLimitsResponse.parse({ code: 200, user_tier: 'std' })).toEqual({ code: 200, user_tier: 'std' });
    expect(ok(accountLimitsResponse, { code: 200, user_tier: 'std', current_taker_fee_tick: -1 })).toBe(false);
    expect(ok(accountLimitsResponse, { code: 200, current_taker_fee_tick: 0 })).toBe(false);
  });
});

describe('Lighter WS frames', () => {
  const book = () => ({
    channel: 'order_book:0',
    offset: 41,
    type: 'update/order_book',
    order_book: { asks: [{ price: '3001.00', size: '0.5000' }], bids: [{ price: '2999.00', size: '0.0000' }], nonce: 9, begin_nonce: 8 },
  });

  it('order_book: a snapshot or an update keeps levels, offset and nonces', () => {
    const frame = { ...book(), timestamp: 1_700_000_000_123, order_book: { ...book().order_book, offset: 41, last_updated_at: 1_700_000_000_000, code: 0 } };
    expect(orderBookMessage.parse(frame)).toEqual({ ...book(), timestamp: 1_700_000_000_123, order_book: { ...book().order_book, offset: 41, last_updated_at: 1_700_000_000_000 } });
    expect(orderBookMessage.parse({ ...book(), type: 'subscribed/order_book' }).type).toBe('subscribed/order_book');
    expect(orderBookMessage.parse({ ...book(), channel: 'order_book:12' }).channel).toBe('order_book:12');
  });
  it('order_book: refuses a foreign channel, type or malformed level', () => {
    for (const channel of ['order_book:', 'order_book:x', 'order_book:1x', 'xorder_book:1', 'order_book/1', 'market_stats:1']) expect(ok(orderBookMessage, { ...book(), channel }), channel).toBe(false);
    for (const type of ['update/market_stats', '', 'snapshot']) expect(ok(orderBookMessage, { ...book(), type }), type).toBe(false);
    expect(ok(orderBookMessage, { ...book(), order_book: { ...book().order_book, asks: [{ price: '3001.00' }] } })).toBe(false);
    expect(ok(orderBookMessage, { ...book(), order_book: { ...book().order_book, bids: [{ price: 2999, size: '1' }] } })).toBe(false);
    expect(ok(orderBookMessage, { ...book(), order_book: { ...book().order_book, nonce: '9' } })).toBe(false);
    eachRequiredRefused(orderBookMessage.shape.order_book, book().order_book, ['asks', 'bids', 'nonce', 'begin_nonce']);
    eachRequiredRefused(orderBookMessage, book(), ['channel', 'offset', 'type', 'order_book']);
  });

  const stats = () => ({ symbol: 'ETH', market_id: 0, mark_price: '3000.12', index_price: '3000.00', current_funding_rate: '0.001100', funding_rate: '-0.000500', funding_timestamp: 1_700_000_000_000 });

  it('market_stats: one market or the all-markets map', () => {
    const one = { channel: 'market_stats:0', type: 'update/market_stats', market_stats: { ...stats(), open_interest: '0' } };
    expect(marketStatsMessage.parse(one)).toEqual({ ...one, market_stats: stats() });
    const all = { channel: 'market_stats:all', type: 'subscribed/market_stats', market_stats: { '0': stats(), '1': { ...stats(), symbol: 'BTC', market_id: 1 } } };
    expect(marketStatsMessage.parse(all)).toEqual(all);
    expect(marketStatsMessage.parse({ ...one, channel: 'market_stats:17' }).channel).toBe('market_stats:17');
    expect(marketStatsEntry.parse(stats())).toEqual(stats());
  });
  it('market_stats: refuses foreign channels, types and bad rates', () => {
    const one = { channel: 'market_stats:0', type: 'update/market_stats', market_stats: stats() };
    for (const channel of ['market_stats:', 'market_stats:al', 'market_stats:alls', 'market_stats:1x', 'xmarket_stats:1', 'market_stats:x', 'order_book:0']) expect(ok(marketStatsMessage, { ...one, channel }), channel).toBe(false);
    for (const type of ['update/order_book', '']) expect(ok(marketStatsMessage, { ...one, type }), type).toBe(false);
    expect(ok(marketStatsMessage, { ...one, market_stats: { ...stats(), current_funding_rate: 0.0011 } })).toBe(false);
    expect(ok(marketStatsMessage, { ...one, market_stats: { '0': { ...stats(), funding_rate: '1e-4' } } })).toBe(false);
    eachRequiredRefused(marketStatsEntry, stats(), Object.keys(stats()));
  });

  it('error frames: a code and an optional message', () => {
    expect(wsErrorFrame.parse({ error: { code: 30003, message: 'Invalid Channel', extra: 1 } })).toEqual({ error: { code: 30003, message: 'Invalid Channel' } });
    expect(wsErrorFrame.parse({ error: { code: 1 } })).toEqual({ error: { code: 1 } });
    expect(ok(wsErrorFrame, { error: { message: 'x' } })).toBe(false);
    expect(ok(wsErrorFrame, { type: 'update/order_book' })).toBe(false);
  });
});
