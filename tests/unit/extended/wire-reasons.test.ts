// Extended order statuses, end reasons and REST refusals (src-core/venues/extended/wire/reasons.ts):
// every SDK 0.0.17 OrderStatus and OrderStatusReason (venues.md §2.4) and every error code and name
// of venues.md §2.6 maps to its normalised port value.
import { describe, expect, it } from 'vitest';
import { endReasonOf, rejectReasonOf, statusOf } from '../../../src-core/venues/extended/wire/reasons';

describe('Extended order statuses', () => {
  it('every known status', () => {
    const table: [string, string][] = [
      ['NEW', 'open'],
      ['UNTRIGGERED', 'open'],
      ['TRIGGERED', 'open'],
      ['PARTIALLY_FILLED', 'partially-filled'],
      ['FILLED', 'filled'],
      ['CANCELLED', 'canceled'],
      ['EXPIRED', 'expired'],
      ['REJECTED', 'rejected'],
    ];
    for (const [status, want] of table) {
      expect(statusOf(status, '0.00'), status).toBe(want);
      expect(statusOf(status, '0.10'), `${status} with a fill`).toBe(want);
    }
  });
  it('an unknown status is pending, or partially-filled once something filled; never open', () => {
    expect(statusOf('UNKNOWN', undefined)).toBe('pending');
    expect(statusOf('UNKNOWN', '0.000')).toBe('pending');
    expect(statusOf('UNKNOWN', '0')).toBe('pending');
    expect(statusOf('SOMETHING_NEW', '0.010')).toBe('partially-filled');
    expect(statusOf('SOMETHING_NEW', '9')).toBe('partially-filled');
    expect(statusOf('new', undefined)).toBe('pending');
  });
});

describe('Extended end reasons', () => {
  const REASONS: [string, string][] = [
    ['POST_ONLY_FAILED', 'post-only-would-cross'],
    ['REDUCE_ONLY_FAILED', 'reduce-only'],
    ['ORDER_REPLACED', 'replaced'],
    ['SELF_TRADE_PROTECTION', 'self-trade'],
    ['NO_LIQUIDITY', 'ioc-unfilled'],
    ['NOT_ENOUGH_FUNDS', 'insufficient-margin'],
    ['UNKNOWN_MARKET', 'market-closed'],
    ['DISABLED_MARKET', 'market-closed'],
    ['POST_ONLY_MODE', 'market-closed'],
    ['REDUCE_ONLY_MODE', 'market-closed'],
    ['TRADING_OFF_MODE', 'market-closed'],
    ['INVALID_PRICE', 'price-band'],
    ['INVALID_FEE', 'other'],
    ['INVALID_QTY', 'other'],
    ['INVALID_VALUE', 'other'],
    ['INVALID_EXPIRE_TIME', 'other'],
    ['INVALID_LEVERAGE', 'other'],
    ['UNKNOWN_ACCOUNT', 'other'],
    ['POSITION_TPSL_CONFLICT', 'other'],
    ['PREV_ORDER_NOT_FOUND', 'other'],
    ['PREV_ORDER_TRIGGERED', 'other'],
    ['PREV_ORDER_CONFLICT', 'other'],
    ['TPSL_OTHER_SIDE_FILLED', 'other'],
  ];

  it('every statusReason of a cancelled or rejected order, whatever the time in force', () => {
    for (const [reason, want] of REASONS) {
      expect(endReasonOf('canceled', reason, 'GTT'), `canceled ${reason}`).toBe(want);
      expect(endReasonOf('rejected', reason, 'IOC'), `rejected ${reason}`).toBe(want);
    }
  });
  it('no reason: an IOC cancel is its unfilled rest, any other cancel is ours, a rejection is other', () => {
    // Object.prototype names ("toString") are no reason either: they once came back as functions.
    for (const reason of ['NONE', 'UNKNOWN', undefined, 'SOMETHING_NEW', 'toString', 'constructor', '__proto__']) {
      expect(endReasonOf('canceled', reason, 'IOC'), String(reason)).toBe('ioc-unfilled');
      expect(endReasonOf('canceled', reason, 'GTT'), String(reason)).toBe('canceled-by-us');
      expect(endReasonOf('canceled', reason, undefined), String(reason)).toBe('canceled-by-us');
      expect(endReasonOf('rejected', reason, 'IOC'), String(reason)).toBe('other');
      expect(endReasonOf('rejected', reason, 'GTT'), String(reason)).toBe('other');
    }
  });
  it('filled and expired end as such; live orders have no end reason', () => {
    expect(endReasonOf('filled', 'NONE', 'GTT')).toBe('filled');
    expect(endReasonOf('filled', 'NO_LIQUIDITY', 'IOC')).toBe('filled');
    expect(endReasonOf('expired', 'NONE', 'GTT')).toBe('expired');
    expect(endReasonOf('expired', 'POST_ONLY_FAILED', 'GTT')).toBe('expired');
    for (const live of ['open', 'partially-filled', 'pending'] as const) {
      expect(endReasonOf(live, undefined, 'GTT')).toBeNull();
      expect(endReasonOf(live, 'POST_ONLY_FAILED', 'IOC')).toBeNull();
    }
  });
});

describe('Extended REST refusals', () => {
  it('every documented code', () => {
    const table: [string, string][] = [
      ['1001', 'market-closed'],
      ['1002', 'market-closed'],
      ['1013', 'market-closed'],
      ['1120', 'below-minimum'],
      ['1136', 'reduce-only'],
      ['1140', 'insufficient-margin'],
    ];
    for (const [code, want] of table) expect(rejectReasonOf(code, 'refused', 400), code).toBe(want);
  });
  it('a code beats the message; the HTTP status beats both', () => {
    expect(rejectReasonOf('1120', 'DuplicateOrder', 400)).toBe('below-minimum');
    expect(rejectReasonOf('1120', 'x', 429)).toBe('rate-limited');
    expect(rejectReasonOf('1120', 'x', 401)).toBe('no-credentials');
    expect(rejectReasonOf('1120', 'x', 403)).toBe('no-credentials');
    expect(rejectReasonOf(null, 'x', 403)).toBe('no-credentials');
  });
  it('every error name of the docs, matched in the message', () => {
    const table: [string, string][] = [
      ['DuplicateOrder', 'duplicate-client-id'],
      ['order with this externalId already exists', 'duplicate-client-id'],
      ['Duplicate external id', 'duplicate-client-id'],
      ['ReduceOnlyMode', 'market-closed'],
      ['MarketReduceOnly', 'market-closed'],
      ['MaintenanceMode', 'market-closed'],
      ['PostOnlyMode', 'market-closed'],
      ['MarketDisabled', 'market-closed'],
      ['MarketNotFound', 'market-closed'],
      ['market closed', 'market-closed'],
      ['Market is closed', 'market-closed'],
      ['market is disabled', 'market-closed'],
      ['market disabled', 'market-closed'],
      ['market is reduce-only', 'market-closed'],
      ['market reduce only', 'market-closed'],
      ['ReduceOnlyOrderSizeExceedsPositionSize', 'reduce-only'],
      ['NonReduceOnlyOrdersNotAllowed', 'reduce-only'],
      ['order is reduce-only', 'reduce-only'],
      ['reduce only order would increase', 'reduce-only'],
      ['InvalidQtyWrongSizeIncrement', 'off-grid'],
      ['InvalidQtyPrecision', 'off-grid'],
      ['InvalidPriceWrongPriceMovement', 'off-grid'],
      ['InvalidPricePrecision', 'off-grid'],
      ['qty is not a multiple of the step', 'off-grid'],
      ['OrderQtyLessThanMinTradeSize', 'below-minimum'],
      ['size below minimum', 'below-minimum'],
      ['InvalidPriceAmount', 'price-band'],
      ['outside the price band', 'price-band'],
      ['price too far from mark', 'price-band'],
      ['limitPrice exceeds cap', 'price-band'],
      ['OrderCostExceedsBalance', 'insufficient-margin'],
      ['OpenLossExceedsEquity', 'insufficient-margin'],
      ['InsufficientMargin', 'insufficient-margin'],
      ['Not enough funds', 'insufficient-margin'],
      ['EditOrderNotFound', 'unknown-order'],
      ['Order not found', 'unknown-order'],
    ];
    for (const [message, want] of table) expect(rejectReasonOf(null, message, 400), message).toBe(want);
    expect(rejectReasonOf('9999', 'DuplicateOrder', 400)).toBe('duplicate-client-id');
  });
  it('nothing matched: 404 is an unknown order, anything else is other', () => {
    expect(rejectReasonOf(null, 'Not Found', 404)).toBe('unknown-order');
    expect(rejectReasonOf('9999', '', 404)).toBe('unknown-order');
    expect(rejectReasonOf(null, 'invalid starknet signature', 400)).toBe('other');
    expect(rejectReasonOf(null, '', 500)).toBe('other');
    expect(rejectReasonOf('abc', '', 400)).toBe('other');
  });
});
