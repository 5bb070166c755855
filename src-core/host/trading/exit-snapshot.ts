// One open pair's exit snapshot (strategy/exits/types.ts ExitSnapshot) from what the host already
// holds in memory: the ledger's view of the pair and its legs, the market view of its symbol
// (books, predicted funding, marks), the live positions the account streams and the risk feed's
// reads keep, the risk feed's broken-hedge verdict, the screener's best alternative and the
// spread analytics computed at the last settlement. No I/O: the exit loop builds one per open
// pair every second.
import { absDecimal, normalizeDecimal, signDecimal, subDecimal } from '../../domain/decimal';
import { netCarryHourly } from '../../domain/funding-math';
import type { VenueId } from '../../domain/venue';
import type { LegDetail } from '../../ledger/pair-summary';
import type { PairView } from '../../ledger/query-types';
import type { SymbolView, VenueView } from '../../market/types';
import { exitCostUsd, type ExitLeg, type ExitSnapshot, type LivePosition, type SpreadAnalytics, type SpreadSeries } from '../../strategy/exits';
import { decimalToNumber } from '../../strategy/exits/decimal-number';
import type { BookLevel } from '../../venues/port';

export interface ExitSnapshotInputs {
  readonly pair: PairView;
  /** The pair's legs with their cost basis (LedgerQueries.pairDetail). */
  readonly legs: readonly LegDetail[];
  readonly view: SymbolView | undefined;
  readonly position: (venue: VenueId, symbol: string) => LivePosition | null;
  readonly hedge: { readonly broken: boolean; readonly detail: string };
  readonly bestAlternativeApy: number | null;
  readonly spread: { readonly series: SpreadSeries; readonly analytics: SpreadAnalytics };
  readonly nowMs: number;
}

/** Average price of taking `size` base from `levels` (best first); null when the book is too thin. */
export function vwapForSize(levels: readonly BookLevel[], size: number): number | null {
  if (size <= 0) return levels[0]?.price ?? null;
  let left = size;
  let cost = 0;
  for (const l of levels) {
    const take = Math.min(l.size, left);
    cost += take * l.price;
    left -= take;
    if (left <= size * 1e-12) return cost / size;
  }
  return null;
}

function mid(v: VenueView): number | null {
  const bid = v.bids[0]?.price;
  const ask = v.asks[0]?.price;
  return bid === undefined || ask === undefined ? null : (bid + ask) / 2;
}

function spreadFraction(v: VenueView): number {
  const m = mid(v);
  const bid = v.bids[0]?.price;
  const ask = v.asks[0]?.price;
  return m === null || bid === undefined || ask === undefined || m <= 0 ? 0 : (ask - bid) / m;
}

/** The predicted rate the rules may trust: none while the adapter refuses the venue's funding. */
function trustedRate(v: VenueView): number | null {
  return v.fundingRejectedSinceMs === null ? v.predictedHourlyRate : null;
}

function legOf(legs: readonly LegDetail[], venue: VenueId, side: 'long' | 'short'): LegDetail | undefined {
  return legs.find((l) => l.venue === venue && l.positionSide === side);
}

function exitLeg(d: LegDetail | undefined, venue: VenueId): ExitLeg {
  if (d === undefined) return { venue, size: '0', notionalUsd: 0 };
  const size = absDecimal(d.positionSize);
  const avg = d.avgEntryPrice === null ? 0 : decimalToNumber(d.avgEntryPrice);
  return { venue, size, notionalUsd: decimalToNumber(size) * avg };
}

/** Price PnL of closing both legs now at the books (long sells the bids, short buys the asks). */
function pricePnl(long: LegDetail | undefined, short: LegDetail | undefined, lv: VenueView, sv: VenueView): number | null {
  if (!lv.bookFresh || !sv.bookFresh) return null;
  let pnl = 0;
  if (long !== undefined && signDecimal(long.positionSize) !== 0) {
    const size = decimalToNumber(absDecimal(long.positionSize));
    const px = vwapForSize(lv.bids, size);
    if (px === null || long.avgEntryPrice === null) return null;
    pnl += (px - decimalToNumber(long.avgEntryPrice)) * size;
  }
  if (short !== undefined && signDecimal(short.positionSize) !== 0) {
    const size = decimalToNumber(absDecimal(short.positionSize));
    const px = vwapForSize(sv.asks, size);
    if (px === null || short.avgEntryPrice === null) return null;
    pnl += (decimalToNumber(short.avgEntryPrice) - px) * size;
  }
  return pnl;
}

/** The snapshot, or null when the pair cannot be judged yet (not opened, or no market view). */
export function buildExitSnapshot(x: ExitSnapshotInputs): ExitSnapshot | null {
  const { pair, view } = x;
  if (pair.openedAtMs === null || view === undefined) return null;
  const lv = view[pair.longVenue];
  const sv = view[pair.shortVenue];
  const longDetail = legOf(x.legs, pair.longVenue, 'long');
  const shortDetail = legOf(x.legs, pair.shortVenue, 'short');
  const long = exitLeg(longDetail, pair.longVenue);
  const short = exitLeg(shortDetail, pair.shortVenue);
  const lm = mid(lv);
  const sm = mid(sv);
  const longNowUsd = lm === null ? long.notionalUsd : decimalToNumber(long.size) * lm;
  const shortNowUsd = sm === null ? short.notionalUsd : decimalToNumber(short.size) * sm;
  const entryNet = pair.entryLongHourlyRate === null || pair.entryShortHourlyRate === null ? 0 : netCarryHourly(pair.entryLongHourlyRate, pair.entryShortHourlyRate);
  return {
    pairSeq: pair.pairSeq,
    symbol: pair.symbol,
    legs: { long, short },
    entryTimeMs: pair.openedAtMs,
    nowMs: x.nowMs,
    entryNetHourlyRate: entryNet,
    // Not recorded at entry yet: the basis rule reads null as "unknown" and does not fire.
    entryBasisFraction: null,
    fundingUsd: normalizeDecimal(subDecimal(pair.pnl.fundingReceivedUsd, pair.pnl.fundingPaidUsd)),
    feesPaidUsd: pair.pnl.feesUsd,
    pricePnlUsd: pricePnl(longDetail, shortDetail, lv, sv),
    exitCostUsd: exitCostUsd({
      longNotionalUsd: longNowUsd,
      shortNotionalUsd: shortNowUsd,
      longTakerFeeRate: lv.meta.takerFeeRate,
      shortTakerFeeRate: sv.meta.takerFeeRate,
      longBookSpreadFraction: spreadFraction(lv),
      shortBookSpreadFraction: spreadFraction(sv),
    }),
    rates: { longHourlyRate: trustedRate(lv), shortHourlyRate: trustedRate(sv) },
    basisFraction: lm === null || sm === null || lm <= 0 ? null : (sm - lm) / lm,
    bestAlternativeApy: x.bestAlternativeApy,
    positions: { long: x.position(pair.longVenue, pair.symbol), short: x.position(pair.shortVenue, pair.symbol) },
    hedge: x.hedge,
    series: x.spread.series,
    analytics: x.spread.analytics,
  };
}
