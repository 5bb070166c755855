// Waiting for an IOC of ours to settle, shared by the entry (hedges, rollbacks: entry-run.ts) and
// the rebalance (rebalance.ts). An IOC normally settles within `usualWaitMs`; a slower one (a send
// whose outcome is unknown, a venue down) is waited for until `endMono`, never re-sent. Once the
// in-flight checks call it lost, the tracker asks the venue for a verdict (tracker-verdict.ts: its
// fills and position), again every `recheckMs`: "never arrived" settles it unfilled.
import type { Clock } from '../domain/clock';
import { signDecimal } from '../domain/decimal';
import type { Logger } from '../telemetry/log';
import { isClosed, missingFillSize } from './order-fsm';
import type { OrderTracker, TrackedOrder } from './tracker-types';

/** An order is settled when it no longer works on the venue and every fill the venue reported
 *  for it has reached us. */
export function settled(o: TrackedOrder): boolean {
  return isClosed(o.order.state) && signDecimal(missingFillSize(o.order)) === 0;
}

export interface IocSettleDeps {
  readonly tracker: OrderTracker;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface IocSettleTimes {
  /** settings.trading.hedgeAttemptTimeoutMs: how long an IOC usually takes to settle. */
  readonly usualWaitMs: number;
  /** settings.trading.inFlightCheckIntervalMs: how often a lost IOC is judged again. */
  readonly recheckMs: number;
}

/** Resolves with the latest record: settled, or at `endMono` whatever it is then (the caller
 *  checks which). */
export async function settleIoc(deps: IocSettleDeps, clientOrderId: string, endMono: number, times: IocSettleTimes): Promise<TrackedOrder> {
  const { tracker, clock } = deps;
  const settledOrLost = (o: TrackedOrder) => settled(o) || o.order.state === 'lost';
  let o = await tracker.waitFor(clientOrderId, settledOrLost, Math.min(endMono, clock.monoNow() + times.usualWaitMs));
  if (!settledOrLost(o) && clock.monoNow() < endMono) {
    deps.log.warn('IOC not settled in the usual time: waiting for its resolution (never re-sent)', { clientOrderId, state: o.order.state, waitMs: times.usualWaitMs });
    o = await tracker.waitFor(clientOrderId, settledOrLost, endMono);
  }
  while (o.order.state === 'lost' && clock.monoNow() < endMono) {
    o = await tracker.judgeLost(clientOrderId);
    if (settled(o)) break;
    // No verdict: new evidence may come by itself (a late fill) or by the next look.
    o = await tracker.waitFor(clientOrderId, (x) => x.order.state !== 'lost', Math.min(endMono, clock.monoNow() + times.recheckMs));
  }
  return o;
}
