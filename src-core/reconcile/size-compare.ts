// Whether two sizes of one market differ by enough to count, judged in the market's own steps and
// in USD at the mark, never in coins (reference-upstream §13 B16: upstream's "> 5" in coins never
// fired for BTC or ETH and fired on dust of cheap coins). Both must hold: a difference below one
// step cannot be traded away, and one worth less than the tolerance costs more to fix than it is.
// Exact: the mark (a venue float) enters as its shortest decimal, and nothing else is a float.
import { absDecimal, compareDecimal, mulDecimal, normalizeDecimal, numberToDecimal, signDecimal, subDecimal, toIncrements } from '../domain/decimal';

export interface SizeTolerance {
  /** Whole steps from which a difference counts (≥ 1). */
  readonly minSteps: number;
  /** A difference worth at most this at the mark is tolerated. */
  readonly toleranceUsd: number;
}

export interface SizeDelta {
  readonly material: boolean;
  /** venue − ledger, signed, normalized. */
  readonly deltaSize: string;
  /** Whole steps in |delta| (floor); null when the step is unknown. */
  readonly deltaSteps: string | null;
  /** |delta| × mark, exact; null when no mark is known. */
  readonly deltaUsd: string | null;
}

/** A usable mark: finite and positive, else unknown. */
export function usableMark(mark: number | null | undefined): number | null {
  return mark !== null && mark !== undefined && Number.isFinite(mark) && mark > 0 ? mark : null;
}

/** An unknown step or mark never makes a difference disappear: that test is skipped, the other
 *  decides (both unknown: any difference counts). */
export function compareSizes(venueSize: string, ledgerSize: string, stepSize: string | null, markPrice: number | null, t: SizeTolerance): SizeDelta {
  const delta = normalizeDecimal(subDecimal(venueSize, ledgerSize));
  if (signDecimal(delta) === 0) return { material: false, deltaSize: '0', deltaSteps: '0', deltaUsd: '0' };
  const abs = absDecimal(delta);
  const steps = stepSize === null ? null : toIncrements(abs, stepSize, 'floor');
  const mark = usableMark(markPrice);
  const usd = mark === null ? null : normalizeDecimal(mulDecimal(abs, numberToDecimal(mark)));
  const enoughSteps = steps === null || steps >= BigInt(t.minSteps);
  const enoughUsd = usd === null || compareDecimal(usd, numberToDecimal(t.toleranceUsd)) > 0;
  return { material: enoughSteps && enoughUsd, deltaSize: delta, deltaSteps: steps === null ? null : steps.toString(), deltaUsd: usd };
}
