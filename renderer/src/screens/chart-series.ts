// The funding chart's series from the explanation's history and the live row: each venue's
// settled hourly rates, the best direction's net spread (short leg's rate − long leg's: what
// the pair earns per hour), and a dashed segment from the last settlement to the current
// predicted rate at the next settlement. Percent per hour, time in seconds (the chart's unit).
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import type { VenueId } from '../../../src-core/domain/venue';

export interface Point {
  readonly time: number;
  readonly value: number;
}

export interface HourlyPoint {
  readonly timeMs: number;
  readonly hourlyRate: number;
}

const sec = (ms: number): number => Math.floor(ms / 1000);

export function settledPoints(rows: readonly HourlyPoint[]): Point[] {
  const out: Point[] = [];
  for (const r of rows) {
    const time = sec(r.timeMs);
    const last = out[out.length - 1];
    // The chart needs strictly increasing times: a repeated second keeps the later value.
    if (last !== undefined && last.time >= time) {
      if (last.time === time) out[out.length - 1] = { time, value: r.hourlyRate * 100 };
      continue;
    }
    out.push({ time, value: r.hourlyRate * 100 });
  }
  return out;
}

/** Net spread per settlement hour both venues have, for a pair long `longVenue`. */
export function netSpreadPoints(history: Readonly<Record<VenueId, readonly HourlyPoint[]>>, longVenue: VenueId): Point[] {
  const shortVenue: VenueId = longVenue === 'lighter' ? 'extended' : 'lighter';
  const long = new Map(settledPoints(history[longVenue]).map((p) => [p.time, p.value]));
  return settledPoints(history[shortVenue]).flatMap((s) => {
    const l = long.get(s.time);
    return l === undefined ? [] : [{ time: s.time, value: s.value - l }];
  });
}

/** From the last settled point to the predicted rate at the next settlement (now when unknown);
 *  empty without a prediction or when it would not lie after the last point. */
export function predictedSegment(settled: readonly Point[], predictedHourlyRate: number | null, atMs: number | null, nowMs: number): Point[] {
  if (predictedHourlyRate === null || !Number.isFinite(predictedHourlyRate)) return [];
  const time = sec(atMs ?? nowMs);
  const last = settled[settled.length - 1];
  const point = { time, value: predictedHourlyRate * 100 };
  if (last === undefined) return [point];
  return time > last.time ? [last, point] : [];
}

export function predictedNet(row: ScreenerRow | undefined): { rate: number | null; atMs: number | null } {
  if (row === undefined || row.lighterHourlyRate === null || row.extendedHourlyRate === null) return { rate: null, atMs: null };
  const long = row.longVenue === 'lighter' ? row.lighterHourlyRate : row.extendedHourlyRate;
  const short = row.longVenue === 'lighter' ? row.extendedHourlyRate : row.lighterHourlyRate;
  const times = [row.lighterNextFundingMs, row.extendedNextFundingMs].filter((t): t is number => t !== null);
  return { rate: short - long, atMs: times.length === 0 ? null : Math.min(...times) };
}
