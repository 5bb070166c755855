// Auto-entry: while trading is ACTIVE and settings.trading.autoEntry is on, take the best passing
// screener direction, re-validate it on fresh funding and books (the screener row may be up to a
// poll old), check the entry limits, and open the pair. One entry at a time: the executor's own
// "one entry per symbol" holds trivially, and a second entry never competes for the same margin
// while the first is sizing. Every attempt, opened or not, is recorded by the executor; a refusal
// here (before the executor) is logged with its reason and tried again on a later tick.
import type { ScreenerRow } from '../../api/channels/screener';
import type { Settings } from '../../config/schema';
import type { EntryResult } from '../../execution/entry-types';
import type { Logger } from '../../telemetry/log';
import type { PairRequestInput, PairStarter } from './pair-starter';
import { realTicker, type Ticker } from '../screener-emitter';

export const ENTRY_TICK_MS = 2_000;

export interface EntryLoopOptions {
  readonly settings: () => Settings;
  readonly rows: () => readonly ScreenerRow[];
  readonly starter: PairStarter;
  readonly log: Logger;
  readonly ticker?: Ticker;
  readonly intervalMs?: number;
}

export interface EntryLoop {
  /** One pass (the ticker calls it; tests may too): resolves when the entry it started ends. */
  tick(): Promise<EntryResult | null>;
  stop(): void;
}

/** The passing rows, best expected value first. */
export function candidates(rows: readonly ScreenerRow[]): ScreenerRow[] {
  return rows.filter((r) => r.passed).sort((a, b) => b.expectedValueUsd - a.expectedValueUsd || a.symbol.localeCompare(b.symbol));
}

export function startEntryLoop(o: EntryLoopOptions): EntryLoop {
  let stopped = false;
  let busy = false;
  const tick = async (): Promise<EntryResult | null> => {
    if (stopped || busy || !o.settings().trading.autoEntry || o.starter.busy()) return null;
    busy = true;
    try {
      for (const row of candidates(o.rows())) {
        const req: PairRequestInput = { symbol: row.symbol, longVenue: row.longVenue, shortVenue: row.shortVenue, triggeredBy: 'auto' };
        const check = await o.starter.check(req);
        if (!check.ok) {
          o.log.debug('auto-entry skipped a candidate', { symbol: row.symbol, reason: check.reason });
          // A trading-wide refusal (state, limits, reconciliation) applies to every candidate.
          if (check.scope === 'all') return null;
          continue;
        }
        const started = o.starter.start(req, check);
        return await started.result;
      }
      return null;
    } catch (e) {
      o.log.error('auto-entry failed', { error: e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      busy = false;
    }
  };
  const stopTicker = (o.ticker ?? realTicker).every(o.intervalMs ?? ENTRY_TICK_MS, () => void tick());
  return {
    tick,
    stop() {
      stopped = true;
      stopTicker();
    },
  };
}
