// A direction's costs as the expected value counts them (strategy/evaluate.ts): entry fees
// (maker venue at its maker rate, the hedge venue at its taker rate), the entry spread clamped at
// zero, exit fees (domain/funding-math.ts exitFeesUsd) and the exit spread. Each leg's fee comes
// from the same domain functions with the other leg's rates zeroed, so no formula is copied here.
import type { CostBreakdown } from '../../api/channels/screener-costs';
import type { ScreenerParams } from '../../config/screener-params';
import { entryFeesUsd, exitFeesUsd, type LegFees } from '../../domain/funding-math';
import { otherVenue } from '../../domain/venue';
import type { SymbolView } from '../../market/types';
import type { DirectionReport } from '../../strategy/evaluate';

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Entry cost in bps of the notional as the EV counts it: fees plus the spread, the spread never
 *  below zero. (DirectionReport.entryCostBps adds a negative spread as a credit the EV does not
 *  take; the screener row shows this one so the row and its EV agree.) */
export function evEntryCostBps(d: Pick<DirectionReport, 'entryCostBps' | 'entrySpreadFraction'>): number | null {
  return finiteOrNull(d.entryCostBps - Math.min(d.entrySpreadFraction, 0) * 10_000);
}

export function costBreakdown(d: DirectionReport, view: SymbolView, p: Pick<ScreenerParams, 'notionalUsd' | 'makerVenue' | 'exitMakerProbabilityRatio'>): CostBreakdown {
  const N = p.notionalUsd;
  const makerVenue = p.makerVenue;
  const hedgeVenue = otherVenue(makerVenue);
  const m = view[makerVenue].meta;
  const h = view[hedgeVenue].meta;
  const makerOnly: LegFees = { makerVenueMakerRate: m.makerFeeRate, makerVenueTakerRate: m.takerFeeRate, hedgeVenueMakerRate: 0, hedgeVenueTakerRate: 0 };
  const hedgeOnly: LegFees = { makerVenueMakerRate: 0, makerVenueTakerRate: 0, hedgeVenueMakerRate: h.makerFeeRate, hedgeVenueTakerRate: h.takerFeeRate };
  const makerExit = exitFeesUsd(N, makerOnly, p.exitMakerProbabilityRatio);
  const hedgeExit = exitFeesUsd(N, hedgeOnly, p.exitMakerProbabilityRatio);
  const exitSpreadUsd = Math.max(0, d.exitCostUsd - makerExit - hedgeExit);
  const spreadFraction = finiteOrNull(d.entrySpreadFraction);
  const entryTotal = finiteOrNull(d.entryCostUsd);
  return {
    notionalUsd: N,
    entry: {
      makerLeg: { venue: makerVenue, role: 'maker', feeRate: m.makerFeeRate, feeUsd: entryFeesUsd(N, makerOnly) },
      hedgeLeg: { venue: hedgeVenue, role: 'taker', feeRate: h.takerFeeRate, feeUsd: entryFeesUsd(N, hedgeOnly) },
      spreadFraction,
      spreadUsd: spreadFraction === null ? null : Math.max(0, spreadFraction) * N,
      totalUsd: entryTotal,
      totalBps: entryTotal === null || N <= 0 ? null : (entryTotal / N) * 10_000,
    },
    exit: { makerProbability: p.exitMakerProbabilityRatio, makerVenueFeeUsd: makerExit, hedgeVenueFeeUsd: hedgeExit, spreadUsd: exitSpreadUsd, totalUsd: d.exitCostUsd },
    totalUsd: entryTotal === null ? null : entryTotal + d.exitCostUsd,
  };
}
