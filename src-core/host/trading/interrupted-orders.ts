// The working orders of an entry a restart interrupted are cancelled. An entry's maker leg is a
// post-only order that rests on the book; the executor that placed it hedged each of its fills as
// it arrived. After a crash nothing hedges them: the pair is marked broken (interrupted-entries.ts)
// and the tracker restores the order, but the order rested on and kept filling, so the naked leg
// grew fill by fill, and reconciliation never asked about it because a pair with an order still
// working is not judged yet (found by the crash suite's soak: 58 XRP naked after the restart, 164
// three minutes later, the trader never asked). The venue's dead-man switch is no help: Lighter's
// scheduled CancelAllOrders must be at least 5 min ahead (lighter-go CancelAllOrders TimeInForce 1),
// and the restarted core's dead-man keeper renews it while the order rests (execution/dead-man.ts).
//
// So every order of an interrupted pair that may add exposure (not reduce-only) is cancelled as
// soon as the venue shows it working: at the restore's first readback, or later when an order
// restored in flight turns out to rest. A cancel reduces exposure, so no trading state refuses it.
// Reduce-only orders (a rollback's) only shrink the leg and are left to finish.
import type { OrderStateName } from '../../domain/enums';
import type { OrderTracker, TrackedOrder } from '../../execution/tracker-types';
import type { Logger } from '../../telemetry/log';

/** Working on the venue, so it can still fill. */
const WORKING: ReadonlySet<OrderStateName> = new Set(['accepted', 'partially-filled']);

export interface InterruptedOrderDeps {
  readonly tracker: Pick<OrderTracker, 'onOrder' | 'cancel'>;
  /** Pairs no executor runs: every pair broken at the start (markInterruptedEntries), also one an
   *  earlier start marked and then died before its cancels were sent. */
  readonly interrupted: ReadonlySet<number>;
  readonly log: Logger;
}

export interface InterruptedOrderCanceller {
  /** Looks at orders the tracker restored (their state may not change, so onOrder never fires). */
  review(orders: readonly TrackedOrder[]): void;
  stop(): void;
}

export function cancelInterruptedOrders(d: InterruptedOrderDeps): InterruptedOrderCanceller {
  const requested = new Set<string>();
  const consider = (t: TrackedOrder): void => {
    if (!d.interrupted.has(t.intent.pairSeq) || t.intent.reduceOnly || !WORKING.has(t.order.state)) return;
    const id = t.intent.clientOrderId;
    if (requested.has(id)) return;
    requested.add(id);
    d.log.warn('cancelling a working order of an interrupted entry: nothing would hedge its fills', { pairSeq: t.intent.pairSeq, clientOrderId: id, venue: t.intent.venue, purpose: t.intent.purpose, state: t.order.state });
    d.tracker.cancel(id).catch((e: unknown) => {
      // Asked again on its next change (a cancel refused now may be accepted once it rests).
      requested.delete(id);
      d.log.error('cancel of an interrupted entry order failed', { pairSeq: t.intent.pairSeq, clientOrderId: id, error: e instanceof Error ? e.message : String(e) });
    });
  };
  const off = d.interrupted.size === 0 ? () => undefined : d.tracker.onOrder(consider);
  return {
    review: (orders) => orders.forEach(consider),
    stop: off,
  };
}
