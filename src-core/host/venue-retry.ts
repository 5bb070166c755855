// A venue that cannot be reached when the core starts (issue 13): the start does not fail, it
// keeps trying that venue in the background with a bounded backoff on the injected clock. The
// core holds REDUCING meanwhile (host/core.ts) and nothing that could send an order exists until
// the venue runtime, and with it the trading core and its first reconciliation, has started.
import type { Clock } from '../domain/clock';
import type { VenueId } from '../domain/venue';

/** A venue whose adapter could not start (connect, load its markets): named so the trading
 *  state's reason, and through it the user's notice, says which venue is missing. */
export class VenueUnreachableError extends Error {
  override readonly name = 'VenueUnreachableError';
  constructor(readonly venue: VenueId, cause: unknown) {
    super(`${venue} unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** First retry after 1 s, doubling to at most 30 s: quick when a venue blips, and never more
 *  than a few requests a minute against a venue that is down for longer. */
export const VENUE_RETRY_FIRST_MS = 1_000;
export const VENUE_RETRY_MAX_MS = 30_000;

export function venueRetryDelayMs(attempt: number, firstMs = VENUE_RETRY_FIRST_MS, maxMs = VENUE_RETRY_MAX_MS): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(attempt, 30));
}

export interface StartRetryOptions<T> {
  readonly clock: Pick<Clock, 'after'>;
  readonly start: () => Promise<T>;
  /** The start succeeded (and the retry was not stopped meanwhile). */
  readonly onStarted: (value: T) => void;
  /** An attempt failed; the next comes after nextMs. */
  readonly onFailed: (error: unknown, attempt: number, nextMs: number) => void;
  /** A start that finished after stop(): what it opened is closed again. */
  readonly discard: (value: T) => Promise<void>;
  readonly firstMs?: number;
  readonly maxMs?: number;
}

export interface StartRetry {
  /** No further attempt; an attempt in flight is discarded when it finishes. Resolves then. */
  stop(): Promise<void>;
}

/** Schedules the first attempt after the first backoff (the caller's own start just failed). */
export function retryStart<T>(o: StartRetryOptions<T>): StartRetry {
  let stopped = false;
  let cancel: (() => void) | null = null;
  let inFlight: Promise<void> | null = null;
  let attempt = 0;
  const schedule = (): void => {
    cancel = o.clock.after(venueRetryDelayMs(attempt, o.firstMs, o.maxMs), () => {
      cancel = null;
      inFlight = run().finally(() => {
        inFlight = null;
      });
    });
  };
  const run = async (): Promise<void> => {
    if (stopped) return;
    let value: T;
    try {
      value = await o.start();
    } catch (e) {
      attempt += 1;
      if (stopped) return;
      o.onFailed(e, attempt, venueRetryDelayMs(attempt, o.firstMs, o.maxMs));
      schedule();
      return;
    }
    if (stopped) {
      await o.discard(value);
      return;
    }
    o.onStarted(value);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      cancel?.();
      cancel = null;
      await inFlight;
    },
  };
}
