// Lighter account payloads → port values (src-core/venues/lighter/wire/account.ts), with payloads
// shaped as the simulator renders them (sim/lighter/render.ts; venues.md §1.2-1.4): orders, trades,
// funding rows, positions and balances map to exact port values, and the account streams refuse
// malformed entries before anything is iterated.
import { describe, expect, it } from 'vitest';
import { VenueParseError } from '../../../src-core/venues/common/errors';
import {
  accountAllMessage,
  accountOrdersMessage,
  microToUsd,
  orderSchema,
  ordersResponse,
  positionFundingResponse,
  positionFundingSchema,
  positionSchema,
  signedSize,
  toBalance,
  toFill,
  toFundingPayment,
  toOrderState,
  toPosition,
  tradeSchema,
  tradesResponse,
  type WireOrder,
  type WirePosition,
  type WirePositionFunding,
  type WireTrade,
} from '../../../src-core/venues/lighter/wire/account';

const ACCOUNT = 7;
const LLP = 281474976710654;

function order(over: Partial<WireOrder> = {}): WireOrder {
  return {
    order_index: 281_000_000_123,
    client_order_index: 1_700_000_000_001,
    market_index: 0,
    initial_base_amount: '0.5000',
    filled_base_amount: '0.0000',
    filled_quote_amount: '0.000000',
    price: '3000.00',
    is_ask: false,
    status: 'open',
    time_in_force: 'good-till-time',
    reduce_only: false,
    timestamp: 1_700_000_000_123,
    ...over,
  };
}

function trade(over: Partial<WireTrade> = {}): WireTrade {
  return {
    trade_id: 555,
    market_id: 0,
    size: '0.1000',
    price: '3000.00',
    ask_id: 0,
    bid_id: 281_000_000_123,
    ask_account_id: LLP,
    bid_account_id: ACCOUNT,
    ask_client_id: 0,
    bid_client_id: 1_700_000_000_001,
    is_maker_ask: true,
    timestamp: 1_700_000_000_456,
    ...over,
  };
}

function funding(over: Partial<WirePositionFunding> = {}): WirePositionFunding {
  return { timestamp: 1_700_003_600, market_id: 0, funding_id: 3, change: '-0.123456', rate: '0.00120000', position_size: '2.0000', position_side: 'long', ...over };
}

function position(over: Partial<WirePosition> = {}): WirePosition {
  return { market_id: 0, sign: 1, position: '2.0000', avg_entry_price: '3000.00', position_value: '6100.000000', unrealized_pnl: '200.000000', liquidation_price: '2500.00', initial_margin_fraction: '20.00', ...over };
}

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown): boolean => s.safeParse(v).success;

function parseErrorMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VenueParseError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('Lighter micro-USDC and signed sizes', () => {
  it('fees: integer micro-USDC become six-decimal strings, rebates negative', () => {
    expect(microToUsd(1)).toBe('0.000001');
    expect(microToUsd(999_999)).toBe('0.999999');
    expect(microToUsd(1_000_000)).toBe('1.000000');
    expect(microToUsd(-84)).toBe('-0.000084');
    expect(microToUsd(Number.MAX_SAFE_INTEGER)).toBe('9007199254.740991');
  });
  it('fees: a fraction, an unsafe integer or NaN is a parse error naming the value', () => {
    expect(parseErrorMessage(() => microToUsd(0.5))).toBe('fee 0.5 is not an integer number of micro-USDC');
    expect(parseErrorMessage(() => microToUsd(2 ** 53))).toBe('fee 9007199254740992 is not an integer number of micro-USDC');
    expect(parseErrorMessage(() => microToUsd(Number.NaN))).toBe('fee NaN is not an integer number of micro-USDC');
  });
  it('positions: sign 0 or a zero size is flat whatever the other says', () => {
    expect(signedSize('1.2500', 0)).toBe('0');
    expect(signedSize('0.0000', 1)).toBe('0');
    expect(signedSize('0', 0)).toBe('0');
    expect(signedSize('0.0001', 1)).toBe('0.0001');
    expect(signedSize('0.0001', -1)).toBe('-0.0001');
  });
});

describe('Lighter orders', () => {
  it('a resting buy with no fill is open, our client index verbatim', () => {
    expect(toOrderState(order(), 'ETH')).toEqual({
      venue: 'lighter',
      symbol: 'ETH',
      clientOrderId: '1700000000001',
      venueOrderId: '281000000123',
      side: 'buy',
      status: 'open',
      endReason: null,
      venueReason: 'open',
      price: '3000.00',
      size: '0.5000',
      filledSize: '0.0000',
      avgFillPrice: null,
      reduceOnly: false,
      updatedAtMs: 1_700_000_000_123,
    });
  });
  it('an open sell with a fill is partially-filled, with the average fill price', () => {
    const s = toOrderState(order({ is_ask: true, filled_base_amount: '0.2000', filled_quote_amount: '600.400000', reduce_only: true, timestamp: 1_700_000_000 }), 'ETH');
    expect(s).toMatchObject({ side: 'sell', status: 'partially-filled', endReason: null, filledSize: '0.2000', reduceOnly: true, updatedAtMs: 1_700_000_000_000 });
    expect(s.avgFillPrice).toBeCloseTo(3002, 9);
  });
  it('terminal statuses carry their end reason; an IOC remainder was not cancelled by us', () => {
    expect(toOrderState(order({ status: 'filled', filled_base_amount: '0.5000', filled_quote_amount: '1500.000000' }), 'ETH')).toMatchObject({ status: 'filled', endReason: 'filled', venueReason: 'filled', avgFillPrice: 3000 });
    expect(toOrderState(order({ status: 'canceled', time_in_force: 'immediate-or-cancel', filled_base_amount: '0.1000', filled_quote_amount: '300.000000' }), 'ETH')).toMatchObject({ status: 'canceled', endReason: 'ioc-unfilled', avgFillPrice: 3000 });
    expect(toOrderState(order({ status: 'canceled' }), 'ETH')).toMatchObject({ status: 'canceled', endReason: 'canceled-by-us' });
    const { time_in_force: _tif, ...noTif } = order({ status: 'canceled' });
    expect(toOrderState(noTif, 'ETH')).toMatchObject({ status: 'canceled', endReason: 'canceled-by-us' });
    expect(toOrderState(order({ status: 'canceled-post-only', time_in_force: 'post-only' }), 'ETH')).toMatchObject({ status: 'canceled', endReason: 'post-only-would-cross', venueReason: 'canceled-post-only' });
  });
  it('the order schema keeps every field and refuses malformed ones', () => {
    const wire = { ...order(), order_id: '281000000123', nonce: 0, trigger_price: '0' };
    expect(orderSchema.parse(wire)).toEqual(order());
    expect(ordersResponse.parse({ code: 200, orders: [wire], next_cursor: 'c' })).toEqual({ code: 200, orders: [order()], next_cursor: 'c' });
    expect(ok(orderSchema, { ...order(), filled_base_amount: '-0.1' })).toBe(false);
    expect(ok(orderSchema, { ...order(), price: 3000 })).toBe(false);
    expect(ok(orderSchema, { ...order(), client_order_index: '1700000000001' })).toBe(false);
    expect(ok(orderSchema, { ...order(), is_ask: 'false' })).toBe(false);
    expect(ok(ordersResponse, { code: 400, orders: [] })).toBe(false);
    for (const k of ['order_index', 'client_order_index', 'market_index', 'initial_base_amount', 'filled_base_amount', 'filled_quote_amount', 'price', 'is_ask', 'status', 'reduce_only', 'timestamp']) {
      const o: Record<string, unknown> = order();
      delete o[k];
      expect(ok(orderSchema, o), k).toBe(false);
    }
  });
});

describe('Lighter fills', () => {
  it('our taker buy against the pool pays the taker fee', () => {
    expect(toFill(trade({ taker_fee: 600 }), 'ETH', ACCOUNT)).toEqual({
      venue: 'lighter',
      symbol: 'ETH',
      venueFillId: '555',
      venueOrderId: '281000000123',
      clientOrderId: '1700000000001',
      side: 'buy',
      size: '0.1000',
      price: '3000.00',
      feeUsd: '0.000600',
      isMaker: false,
      timeMs: 1_700_000_000_456,
    });
  });
  it('our maker buy takes the maker fee even when both fees are present', () => {
    const t = trade({ is_maker_ask: false, maker_fee: 60, taker_fee: 600 });
    expect(toFill(t, 'ETH', ACCOUNT)).toMatchObject({ side: 'buy', isMaker: true, feeUsd: '0.000060' });
    // The pool's side of the same trade is the taker.
    expect(toFill(t, 'ETH', LLP)).toMatchObject({ side: 'sell', isMaker: false, feeUsd: '0.000600', venueOrderId: '0', clientOrderId: null });
  });
  it('our taker sell; an omitted fee (Standard account) is exactly zero', () => {
    const t = trade({ ask_account_id: ACCOUNT, bid_account_id: LLP, ask_id: 42, bid_id: 0, ask_client_id: 9, bid_client_id: 0, is_maker_ask: false, timestamp: 1_700_000_000 });
    expect(toFill(t, 'BTC', ACCOUNT)).toMatchObject({ side: 'sell', isMaker: false, feeUsd: '0.000000', venueOrderId: '42', clientOrderId: '9', timeMs: 1_700_000_000_000 });
  });
  it('a client index of 0 or none is not ours: null, never "0"', () => {
    expect(toFill(trade({ bid_client_id: 0 }), 'ETH', ACCOUNT).clientOrderId).toBeNull();
    const { bid_client_id: _b, ...noClient } = trade();
    expect(toFill(noClient, 'ETH', ACCOUNT).clientOrderId).toBeNull();
  });
  it('the trade schema keeps every field and refuses malformed ones', () => {
    const t = trade({ taker_fee: 600, maker_fee: 60 });
    expect(tradeSchema.parse({ ...t, tx_hash: '00', usd_amount: '300.000000' })).toEqual(t);
    expect(tradesResponse.parse({ code: 200, trades: [t] })).toEqual({ code: 200, trades: [t] });
    expect(ok(tradeSchema, { ...t, taker_fee: 0.5 })).toBe(false);
    expect(ok(tradeSchema, { ...t, maker_fee: '60' })).toBe(false);
    expect(ok(tradeSchema, { ...t, size: '-0.1' })).toBe(false);
    expect(ok(tradeSchema, { ...t, is_maker_ask: 1 })).toBe(false);
    for (const k of ['trade_id', 'market_id', 'size', 'price', 'ask_id', 'bid_id', 'ask_account_id', 'bid_account_id', 'is_maker_ask', 'timestamp']) {
      const o: Record<string, unknown> = { ...t };
      delete o[k];
      expect(ok(tradeSchema, o), k).toBe(false);
    }
  });
});

describe('Lighter funding payments', () => {
  it('a long that paid: cash exact and negative, rate positive (longs paid)', () => {
    const p = toFundingPayment(funding(), 'ETH');
    expect(p).toMatchObject({ venue: 'lighter', symbol: 'ETH', venuePaymentId: '3', settlementTimeMs: 1_700_003_600_000, cashUsd: '-0.123456', positionSide: 'long', positionSize: '2.0000', markPrice: null });
    expect(p.hourlyRate).toBeCloseTo(0.000012, 15);
  });
  it('a long that received: the rate was negative', () => {
    expect(toFundingPayment(funding({ change: '0.123456' }), 'ETH').hourlyRate).toBeCloseTo(-0.000012, 15);
  });
  it('a short that received: the rate was positive; a short that paid: negative', () => {
    expect(toFundingPayment(funding({ change: '0.050000', position_side: 'short' }), 'ETH')).toMatchObject({ positionSide: 'short', cashUsd: '0.050000' });
    expect(toFundingPayment(funding({ change: '0.050000', position_side: 'short' }), 'ETH').hourlyRate).toBeCloseTo(0.000012, 15);
    expect(toFundingPayment(funding({ change: '-0.050000', position_side: 'short' }), 'ETH').hourlyRate).toBeCloseTo(-0.000012, 15);
  });
  it('zero cash received nothing: the unsigned rate is reported as longs paying', () => {
    expect(toFundingPayment(funding({ change: '0.000000' }), 'ETH').hourlyRate).toBeCloseTo(0.000012, 15);
  });
  it('the funding schema keeps every field and refuses an unknown side or a signed rate', () => {
    const f = funding();
    expect(positionFundingSchema.parse({ ...f, discount: '0' })).toEqual(f);
    expect(positionFundingResponse.parse({ code: 200, position_fundings: [f], next_cursor: 'n' })).toEqual({ code: 200, position_fundings: [f], next_cursor: 'n' });
    expect(positionFundingSchema.parse(funding({ position_side: 'short' })).position_side).toBe('short');
    expect(ok(positionFundingSchema, { ...f, position_side: 'flat' })).toBe(false);
    expect(ok(positionFundingSchema, { ...f, position_side: '' })).toBe(false);
    expect(ok(positionFundingSchema, { ...f, rate: '-0.0012' })).toBe(false);
    expect(ok(positionFundingSchema, { ...f, change: -0.12 })).toBe(false);
    for (const k of Object.keys(f)) {
      const o: Record<string, unknown> = { ...f };
      delete o[k];
      expect(ok(positionFundingSchema, o), k).toBe(false);
    }
  });
});

describe('Lighter positions and balance', () => {
  it('a long: signed size exact, mark from value / size, leverage from the IMF percent', () => {
    expect(toPosition(position(), 'ETH')).toEqual({ venue: 'lighter', symbol: 'ETH', size: '2.0000', entryPrice: 3000, markPrice: 3050, liquidationPrice: 2500, unrealizedPnlUsd: 200, leverage: 5 });
  });
  it('a short is negative', () => {
    expect(toPosition(position({ sign: -1, unrealized_pnl: '-200.000000', liquidation_price: '3600.00', initial_margin_fraction: '33.33' }), 'ETH')).toMatchObject({ size: '-2.0000', liquidationPrice: 3600, unrealizedPnlUsd: -200 });
    expect(toPosition(position({ initial_margin_fraction: '50.00' }), 'ETH').leverage).toBe(2);
  });
  it('flat: size "0", mark 0, no liquidation price; an IMF of 0 is no leverage', () => {
    expect(toPosition(position({ sign: 0, position: '0.0000', position_value: '0.000000', unrealized_pnl: '0.000000', liquidation_price: '0', initial_margin_fraction: '0.00' }), 'ETH')).toEqual({
      venue: 'lighter',
      symbol: 'ETH',
      size: '0',
      entryPrice: 3000,
      markPrice: 0,
      liquidationPrice: null,
      unrealizedPnlUsd: 0,
      leverage: null,
    });
  });
  it('the position schema: sign -1, 0 or 1 only', () => {
    for (const sign of [-1, 0, 1]) expect(positionSchema.parse(position({ sign })).sign).toBe(sign);
    for (const sign of [-2, 2, 0.5]) expect(ok(positionSchema, position({ sign })), String(sign)).toBe(false);
    expect(positionSchema.parse({ ...position(), symbol: 'ETH', open_order_count: 0 })).toEqual(position());
    expect(ok(positionSchema, { ...position(), position: '-2.0000' })).toBe(false);
    for (const k of ['sign', 'position', 'avg_entry_price', 'position_value', 'unrealized_pnl', 'liquidation_price', 'initial_margin_fraction']) {
      const o: Record<string, unknown> = position();
      delete o[k];
      expect(ok(positionSchema, o), k).toBe(false);
    }
  });
  it('balance strings pass through exactly', () => {
    expect(toBalance({ collateral: '1000.000000', total_asset_value: '987.660000', available_balance: '-3.100000' })).toEqual({ venue: 'lighter', collateralUsd: '1000.000000', equityUsd: '987.660000', availableUsd: '-3.100000' });
  });
});

describe('Lighter account streams', () => {
  it('account_all: maps keyed by market id, every entry validated', () => {
    const frame = { account: ACCOUNT, type: 'update/account_all', positions: { '0': position(), '12': position({ sign: -1 }) }, trades: { '0': [trade()], '25': [] }, funding_histories: { '1': [funding()], '10': [] }, shares: [] };
    expect(accountAllMessage.parse(frame)).toEqual({ account: ACCOUNT, type: 'update/account_all', positions: { '0': position(), '12': position({ sign: -1 }) }, trades: { '0': [trade()], '25': [] }, funding_histories: { '1': [funding()], '10': [] } });
    expect(accountAllMessage.parse({ account: ACCOUNT, type: 'subscribed/account_all' })).toEqual({ account: ACCOUNT, type: 'subscribed/account_all' });
  });
  it('account_all: refuses a non-numeric market key, a foreign type or a bad entry', () => {
    const base = { account: ACCOUNT, type: 'update/account_all' };
    for (const key of ['x', '1x', 'x1', '', '-1']) {
      expect(ok(accountAllMessage, { ...base, positions: { [key]: position() } }), `positions ${key}`).toBe(false);
      expect(ok(accountAllMessage, { ...base, trades: { [key]: [trade()] } }), `trades ${key}`).toBe(false);
      expect(ok(accountAllMessage, { ...base, funding_histories: { [key]: [funding()] } }), `funding ${key}`).toBe(false);
    }
    for (const type of ['update/account_orders', '', 'account_all']) expect(ok(accountAllMessage, { ...base, type }), type).toBe(false);
    expect(ok(accountAllMessage, { ...base, trades: { '0': [{ ...trade(), size: 1 }] } })).toBe(false);
    expect(ok(accountAllMessage, { ...base, positions: { '0': { ...position(), sign: 3 } } })).toBe(false);
    expect(ok(accountAllMessage, { type: 'update/account_all' })).toBe(false);
  });
  it('account_orders: orders keyed by market id', () => {
    const frame = { type: 'subscribed/account_orders', orders: { '0': [order()], '25': [] }, account: ACCOUNT };
    expect(accountOrdersMessage.parse(frame)).toEqual({ type: 'subscribed/account_orders', orders: { '0': [order()], '25': [] } });
    expect(accountOrdersMessage.parse({ type: 'update/account_orders', orders: {} })).toEqual({ type: 'update/account_orders', orders: {} });
    for (const key of ['x', '1x', 'x1', '']) expect(ok(accountOrdersMessage, { type: 'update/account_orders', orders: { [key]: [order()] } }), key).toBe(false);
    for (const type of ['update/account_all', '']) expect(ok(accountOrdersMessage, { type, orders: {} }), type).toBe(false);
    expect(ok(accountOrdersMessage, { type: 'update/account_orders' })).toBe(false);
    expect(ok(accountOrdersMessage, { type: 'update/account_orders', orders: { '0': [{ ...order(), status: 3 }] } })).toBe(false);
  });
});
