// The order state machine, in NautilusTrader's vocabulary (docs/concepts/orders: Local /
// In-flight / Open / Closed), for one order intent of ours. Pure: an event and the current record
// give the next record or a typed refusal; nothing here sends, sleeps or reads a clock.
//
// The transitions are DATA (ORDER_TRANSITIONS in order-transitions.ts): every (state, event key) pair either has a
// row or is refused. Event keys are the events made specific enough that each row has exactly
// one target: a fill is `fill-partial` or `fill-complete` by the cumulative size it reaches, a
// readback is `found-<venue status>` or `not-found`, an acknowledgement is `accept-queued` or
// `accept-live`.
//
// Real-world edges the table keeps on purpose (each is a test):
// - A fill after a cancel or expiry ack (fills and order updates come on separate channels:
//   Lighter account_all_trades vs account_all_orders, Extended TRADE vs ORDER): canceled/expired
//   keep their state on a partial late fill and become filled on a complete one.
// - A "ghost fill": an order we hold as lost, canceled or expired that a readback finds filled.
// - Accepted (queued) then rejected by the matching engine (Extended matches asynchronously
//   after the REST reply; venues.md §7).
// - A stale acknowledgement after the stream already moved the order on (REST reply slower than
//   the account stream): the later state stays.
// - An unknown send outcome keeps the order SUBMITTED: only the account stream, a readback or the
//   reconciliation's evidence moves it. There is no "resend" event, by design.
// - "lost" (in-flight checks exhausted, see in-flight.ts) is not terminal: reconciliation owns it,
//   and any later evidence (a readback, a fill, a status) still resolves it.
// Modify (PENDING_UPDATE) is not modelled yet: replacing an order is a new intent attempt.

import { addDecimal, compareDecimal, signDecimal, subDecimal } from '../domain/decimal';
import { CLOSED_ORDER_STATES, type OrderStateName } from '../domain/enums';
import type { OrderEndReason, OrderStatus, RejectReason } from '../venues/port';
import { ORDER_TRANSITIONS, type OrderEventKey, type TransitionTarget } from './order-transitions';

export * from './order-transitions';

// ---- records and events --------------------------------------------------------------------------

export interface OrderRecord {
  readonly clientOrderId: string;
  /** Exact order size (base units). */
  readonly size: string;
  readonly state: OrderStateName;
  /** Set by the first acknowledgement; 'live' once anything showed it on the book. */
  readonly acceptedStage: 'queued' | 'live' | null;
  readonly venueOrderId: string | null;
  readonly txHash: string | null;
  /** Exact sum of the distinct fills applied (by venue fill id). */
  readonly filledSize: string;
  readonly fillIds: readonly string[];
  /** The filled size the venue last reported (readback/stream), which may run ahead of our fills:
   *  the difference is fills still to fetch. */
  readonly venueFilledSize: string | null;
  /** Ambiguous send outcomes seen, place or cancel (each a reason to query, never to re-send). */
  readonly unknownSends: number;
  readonly rejectReason: RejectReason | 'never-arrived' | null;
  readonly endReason: OrderEndReason | null;
}

export type OrderEvent =
  | { readonly kind: 'submit' }
  | { readonly kind: 'deny'; readonly reason: string }
  | { readonly kind: 'send-unknown'; readonly cause: string; readonly txHash: string | null }
  | { readonly kind: 'accept'; readonly stage: 'queued' | 'live'; readonly venueOrderId: string | null; readonly txHash: string | null }
  /** 'never-arrived': reconciliation's verdict on a lost order with no trace on the venue. */
  | { readonly kind: 'reject'; readonly reason: RejectReason | 'never-arrived' }
  | { readonly kind: 'fill'; readonly venueFillId: string; readonly size: string }
  | { readonly kind: 'cancel-requested' }
  | { readonly kind: 'cancel-rejected'; readonly reason: RejectReason }
  | { readonly kind: 'canceled'; readonly reason: OrderEndReason }
  | { readonly kind: 'expired' }
  /** A readback result or an account-stream order update (same meaning: the venue's view). */
  | {
      readonly kind: 'readback';
      readonly found: true;
      readonly status: OrderStatus;
      readonly filledSize: string;
      readonly venueOrderId: string | null;
      readonly endReason: OrderEndReason | null;
    }
  | { readonly kind: 'readback'; readonly found: false }
  | { readonly kind: 'lost' };

export class OrderFsmError extends Error {
  override readonly name: string = 'OrderFsmError';
}

/** No row for (state, event key): the event contradicts what we know. Nothing changed. */
export class IllegalTransitionError extends OrderFsmError {
  override readonly name = 'IllegalTransitionError';
  constructor(
    readonly state: OrderStateName,
    readonly key: OrderEventKey,
  ) {
    super(`order event ${key} is not allowed in state ${state}`);
  }
}

/** A fill that would take the cumulative filled size past the order size. Nothing changed. */
export class OverfillError extends OrderFsmError {
  override readonly name = 'OverfillError';
  constructor(
    readonly venueFillId: string,
    readonly orderSize: string,
    readonly wouldBeFilled: string,
  ) {
    super(`fill ${venueFillId} would fill ${wouldBeFilled} of an order of ${orderSize}`);
  }
}

/** A fill size that is not a positive exact decimal. Nothing changed. */
export class InvalidFillError extends OrderFsmError {
  override readonly name = 'InvalidFillError';
}

export type TransitionResult =
  | { readonly ok: true; readonly order: OrderRecord; readonly key: OrderEventKey | null; readonly changed: boolean }
  | { readonly ok: false; readonly error: OrderFsmError; readonly key: OrderEventKey | null };

export function newOrder(clientOrderId: string, size: string): OrderRecord {
  if (signDecimal(size) <= 0) throw new InvalidFillError(`order size must be positive, got ${size}`);
  return {
    clientOrderId,
    size,
    state: 'initialized',
    acceptedStage: null,
    venueOrderId: null,
    txHash: null,
    filledSize: '0',
    fillIds: [],
    venueFilledSize: null,
    unknownSends: 0,
    rejectReason: null,
    endReason: null,
  };
}

const FOUND_KEY: Readonly<Record<OrderStatus, OrderEventKey>> = {
  pending: 'found-pending',
  open: 'found-open',
  'partially-filled': 'found-partially-filled',
  filled: 'found-filled',
  canceled: 'found-canceled',
  rejected: 'found-rejected',
  expired: 'found-expired',
};

/** The table key of an event for this order (a fill's key depends on the size it reaches). */
export function eventKey(order: OrderRecord, event: OrderEvent): OrderEventKey {
  switch (event.kind) {
    case 'accept':
      return event.stage === 'queued' ? 'accept-queued' : 'accept-live';
    case 'fill':
      return compareDecimal(addDecimal(order.filledSize, event.size), order.size) >= 0 ? 'fill-complete' : 'fill-partial';
    case 'readback':
      return event.found ? FOUND_KEY[event.status] : 'not-found';
    default:
      return event.kind;
  }
}

function resolveTarget(order: OrderRecord, target: TransitionTarget, filledAfter: string): OrderStateName {
  if (target !== 'resume') return target;
  if (signDecimal(filledAfter) > 0) return 'partially-filled';
  return order.acceptedStage === null ? 'submitted' : 'accepted';
}

/** Applies one event. Refusals are returned, not thrown, and leave the record untouched. */
export function applyOrderEvent(order: OrderRecord, event: OrderEvent): TransitionResult {
  // Re-delivery of a fill (stream replay, readback after reconnect) is a no-op in every state.
  if (event.kind === 'fill') {
    if (order.fillIds.includes(event.venueFillId)) return { ok: true, order, key: null, changed: false };
    if (!nonNegative(event.size) || signDecimal(event.size) === 0) return { ok: false, key: null, error: new InvalidFillError(`fill ${event.venueFillId} has size ${JSON.stringify(event.size)}`) };
  }
  if (event.kind === 'readback' && event.found && !nonNegative(event.filledSize)) {
    return { ok: false, key: null, error: new InvalidFillError(`readback filled size ${JSON.stringify(event.filledSize)} is not a non-negative decimal`) };
  }
  const key = eventKey(order, event);
  const target = ORDER_TRANSITIONS[order.state][key];
  if (target === undefined) return { ok: false, key, error: new IllegalTransitionError(order.state, key) };

  let next: OrderRecord = order;
  switch (event.kind) {
    case 'fill': {
      const filled = addDecimal(order.filledSize, event.size);
      if (compareDecimal(filled, order.size) > 0) return { ok: false, key, error: new OverfillError(event.venueFillId, order.size, filled) };
      next = { ...order, filledSize: filled, fillIds: [...order.fillIds, event.venueFillId] };
      break;
    }
    case 'send-unknown':
      next = { ...order, unknownSends: order.unknownSends + 1, txHash: event.txHash ?? order.txHash };
      break;
    case 'accept':
      next = {
        ...order,
        acceptedStage: order.acceptedStage === 'live' ? 'live' : event.stage,
        venueOrderId: event.venueOrderId ?? order.venueOrderId,
        txHash: event.txHash ?? order.txHash,
      };
      break;
    case 'reject':
      next = order.state === 'rejected' ? order : { ...order, rejectReason: event.reason };
      break;
    case 'canceled':
      next = order.endReason === null ? { ...order, endReason: event.reason } : order;
      break;
    case 'expired':
      next = order.endReason === null ? { ...order, endReason: 'expired' } : order;
      break;
    case 'readback':
      if (event.found) {
        // 'pending' is the venue's queue (Lighter's speed bump); any other status means the venue
        // had the order itself; a rejected one never reached the book.
        const stage = event.status === 'pending' ? (order.acceptedStage ?? 'queued') : event.status === 'rejected' ? order.acceptedStage : 'live';
        next = {
          ...order,
          acceptedStage: stage,
          venueOrderId: event.venueOrderId ?? order.venueOrderId,
          venueFilledSize: event.filledSize,
          endReason: order.endReason ?? event.endReason,
        };
      }
      break;
    default:
      break;
  }
  const state = resolveTarget(order, target, next.filledSize);
  const changed = next !== order || state !== order.state;
  if (state !== next.state) next = { ...next, state };
  return { ok: true, order: next, key, changed };
}

function nonNegative(text: string): boolean {
  try {
    return signDecimal(text) >= 0;
  } catch {
    return false;
  }
}

/** Fills the venue says exist that we have not applied yet ("0" when none or unknown). */
export function missingFillSize(order: OrderRecord): string {
  if (order.venueFilledSize === null) return '0';
  return compareDecimal(order.venueFilledSize, order.filledSize) > 0 ? subDecimal(order.venueFilledSize, order.filledSize) : '0';
}

export function isClosed(state: OrderStateName): boolean {
  return CLOSED_ORDER_STATES.includes(state);
}
