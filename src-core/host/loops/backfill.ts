// Keeps the funding history store current: one backfill at start, then again every ten minutes.
// The store resumes from its newest stored settlement, so a re-run fetches only the hours settled
// since; runs never overlap, and stop() makes the running one return at its next step.
import type { Settings } from '../../config/schema';
import type { VenueId } from '../../domain/venue';
import type { BackfillProgress, FundingHistoryStore } from '../../market/funding-history';
import type { Logger } from '../../telemetry/log';
import type { MarketDataPort } from '../../venues/port';
import { realTicker, type Ticker } from '../screener-emitter';

export const BACKFILL_EVERY_MS = 10 * 60_000;

export interface BackfillLoopOptions {
  readonly history: Pick<FundingHistoryStore, 'backfill'>;
  readonly ports: Readonly<Record<VenueId, Pick<MarketDataPort, 'fundingHistory'>>>;
  readonly symbols: () => readonly string[];
  /** `screener.historyDays` is read at each run: a settings change applies to the next one. */
  readonly settings: () => Settings;
  readonly log: Logger;
  readonly now: () => number;
  readonly intervalMs?: number;
  readonly ticker?: Ticker;
}

export interface BackfillLoop {
  /** Runs a backfill now unless one is running (then resolves at once); never rejects. */
  run(): Promise<BackfillProgress | null>;
  stop(): void;
}

export function startBackfillLoop(o: BackfillLoopOptions): BackfillLoop {
  let running = false;
  let stopped = false;
  const run = async (): Promise<BackfillProgress | null> => {
    if (running || stopped) return null;
    running = true;
    try {
      const p = await o.history.backfill(o.ports, o.symbols(), o.settings().screener.historyDays, o.now(), undefined, () => stopped);
      o.log.info('funding history up to date', { ...p });
      return p;
    } catch (e) {
      o.log.warn('funding history backfill stopped', { error: e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      running = false;
    }
  };
  const stopTicker = (o.ticker ?? realTicker).every(o.intervalMs ?? BACKFILL_EVERY_MS, () => void run());
  void run();
  return {
    run,
    stop() {
      stopped = true;
      stopTicker();
    },
  };
}
