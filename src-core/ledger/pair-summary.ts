// What a pair and its legs have made or lost, from the ledger's own fills and funding payments:
// exact decimal strings throughout (pnl.ts does the average-cost math). Pure: the read queries
// (ledger-queries.ts) load the rows and hand them here.
import { addDecimal, negDecimal, normalizeDecimal, signDecimal, subDecimal, sumDecimals } from '../domain/decimal';
import type { VenueId } from '../domain/enums';
import type { PositionSide } from '../domain/venue';
import { legPnl, type PnlFill } from './pnl';

/** Exact PnL of a pair or a leg; netUsd = realized − fees + received − paid. */
export interface PnlSummary {
  readonly realizedPnlUsd: string;
  /** Sum of the payments received (≥ 0). */
  readonly fundingReceivedUsd: string;
  /** Sum of the payments paid, as a positive amount (≥ 0). */
  readonly fundingPaidUsd: string;
  readonly feesUsd: string;
  readonly netUsd: string;
}

export interface LegSummary {
  readonly leg: 0 | 1;
  readonly venue: VenueId;
  readonly positionSide: PositionSide;
  /** Sum of the fills that opened this leg: buys of a long leg, sells of a short one. */
  readonly filledSize: string;
  /** Signed open size from the fills: positive long, negative short, "0" flat. */
  readonly positionSize: string;
}

export interface LegDetail extends LegSummary {
  readonly costBasisUsd: string;
  readonly avgEntryPrice: string | null;
  readonly fillCount: number;
  readonly pnl: PnlSummary;
}

export interface LegInput {
  readonly leg: 0 | 1;
  readonly venue: VenueId;
  readonly positionSide: PositionSide;
  /** This leg's fills in fill order. */
  readonly fills: readonly PnlFill[];
  /** Funding cash of this leg's venue (positive = received). */
  readonly fundingCashUsd: readonly string[];
}

/** Received and paid funding, each as a non-negative exact sum. */
export function fundingSplit(cashUsd: readonly string[]): { readonly receivedUsd: string; readonly paidUsd: string } {
  const received = cashUsd.filter((c) => signDecimal(c) > 0);
  const paid = cashUsd.filter((c) => signDecimal(c) < 0).map(negDecimal);
  return { receivedUsd: normalizeDecimal(sumDecimals(received)), paidUsd: normalizeDecimal(sumDecimals(paid)) };
}

export function pnlSummary(realizedPnlUsd: string, feesUsd: string, fundingCashUsd: readonly string[]): PnlSummary {
  const { receivedUsd, paidUsd } = fundingSplit(fundingCashUsd);
  const net = subDecimal(addDecimal(subDecimal(realizedPnlUsd, feesUsd), receivedUsd), paidUsd);
  return {
    realizedPnlUsd: normalizeDecimal(realizedPnlUsd),
    fundingReceivedUsd: receivedUsd,
    fundingPaidUsd: paidUsd,
    feesUsd: normalizeDecimal(feesUsd),
    netUsd: normalizeDecimal(net),
  };
}

/** The size the fills put on in the leg's own direction (what "filled" means for an entry). */
export function openingFilledSize(positionSide: PositionSide, fills: readonly PnlFill[]): string {
  const opening = positionSide === 'long' ? 'buy' : 'sell';
  return normalizeDecimal(sumDecimals(fills.filter((f) => f.side === opening).map((f) => f.size)));
}

export function legDetail(input: LegInput): LegDetail {
  const p = legPnl(input.fills);
  return {
    leg: input.leg,
    venue: input.venue,
    positionSide: input.positionSide,
    filledSize: openingFilledSize(input.positionSide, input.fills),
    positionSize: p.size,
    costBasisUsd: p.costBasisUsd,
    avgEntryPrice: p.avgEntryPrice,
    fillCount: p.fillCount,
    pnl: pnlSummary(p.realizedPnlUsd, p.feesUsd, input.fundingCashUsd),
  };
}

export function legSummary(d: LegDetail): LegSummary {
  return { leg: d.leg, venue: d.venue, positionSide: d.positionSide, filledSize: d.filledSize, positionSize: d.positionSize };
}

/** The pair's PnL: both legs' realized price PnL and fees, and every funding payment of the pair
 *  (including one whose venue matches neither leg, so nothing recorded is left out). */
export function pairPnlSummary(legs: readonly LegDetail[], pairFundingCashUsd: readonly string[]): PnlSummary {
  return pnlSummary(sumDecimals(legs.map((l) => l.pnl.realizedPnlUsd)), sumDecimals(legs.map((l) => l.pnl.feesUsd)), pairFundingCashUsd);
}
