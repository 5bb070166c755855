// Turns a symbol's strategy report and its funding history into the contract's
// `screener.explain` answer. JSON has no Infinity or NaN: values that are not finite are
// reported as "not applicable" (null), or as the row projection's floor for expected value.
import type { QueryOutput } from '../../api/contract';
import type { VenueId } from '../../domain/venue';
import type { DirectionReport } from '../../strategy/evaluate';
import type { SymbolReport } from '../../strategy/screener';
import type { CostBreakdown } from '../../api/channels/screener-costs';
import { evEntryCostBps } from './screener-costs';

type Explanation = QueryOutput<'screener.explain'>;

function finiteOr(v: number | string | null): number | string | null {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

export function explainDirection(d: DirectionReport): Explanation['best'] {
  return {
    longVenue: d.longVenue,
    shortVenue: d.shortVenue,
    netApy: Number.isFinite(d.netApy) ? d.netApy : 0,
    expectedValueUsd: Number.isFinite(d.expectedValueUsd) ? d.expectedValueUsd : -1e9,
    evHourlyRate: Number.isFinite(d.evRate.hourlyRate) ? d.evRate.hourlyRate : 0,
    evRateSource: d.evRate.source,
    evSettledMeanHourlyRate: d.spread.windowMeanHourly,
    entryCostBps: evEntryCostBps(d),
    breakevenHours: Number.isFinite(d.breakevenHours) ? d.breakevenHours : null,
    passed: d.passed,
    gates: d.gates.map((g) => ({ ...g, observed: finiteOr(g.observed), threshold: finiteOr(g.threshold) })),
  };
}

export interface HourlyHistory {
  venueHourly(symbol: string, venue: VenueId, sinceMs?: number): readonly { timeMs: number; hourlyRate: number }[];
}

/** `costs`: the best direction's breakdown (screener-costs.ts), null when the view is gone. */
export function explainSymbol(report: SymbolReport, history: HourlyHistory, sinceMs: number, costs: CostBreakdown | null = null): Explanation {
  const symbol = report.symbol;
  return {
    symbol,
    best: explainDirection(report.best),
    other: explainDirection(report.other),
    history: { lighter: [...history.venueHourly(symbol, 'lighter', sinceMs)], extended: [...history.venueHourly(symbol, 'extended', sinceMs)] },
    costs,
  };
}
