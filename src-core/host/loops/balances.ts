// Polls both venues' balances. The exact decimal strings (Balance) are kept for whoever needs
// money (a trading loop, risk checks) so nobody polls twice; the screener's margin gate reads a
// number view of the same values (read-only analytics).
//
// A read that fails, times out or answers for the wrong venue leaves that venue `null`
// ("unknown"), never zero and never the previous value: a balance we cannot read now is not one
// we may act on, and the margin gate fails closed on null. Polls never overlap, so a slow read
// cannot land after a newer one.
import { systemClock, type Clock } from '../../domain/clock';
import type { VenueId } from '../../domain/venue';
import type { Logger } from '../../telemetry/log';
import type { Balance, TradingPort } from '../../venues/port';
import { realTicker, type Ticker } from '../screener-emitter';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];

export const BALANCE_POLL_MS = 5_000;
/** A read still unanswered after this long counts as failed (the HTTP client's own timeout is
 *  10 s per request, venues/common/http.ts; the rate limiter's queue comes on top). */
export const BALANCE_READ_TIMEOUT_MS = 15_000;

export interface BalanceLoopOptions {
  readonly ports: Readonly<Record<VenueId, Pick<TradingPort, 'balance'>>>;
  readonly log: Logger;
  readonly intervalMs?: number;
  readonly readTimeoutMs?: number;
  readonly ticker?: Ticker;
  /** The read deadline's timer (tests fire it by hand). */
  readonly clock?: Pick<Clock, 'after'>;
}

export interface BalanceLoop {
  /** The last poll's exact balances; null where that read failed. */
  balances(): Readonly<Record<VenueId, Balance | null>>;
  /** The same as numbers (USD available), for the screener's margin gate. */
  availableUsd(): Readonly<Record<VenueId, number | null>>;
  /** Reads both venues now; joins the poll in flight instead of starting a second one. */
  poll(): Promise<void>;
  stop(): void;
}

const TIMED_OUT = Symbol('timed out');

/** Starts the loop after a first poll, so the first screener pass already sees balances. */
export async function startBalanceLoop(o: BalanceLoopOptions): Promise<BalanceLoop> {
  const clock = o.clock ?? systemClock;
  const readTimeoutMs = o.readTimeoutMs ?? BALANCE_READ_TIMEOUT_MS;
  let current: Record<VenueId, Balance | null> = { lighter: null, extended: null };
  let inFlight: Promise<void> | null = null;
  let stopped = false;

  const read = async (venue: VenueId): Promise<Balance | null> => {
    let cancel: () => void = () => undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => (cancel = clock.after(readTimeoutMs, () => resolve(TIMED_OUT))));
    try {
      const b = await Promise.race([o.ports[venue].balance(), deadline]);
      if (b === TIMED_OUT) {
        o.log.warn('balance read timed out', { venue, timeoutMs: readTimeoutMs });
        return null;
      }
      if (b.venue !== venue) {
        o.log.error('balance read answered for another venue', { venue, answered: b.venue });
        return null;
      }
      return b;
    } catch (e) {
      o.log.debug('balance read failed', { venue, error: e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      cancel();
    }
  };

  const poll = (): Promise<void> => {
    if (inFlight !== null) return inFlight;
    inFlight = (async () => {
      const [lighter, extended] = await Promise.all(VENUE_IDS.map(read));
      if (!stopped) current = { lighter: lighter ?? null, extended: extended ?? null };
    })().finally(() => (inFlight = null));
    return inFlight;
  };

  await poll();
  const stopTicker = (o.ticker ?? realTicker).every(o.intervalMs ?? BALANCE_POLL_MS, () => void poll());

  return {
    balances: () => current,
    availableUsd() {
      const out: Record<VenueId, number | null> = { lighter: null, extended: null };
      for (const v of VENUE_IDS) {
        const n = current[v] === null ? NaN : Number(current[v]!.availableUsd);
        out[v] = Number.isFinite(n) ? n : null;
      }
      return out;
    },
    poll,
    stop() {
      stopped = true;
      stopTicker();
    },
  };
}
