// Each open pair's settled spread series and its analytics (strategy/exits spread-series.ts,
// spread-analytics.ts), recomputed only when a new settlement arrived in the funding history:
// the exit loop reads them every second, and the series changes once an hour.
import type { ExitSettings } from '../../config/exits';
import type { VenueId } from '../../domain/venue';
import type { HistoryView } from '../../market/types';
import { analyseSpread, buildSpreadSeries, type SpreadAnalytics, type SpreadSeries } from '../../strategy/exits';

export interface PairSpread {
  readonly series: SpreadSeries;
  readonly analytics: SpreadAnalytics;
}

interface Entry extends PairSpread {
  readonly key: string;
  readonly settings: ExitSettings;
}

export interface SpreadPairKey {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly openedAtMs: number;
}

export class SpreadCache {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly history: HistoryView) {}

  get(p: SpreadPairKey, settings: ExitSettings): PairSpread {
    const long = this.history.venueHourly(p.symbol, p.longVenue);
    const short = this.history.venueHourly(p.symbol, p.shortVenue);
    // The history only grows at its end (a settlement appended) or is replaced by a backfill:
    // length and newest time of both venues identify it.
    const key = `${long.length}:${long.at(-1)?.timeMs ?? -1}:${short.length}:${short.at(-1)?.timeMs ?? -1}`;
    const old = this.entries.get(p.pairSeq);
    if (old !== undefined && old.key === key && old.settings === settings) return old;
    const series = buildSpreadSeries(long, short).series;
    const entry: Entry = { key, settings, series, analytics: analyseSpread(series, p.openedAtMs, settings) };
    this.entries.set(p.pairSeq, entry);
    return entry;
  }

  /** Drops pairs no longer held. */
  retain(pairSeqs: ReadonlySet<number>): void {
    for (const seq of this.entries.keys()) if (!pairSeqs.has(seq)) this.entries.delete(seq);
  }
}
