// A healthy open pair on which no exit rule fires, and ways to change one thing about it.
// Worked numbers of the base pair (settings: exitDefaults):
//   ETH at 3 500, 0.1 ETH per leg = $350 notional each; long Lighter, short Extended.
//   Entered 100 h ago (min hold 48 h passed, max hold 240 h not reached).
//   Rates now: long 0.00001/h, short 0.00011/h ⇒ net +0.0001/h = 87.6 % APY (we earn).
//   Net EV: 0.0001 × 350 × 12 h = $0.42 ≥ exit cost $0.20 × 1.4 = $0.28 ⇒ hold.
//   Money: price PnL −0.50 + funding 2.00 − fees 0.10 − exit cost 0.20 = net $1.20 (< $3 target).
//   Basis 0.2 % vs entry 0.3 %: threshold max(0.05 %, 0.3 % × 0.2 = 0.06 %) ⇒ not converged.
//   Liquidation: long 2 500 / short 4 500 at mark 3 500 ⇒ both 28.6 % away (> 10 %).
//   Settled series: 168 h alternating 0.00011, 0.00009 (newest 0.00009 at the current hour):
//   mean 0.0001, population deviation 0.00001 ⇒ z of the spread now (0.0001) = 0; ATR 0.00002,
//   high-water 0.00011, stop 0.00011 − 2 × 0.00002 = 0.00007 < 0.0001.
import { exitDefaults, type ExitSettings } from '../../../../src-core/config/exits';
import { analyseSpread } from '../../../../src-core/strategy/exits/spread-analytics';
import { HOUR_MS, type SpreadSeries } from '../../../../src-core/strategy/exits/spread-series';
import { evaluateExits } from '../../../../src-core/strategy/exits/index';
import type { ExitEvaluation, ExitRuleName, ExitRuleResult, ExitSnapshot } from '../../../../src-core/strategy/exits/types';

/** Half past an hour. */
export const HOUR0_MS = 498_758 * HOUR_MS;
export const NOW_MS = HOUR0_MS + 30 * 60_000;
export const ENTRY_MS = NOW_MS - 100 * HOUR_MS;

export function settings(over: Partial<ExitSettings> = {}): ExitSettings {
  return { ...exitDefaults, ...over };
}

/** A series whose newest slot is `lastHourMs` (default: the current hour boundary). */
export function series(values: readonly (number | null)[], lastHourMs = HOUR0_MS): SpreadSeries {
  return { firstHourMs: lastHourMs - (values.length - 1) * HOUR_MS, netHourlyRates: values };
}

export function alternating(hours: number, hi = 0.00011, lo = 0.00009): number[] {
  // Newest is `lo` so that the last hour ends a full cycle.
  return Array.from({ length: hours }, (_v, i) => ((hours - 1 - i) % 2 === 0 ? lo : hi));
}

export type SnapshotOver = Partial<Omit<ExitSnapshot, 'analytics' | 'series'>> & { readonly netSeries?: readonly (number | null)[]; readonly seriesLastHourMs?: number };

export function snapshot(over: SnapshotOver = {}, e: ExitSettings = exitDefaults): ExitSnapshot {
  const { netSeries, seriesLastHourMs, ...rest } = over;
  const base: Omit<ExitSnapshot, 'analytics' | 'series'> = {
    pairSeq: 0,
    symbol: 'ETH',
    legs: { long: { venue: 'lighter', size: '0.1', notionalUsd: 350 }, short: { venue: 'extended', size: '0.1', notionalUsd: 350 } },
    entryTimeMs: ENTRY_MS,
    nowMs: NOW_MS,
    entryNetHourlyRate: 0.0001,
    entryBasisFraction: 0.003,
    fundingUsd: '2.00',
    feesPaidUsd: '0.10',
    pricePnlUsd: -0.5,
    exitCostUsd: 0.2,
    rates: { longHourlyRate: 0.00001, shortHourlyRate: 0.00011 },
    basisFraction: 0.002,
    bestAlternativeApy: 1,
    positions: { long: { size: '0.1', markPrice: 3_500, liquidationPrice: 2_500 }, short: { size: '-0.1', markPrice: 3_500, liquidationPrice: 4_500 } },
    hedge: { broken: false, detail: '' },
    ...rest,
  };
  const s = series(netSeries ?? alternating(168), seriesLastHourMs);
  return { ...base, series: s, analytics: analyseSpread(s, base.entryTimeMs, e) };
}

/** The rate pair whose net (short − long) is `netHourlyRate`. */
export function rates(netHourlyRate: number): ExitSnapshot['rates'] {
  return { longHourlyRate: 0, shortHourlyRate: netHourlyRate };
}

/** Net hourly rate of an APY. */
export const hourly = (apy: number) => apy / 8_760;

/** One rule's row of the evaluation of `snapshot(over)` under `settings(e)`. */
export function row(name: ExitRuleName, over: SnapshotOver = {}, e: Partial<ExitSettings> = {}): ExitRuleResult {
  const s = settings(e);
  return evaluateExits(snapshot(over, s), s).rules.find((r) => r.rule === name)!;
}

/** The whole evaluation. */
export function evaluate(over: SnapshotOver = {}, e: Partial<ExitSettings> = {}): ExitEvaluation {
  const s = settings(e);
  return evaluateExits(snapshot(over, s), s);
}

/** Entered `hours` ago. */
export const aged = (hours: number): { entryTimeMs: number } => ({ entryTimeMs: NOW_MS - hours * HOUR_MS });
