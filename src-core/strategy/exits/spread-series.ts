// The series every trend rule reads: a pair's SIGNED net funding spread in the pair's own
// direction, one slot per settlement hour. Upstream read |lighter APY − x10 APY| (the sign gone,
// so a flip looked like a gain) and called "the last 6 samples" a 6-hour lookback
// (reference-upstream §13 B20). Here the value is the short venue's hourly rate minus the long
// venue's (positive = the pair earns, domain/funding-math netCarryHourly), and slot i is the
// settlement hour firstHourMs + i h: an hour a venue did not report is null, never 0 and never
// skipped, so "the last 6 hours" is six hours of the clock. Both venues settle hourly
// (docs/venues.md §1, §2). Rates are analytics floats; no money here.
import { netCarryHourly } from '../../domain/funding-math';

export const HOUR_MS = 3_600_000;

/** One venue's settled funding: settlement time (ms) and the signed hourly rate, long pays positive. */
export interface FundingPoint {
  readonly timeMs: number;
  readonly hourlyRate: number;
}

export interface SpreadSeries {
  /** Settlement hour (ms, a whole hour) of netHourlyRates[0]. Meaningless when the series is empty. */
  readonly firstHourMs: number;
  /** Oldest first, one slot per hour: short-venue rate − long-venue rate; null = a venue has no
   *  settlement for that hour (or two that disagree). */
  readonly netHourlyRates: readonly (number | null)[];
}

export interface SpreadSeriesBuild {
  readonly series: SpreadSeries;
  /** Points dropped because their time is farther than maxOffsetMs from a whole hour. */
  readonly misalignedCount: number;
  /** Points dropped because their rate is not a finite number. */
  readonly invalidCount: number;
  /** Hours made null because one venue reported two different rates for them. */
  readonly conflictCount: number;
}

export interface SpreadSeriesOptions {
  /** How far from a whole hour a settlement time may be and still belong to it. Default one
   *  minute: venues stamp the settlement on the hour, a reader may add a few ms or round to s. */
  readonly maxOffsetMs?: number;
}

export const EMPTY_SERIES: SpreadSeries = { firstHourMs: 0, netHourlyRates: [] };

interface VenueHours {
  readonly rates: Map<number, number | null>;
  misaligned: number;
  invalid: number;
  conflicts: number;
}

function byHour(points: readonly FundingPoint[], maxOffsetMs: number): VenueHours {
  const out: VenueHours = { rates: new Map(), misaligned: 0, invalid: 0, conflicts: 0 };
  for (const p of points) {
    if (!Number.isFinite(p.hourlyRate) || !Number.isFinite(p.timeMs)) {
      out.invalid += 1;
      continue;
    }
    const hourMs = Math.round(p.timeMs / HOUR_MS) * HOUR_MS;
    if (Math.abs(p.timeMs - hourMs) > maxOffsetMs) {
      out.misaligned += 1;
      continue;
    }
    const seen = out.rates.get(hourMs);
    if (seen === undefined) out.rates.set(hourMs, p.hourlyRate);
    else if (seen !== null && seen !== p.hourlyRate) {
      // Two different settled rates for one hour: which one was paid is unknown, so the hour is.
      out.rates.set(hourMs, null);
      out.conflicts += 1;
    }
  }
  return out;
}

function bounds(rates: ReadonlyMap<number, number | null>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const h of rates.keys()) {
    if (h < lo) lo = h;
    if (h > hi) hi = h;
  }
  return [lo, hi];
}

/** Builds the pair's hourly net spread from each venue's settled rates, in any order. The series
 *  starts at the first hour both venues reported and ends at the last hour either did, so a
 *  settlement one venue has not published yet shows as a missing newest hour. */
export function buildSpreadSeries(longVenuePoints: readonly FundingPoint[], shortVenuePoints: readonly FundingPoint[], options: SpreadSeriesOptions = {}): SpreadSeriesBuild {
  const maxOffsetMs = options.maxOffsetMs ?? 60_000;
  const long = byHour(longVenuePoints, maxOffsetMs);
  const short = byHour(shortVenuePoints, maxOffsetMs);
  const counts = { misalignedCount: long.misaligned + short.misaligned, invalidCount: long.invalid + short.invalid, conflictCount: long.conflicts + short.conflicts };
  const [longFirst, longLast] = bounds(long.rates);
  const [shortFirst, shortLast] = bounds(short.rates);
  let first = Math.max(longFirst, shortFirst);
  const last = Math.max(longLast, shortLast);
  while (first <= last && ((long.rates.get(first) ?? null) === null || (short.rates.get(first) ?? null) === null)) first += HOUR_MS;
  if (!(first <= last)) return { series: EMPTY_SERIES, ...counts };
  const values: (number | null)[] = [];
  for (let h = first; h <= last; h += HOUR_MS) {
    const l = long.rates.get(h) ?? null;
    const s = short.rates.get(h) ?? null;
    values.push(l === null || s === null ? null : netCarryHourly(l, s));
  }
  return { series: { firstHourMs: first, netHourlyRates: values }, ...counts };
}

/** The settlement hour of the newest slot, or null for an empty series. */
export function lastHourMs(series: SpreadSeries): number | null {
  const n = series.netHourlyRates.length;
  return n === 0 ? null : series.firstHourMs + (n - 1) * HOUR_MS;
}
