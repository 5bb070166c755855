// Extended JSON → port values (src-core/venues/extended/wire/mappers.ts and money.ts), with
// payloads shaped as the simulator renders them (sim/extended/render.ts; venues.md §2.2-2.5):
// orders, trades, positions, balances and funding payments map to exact port values.
import { describe, expect, it } from 'vitest';
import { fundingPaymentKey, marketStatusOf, toBalance, toFill, toFundingPayment, toOrderState, toPosition } from '../../../src-core/venues/extended/wire/mappers';
import { exact, negate, plainRate } from '../../../src-core/venues/extended/wire/money';
import type { ExtendedFundingPayment, ExtendedOrder, ExtendedPosition, ExtendedTrade } from '../../../src-core/venues/extended/wire/schemas';

function order(over: Partial<ExtendedOrder> = {}): ExtendedOrder {
  return { id: 1_001, externalId: '1700000000001', market: 'ETH-USD', side: 'BUY', status: 'NEW', price: '3000.0', qty: '0.50', filledQty: '0.00', reduceOnly: false, timeInForce: 'GTT', updatedTime: 1_795_000_000_123, ...over };
}

function trade(over: Partial<ExtendedTrade> = {}): ExtendedTrade {
  return { id: 77, market: 'BTC-USD', orderId: 1_002, side: 'SELL', price: '60000', qty: '0.0010', fee: '0.015000', isTaker: true, createdTime: 1_795_000_000_456, ...over };
}

function position(over: Partial<ExtendedPosition> = {}): ExtendedPosition {
  return { market: 'ETH-USD', side: 'LONG', size: '1.250', status: 'OPENED', openPrice: '3000.0', markPrice: '3010.5', liquidationPrice: '2400.0', unrealisedPnl: '13.125000', leverage: '5', ...over };
}

function payment(over: Partial<ExtendedFundingPayment> = {}): ExtendedFundingPayment {
  return { id: 9, market: 'BTC-USD', side: 'LONG', size: '0.5', fundingFee: '-0.000123', fundingRate: '0.00001300', markPrice: '60000.0', paidTime: 1_795_000_000_000, ...over };
}

describe('Extended market status', () => {
  it('the status decides; without one the legacy active flag does', () => {
    expect(marketStatusOf('ACTIVE', false)).toBe('active');
    expect(marketStatusOf('REDUCE_ONLY', true)).toBe('reduce-only');
    expect(marketStatusOf('PRELISTED', true)).toBe('prelisted');
    expect(marketStatusOf('DELISTED', true)).toBe('delisted');
    expect(marketStatusOf('', true)).toBe('delisted');
    expect(marketStatusOf(undefined, true)).toBe('active');
    expect(marketStatusOf(undefined, false)).toBe('delisted');
  });
});

describe('Extended orders', () => {
  it('a new buy: every field, client id verbatim, nothing filled', () => {
    expect(toOrderState(order())).toEqual({
      venue: 'extended',
      symbol: 'ETH',
      clientOrderId: '1700000000001',
      venueOrderId: '1001',
      side: 'buy',
      status: 'open',
      endReason: null,
      venueReason: 'NEW',
      price: '3000.0',
      size: '0.50',
      filledSize: '0.00',
      avgFillPrice: null,
      reduceOnly: false,
      updatedAtMs: 1_795_000_000_123,
    });
  });
  it('a partially filled sell with an average price', () => {
    expect(toOrderState(order({ side: 'SELL', status: 'PARTIALLY_FILLED', filledQty: '0.20', averagePrice: '3001.5', reduceOnly: true }))).toMatchObject({ side: 'sell', status: 'partially-filled', endReason: null, filledSize: '0.20', avgFillPrice: 3001.5, reduceOnly: true });
  });
  it('the statusReason is the venue reason when present; a missing filledQty is "0"', () => {
    const { filledQty: _f, ...noFilled } = order({ status: 'REJECTED', statusReason: 'POST_ONLY_FAILED' });
    expect(toOrderState(noFilled)).toMatchObject({ status: 'rejected', endReason: 'post-only-would-cross', venueReason: 'POST_ONLY_FAILED', filledSize: '0' });
    expect(toOrderState(order({ status: 'CANCELLED', statusReason: 'NONE', timeInForce: 'IOC' }))).toMatchObject({ status: 'canceled', endReason: 'ioc-unfilled', venueReason: 'NONE' });
    expect(toOrderState(order({ status: 'FILLED', filledQty: '0.50', averagePrice: '3000.0' }))).toMatchObject({ status: 'filled', endReason: 'filled', venueReason: 'FILLED', avgFillPrice: 3000 });
  });
  it('a market without a dash keeps its whole name as the symbol', () => {
    expect(toOrderState(order({ market: 'ETH' })).symbol).toBe('ETH');
    expect(toOrderState(order({ market: '1000PEPE-USD' })).symbol).toBe('1000PEPE');
  });
});

describe('Extended fills', () => {
  it('a taker sell: every field, fee exact', () => {
    expect(toFill(trade(), '1700000000002')).toEqual({
      venue: 'extended',
      symbol: 'BTC',
      venueFillId: '77',
      venueOrderId: '1002',
      clientOrderId: '1700000000002',
      side: 'sell',
      size: '0.0010',
      price: '60000',
      feeUsd: '0.015000',
      isMaker: false,
      timeMs: 1_795_000_000_456,
    });
  });
  it('a maker buy with a rebate; an unknown order has no client id', () => {
    expect(toFill(trade({ side: 'BUY', isTaker: false, fee: '-0.003000' }), null)).toMatchObject({ side: 'buy', isMaker: true, feeUsd: '-0.003000', clientOrderId: null });
  });
  it('fees are canonical: no plus sign, no sign on zero, scale kept', () => {
    expect(toFill(trade({ fee: '-0.000000' }), null).feeUsd).toBe('0.000000');
    expect(toFill(trade({ fee: '+1.50' }), null).feeUsd).toBe('1.50');
    expect(toFill(trade({ fee: '0' }), null).feeUsd).toBe('0');
    expect(toFill(trade({ fee: '123456789.123456789' }), null).feeUsd).toBe('123456789.123456789');
  });
});

describe('Extended positions', () => {
  it('a long: size exact, prices as numbers', () => {
    expect(toPosition(position())).toEqual({ venue: 'extended', symbol: 'ETH', size: '1.250', entryPrice: 3000, markPrice: 3010.5, liquidationPrice: 2400, unrealizedPnlUsd: 13.125, leverage: 5 });
  });
  it('a short is negative, exactly', () => {
    expect(toPosition(position({ side: 'SHORT', size: '0.001', unrealisedPnl: '-2.500000' }))).toMatchObject({ size: '-0.001', unrealizedPnlUsd: -2.5 });
    expect(toPosition(position({ side: 'SHORT', size: '1000000.12345678' })).size).toBe('-1000000.12345678');
  });
  it('a zero size is flat whatever the status and side', () => {
    for (const size of ['0', '0.000', '-0.000', '000.0', '00']) {
      expect(toPosition(position({ size })).size, `LONG ${size}`).toBe('0');
      expect(toPosition(position({ side: 'SHORT', size })).size, `SHORT ${size}`).toBe('0');
    }
    expect(toPosition(position({ size: '0.001' })).size).toBe('0.001');
    expect(toPosition(position({ size: '10.000' })).size).toBe('10.000');
  });
  it('CLOSED is flat even with a size left on the row', () => {
    expect(toPosition(position({ side: 'SHORT', size: '1.250', status: 'CLOSED' })).size).toBe('0');
  });
  it('the optional numbers: 0 when absent, null where no value is meaningful', () => {
    expect(toPosition({ market: 'SOL-USD', side: 'LONG', size: '3' })).toEqual({ venue: 'extended', symbol: 'SOL', size: '3', entryPrice: 0, markPrice: 0, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: null });
    expect(toPosition(position({ liquidationPrice: '0', leverage: '0' }))).toMatchObject({ liquidationPrice: 0, leverage: 0 });
  });
});

describe('Extended balance and funding payments', () => {
  it('balance strings become canonical exact strings', () => {
    expect(toBalance({ balance: '1000.000000', equity: '+987.660000', availableForTrade: '-0.000000' })).toEqual({ venue: 'extended', collateralUsd: '1000.000000', equityUsd: '987.660000', availableUsd: '0.000000' });
    expect(toBalance({ balance: '5', equity: '-12.5', availableForTrade: '0.10' })).toEqual({ venue: 'extended', collateralUsd: '5', equityUsd: '-12.5', availableUsd: '0.10' });
  });
  it('a payment: every field, keyed by market and paid time, rate and mark kept', () => {
    expect(toFundingPayment(payment())).toEqual({
      venue: 'extended',
      symbol: 'BTC',
      venuePaymentId: 'BTC-USD:1795000000000',
      settlementTimeMs: 1_795_000_000_000,
      cashUsd: '-0.000123',
      hourlyRate: 0.000013,
      positionSide: 'long',
      positionSize: '0.5',
      markPrice: 60000,
    });
    expect(fundingPaymentKey('ETH-USD', 0)).toBe('ETH-USD:0');
  });
  it('a short payment: the size is unsigned even if the venue signs it', () => {
    expect(toFundingPayment(payment({ side: 'SHORT', size: '-0.5', fundingFee: '0.000123', fundingRate: '0.00001300' }))).toMatchObject({ positionSide: 'short', positionSize: '0.5', cashUsd: '0.000123', hourlyRate: 0.000013 });
    expect(toFundingPayment(payment({ size: '2.000' })).positionSize).toBe('2.000');
  });
  it('a rate outside the plausible range or unparsable is dropped, not guessed; the cash stays', () => {
    expect(toFundingPayment(payment({ fundingRate: '0.5' }))).toMatchObject({ hourlyRate: null, cashUsd: '-0.000123' });
    expect(toFundingPayment(payment({ fundingRate: '-0.03' })).hourlyRate).toBe(-0.03);
    const { fundingRate: _r, markPrice: _m, ...bare } = payment();
    expect(toFundingPayment(bare)).toMatchObject({ hourlyRate: null, markPrice: null });
  });
  it('a malformed size is refused, not repaired', () => {
    expect(() => toFundingPayment(payment({ size: '1-2' }))).toThrow();
  });
});

describe('Extended exact money', () => {
  it('exact and negate keep the scale and never sign zero', () => {
    expect(exact('1.50')).toBe('1.50');
    expect(exact('-0.00')).toBe('0.00');
    expect(negate('1.250')).toBe('-1.250');
    expect(negate('-1.250')).toBe('1.250');
    expect(negate('0.000')).toBe('0.000');
    expect(() => exact('1e-7')).toThrow();
  });
  it('a fee rate must be plain and non-negative', () => {
    expect(plainRate('0.00025')).toBe('0.00025');
    expect(plainRate('12')).toBe('12');
    expect(plainRate('2')).toBe('2');
    expect(plainRate('0.10')).toBe('0.10');
    for (const bad of ['1e-7', '-0.0002', '+0.0002', 'x0.1', '0.1x', '1.', '.5', '']) expect(() => plainRate(bad), bad).toThrow(`fee rate must be a plain non-negative decimal, got ${JSON.stringify(bad)}`);
  });
});
