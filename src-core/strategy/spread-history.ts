// What the settled funding history says about a direction's spread right now: how many settled
// hours in a row it has been open, and how far the live spread sits from the settled window's
// mean in standard deviations. The spike gates and the EV blend read it. Pure; reads only the
// in-memory history, walking back from the newest hour (no full-series pass per evaluation).
import { otherVenue, type VenueId } from '../domain/venue';
import type { HistoryView } from '../market/types';

// Both venues settle funding every hour, on the hour (venues.md §funding: "Both venues settle
// hourly"); the history store keys each settlement by that time.
const HOUR_MS = 3_600_000;
/** The std a z-score divides by is at least this (1e-5 /h ≈ 8.8 % APY): half the smallest
 *  per-direction std of the stored 30-day history (p10 2.1e-5 /h, config/screener.ts), so a window
 *  that happened to be flat does not turn an ordinary move into a huge z. */
export const Z_STD_FLOOR_HOURLY = 1e-5;
/** The open-hours walk stops here (30 days): enough for any gate, bounded per evaluation. */
const MAX_OPEN_WALK_HOURS = 720;

export interface SpreadHistory {
  /** Consecutive settled hours, newest first, at or above the threshold; 0 when the live spread
   *  is below it, the history is stale or missing. */
  readonly openHours: number;
  /** Why openHours is 0 when it is not from the run itself (live spread closed, stale, none). */
  readonly openBlocker: 'live-closed' | 'stale' | 'no-history' | null;
  /** Newest settlement both venues have for the symbol; null when none. */
  readonly newestSettlementMs: number | null;
  /** Settled hours in the window (at most windowHours) and their mean and sample std. */
  readonly windowSamples: number;
  readonly windowMeanHourly: number | null;
  readonly windowStdHourly: number | null;
  /** (live − window mean) / max(window std, floor); null with fewer than 2 settled hours. */
  readonly z: number | null;
}

export interface SpreadHistoryArgs {
  readonly symbol: string;
  readonly longVenue: VenueId;
  /** Live net hourly rate of the direction (short venue's predicted − long venue's predicted). */
  readonly liveNetHourly: number;
  /** A settled hour counts as open at or above this net hourly rate (the min-APY threshold). */
  readonly openThresholdHourly: number;
  readonly windowHours: number;
  readonly nowMs: number;
}

type HourRows = readonly { timeMs: number; hourlyRate: number }[];

/** What a pair of stored series says, independent of the live rate: computed once per series
 *  version (the history store hands out the same array until a write replaces it), so the
 *  per-second screener pass costs a few lookups, not a walk of 30 days per symbol and direction. */
interface SettledSummary {
  readonly windowHours: number;
  readonly openThresholdHourly: number;
  readonly newestSettlementMs: number | null;
  readonly samples: number;
  readonly mean: number | null;
  readonly std: number | null;
  /** Consecutive hours from the newest, one hour apart, at or above the threshold. */
  readonly run: number;
}

const summaries = new WeakMap<HourRows, WeakMap<HourRows, SettledSummary>>();

function summarise(long: HourRows, short: HourRows, windowHours: number, openThresholdHourly: number): SettledSummary {
  let inner = summaries.get(long);
  const hit = inner?.get(short);
  if (hit !== undefined && hit.windowHours === windowHours && hit.openThresholdHourly === openThresholdHourly) return hit;
  // Newest first: each hour both venues settled, as the direction's net (short − long).
  const walkLimit = Math.max(windowHours, MAX_OPEN_WALK_HOURS);
  const times: number[] = [];
  const nets: number[] = [];
  let i = long.length - 1;
  let j = short.length - 1;
  while (i >= 0 && j >= 0 && times.length < walkLimit) {
    const l = long[i]!;
    const sh = short[j]!;
    if (l.timeMs === sh.timeMs) {
      times.push(l.timeMs);
      nets.push(sh.hourlyRate - l.hourlyRate);
      i--;
      j--;
    } else if (l.timeMs > sh.timeMs) i--;
    else j--;
  }
  const n = Math.min(nets.length, windowHours);
  let mean: number | null = null;
  let std: number | null = null;
  if (n > 0) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += nets[k]!;
    mean = sum / n;
    if (n > 1) {
      let sq = 0;
      for (let k = 0; k < n; k++) sq += (nets[k]! - mean) ** 2;
      std = Math.sqrt(sq / (n - 1));
    }
  }
  let run = 0;
  for (let k = 0; k < nets.length; k++) {
    // A missing hour ends the run: the spread is not known to have been open through it.
    if (k > 0 && times[k - 1]! - times[k]! !== HOUR_MS) break;
    if (nets[k]! < openThresholdHourly) break;
    run += 1;
  }
  const out: SettledSummary = { windowHours, openThresholdHourly, newestSettlementMs: times.length > 0 ? times[0]! : null, samples: n, mean, std, run };
  if (inner === undefined) {
    inner = new WeakMap();
    summaries.set(long, inner);
  }
  inner.set(short, out);
  return out;
}

export function spreadHistory(history: HistoryView, a: SpreadHistoryArgs): SpreadHistory {
  const h = summarise(history.venueHourly(a.symbol, a.longVenue), history.venueHourly(a.symbol, otherVenue(a.longVenue)), a.windowHours, a.openThresholdHourly);
  const z = h.mean !== null && h.std !== null ? (a.liveNetHourly - h.mean) / Math.max(h.std, Z_STD_FLOOR_HOURLY) : null;
  const newest = h.newestSettlementMs;
  const base = { newestSettlementMs: newest, windowSamples: h.samples, windowMeanHourly: h.mean, windowStdHourly: h.std, z };
  if (newest === null) return { ...base, openHours: 0, openBlocker: 'no-history' };
  // The settlement of the current hour's start may not be stored yet (the backfill runs every ten
  // minutes and a venue publishes a settled rate after the hour), so the newest stored one may be
  // an hour older than that; anything older leaves hours unknown, and unknown is not open.
  const currentHourStartMs = Math.floor(a.nowMs / HOUR_MS) * HOUR_MS;
  if (newest < currentHourStartMs - HOUR_MS) return { ...base, openHours: 0, openBlocker: 'stale' };
  if (a.liveNetHourly < a.openThresholdHourly) return { ...base, openHours: 0, openBlocker: 'live-closed' };
  return { ...base, openHours: h.run, openBlocker: null };
}
