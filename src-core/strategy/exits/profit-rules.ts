// Taking a profit that is there now (reference-upstream §3.3 P4, O3): the cross-venue basis paid at
// entry has converged, or the pair's net profit if closed now reached the target.
import type { ExitContext } from './context';
import type { ExitRuleResult } from './types';

/** |basis now| at or below basisConvergenceMaxFraction, or at or below basisConvergenceRatio × |entry
 *  basis|, with at least basisConvergenceMinProfitUsd banked by closing now. The threshold shown
 *  is the looser of the two. */
export function basisConvergenceRule(c: ExitContext): ExitRuleResult {
  const e = c.e;
  const basis = c.s.basisFraction;
  const entry = c.s.entryBasisFraction;
  const observed = basis === null ? null : Math.abs(basis);
  const threshold = entry === null ? e.basisConvergenceMaxFraction : Math.max(e.basisConvergenceMaxFraction, Math.abs(entry) * e.basisConvergenceRatio);
  const converged = observed !== null && observed <= threshold;
  const profit = c.netPnlUsd !== null && c.netPnlUsd >= e.basisConvergenceMinProfitUsd;
  const why = !e.basisConvergenceEnabled
    ? 'disabled'
    : observed === null
      ? 'basis unknown'
      : !converged
        ? 'basis not converged'
        : c.netPnlUsd === null
          ? 'basis converged, but the PnL is unknown (no current books)'
          : profit
            ? 'basis converged with the minimum profit banked'
            : 'basis converged, but closing now banks less than the minimum profit';
  return { rule: 'basis-convergence', effect: 'normal', fired: e.basisConvergenceEnabled && converged && profit, observed, threshold, unit: 'fraction', why };
}

/** Net profit if closed now reaches profitTargetUsd; with the skip flag, a pair whose carry the
 *  net-EV rule says is worth holding is kept. */
export function profitTargetRule(c: ExitContext): ExitRuleResult {
  const pnl = c.netPnlUsd;
  const reached = pnl !== null && pnl >= c.e.profitTargetUsd;
  const skipped = c.e.profitTargetSkipWhenEdgeGood && c.netEvHolds;
  const why = pnl === null ? 'PnL unknown (no current books)' : !reached ? 'net profit below the target' : skipped ? 'target reached, but the carry is worth holding' : 'profit target reached';
  return { rule: 'profit-target', effect: 'normal', fired: reached && !skipped, observed: pnl, threshold: c.e.profitTargetUsd, unit: 'usd', why };
}
