// Spike protection at entry (issue 12): a spread is entered only once it has been paid for some
// settled hours in a row and is still open now, and only while the live spread is not far out of
// line with the settled window. A spike seconds old shows a huge predicted rate that no
// settlement has paid yet; both gates refuse it, each with its numbers. Defaults and the data
// behind them: config/screener.ts.
import { apyFromHourly } from '../domain/funding-math';
import { fail, pass, type GateResult } from './gates';
import type { SpreadHistory } from './spread-history';

const pct = (hourly: number): string => `${(apyFromHourly(hourly) * 100).toFixed(1)} % APY`;

/** Settled hours in a row at or above min APY, the live spread open too. Why: a spread that no
 *  settlement has paid yet is a prediction, and most runs above min APY end within two hours. */
export function spreadOpenHoursGate(h: SpreadHistory, minOpenHours: number, openThresholdHourly: number, nowMs: number): GateResult {
  if (minOpenHours === 0 || h.openHours >= minOpenHours) return pass('spread-open-hours', h.openHours, minOpenHours, 'hours');
  const need = `needs ${minOpenHours} settled hours in a row at or above ${pct(openThresholdHourly)}`;
  switch (h.openBlocker) {
    case 'no-history':
      return fail('spread-open-hours', `no settled funding history for this direction yet (${need})`, 0, minOpenHours, 'hours');
    case 'stale':
      return fail('spread-open-hours', `settled funding history ends ${((nowMs - h.newestSettlementMs!) / 3_600_000).toFixed(1)} h ago: the hours since are unknown (${need})`, 0, minOpenHours, 'hours');
    case 'live-closed':
      return fail('spread-open-hours', `the live spread is below ${pct(openThresholdHourly)}: not open now`, 0, minOpenHours, 'hours');
    case null:
      return fail('spread-open-hours', `spread open ${h.openHours} settled hour${h.openHours === 1 ? '' : 's'} in this direction (${need})`, h.openHours, minOpenHours, 'hours');
  }
}

/** The live spread's z against the settled window, one-sided (below the mean is no spike). Why:
 *  a jump far outside what the window settled is news that has not been paid; it also catches a
 *  spike on top of a spread that was already open long enough for the open-hours gate. */
export function spreadZGate(h: SpreadHistory, maxZ: number | null, windowHours: number): GateResult {
  if (h.z === null) {
    if (maxZ === null) return pass('spread-z', null, null, 'σ');
    return fail('spread-z', `fewer than 2 settled hours in the last ${windowHours} h to judge the spread against`, null, maxZ, 'σ');
  }
  if (maxZ === null || h.z <= maxZ) return pass('spread-z', h.z, maxZ, 'σ');
  return fail('spread-z', `the live spread is ${h.z.toFixed(1)} σ above its ${windowHours} h settled mean of ${pct(h.windowMeanHourly!)} (limit ${maxZ} σ)`, h.z, maxZ, 'σ');
}
