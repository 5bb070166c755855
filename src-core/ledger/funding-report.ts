// Funding attribution: for each settlement a pair was paid (or charged) on, what was promised and
// what came. Per row: the rate the screener entered on, the venue's first prediction for that
// settlement (published from the previous settlement on: "the hour before"), its last prediction,
// the settled rate, the payment (exact, from the venue's own bytes), what the entry rate and the
// hour-before prediction would have paid on the same size and mark, and the difference. Per
// pair: the realized carry (exact sum of payments) against the carry promised at entry. This is
// what lets a trader judge the screener's promises; no peer tool shows it.
//
// Expected cash follows the venues' convention (long pays a positive rate, reference: both venues'
// funding docs, venues.md §1.4/§2.4): cash = −rate × size × mark for a long, +rate × size × mark
// for a short. Expected values and differences are floats (analytics); the payment is exact.
import { sumDecimals } from '../domain/decimal';
import type { VenueId } from '../domain/venue';
import type { PredictedFundingRow } from '../store/predicted-funding-repo';
import type { LedgerFundingPayment } from './types';

export interface FundingPairInfo {
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly entryLongHourlyRate: number | null;
  readonly entryShortHourlyRate: number | null;
}

export interface FundingAttributionRow {
  readonly settlementTimeMs: number;
  readonly venue: VenueId;
  readonly positionSide: LedgerFundingPayment['positionSide'];
  readonly positionSize: string;
  readonly markPrice: number | null;
  /** The leg's rate when the pair was entered (signed hourly, long-pays-positive). */
  readonly entryHourlyRate: number | null;
  readonly hourBeforeHourlyRate: number | null;
  readonly lastPredictedHourlyRate: number | null;
  readonly settledHourlyRate: number | null;
  /** Exact signed cash, positive = received. */
  readonly paymentUsd: string;
  readonly expectedAtEntryUsd: number | null;
  readonly expectedHourBeforeUsd: number | null;
  /** paymentUsd − expectedAtEntryUsd: negative = the screener promised more than came. */
  readonly differenceVsEntryUsd: number | null;
}

export interface FundingAttribution {
  readonly rows: readonly FundingAttributionRow[];
  /** Exact sum of the payments. */
  readonly realizedCarryUsd: string;
  /** Sum of expectedAtEntryUsd, or null when a row lacks it (no entry rate or no mark). */
  readonly promisedCarryUsd: number | null;
  /** realized / promised, or null when promised is null or zero. */
  readonly realizedToPromisedRatio: number | null;
}

/** What `hourlyRate` pays a position of `side` and `size` at `mark` (float analytics). */
export function expectedFundingUsd(side: LedgerFundingPayment['positionSide'], size: string, mark: number | null, hourlyRate: number | null): number | null {
  if (mark === null || hourlyRate === null) return null;
  const notional = Number(size) * mark;
  return side === 'long' ? -hourlyRate * notional : hourlyRate * notional;
}

export function fundingAttribution(pair: FundingPairInfo, payments: readonly LedgerFundingPayment[], predicted: readonly PredictedFundingRow[]): FundingAttribution {
  const byKey = new Map(predicted.map((p) => [`${p.venue}:${p.settlementTimeMs}`, p]));
  const rows = [...payments]
    .sort((a, b) => a.settlementTimeMs - b.settlementTimeMs || (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : 0))
    .map((p): FundingAttributionRow => {
      const pred = byKey.get(`${p.venue}:${p.settlementTimeMs}`);
      const entryHourlyRate = p.venue === pair.longVenue ? pair.entryLongHourlyRate : p.venue === pair.shortVenue ? pair.entryShortHourlyRate : null;
      const expectedAtEntryUsd = expectedFundingUsd(p.positionSide, p.positionSize, p.markPrice, entryHourlyRate);
      return {
        settlementTimeMs: p.settlementTimeMs,
        venue: p.venue,
        positionSide: p.positionSide,
        positionSize: p.positionSize,
        markPrice: p.markPrice,
        entryHourlyRate,
        hourBeforeHourlyRate: pred?.firstHourlyRate ?? null,
        lastPredictedHourlyRate: pred?.lastHourlyRate ?? null,
        settledHourlyRate: p.hourlyRate,
        paymentUsd: p.cashUsd,
        expectedAtEntryUsd,
        expectedHourBeforeUsd: expectedFundingUsd(p.positionSide, p.positionSize, p.markPrice, pred?.firstHourlyRate ?? null),
        differenceVsEntryUsd: expectedAtEntryUsd === null ? null : Number(p.cashUsd) - expectedAtEntryUsd,
      };
    });
  const realizedCarryUsd = sumDecimals(rows.map((r) => r.paymentUsd));
  let promised: number | null = rows.length === 0 ? null : 0;
  for (const r of rows) promised = promised === null || r.expectedAtEntryUsd === null ? null : promised + r.expectedAtEntryUsd;
  return {
    rows,
    realizedCarryUsd,
    promisedCarryUsd: promised,
    realizedToPromisedRatio: promised === null || promised === 0 ? null : Number(realizedCarryUsd) / promised,
  };
}
