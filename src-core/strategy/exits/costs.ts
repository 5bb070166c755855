// The exit cost the rules weigh against (ExitSnapshot.exitCostUsd), as upstream estimated it
// (reference-upstream §3.2): both legs taken at their venue's taker fee plus half of each venue's
// bid-ask spread. Deliberately the pessimistic close: a maker-first close usually costs less, and
// a rule that waits for a cost it underestimated would close at a loss it promised to avoid.

export interface ExitCostInputs {
  /** Notional of each leg now (USD). */
  readonly longNotionalUsd: number;
  readonly shortNotionalUsd: number;
  /** The venues' taker fee rates (decimal: 0.0002 = 0.02 %). */
  readonly longTakerFeeRate: number;
  readonly shortTakerFeeRate: number;
  /** (ask − bid) / mid on each leg's venue (fraction). */
  readonly longBookSpreadFraction: number;
  readonly shortBookSpreadFraction: number;
}

export function exitCostUsd(x: ExitCostInputs): number {
  return x.longNotionalUsd * (x.longTakerFeeRate + x.longBookSpreadFraction / 2) + x.shortNotionalUsd * (x.shortTakerFeeRate + x.shortBookSpreadFraction / 2);
}
