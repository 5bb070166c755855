// Lighter's refusals and order endings, normalised for the port (port.ts REJECT_REASONS and
// ORDER_END_REASONS). Sources: venues.md §1.8 (error codes from the docs page "Data Structures,
// Constants and Errors"), §1.4 and the OpenAPI spec in zklighter-perps 1.0.272 (definitions.Order
// .status enum, listed in full below), and what the simulator's Lighter face sends (sim/lighter).
import type { OrderEndReason, OrderStatus, RejectReason } from '../../port';

/** sendTx error codes → reason. A code missing here falls back to the message, then 'other'. */
const REJECT_BY_CODE: Readonly<Record<number, RejectReason>> = {
  21104: 'invalid-nonce', // the simulator's code; the docs list none (detect by message, as the SDK does)
  21501: 'other', // invalid tx info
  21505: 'unsupported', // unsupported tx type
  21506: 'rate-limited', // too many pending txs
  21507: 'insufficient-margin', // below maintenance margin
  21508: 'insufficient-margin', // below initial margin
  21511: 'unsupported', // invalid tx type for account
  21600: 'unknown-order', // not an active limit order
  21602: 'unsupported', // invalid market index
  21603: 'below-minimum', // invalid min amounts
  21605: 'market-closed', // invalid market status
  21613: 'other', // invalid margin mode
  21614: 'other', // no position found
  21700: 'unknown-order', // invalid order index
  21701: 'off-grid', // invalid base amount
  21702: 'off-grid', // invalid price
  21706: 'below-minimum', // min size / min notional
  21707: 'unknown-order', // not owner
  21709: 'unknown-order', // inactive order
  21711: 'other', // invalid expiry
  21712: 'other', // a cancel-all is already queued (dead-man switch)
  21715: 'unknown-order', // not an active order
  21717: 'other', // max active orders
  21718: 'other', // max active orders per market
  21727: 'duplicate-client-id', // invalid client order index
  21728: 'duplicate-client-id', // client order index exists
  21732: 'reduce-only', // reduce-only increases position
  21738: 'reduce-only', // invalid reduce-only direction
  21733: 'price-band', // fat-finger price
  21734: 'price-band', // limit price too far from mark
  21735: 'price-band', // SL/TP too far from trigger
  21739: 'insufficient-margin', // not enough margin
  23000: 'rate-limited', // too many requests (also per-tx-type limits on Standard)
  29500: 'other', // internal: arrives as HTTP 400 and the docs say retry it
  29501: 'other', // timeout
};

export function rejectReasonOf(venueCode: string | null, venueMessage: string, status: number): RejectReason {
  // Nonce errors carry no documented code: the SDK detects them by this text.
  if (/invalid nonce/i.test(venueMessage)) return 'invalid-nonce';
  if (status === 429) return 'rate-limited';
  const code = venueCode === null ? NaN : Number(venueCode);
  return REJECT_BY_CODE[code] ?? (status === 401 || status === 403 ? 'no-credentials' : 'other');
}

/** Every order status the spec lists (definitions.Order.status), with what it means here. */
const END_BY_STATUS: Readonly<Record<string, OrderEndReason>> = {
  canceled: 'canceled-by-us',
  'canceled-by-user': 'canceled-by-us',
  'canceled-post-only': 'post-only-would-cross',
  'canceled-reduce-only': 'reduce-only',
  'canceled-position-not-allowed': 'reduce-only',
  'canceled-margin-not-allowed': 'insufficient-margin',
  'canceled-invalid-balance': 'insufficient-margin',
  'canceled-too-much-slippage': 'price-band',
  'canceled-not-enough-liquidity': 'ioc-unfilled',
  'canceled-self-trade': 'self-trade',
  'canceled-expired': 'expired',
  'canceled-oco': 'replaced',
  'canceled-child': 'other',
  'canceled-liquidation': 'liquidation',
};

export interface StatusInput {
  readonly status: string;
  /** "immediate-or-cancel" | "good-till-time" | "post-only" when the venue says. */
  readonly timeInForce: string | undefined;
  readonly filledPositive: boolean;
}

/** Lighter status → port status and end reason. No partially-filled status exists on Lighter
 *  (§1.4): an open order with a fill is 'partially-filled' here. Unknown statuses stay 'pending'
 *  (in flight), never 'open'. */
export function orderStatusOf(o: StatusInput): { status: OrderStatus; endReason: OrderEndReason | null } {
  if (o.status === 'open') return { status: o.filledPositive ? 'partially-filled' : 'open', endReason: null };
  if (o.status === 'filled') return { status: 'filled', endReason: 'filled' };
  if (o.status === 'canceled-expired') return { status: 'expired', endReason: 'expired' };
  if (o.status.startsWith('canceled')) {
    // A plain "canceled" IOC was not cancelled by us: its remainder found no liquidity.
    const end = o.status === 'canceled' && o.timeInForce === 'immediate-or-cancel' ? 'ioc-unfilled' : (END_BY_STATUS[o.status] ?? 'other');
    return { status: 'canceled', endReason: end };
  }
  return { status: 'pending', endReason: null };
}
