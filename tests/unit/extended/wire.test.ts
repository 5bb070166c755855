// Extended wire mapping: statuses, end reasons and rejection codes normalised; money exact;
// positions signed; funding payments keyed without an id.
import { describe, expect, it } from 'vitest';
import { endReasonOf, rejectReasonOf, statusOf } from '../../../src-core/venues/extended/wire/reasons';
import { marketStatusOf, toFundingPayment, toPosition } from '../../../src-core/venues/extended/wire/mappers';
import { plainRate } from '../../../src-core/venues/extended/wire/money';

describe('Extended statuses and reasons', () => {
  it('maps every SDK 0.0.17 status', () => {
    expect(['NEW', 'UNTRIGGERED', 'PARTIALLY_FILLED', 'FILLED', 'CANCELLED', 'EXPIRED', 'REJECTED', 'UNKNOWN'].map((s) => statusOf(s, undefined))).toEqual(['open', 'open', 'partially-filled', 'filled', 'canceled', 'expired', 'rejected', 'pending']);
  });

  it('maps matching-time reasons to end reasons', () => {
    const cases: [string, string, string | undefined, string][] = [
      ['rejected', 'POST_ONLY_FAILED', 'GTT', 'post-only-would-cross'],
      ['rejected', 'REDUCE_ONLY_FAILED', 'GTT', 'reduce-only'],
      ['canceled', 'ORDER_REPLACED', 'GTT', 'replaced'],
      ['rejected', 'SELF_TRADE_PROTECTION', 'GTT', 'self-trade'],
      ['canceled', 'NO_LIQUIDITY', 'IOC', 'ioc-unfilled'],
      ['canceled', 'NONE', 'IOC', 'ioc-unfilled'],
      ['canceled', 'NONE', 'GTT', 'canceled-by-us'],
      ['rejected', 'NOT_ENOUGH_FUNDS', 'GTT', 'insufficient-margin'],
      ['rejected', 'REDUCE_ONLY_MODE', 'GTT', 'market-closed'],
      ['rejected', 'PREV_ORDER_NOT_FOUND', 'GTT', 'other'],
      ['expired', 'NONE', 'GTT', 'expired'],
    ];
    for (const [status, reason, tif, want] of cases) expect(endReasonOf(status as never, reason, tif)).toBe(want);
    expect(endReasonOf('open', undefined, 'GTT')).toBeNull();
    expect(endReasonOf('partially-filled', undefined, 'GTT')).toBeNull();
  });

  it('normalises REST refusals by code, then by error name', () => {
    expect(rejectReasonOf('1120', 'OrderQtyLessThanMinTradeSize', 400)).toBe('below-minimum');
    expect(rejectReasonOf('1136', 'x', 400)).toBe('reduce-only');
    expect(rejectReasonOf('1140', 'x', 400)).toBe('insufficient-margin');
    expect(rejectReasonOf('1013', 'x', 400)).toBe('market-closed');
    expect(rejectReasonOf('9999', 'DuplicateOrder', 400)).toBe('duplicate-client-id');
    expect(rejectReasonOf('9999', 'InvalidQtyWrongSizeIncrement', 400)).toBe('off-grid');
    expect(rejectReasonOf('9999', 'ReduceOnlyMode', 400)).toBe('market-closed');
    expect(rejectReasonOf(null, 'HTTP 429', 429)).toBe('rate-limited');
    expect(rejectReasonOf(null, 'HTTP 401', 401)).toBe('no-credentials');
    expect(rejectReasonOf('1101', 'invalid starknet signature', 400)).toBe('other');
  });

  it('maps market statuses; anything unknown is not tradable', () => {
    expect(['ACTIVE', 'REDUCE_ONLY', 'DELISTED', 'PRELISTED', 'DISABLED'].map((s) => marketStatusOf(s, true))).toEqual(['active', 'reduce-only', 'delisted', 'prelisted', 'delisted']);
    expect(marketStatusOf(undefined, false)).toBe('delisted');
  });
});

describe('Extended exact money', () => {
  it('signs positions from side and size, flat when CLOSED', () => {
    expect(toPosition({ market: 'ETH-USD', side: 'SHORT', size: '1.250' }).size).toBe('-1.250');
    expect(toPosition({ market: 'ETH-USD', side: 'LONG', size: '0.010' }).size).toBe('0.010');
    expect(toPosition({ market: 'ETH-USD', side: 'LONG', size: '0.010', status: 'CLOSED' }).size).toBe('0');
  });

  it('keys funding payments by market and paid time, cash exact', () => {
    const p = toFundingPayment({ market: 'BTC-USD', side: 'SHORT', size: '0.5', fundingFee: '-0.000123', paidTime: 1_795_000_000_000 });
    expect(p).toMatchObject({ venuePaymentId: 'BTC-USD:1795000000000', cashUsd: '-0.000123', positionSize: '0.5', positionSide: 'short', hourlyRate: null });
  });

  it('refuses a fee rate in exponent notation', () => {
    expect(plainRate('0.0000001')).toBe('0.0000001');
    expect(() => plainRate('1e-7')).toThrow();
  });
});
