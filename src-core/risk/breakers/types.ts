// What every breaker returns, so the breaker board handles them all alike. A trip asks for a
// stricter trading state (it latches through the persisted state: only the trader loosens it);
// a blocking condition refuses new entries while it lasts and clears by itself (venue down,
// rate limit saturated, balance unknown).
import type { VenueId } from '../../domain/venue';

export const BREAKER_NAMES = ['consecutive-failures', 'drawdown', 'free-margin', 'broken-hedge', 'venue-down', 'rate-limit', 'funding-unit', 'close-failed', 'reconcile-invariants'] as const;
export type BreakerName = (typeof BREAKER_NAMES)[number];

export interface Trip {
  readonly to: 'REDUCING' | 'HALTED';
  readonly reason: string;
}

export type BreakerResult = { readonly trip: null } | { readonly trip: Trip };

export const NO_TRIP: BreakerResult = { trip: null };

/** A condition as a breaker sees it now. `key` identifies it across evaluations (so the board
 *  keeps its start time); `sinceMs`, when the breaker knows when the fault began (a venue went
 *  down before it counted as down), is kept instead of the time the board first saw it. */
export interface Condition {
  readonly key: string;
  readonly venue: VenueId | null;
  readonly reason: string;
  readonly sinceMs?: number;
}

/** A condition the board holds: who raised it and since when (ms). */
export interface BlockingCondition {
  readonly source: BreakerName;
  readonly key: string;
  readonly venue: VenueId | null;
  readonly reason: string;
  readonly sinceMs: number;
}
