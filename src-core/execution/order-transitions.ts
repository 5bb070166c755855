// The order state machine's transition table: DATA, one row per allowed (state, event key), each
// with exactly one target. The reasons for the real-world edges are in order-fsm.ts's header;
// tests/unit/execution/order-fsm.test.ts checks every row and every refused pair.
import type { OrderStateName } from '../domain/enums';

export { CLOSED_ORDER_STATES, ORDER_STATES, type OrderStateName } from '../domain/enums';

/** In flight: sent, and the venue's view of it is not yet known to be final. */
export const IN_FLIGHT_ORDER_STATES: readonly OrderStateName[] = ['submitted', 'pending-cancel'];

export const ORDER_EVENT_KEYS = [
  'submit',
  'deny',
  'send-unknown',
  'accept-queued',
  'accept-live',
  'reject',
  'fill-partial',
  'fill-complete',
  'cancel-requested',
  'cancel-rejected',
  'canceled',
  'expired',
  'found-pending',
  'found-open',
  'found-partially-filled',
  'found-filled',
  'found-canceled',
  'found-rejected',
  'found-expired',
  'not-found',
  'lost',
] as const;
export type OrderEventKey = (typeof ORDER_EVENT_KEYS)[number];

/** A row's target: a state, or 'resume', the working state the order had before a cancel
 *  request (partially-filled if it has fills, accepted if it was acknowledged, else submitted). */
export type TransitionTarget = OrderStateName | 'resume';

type Rows = Readonly<Partial<Record<OrderEventKey, TransitionTarget>>>;

const LATE_ACK = { 'accept-queued': 'self', 'accept-live': 'self' } as const;

/** Fills a row set's 'self' placeholders with the state itself (keeps the table readable). */
function rows(state: OrderStateName, r: Readonly<Partial<Record<OrderEventKey, TransitionTarget | 'self'>>>): Rows {
  const out: Partial<Record<OrderEventKey, TransitionTarget>> = {};
  for (const [k, v] of Object.entries(r) as [OrderEventKey, TransitionTarget | 'self'][]) out[k] = v === 'self' ? state : v;
  return out;
}

export const ORDER_TRANSITIONS: Readonly<Record<OrderStateName, Rows>> = {
  initialized: rows('initialized', { submit: 'submitted', deny: 'denied' }),
  // Local risk refused it before any send: nothing can follow.
  denied: rows('denied', {}),
  submitted: rows('submitted', {
    'send-unknown': 'self',
    'accept-queued': 'accepted',
    'accept-live': 'accepted',
    reject: 'rejected',
    // The stream can beat the REST reply: a fill or an IOC's end before any ack.
    'fill-partial': 'partially-filled',
    'fill-complete': 'filled',
    'cancel-requested': 'pending-cancel',
    canceled: 'canceled',
    expired: 'expired',
    'found-pending': 'accepted',
    'found-open': 'accepted',
    'found-partially-filled': 'partially-filled',
    'found-filled': 'filled',
    'found-canceled': 'canceled',
    'found-rejected': 'rejected',
    'found-expired': 'expired',
    // Inside the venue's grace window this is "still in flight" (in-flight.ts decides when not).
    'not-found': 'self',
    lost: 'lost',
  }),
  accepted: rows('accepted', {
    ...LATE_ACK,
    // Extended: accepted by REST, then refused by the asynchronous matching engine.
    reject: 'rejected',
    'fill-partial': 'partially-filled',
    'fill-complete': 'filled',
    'cancel-requested': 'pending-cancel',
    // Unsolicited: IOC remainder, Lighter's post-only cross (a cancel there), self-trade.
    canceled: 'canceled',
    expired: 'expired',
    'found-pending': 'self',
    'found-open': 'self',
    'found-partially-filled': 'partially-filled',
    'found-filled': 'filled',
    'found-canceled': 'canceled',
    'found-rejected': 'rejected',
    'found-expired': 'expired',
    'not-found': 'self',
    // Acked but never visible past the threshold: Lighter can drop an invalid reduce-only order
    // after accepting its transaction, without any report.
    lost: 'lost',
  }),
  'pending-cancel': rows('pending-cancel', {
    ...LATE_ACK,
    'send-unknown': 'self',
    reject: 'rejected',
    // A partial fill while the cancel is pending keeps the cancel outstanding.
    'fill-partial': 'self',
    'fill-complete': 'filled',
    'cancel-requested': 'self',
    // "unknown order", "already filled": the order goes on as before until its end is reported.
    'cancel-rejected': 'resume',
    canceled: 'canceled',
    expired: 'expired',
    // A queued cancel (Lighter, Extended) is not applied yet: the order may still show as live.
    'found-pending': 'self',
    'found-open': 'self',
    'found-partially-filled': 'self',
    'found-filled': 'filled',
    'found-canceled': 'canceled',
    'found-rejected': 'rejected',
    'found-expired': 'expired',
    // Never guessed to be canceled (NautilusTrader: PENDING_CANCEL stays unresolved).
    'not-found': 'self',
    lost: 'lost',
  }),
  'partially-filled': rows('partially-filled', {
    ...LATE_ACK,
    'fill-partial': 'self',
    'fill-complete': 'filled',
    'cancel-requested': 'pending-cancel',
    canceled: 'canceled',
    expired: 'expired',
    // A venue report can lag our fills; it never takes fills back.
    'found-pending': 'self',
    'found-open': 'self',
    'found-partially-filled': 'self',
    'found-filled': 'filled',
    'found-canceled': 'canceled',
    'found-expired': 'expired',
    'not-found': 'self',
    lost: 'lost',
  }),
  filled: rows('filled', {
    ...LATE_ACK,
    // Fills still arriving after a report said filled (the ledger back-fills them); an overfill is
    // refused by the size check, not by the table.
    'fill-partial': 'self',
    'fill-complete': 'self',
    // Our cancel lost the race against the last fill.
    'cancel-rejected': 'self',
    'found-filled': 'self',
  }),
  canceled: rows('canceled', {
    ...LATE_ACK,
    // Late fills after the cancel ack: a partial one leaves it canceled, a complete one filled.
    'fill-partial': 'self',
    'fill-complete': 'filled',
    'cancel-rejected': 'self',
    canceled: 'self',
    'found-canceled': 'self',
    // Ghost fill found by readback.
    'found-filled': 'filled',
    // Venues purge ended orders from their queries.
    'not-found': 'self',
  }),
  expired: rows('expired', {
    ...LATE_ACK,
    'fill-partial': 'self',
    'fill-complete': 'filled',
    'cancel-rejected': 'self',
    expired: 'self',
    'found-expired': 'self',
    'found-filled': 'filled',
    'not-found': 'self',
  }),
  // A rejected order never traded: any fill for it is an anomaly for reconciliation (refused).
  rejected: rows('rejected', {
    ...LATE_ACK,
    reject: 'self',
    'cancel-rejected': 'self',
    'found-rejected': 'self',
    'not-found': 'self',
  }),
  // In-flight checks exhausted: reconciliation owns it; any evidence still resolves it.
  lost: rows('lost', {
    'accept-queued': 'accepted',
    'accept-live': 'accepted',
    reject: 'rejected',
    'fill-partial': 'partially-filled',
    'fill-complete': 'filled',
    canceled: 'canceled',
    expired: 'expired',
    'found-pending': 'accepted',
    'found-open': 'accepted',
    'found-partially-filled': 'partially-filled',
    'found-filled': 'filled',
    'found-canceled': 'canceled',
    'found-rejected': 'rejected',
    'found-expired': 'expired',
    'not-found': 'self',
    lost: 'self',
  }),
};

