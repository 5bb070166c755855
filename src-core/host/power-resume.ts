// What the core does when the OS sleeps and wakes (Electron's powerMonitor forwards the events;
// main/index.ts). Asleep, nothing watched the venues: fills, funding and liquidations may have
// happened, and sockets may look open while their peers are long gone (a suspended network sends
// no close). So on resume, before any new entry:
//   1. entries are held: trading goes REDUCING with reason RESUME_HOLD_REASON (exits still run);
//   2. every venue stream is dropped and reopened (VenueAdapter.reconnectStreams);
//   3. a reconciliation of both venues against the ledger runs (trigger 'resumed');
//   4. when it completes, the state before the hold comes back, but only if nobody changed it in
//      the meantime (host/trading-state-control.ts TradingHold.release). A run that could not
//      read a venue keeps the hold: the trader resumes once they have looked (the same rule as
//      an incomplete startup reconciliation, host/trading/reconcile-loop.ts).
// When trading was already REDUCING or HALTED, there is nothing to hold and nothing to restore;
// the reconnect and the reconciliation still run.
import type { ReconcileStatus } from '../api/channels/reconcile';
import type { Logger } from '../telemetry/log';
import type { TradingStateControl } from './trading-state-control';
import type { ReconcileLoop } from './trading/reconcile-loop';

export const RESUME_HOLD_REASON = 'resumed from sleep: reconciling';
export const RESUME_DONE_REASON = 'resumed from sleep: reconciled both venues';

export type ResumeOutcome =
  /** The hold was released: the previous state is back. */
  | 'restored'
  /** Nothing was held (the state was already REDUCING or HALTED); venues reconciled or not. */
  | 'not-held'
  /** The state changed during the reconciliation: that change stands. */
  | 'changed-meanwhile'
  /** The reconciliation did not read both venues: entries stay held. */
  | 'kept-incomplete';

export interface PowerResumeDeps {
  readonly tradingState: Pick<TradingStateControl, 'hold'>;
  readonly reconnect: () => void;
  /** The trading core's reconcile loop; null when no trading core runs. */
  readonly reconcile: () => Pick<ReconcileLoop, 'run'> | null;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  readonly now: () => number;
}

export interface PowerResume {
  suspend(): void;
  /** Resolves when the reconciliation after the wake finished (a resume during one joins it). */
  resume(): Promise<ResumeOutcome>;
}

/** Complete = the run read both venues and concluded (no failed query, no failed run). */
export function runCompleted(s: ReconcileStatus): boolean {
  return s.skippedVenues.length === 0 && s.lastRunAtMs !== null && s.lastCompleteAtMs === s.lastRunAtMs && !s.pending.some((p) => p.kind === 'run-failed');
}

export function createPowerResume(deps: PowerResumeDeps): PowerResume {
  let inFlight: Promise<ResumeOutcome> | null = null;
  let suspendedAtMs: number | null = null;

  const resumeOnce = async (): Promise<ResumeOutcome> => {
    const asleepMs = suspendedAtMs === null ? null : deps.now() - suspendedAtMs;
    suspendedAtMs = null;
    const loop = deps.reconcile();
    const hold = loop === null ? null : deps.tradingState.hold({ state: 'REDUCING', reason: RESUME_HOLD_REASON, source: 'automatic', atMs: deps.now() });
    deps.log.info('resumed from sleep: reconnecting the venue streams and reconciling', { asleepMs, held: hold !== null });
    deps.reconnect();
    if (loop === null) return 'not-held';
    const status = await loop.run('resumed');
    if (!runCompleted(status)) {
      deps.log.warn('resumed from sleep: reconciliation incomplete: entries stay held until the trader resumes', { skipped: status.skippedVenues });
      return hold === null ? 'not-held' : 'kept-incomplete';
    }
    if (hold === null) return 'not-held';
    return hold.release(RESUME_DONE_REASON, deps.now()) === null ? 'changed-meanwhile' : 'restored';
  };

  return {
    suspend() {
      suspendedAtMs = deps.now();
      deps.log.info('the OS is going to sleep: the venues are not watched until it wakes');
    },
    resume() {
      inFlight ??= resumeOnce().finally(() => (inFlight = null));
      return inFlight;
    },
  };
}
