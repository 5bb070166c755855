// The hold window and the two exits allowed inside it (reference-upstream §3.3 E4, E5, G1, G2):
// an early take-profit when the price has handed the pair its profit, an early flip exit after
// earlyEdgeMinAgeHours, the minimum hold that makes every later rule wait, the maximum hold.
import type { ExitContext } from './context';
import type { ExitRuleResult } from './types';

/** The price PnL net of fees paid and the exit cost must reach earlyTakeProfitNetUsd plus a
 *  slippage reserve (exit cost × multiple, at least the floor) plus the fast close's execution
 *  buffer on one leg's notional, and the whole pair (funding included) must not be at a loss. */
export function earlyTakeProfitRule(c: ExitContext): ExitRuleResult {
  const e = c.e;
  const pricePnl = c.s.pricePnlUsd;
  const observed = pricePnl === null ? null : pricePnl - c.feesPaidUsd - c.s.exitCostUsd;
  const need = e.earlyTakeProfitNetUsd + Math.max(c.s.exitCostUsd * e.earlyTakeProfitSlippageMultiple, e.earlyTakeProfitMinSlippageUsd) + (c.notionalUsd * e.earlyTakeProfitBufferBps) / 10_000;
  const reached = observed !== null && observed >= need;
  const whole = c.netPnlUsd !== null && c.netPnlUsd >= 0;
  const why = !e.earlyTakeProfitEnabled
    ? 'disabled'
    : observed === null
      ? 'price PnL unknown (no current books)'
      : !reached
        ? 'price profit below the early take-profit level'
        : whole
          ? 'price profit beyond costs, reserve and buffer'
          : 'price profit reached, but the pair with its funding is at a loss';
  return { rule: 'early-take-profit', effect: 'normal', fired: e.earlyTakeProfitEnabled && reached && whole, observed, threshold: need, unit: 'usd', why };
}

/** The funding-flip exit while the minimum hold still holds the pair, from earlyEdgeMinAgeHours
 *  on. After the minimum hold the same condition is the funding-flip rule's (upstream labelled
 *  it EARLY_EDGE at any age, since this row comes first). */
export function earlyEdgeRule(c: ExitContext): ExitRuleResult {
  const flip = c.flip;
  const oldEnough = c.ageHours >= c.e.earlyEdgeMinAgeHours;
  const early = c.ageHours < c.e.minHoldHours;
  const why = !c.e.earlyEdgeExitEnabled ? 'disabled' : !oldEnough ? 'younger than the early-edge age' : !early ? 'past the minimum hold: the funding-flip rule applies' : flip.why;
  return { rule: 'early-edge', effect: 'normal', fired: c.e.earlyEdgeExitEnabled && oldEnough && early && flip.exit, observed: c.ageHours, threshold: c.e.earlyEdgeMinAgeHours, unit: 'hours', why };
}

/** Fires (holds) while the pair is younger than minHoldHours: the rules after it wait. */
export function minHoldRule(c: ExitContext): ExitRuleResult {
  const young = c.ageHours < c.e.minHoldHours;
  return { rule: 'min-hold', effect: 'hold', fired: young, observed: c.ageHours, threshold: c.e.minHoldHours, unit: 'hours', why: young ? 'within the minimum hold: economic exits wait' : 'minimum hold passed' };
}

export function maxHoldRule(c: ExitContext): ExitRuleResult {
  const old = c.ageHours >= c.e.maxHoldHours;
  return { rule: 'max-hold', effect: 'normal', fired: old, observed: c.ageHours, threshold: c.e.maxHoldHours, unit: 'hours', why: old ? 'maximum hold reached' : 'below the maximum hold' };
}
