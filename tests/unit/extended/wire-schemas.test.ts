// Extended payload schemas (src-core/venues/extended/wire/schemas.ts): a documented payload, shaped
// as the simulator renders it (sim/extended/render.ts, venues.md §2.2-2.5), parses to exactly its
// documented fields; a wrong type, a missing field, an unknown enum value or a malformed decimal
// is refused.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  accountFrame,
  balanceSchema,
  bookMessage,
  envelope,
  errorEnvelope,
  feeRow,
  feeRows,
  fundingHistoryRow,
  fundingPaymentSchema,
  fundingStreamFrame,
  marketSchema,
  marketStatsSchema,
  orderSchema,
  placeAck,
  positionSchema,
  tradeSchema,
} from '../../../src-core/venues/extended/wire/schemas';

const ok = (s: z.ZodType, v: unknown): boolean => s.safeParse(v).success;

function eachRequiredRefused(s: z.ZodType, base: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) {
    const copy: Record<string, unknown> = { ...base };
    delete copy[k];
    expect(ok(s, copy), `without ${k}`).toBe(false);
  }
}

describe('Extended decimal strings', () => {
  // The schemas share one decimal; the balance checks it on three fields.
  const bal = (balance: unknown) => ({ balance, equity: '1', availableForTrade: '1' });
  it('accepts plain signed decimals of any length', () => {
    for (const v of ['1000.000000', '-12.5', '0', '-0.000000', '12', '5', '0.25', '123456789.123456789']) expect(ok(balanceSchema, bal(v)), v).toBe(true);
  });
  it('refuses exponent form, stray characters, bare points and non-strings', () => {
    for (const v of ['', '-', '--1', '+1', '12.', '.5', '1e-7', 'x1', '1x', '1.x', '1.2x', '1.2.3', ' 1', '1,5', 'NaN', 12.5, null]) expect(ok(balanceSchema, bal(v)), String(v)).toBe(false);
  });
});

describe('Extended envelopes', () => {
  it('OK wraps the data, with optional pagination', () => {
    const list = envelope(z.array(z.number()));
    expect(list.parse({ status: 'OK', data: [1, 2], pagination: { cursor: 5, count: 2, extra: 0 } })).toEqual({ status: 'OK', data: [1, 2], pagination: { cursor: 5, count: 2 } });
    expect(list.parse({ status: 'OK', data: [] })).toEqual({ status: 'OK', data: [] });
    expect(ok(list, { status: 'ERROR', data: [] })).toBe(false);
    expect(ok(list, { status: 'OK', data: ['1'] })).toBe(false);
    expect(ok(list, { status: 'OK' })).toBe(false);
    expect(ok(list, { status: 'OK', data: [], pagination: { cursor: 5 } })).toBe(false);
  });
  it('ERROR carries a code and a message', () => {
    expect(errorEnvelope.parse({ status: 'ERROR', error: { code: 1120, message: 'OrderQtyLessThanMinTradeSize', debug: 'x' } })).toEqual({ status: 'ERROR', error: { code: 1120, message: 'OrderQtyLessThanMinTradeSize' } });
    expect(ok(errorEnvelope, { status: 'OK', error: { code: 1, message: 'x' } })).toBe(false);
    expect(ok(errorEnvelope, { status: 'ERROR', error: { code: '1120', message: 'x' } })).toBe(false);
    expect(ok(errorEnvelope, { status: 'ERROR', error: { code: 1120 } })).toBe(false);
  });
});

describe('Extended markets', () => {
  const stats = () => ({ markPrice: '3000.5', indexPrice: '3000.0', fundingRate: '0.00001300', nextFundingRate: 1_795_003_600_000 });
  const market = () => ({
    name: 'ETH-USD',
    assetName: 'ETH',
    active: true,
    status: 'ACTIVE',
    marketStats: stats(),
    tradingConfig: { minOrderSize: '0.01', minOrderSizeChange: '0.01', minPriceChange: '0.1', maxLeverage: '50.00', limitPriceCap: '0.05', limitPriceFloor: '0.05' },
    l2Config: { type: 'STARKX', collateralId: '0x1', collateralResolution: 1_000_000, syntheticId: '0x4554482d3138000000000000000000', syntheticResolution: 100_000_000 },
  });

  it('keeps every documented field and drops the rest', () => {
    const wire = { ...market(), uiName: 'ETH-USD', marketStats: { ...stats(), dailyVolume: '0' }, tradingConfig: { ...market().tradingConfig, maxNumOrders: '200' }, l2Config: { ...market().l2Config, extra: 1 } };
    expect(marketSchema.parse(wire)).toEqual(market());
    const m: Record<string, unknown> = market();
    delete m.status;
    expect(marketSchema.parse(m)).toEqual(m);
  });
  it('refuses a rate-sized nextFundingRate that is not an integer, a numeric price, a missing config', () => {
    expect(ok(marketStatsSchema, { ...stats(), nextFundingRate: 0.0001 })).toBe(false);
    expect(ok(marketStatsSchema, { ...stats(), fundingRate: 0.000013 })).toBe(false);
    expect(ok(marketSchema, { ...market(), active: 'true' })).toBe(false);
    expect(ok(marketSchema, { ...market(), tradingConfig: { ...market().tradingConfig, minPriceChange: '1e-1' } })).toBe(false);
    expect(ok(marketSchema, { ...market(), l2Config: { ...market().l2Config, collateralResolution: '1000000' } })).toBe(false);
    eachRequiredRefused(marketStatsSchema, stats(), Object.keys(stats()));
    eachRequiredRefused(marketSchema, market(), ['name', 'assetName', 'active', 'marketStats', 'tradingConfig', 'l2Config']);
    eachRequiredRefused(marketSchema.shape.tradingConfig, market().tradingConfig, ['minOrderSize', 'minOrderSizeChange', 'minPriceChange', 'maxLeverage']);
    eachRequiredRefused(marketSchema.shape.l2Config, market().l2Config, Object.keys(market().l2Config));
  });
});

describe('Extended funding and fee rows', () => {
  it('funding history rows and stream frames: market, hourly rate, time', () => {
    const row = { m: 'BTC-USD', f: '-0.00001250', T: 1_795_000_000_000 };
    expect(fundingHistoryRow.parse({ ...row, x: 1 })).toEqual(row);
    expect(fundingStreamFrame.parse({ type: 'FUNDING', data: { ...row, x: 1 }, ts: 1 })).toEqual({ data: row });
    for (const s of [fundingHistoryRow, fundingStreamFrame.shape.data]) {
      expect(ok(s, { ...row, f: -0.0000125 })).toBe(false);
      expect(ok(s, { ...row, T: 1.5 })).toBe(false);
      eachRequiredRefused(s, row, ['m', 'f', 'T']);
    }
    expect(ok(fundingStreamFrame, row)).toBe(false);
  });
  it('fee rows: maker and taker rates per market', () => {
    const row = { market: 'ETH-USD', makerFeeRate: '0.00000', takerFeeRate: '0.00025', builderFeeRate: '0' };
    expect(feeRows.parse([row])).toEqual([{ market: 'ETH-USD', makerFeeRate: '0.00000', takerFeeRate: '0.00025' }]);
    expect(ok(feeRow, { ...row, takerFeeRate: 0.00025 })).toBe(false);
    eachRequiredRefused(feeRow, row, ['market', 'makerFeeRate', 'takerFeeRate']);
    expect(ok(feeRows, row)).toBe(false);
  });
});

describe('Extended book frames', () => {
  const frame = () => ({ type: 'SNAPSHOT', data: { m: 'ETH-USD', b: [{ p: '2999.9', q: '1.50' }], a: [{ p: '3000.1', q: '0.75', c: '0.75' }] }, ts: 1_795_000_000_000, seq: 1 });
  it('snapshot and delta keep levels, time and sequence', () => {
    expect(bookMessage.parse({ ...frame(), x: 1, data: { ...frame().data, extra: 0 } })).toEqual(frame());
    expect(bookMessage.parse({ ...frame(), type: 'DELTA', data: { ...frame().data, b: [{ p: '2999.9', q: '-0.50' }] } }).data.b).toEqual([{ p: '2999.9', q: '-0.50' }]);
  });
  it('refuses an unknown type, a bad level or a missing sequence', () => {
    for (const type of ['UPDATE', '', 'snapshot']) expect(ok(bookMessage, { ...frame(), type }), type).toBe(false);
    expect(ok(bookMessage, { ...frame(), data: { ...frame().data, b: [{ p: 2999.9, q: '1' }] } })).toBe(false);
    expect(ok(bookMessage, { ...frame(), data: { ...frame().data, a: [{ p: '1', q: '1', c: 'x' }] } })).toBe(false);
    expect(ok(bookMessage, { ...frame(), data: { ...frame().data, a: [{ p: '1' }] } })).toBe(false);
    eachRequiredRefused(bookMessage, frame(), ['type', 'data', 'ts', 'seq']);
    eachRequiredRefused(bookMessage.shape.data, frame().data, ['m', 'b', 'a']);
  });
});

describe('Extended orders, trades, positions, payments', () => {
  const order = () => ({ id: 1001, externalId: '1700000000001', market: 'ETH-USD', side: 'BUY', status: 'PARTIALLY_FILLED', statusReason: 'NONE', price: '3000.0', averagePrice: '3000.0', qty: '0.50', filledQty: '0.20', reduceOnly: false, timeInForce: 'GTT', updatedTime: 1_795_000_000_123 });
  it('an order keeps every field; side is BUY or SELL only', () => {
    expect(orderSchema.parse({ ...order(), accountId: 3, type: 'LIMIT', payedFee: '0.1' })).toEqual(order());
    expect(orderSchema.parse({ ...order(), side: 'SELL' }).side).toBe('SELL');
    for (const side of ['buy', 'LONG', '']) expect(ok(orderSchema, { ...order(), side }), side).toBe(false);
    expect(ok(orderSchema, { ...order(), externalId: 1700000000001 })).toBe(false);
    expect(ok(orderSchema, { ...order(), filledQty: '0.2x' })).toBe(false);
    eachRequiredRefused(orderSchema, order(), ['id', 'externalId', 'market', 'side', 'status', 'price', 'qty', 'reduceOnly', 'updatedTime']);
  });

  const trade = () => ({ id: 77, market: 'BTC-USD', orderId: 1002, side: 'SELL', price: '60000', qty: '0.0010', fee: '0.015000', isTaker: true, createdTime: 1_795_000_000_456 });
  it('a trade keeps every field; the fee is a decimal string', () => {
    expect(tradeSchema.parse({ ...trade(), value: '60.000000', tradeType: 'TRADE' })).toEqual(trade());
    expect(tradeSchema.parse({ ...trade(), side: 'BUY' }).side).toBe('BUY');
    for (const side of ['sell', '']) expect(ok(tradeSchema, { ...trade(), side }), side).toBe(false);
    expect(ok(tradeSchema, { ...trade(), fee: 0.015 })).toBe(false);
    expect(ok(tradeSchema, { ...trade(), isTaker: 'true' })).toBe(false);
    eachRequiredRefused(tradeSchema, trade(), Object.keys(trade()));
  });

  const position = () => ({ market: 'ETH-USD', side: 'SHORT', size: '1.250', openPrice: '3000.0', markPrice: '3010.5', liquidationPrice: '3600.0', unrealisedPnl: '-13.125000', leverage: '5', status: 'OPENED', id: 1, accountId: 3, value: '3763.125000', realisedPnl: '0.000000', createdAt: 1_795_000_000_000, updatedAt: 1_795_000_000_500 });
  it('a position keeps the full model; side and status are enums', () => {
    expect(positionSchema.parse({ ...position(), extra: 'x' })).toEqual(position());
    expect(positionSchema.parse({ market: 'ETH-USD', side: 'LONG', size: '0', status: 'CLOSED' })).toEqual({ market: 'ETH-USD', side: 'LONG', size: '0', status: 'CLOSED' });
    for (const side of ['short', 'BUY', '']) expect(ok(positionSchema, { ...position(), side }), side).toBe(false);
    for (const status of ['OPEN', 'closed', '']) expect(ok(positionSchema, { ...position(), status }), status).toBe(false);
    expect(ok(positionSchema, { ...position(), size: 1.25 })).toBe(false);
    expect(ok(positionSchema, { ...position(), leverage: 5 })).toBe(false);
    eachRequiredRefused(positionSchema, position(), ['market', 'side', 'size']);
  });

  it('a balance keeps its three amounts', () => {
    const b = { balance: '1000.000000', equity: '987.660000', availableForTrade: '800.000000' };
    expect(balanceSchema.parse({ ...b, collateralName: 'USD', unrealisedPnl: '-12.34' })).toEqual(b);
    eachRequiredRefused(balanceSchema, b, Object.keys(b));
  });

  const pay = () => ({ id: 9, market: 'BTC-USD', side: 'LONG', size: '0.5', fundingFee: '-0.000123', fundingRate: '0.00001300', markPrice: '60000.0', paidTime: 1_795_000_000_000 });
  it('a funding payment, with or without an id', () => {
    expect(fundingPaymentSchema.parse({ ...pay(), accountId: 3, value: '30000' })).toEqual(pay());
    const noId: Record<string, unknown> = pay();
    delete noId.id;
    expect(fundingPaymentSchema.parse(noId)).toEqual(noId);
    expect(fundingPaymentSchema.parse({ ...pay(), side: 'SHORT' }).side).toBe('SHORT');
    for (const side of ['long', '']) expect(ok(fundingPaymentSchema, { ...pay(), side }), side).toBe(false);
    expect(ok(fundingPaymentSchema, { ...pay(), fundingFee: -0.000123 })).toBe(false);
    eachRequiredRefused(fundingPaymentSchema, pay(), ['market', 'side', 'size', 'fundingFee', 'paidTime']);
  });

  it('a placement ack: the venue id, our external id if echoed', () => {
    expect(placeAck.parse({ id: 1001, externalId: '1700000000001', x: 1 })).toEqual({ id: 1001, externalId: '1700000000001' });
    expect(placeAck.parse({ id: 1001 })).toEqual({ id: 1001 });
    expect(ok(placeAck, { externalId: '1' })).toBe(false);
    expect(ok(placeAck, { id: '1001' })).toBe(false);
  });
});

describe('Extended account-stream frames', () => {
  it('lists stay unvalidated per row but must be lists', () => {
    const f = { type: 'ORDER', data: { orders: [{ id: 1 }, 'junk'], trades: [], positions: [{}], balance: { balance: '1' }, extra: 1 }, seq: 4, ts: 1 };
    expect(accountFrame.parse(f)).toEqual({ type: 'ORDER', data: { orders: [{ id: 1 }, 'junk'], trades: [], positions: [{}], balance: { balance: '1' } }, seq: 4 });
    expect(accountFrame.parse({ type: 'PING', data: null })).toEqual({ type: 'PING', data: null });
    expect(accountFrame.parse({ type: 'PING' })).toEqual({ type: 'PING' });
    for (const key of ['orders', 'trades', 'positions']) expect(ok(accountFrame, { type: 'X', data: { [key]: { id: 1 } } }), key).toBe(false);
    expect(ok(accountFrame, { data: {} })).toBe(false);
    expect(ok(accountFrame, { type: 'X', seq: 1.5 })).toBe(false);
  });
});
