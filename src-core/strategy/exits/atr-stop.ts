// ATR trailing stop on the pair's net funding spread (upstream had the settings, never the stop:
// reference-upstream §13, "ATR trailing stop was never built"; the class it had trailed PnL).
//
// True range. A funding series has one value per hour, no high and no low, so Wilder's
// max(high − low, |high − prev close|, |low − prev close|) collapses to the move between two
// consecutive settlements: TR_t = |x_t − x_{t−1}|. Only consecutive hours make a true range: a move
// across a missing hour spans two or more hours and would overstate one hour's range, so a gap
// yields no true range (and the next one needs two present hours in a row again).
//
// Average. Wilder's smoothing, the ATR's own definition (Wilder 1978): the first ATR is the
// simple mean of the first n true ranges, then ATR_t = (ATR_{t−1}·(n − 1) + TR_t) / n. Chosen over
// a rolling mean because it is an O(1) update per settlement with no window to keep, and one
// outlier hour decays instead of falling off a cliff n hours later.
//
// Stop. The high-water mark is the highest settled spread since the pair's entry (its carry at
// best); the stop is HWM − multiple·ATR. A settled hour below the stop as it stood after the hour
// before breaches it; the ATR is taken over the whole series (the market's volatility is known
// before the pair is entered), the HWM only over the pair's own hours.
import { HOUR_MS, type SpreadSeries } from './spread-series';

export interface AtrStopParams {
  readonly periodHours: number;
  readonly multiple: number;
}

export interface AtrStopState {
  /** Wilder ATR of the spread (hourlyRate) after the newest hour; null until periodHours true ranges exist. */
  readonly atrHourlyRate: number | null;
  /** Highest settled spread at a settlement after sinceMs (hourlyRate); null before the first. */
  readonly highWaterHourlyRate: number | null;
  /** highWater − multiple · ATR (hourlyRate); null while either is unknown. */
  readonly stopHourlyRate: number | null;
  /** The first settlement after sinceMs whose spread fell below the stop as it stood after the
   *  hour before; null when none did. */
  readonly firstBreachHourMs: number | null;
}

/** Runs the stop over the series. sinceMs: the pair's entry; settlements after it are the pair's. */
export function atrStop(series: SpreadSeries, sinceMs: number, params: AtrStopParams): AtrStopState {
  const n = params.periodHours;
  let atr: number | null = null;
  let seedSum = 0;
  let seedCount = 0;
  let hwm: number | null = null;
  let stop: number | null = null;
  let breach: number | null = null;
  let prev: number | null = null;
  const xs = series.netHourlyRates;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const hourMs = series.firstHourMs + i * HOUR_MS;
    if (x !== null && hourMs > sinceMs && breach === null && stop !== null && x < stop) breach = hourMs;
    if (x !== null && prev !== null) {
      const tr = Math.abs(x - prev);
      if (atr !== null) atr = (atr * (n - 1) + tr) / n;
      else {
        seedSum += tr;
        seedCount += 1;
        if (seedCount === n) atr = seedSum / n;
      }
    }
    if (x !== null && hourMs > sinceMs && (hwm === null || x > hwm)) hwm = x;
    stop = hwm !== null && atr !== null ? hwm - params.multiple * atr : null;
    prev = x;
  }
  return { atrHourlyRate: atr, highWaterHourlyRate: hwm, stopHourlyRate: stop, firstBreachHourMs: breach };
}
