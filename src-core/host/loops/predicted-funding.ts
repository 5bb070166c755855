// Records what each venue predicts for the next settlement of every market a pair of ours holds
// (opening, open or closing), for the funding attribution (ledger/funding-report.ts). The first
// prediction of a settlement is written at once (it is "the hour before": venues publish the next
// rate from the previous settlement on); later ones at most once a minute per venue and market,
// so the last sample is at most a minute older than the last prediction. Samples older than the
// retention are pruned once an hour.
import type { VenueId } from '../../domain/venue';
import type { PredictedFundingRepo } from '../../store/predicted-funding-repo';
import type { Logger } from '../../telemetry/log';
import type { MarketDataPort } from '../../venues/port';
import { realTicker, type Ticker } from '../screener-emitter';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];
export const PREDICTED_SAMPLE_MIN_INTERVAL_MS = 60_000;
export const PREDICTED_HELD_REFRESH_MS = 10_000;
export const PREDICTED_RETENTION_MS = 90 * 24 * 3_600_000;
const PRUNE_INTERVAL_MS = 3_600_000;

export interface PredictedFundingOptions {
  readonly ports: Readonly<Record<VenueId, Pick<MarketDataPort, 'onFunding'>>>;
  readonly repo: Pick<PredictedFundingRepo, 'observe' | 'pruneBefore'>;
  /** Symbols of the pairs that hold (or are about to hold) a position. */
  readonly heldSymbols: () => ReadonlySet<string>;
  readonly now: () => number;
  readonly log: Logger;
  readonly ticker?: Ticker;
}

export interface PredictedFundingLoop {
  stop(): void;
}

export function startPredictedFunding(o: PredictedFundingOptions): PredictedFundingLoop {
  const ticker = o.ticker ?? realTicker;
  let held: ReadonlySet<string> = new Set();
  const refresh = () => {
    try {
      held = o.heldSymbols();
    } catch (e) {
      // Keep the last set: a failed read must not stop the samples of pairs we hold.
      o.log.warn('held symbols not read', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  refresh();
  /** Last write per venue:symbol:settlement. */
  const lastWrite = new Map<string, number>();
  const offs = VENUE_IDS.map((venue) =>
    o.ports[venue].onFunding((r) => {
      if (r.kind !== 'predicted' || !held.has(r.symbol)) return;
      const key = `${venue}:${r.symbol}:${r.settlementTimeMs}`;
      const at = o.now();
      const prev = lastWrite.get(key);
      if (prev !== undefined && at - prev < PREDICTED_SAMPLE_MIN_INTERVAL_MS) return;
      try {
        if (o.repo.observe(venue, r.symbol, r.settlementTimeMs, r.hourlyRate, at)) lastWrite.set(key, at);
      } catch (e) {
        o.log.error('predicted funding sample not written', { venue, symbol: r.symbol, error: e instanceof Error ? e.message : String(e) });
      }
    }),
  );
  const prune = () => {
    const cutoff = o.now() - PREDICTED_RETENTION_MS;
    for (const [k, at] of lastWrite) if (at < o.now() - 2 * PRUNE_INTERVAL_MS) lastWrite.delete(k);
    try {
      o.repo.pruneBefore(cutoff);
    } catch (e) {
      o.log.warn('predicted funding not pruned', { error: e instanceof Error ? e.message : String(e) });
    }
  };
  const stops = [ticker.every(PREDICTED_HELD_REFRESH_MS, refresh), ticker.every(PRUNE_INTERVAL_MS, prune)];
  return {
    stop() {
      for (const off of offs) off();
      for (const s of stops) s();
    },
  };
}
