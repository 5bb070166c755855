// The order tracker's per-order bookkeeping (order-tracker.ts): the intent, the FSM record, and
// the in-flight check state of one order of ours. Shared by the tracker's parts; no logic here
// beyond the rule of which orders are in flight.
import type { IntentRecord } from '../ledger/types';
import type { InFlightCheck } from './in-flight';
import type { OrderRecord } from './order-fsm';
import type { TrackedOrder } from './tracker-types';

export type TrackerErrorCode = 'stopped' | 'unknown-order' | 'not-cancelable' | 'no-port' | 'already-tracked' | 'fsm-refused';

/** A refused tracker call: nothing was sent and nothing was written. */
export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  constructor(
    readonly code: TrackerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** 'send': resolving what a send did (unknown outcome, queued ack, restart); 'cancel': resolving
 *  a cancel request. A change of kind starts the checks afresh (NautilusTrader: the in-flight
 *  clock restarts at the cancel request). */
export type FlightKind = 'send' | 'cancel';

export interface Flight {
  readonly kind: FlightKind;
  /** Monotonic ms the order went in flight (the send, or the cancel request). */
  readonly sinceMono: number;
  /** Monotonic ms of the venue's acknowledgement, when there was one (the grace runs from it). */
  readonly ackAtMono: number | null;
  checks: InFlightCheck[];
  cancelTimer: (() => void) | null;
  /** Set once decideInFlight said 'stuck' for this flight (handled once, then left alone). */
  stuck: boolean;
}

export interface Entry {
  intent: IntentRecord;
  order: OrderRecord;
  /** Monotonic ms the send started (restored orders: mapped from the intent's wall time). */
  sentAtMono: number;
  /** Monotonic ms the send's acknowledgement was applied, if it was accepted. */
  ackAtMono: number | null;
  /** False while the one place() call of this intent has not returned: no query before that. */
  placeReturned: boolean;
  /** A restored order held as lost gets one more round of checks. */
  recheckLost: boolean;
  flight: Flight | null;
  /** The readback under way, shared by everyone who asks meanwhile (one query at a time). */
  query: Promise<void> | null;
  /** The fills fetch under way; `refetch` asks for one more pass after it. */
  fillFetch: Promise<void> | null;
  refetch: boolean;
  /** Cancel requests sent (a stuck cancel is re-requested once). */
  cancelsSent: number;
}

export function snapshot(e: Entry): TrackedOrder {
  return { intent: e.intent, order: e.order, sentAtMono: e.sentAtMono };
}

/** Which in-flight checks the order needs now, or null when the stream and its own state are
 *  enough. Submitted: the send's outcome is unknown (or the order came back from a restart).
 *  Accepted but only queued: the venue took it and has said nothing since. Pending cancel: the
 *  cancel's end has not been reported. Lost: reconciliation owns it, except one round of checks
 *  after a restart. */
export function wantedFlight(e: Pick<Entry, 'order' | 'placeReturned' | 'recheckLost'>): FlightKind | null {
  switch (e.order.state) {
    case 'submitted':
      return e.placeReturned ? 'send' : null;
    case 'accepted':
      return e.order.acceptedStage === 'queued' ? 'send' : null;
    case 'pending-cancel':
      return 'cancel';
    case 'lost':
      return e.recheckLost ? 'send' : null;
    default:
      return null;
  }
}
