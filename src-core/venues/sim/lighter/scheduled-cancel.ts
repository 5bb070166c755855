// The dead-man switch on the simulator clock: a CancelAll with TIF SCHEDULED cancels every
// resting order of the account at `Time` unless an ABORT removes it first. Only one can be
// queued: another SCHEDULE while one is pending is refused with 21712 (venues.md §1.8, §7.2).
// A SCHEDULE sent right after an ABORT that has not executed yet is accepted (the abort will
// apply first: txs of one key execute in nonce order).
import type { SimEngine } from '../engine/engine';

export const CANCEL_ALL_QUEUED_CODE = 21712;

export class ScheduledCancels {
  private readonly pending = new Map<number, { timeMs: number; stop: () => void }>();
  private readonly abortsInFlight = new Map<number, number>();

  constructor(private readonly engine: SimEngine) {}

  /** At sendTx time: may a SCHEDULE for this account be queued? */
  canSchedule(account: number): boolean {
    return !this.pending.has(account) || (this.abortsInFlight.get(account) ?? 0) > 0;
  }

  noteAbortQueued(account: number): void {
    this.abortsInFlight.set(account, (this.abortsInFlight.get(account) ?? 0) + 1);
  }

  /** At execution. */
  schedule(account: number, timeMs: number): void {
    this.abort(account, false);
    const stop = this.engine.clock.after(Math.max(0, timeMs - this.engine.clock.nowMs()), () => {
      this.pending.delete(account);
      this.engine.cancelAll('lighter', String(account));
    });
    this.pending.set(account, { timeMs, stop });
  }

  /** At execution of an ABORT (fromTx) or when replaced. */
  abort(account: number, fromTx = true): void {
    if (fromTx) this.abortsInFlight.set(account, Math.max(0, (this.abortsInFlight.get(account) ?? 0) - 1));
    this.pending.get(account)?.stop();
    this.pending.delete(account);
  }

  scheduledAt(account: number): number | null {
    return this.pending.get(account)?.timeMs ?? null;
  }
}
