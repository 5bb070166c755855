// Ledger math for one leg (one venue position) and one pair, exact: positions, cost basis,
// realized price PnL, fees and funding are decimal strings and never pass through a float. Only
// the unrealized PnL at a mark is a float (analytics: marks are floats already).
//
// Average cost: the open position keeps its cost basis C (Σ price × signed size of the open
// quantity, so C has the position's sign and the average entry is C / q). A reducing fill of c
// takes the share C × c / |q| of the basis and realizes sign(q) × price × c − that share. The
// share is exact when the position closes fully; on a partial reduction it is rounded to
// COST_SCALE decimals and the rest stays in C, so realized + remaining basis always add up to
// the exact cash of the fills (a full close realizes to the last digit).
import { absDecimal, addDecimal, compareDecimal, divDecimal, mulDecimal, negDecimal, normalizeDecimal, signDecimal, subDecimal, sumDecimals } from '../domain/decimal';
import type { Side } from '../domain/venue';

/** Decimals kept for a partial reduction's cost share (USD): far below any venue's fee unit. */
export const COST_SCALE = 12;

export interface PnlFill {
  readonly side: Side;
  /** Exact, positive. */
  readonly size: string;
  /** Exact, positive. */
  readonly price: string;
  /** Exact; positive = paid, negative = rebate. */
  readonly feeUsd: string;
}

export interface LegPnl {
  /** Signed open size: positive long, negative short, "0" flat. */
  readonly size: string;
  /** Cost basis of the open size (same sign as size; "0" when flat). */
  readonly costBasisUsd: string;
  /** C / q at COST_SCALE decimals, or null when flat (display; the basis is the exact value). */
  readonly avgEntryPrice: string | null;
  /** Price PnL realized by reducing fills, before fees. */
  readonly realizedPnlUsd: string;
  readonly feesUsd: string;
  readonly fillCount: number;
}

export class PnlError extends Error {
  override readonly name = 'PnlError';
}

function checkFill(f: PnlFill, i: number): void {
  if (f.side !== 'buy' && f.side !== 'sell') throw new PnlError(`fill #${i}: side ${String(f.side)}`);
  if (signDecimal(f.size) <= 0) throw new PnlError(`fill #${i}: size must be positive, got ${f.size}`);
  if (signDecimal(f.price) <= 0) throw new PnlError(`fill #${i}: price must be positive, got ${f.price}`);
  signDecimal(f.feeUsd);
}

/** Position, basis, realized PnL and fees of one leg from its fills, in fill order. */
export function legPnl(fills: readonly PnlFill[]): LegPnl {
  let q = '0';
  let c = '0';
  let realized = '0';
  fills.forEach((f, i) => {
    checkFill(f, i);
    const d = f.side === 'buy' ? f.size : negDecimal(f.size);
    const qSign = signDecimal(q);
    if (qSign === 0 || qSign === signDecimal(d)) {
      q = addDecimal(q, d);
      c = addDecimal(c, mulDecimal(f.price, d));
      return;
    }
    const openAbs = absDecimal(q);
    const closing = compareDecimal(f.size, openAbs) >= 0 ? openAbs : f.size;
    const fullClose = compareDecimal(closing, openAbs) === 0;
    const share = fullClose ? c : divDecimal(mulDecimal(c, closing), openAbs, COST_SCALE, 'half-up');
    const proceeds = mulDecimal(f.price, closing);
    realized = addDecimal(realized, subDecimal(qSign > 0 ? proceeds : negDecimal(proceeds), share));
    c = subDecimal(c, share);
    q = addDecimal(q, qSign > 0 ? negDecimal(closing) : closing);
    // A fill larger than the open size flips the position: the rest opens at this price.
    const rest = subDecimal(f.size, closing);
    if (signDecimal(rest) > 0) {
      const opened = f.side === 'buy' ? rest : negDecimal(rest);
      q = opened;
      c = mulDecimal(f.price, opened);
    }
  });
  const flat = signDecimal(q) === 0;
  return {
    size: normalizeDecimal(q),
    costBasisUsd: flat ? '0' : normalizeDecimal(c),
    avgEntryPrice: flat ? null : normalizeDecimal(divDecimal(c, q, COST_SCALE, 'half-up')),
    realizedPnlUsd: normalizeDecimal(realized),
    feesUsd: normalizeDecimal(sumDecimals(fills.map((f) => f.feeUsd))),
    fillCount: fills.length,
  };
}

/** Unrealized price PnL of the open size at `markPrice` (analytics: a float). */
export function unrealizedPnlUsd(leg: Pick<LegPnl, 'size' | 'costBasisUsd'>, markPrice: number): number {
  if (!Number.isFinite(markPrice)) throw new PnlError(`mark must be finite, got ${markPrice}`);
  return markPrice * Number(leg.size) - Number(leg.costBasisUsd);
}

/** Exact sum of funding cash (positive = received). */
export function fundingSumUsd(payments: readonly { readonly cashUsd: string }[]): string {
  return normalizeDecimal(sumDecimals(payments.map((p) => p.cashUsd)));
}

export interface PairPnl {
  readonly legs: readonly [LegPnl, LegPnl];
  readonly realizedPnlUsd: string;
  readonly feesUsd: string;
  readonly fundingUsd: string;
  /** realized − fees + funding, exact. */
  readonly netRealizedUsd: string;
  /** Sum of both legs at their marks (float), or null when a mark is missing. */
  readonly unrealizedPnlUsd: number | null;
}

export function pairPnl(
  legFills: readonly [readonly PnlFill[], readonly PnlFill[]],
  funding: readonly { readonly cashUsd: string }[],
  marks: readonly [number | null, number | null] = [null, null],
): PairPnl {
  const legs = [legPnl(legFills[0]), legPnl(legFills[1])] as const;
  const realized = addDecimal(legs[0].realizedPnlUsd, legs[1].realizedPnlUsd);
  const fees = addDecimal(legs[0].feesUsd, legs[1].feesUsd);
  const fundingUsd = fundingSumUsd(funding);
  const unrealized = legs.map((l, i) => {
    if (signDecimal(l.size) === 0) return 0;
    const m = marks[i];
    return m === null || m === undefined ? null : unrealizedPnlUsd(l, m);
  });
  return {
    legs,
    realizedPnlUsd: normalizeDecimal(realized),
    feesUsd: normalizeDecimal(fees),
    fundingUsd,
    netRealizedUsd: normalizeDecimal(addDecimal(subDecimal(realized, fees), fundingUsd)),
    unrealizedPnlUsd: unrealized[0] === null || unrealized[1] === null ? null : unrealized[0]! + unrealized[1]!,
  };
}
