// A close that ran out of retries with a leg still open (execution/close.ts) ⇒ REDUCING and a
// critical alarm. Upstream kept such a trade CLOSING and retried it every cycle with a throttled
// log line (reference-upstream §3.4): the bot went on opening pairs beside a naked leg. Here no
// new exposure is taken until the trader has looked (only the trader loosens the state), and the
// Health screen names the pair, its venues and why.
import type { VenueId } from '../../domain/venue';
import type { RaiseAlarm } from '../alarms';
import type { BreakerOutput } from '../breaker-board';

export interface CloseFailure {
  readonly pairSeq: number;
  readonly symbol: string;
  /** The venues whose leg is still open (or unknown: a failed position read). */
  readonly venues: readonly VenueId[];
  readonly reason: string;
  readonly atMs: number;
}

export function closeFailedTrip(f: CloseFailure): BreakerOutput {
  return { trip: { to: 'REDUCING', reason: `pair ${f.pairSeq} ${f.symbol}: close failed with ${f.venues.join(' and ')} open: ${f.reason}` } };
}

/** One critical alarm per venue left open (the alarm board keys by kind, venue and symbol). */
export function closeFailedAlarms(f: CloseFailure): RaiseAlarm[] {
  return f.venues.map((venue) => ({ kind: 'close-failed', severity: 'critical', venue, symbol: f.symbol, message: `pair ${f.pairSeq}: close failed, leg on ${venue} still open: ${f.reason}`, atMs: f.atMs }));
}

/** What the closer calls on a failed close: the board (trip through the one transition rule)
 *  and the alarm board, as the host has them. */
export function closeFailureHook(board: { apply(breaker: 'close-failed', output: BreakerOutput, atMs: number): unknown }, alarms: { raise(a: RaiseAlarm): unknown }): (f: CloseFailure) => void {
  return (f) => {
    board.apply('close-failed', closeFailedTrip(f), f.atMs);
    for (const a of closeFailedAlarms(f)) alarms.raise(a);
  };
}
