// Extended's own words mapped onto the port's normalised reasons. Order statuses and
// statusReason values are SDK 0.0.17's OrderStatus / OrderStatusReason (x10/perpetual/orders.py,
// venues.md §2.4); REST error codes and names are venues.md §2.6 (codes the docs do not give
// are matched by the error's name in the message).
import type { OrderEndReason, OrderStatus, RejectReason } from '../../port';

export function statusOf(status: string, filledQty: string | undefined): OrderStatus {
  switch (status) {
    case 'NEW':
    case 'UNTRIGGERED':
    case 'TRIGGERED':
      return 'open';
    case 'PARTIALLY_FILLED':
      return 'partially-filled';
    case 'FILLED':
      return 'filled';
    case 'CANCELLED':
      return 'canceled';
    case 'EXPIRED':
      return 'expired';
    case 'REJECTED':
      return 'rejected';
    default:
      // UNKNOWN or a status added later: never assumed open, and never terminal.
      return filledQty !== undefined && /[1-9]/.test(filledQty) ? 'partially-filled' : 'pending';
  }
}

const END_BY_STATUS_REASON: Readonly<Record<string, OrderEndReason>> = {
  POST_ONLY_FAILED: 'post-only-would-cross',
  REDUCE_ONLY_FAILED: 'reduce-only',
  ORDER_REPLACED: 'replaced',
  SELF_TRADE_PROTECTION: 'self-trade',
  NO_LIQUIDITY: 'ioc-unfilled',
  NOT_ENOUGH_FUNDS: 'insufficient-margin',
  UNKNOWN_MARKET: 'market-closed',
  DISABLED_MARKET: 'market-closed',
  POST_ONLY_MODE: 'market-closed',
  REDUCE_ONLY_MODE: 'market-closed',
  TRADING_OFF_MODE: 'market-closed',
  INVALID_PRICE: 'price-band',
  INVALID_FEE: 'other',
  INVALID_QTY: 'other',
  INVALID_VALUE: 'other',
  INVALID_EXPIRE_TIME: 'other',
  INVALID_LEVERAGE: 'other',
  UNKNOWN_ACCOUNT: 'other',
  POSITION_TPSL_CONFLICT: 'other',
  PREV_ORDER_NOT_FOUND: 'other',
  PREV_ORDER_TRIGGERED: 'other',
  PREV_ORDER_CONFLICT: 'other',
  TPSL_OTHER_SIDE_FILLED: 'other',
};

/** Why a terminal order ended; null while it is live. */
export function endReasonOf(status: OrderStatus, statusReason: string | undefined, timeInForce: string | undefined): OrderEndReason | null {
  if (status === 'filled') return 'filled';
  if (status === 'expired') return 'expired';
  if (status !== 'canceled' && status !== 'rejected') return null;
  // Own keys only: a venue string such as "toString" must not pick up an Object.prototype method.
  const mapped = statusReason !== undefined && Object.hasOwn(END_BY_STATUS_REASON, statusReason) ? END_BY_STATUS_REASON[statusReason] : undefined;
  if (mapped !== undefined) return mapped;
  // NONE / UNKNOWN / absent: an IOC's unfilled rest is cancelled without a reason; any other
  // plain cancel is ours (a cancel, a mass cancel or our dead-man switch).
  if (status === 'canceled') return timeInForce === 'IOC' ? 'ioc-unfilled' : 'canceled-by-us';
  return 'other';
}

const REJECT_BY_CODE: Readonly<Record<number, RejectReason>> = {
  1001: 'market-closed', // MarketNotFound
  1002: 'market-closed', // MarketDisabled
  1013: 'market-closed', // MarketReduceOnly
  1120: 'below-minimum', // OrderQtyLessThanMinTradeSize
  1136: 'reduce-only', // ReduceOnlyOrderSizeExceedsPositionSize
  1140: 'insufficient-margin', // OrderCostExceedsBalance
};

/** Error names from the docs (codes not captured), matched in the message. Longest first. */
const REJECT_BY_NAME: readonly (readonly [RegExp, RejectReason])[] = [
  [/DuplicateOrder|already exists|duplicate/i, 'duplicate-client-id'],
  [/ReduceOnlyMode|MarketReduceOnly|MaintenanceMode|PostOnlyMode|MarketDisabled|MarketNotFound|market (is )?(closed|disabled|reduce.only)/i, 'market-closed'],
  [/ReduceOnlyOrder|NonReduceOnlyOrdersNotAllowed|reduce.only/i, 'reduce-only'],
  [/WrongSizeIncrement|QtyPrecision|WrongPriceMovement|PricePrecision|not a multiple/i, 'off-grid'],
  [/LessThanMin|below min/i, 'below-minimum'],
  [/InvalidPriceAmount|price band|too far from mark|limitPrice/i, 'price-band'],
  [/CostExceedsBalance|OpenLossExceedsEquity|InsufficientMargin|not enough funds/i, 'insufficient-margin'],
  [/EditOrderNotFound|order not found/i, 'unknown-order'],
];

export function rejectReasonOf(code: string | null, message: string, status: number): RejectReason {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'no-credentials';
  const byCode = code === null ? undefined : REJECT_BY_CODE[Number(code)];
  if (byCode !== undefined) return byCode;
  for (const [re, reason] of REJECT_BY_NAME) if (re.test(message)) return reason;
  if (status === 404) return 'unknown-order';
  return 'other';
}
