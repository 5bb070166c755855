// Turns strategy reports into the contract's screener rows.
import type { ScreenerRow } from '../../api/channels/screener';
import type { SymbolView } from '../../market/types';
import type { SymbolReport } from '../../strategy/screener';
import { evEntryCostBps } from './screener-costs';

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function toRow(report: SymbolReport, view: SymbolView, nowMs: number): ScreenerRow {
  const b = report.best;
  return {
    symbol: report.symbol,
    longVenue: b.longVenue,
    shortVenue: b.shortVenue,
    lighterHourlyRate: view.lighter.predictedHourlyRate,
    extendedHourlyRate: view.extended.predictedHourlyRate,
    lighterSettledHourlyRate: view.lighter.settledHourlyRate,
    extendedSettledHourlyRate: view.extended.settledHourlyRate,
    netHourlyRate: b.netHourlyRate,
    netApy: b.netApy,
    lighterNextFundingMs: view.lighter.nextSettlementMs,
    extendedNextFundingMs: view.extended.nextSettlementMs,
    lighterFundingRejectedSinceMs: view.lighter.fundingRejectedSinceMs,
    extendedFundingRejectedSinceMs: view.extended.fundingRejectedSinceMs,
    lighterFundingRejectedReason: view.lighter.fundingRejectedReason,
    extendedFundingRejectedReason: view.extended.fundingRejectedReason,
    entryCostBps: evEntryCostBps(b),
    exitCostUsd: b.exitCostUsd,
    expectedValueUsd: Number.isFinite(b.expectedValueUsd) ? b.expectedValueUsd : -1e9,
    evHourlyRate: finiteOrNull(b.evRate.hourlyRate) ?? 0,
    evRateSource: b.evRate.source,
    evSettledMeanHourlyRate: b.spread.windowMeanHourly,
    breakevenHours: finiteOrNull(b.breakevenHours),
    capacityUsd: b.capacityUsd,
    stabilityZ: b.stability.zScore,
    stabilityStdHourly: b.stability.stdHourly,
    spreadOpenHours: b.spread.openHours,
    spreadZ: b.spread.z === null ? null : finiteOrNull(b.spread.z),
    catchesNextPayment: b.catchesNextPayment,
    passed: b.passed,
    rejectGate: b.rejection?.gate ?? null,
    rejectReason: b.rejection?.reason ?? null,
    updatedAtMs: nowMs,
  };
}
