// Everything the trend rules need from the settled spread, computed once per settlement (the
// series changes hourly) so the per-second evaluation only reads it: the fitted slope of the
// last hours and of the hours before, the mean and deviation of the lookback, the funding-flip
// trigger's state after the pair's settled hours, and the ATR stop. O(series length); 168 hours
// cost a few microseconds, once an hour per pair.
import type { ExitSettings } from '../../config/exits';
import { apyFromHourly, hourlyFromApy } from '../../domain/funding-math';
import { atrStop, type AtrStopState } from './atr-stop';
import { HOUR_MS, lastHourMs, type SpreadSeries } from './spread-series';

export type SpreadAnalyticsSettings = Pick<
  ExitSettings,
  'velocityLookbackHours' | 'zScoreLookbackHours' | 'atrPeriodHours' | 'atrMultiple' | 'flipEnterApy' | 'flipReleaseApy'
>;

/** A deviation below this is rounding, not variation. The mean of a constant series is not exact
 *  in binary, so its deviations come out ~1e-20 instead of 0, and a z-score over them is ±1e14:
 *  a flat spread (both venues at their default rate, say) would look like a crash. One change of
 *  1e-8 (a venue's finest funding step is coarser) in 168 hours is a deviation of ~8e-10. */
export const MIN_DEVIATION_HOURLY_RATE = 1e-12;

export interface SpreadAnalytics {
  /** Settlement hour of the newest slot; null for an empty series. */
  readonly lastHourMs: number | null;
  /** The newest slot's spread (hourlyRate); null when that hour is missing. */
  readonly latestNetHourlyRate: number | null;
  /** Least-squares slope of the net APY over the last velocityLookbackHours hours (APY per hour);
   *  null unless every hour of the window is present. */
  readonly slopeApyPerHour: number | null;
  /** The same over the window just before it; null unless complete. */
  readonly previousSlopeApyPerHour: number | null;
  /** Present hours in the last zScoreLookbackHours slots, their mean and population deviation
   *  (hourlyRate); mean and deviation null without samples; a deviation below
   *  MIN_DEVIATION_HOURLY_RATE is 0. */
  readonly zSampleCount: number;
  readonly zMeanHourlyRate: number | null;
  readonly zStdHourlyRate: number | null;
  /** The funding-flip trigger after the pair's settled hours (see flipStep). */
  readonly flipped: boolean;
  readonly atr: AtrStopState;
}

/** The funding-flip trigger (a Schmitt trigger): below the enter threshold the spread is flipped,
 *  above the release threshold it is not, in between it stays as it was. Monotone in the spread:
 *  a higher spread at every step is never flipped where a lower one was not. */
export function flipStep(wasFlipped: boolean, netHourlyRate: number, enterHourlyRate: number, releaseHourlyRate: number): boolean {
  if (netHourlyRate < enterHourlyRate) return true;
  if (netHourlyRate > releaseHourlyRate) return false;
  return wasFlipped;
}

/** Least-squares slope (per hour) of slots [end − len + 1, end]; null if any is missing or out of
 *  range. Summed over symmetric pairs, Σ (mid − i)·(y_{len−1−i} − y_i) / Σ(x − x̄)², which is the
 *  textbook Σ(x − x̄)·y rearranged: a flat window is then exactly 0 (the textbook sum leaves
 *  ±1e-66 of rounding, and the acceleration rule's "falling" test would read the sign of noise). */
export function windowSlope(xs: readonly (number | null)[], end: number, len: number): number | null {
  const start = end - len + 1;
  if (start < 0 || len < 2 || end >= xs.length) return null;
  for (let i = start; i <= end; i++) if (xs[i] === null) return null;
  const mid = (len - 1) / 2;
  let num = 0;
  for (let i = 0; i < len / 2 - 0.5; i++) num += (mid - i) * (xs[end - i]! - xs[start + i]!);
  // Σ(x − x̄)² over x = 0 … len−1 is len(len² − 1)/12.
  return num / ((len * (len * len - 1)) / 12);
}

function deviation(variance: number): number {
  const d = Math.sqrt(variance);
  return d < MIN_DEVIATION_HOURLY_RATE ? 0 : d;
}

export function analyseSpread(series: SpreadSeries, entryTimeMs: number, settings: SpreadAnalyticsSettings): SpreadAnalytics {
  const xs = series.netHourlyRates;
  const end = xs.length - 1;
  const L = settings.velocityLookbackHours;
  const slope = windowSlope(xs, end, L);
  const previous = windowSlope(xs, end - L, L);
  let n = 0;
  let sum = 0;
  for (let i = Math.max(0, xs.length - settings.zScoreLookbackHours); i <= end; i++) {
    const x = xs[i]!;
    if (x !== null) {
      n += 1;
      sum += x;
    }
  }
  const mean = n > 0 ? sum / n : null;
  let sq = 0;
  if (mean !== null) for (let i = Math.max(0, xs.length - settings.zScoreLookbackHours); i <= end; i++) {
    const x = xs[i]!;
    if (x !== null) sq += (x - mean) ** 2;
  }
  const enter = hourlyFromApy(settings.flipEnterApy);
  const release = hourlyFromApy(settings.flipReleaseApy);
  let flipped = false;
  for (let i = 0; i <= end; i++) {
    const x = xs[i]!;
    // Only the pair's own settlements: a flip before the entry is the market's history.
    if (x !== null && series.firstHourMs + i * HOUR_MS > entryTimeMs) flipped = flipStep(flipped, x, enter, release);
  }
  return {
    lastHourMs: lastHourMs(series),
    latestNetHourlyRate: end >= 0 ? xs[end]! : null,
    slopeApyPerHour: slope === null ? null : apyFromHourly(slope),
    previousSlopeApyPerHour: previous === null ? null : apyFromHourly(previous),
    zSampleCount: n,
    zMeanHourlyRate: mean,
    zStdHourlyRate: mean === null ? null : deviation(sq / n),
    flipped,
    atr: atrStop(series, entryTimeMs, { periodHours: settings.atrPeriodHours, multiple: settings.atrMultiple }),
  };
}
