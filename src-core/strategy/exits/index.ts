// The exit-rule engine: every rule over one open pair's snapshot, in priority order; the first that
// fires decides (reference-upstream §3.3). Pure and cheap (the host runs it every second over
// every open pair; tests/bench/exits.bench.ts holds 100 pairs to ≤ 0.2 ms): everything that
// needs the series was computed at the last settlement (spread-analytics.ts).
import type { ExitSettings } from '../../config/exits';
import { fundingFlipRule, netEvRule, opportunityCostRule, yieldCostRule } from './carry-rules';
import { exitContext, type ExitContext } from './context';
import { earlyEdgeRule, earlyTakeProfitRule, maxHoldRule, minHoldRule } from './hold-rules';
import { basisConvergenceRule, profitTargetRule } from './profit-rules';
import { brokenHedgeRule, catastrophicFlipRule, deltaBoundRule, liquidationDistanceRule } from './safety-rules';
import { accelerationRule, atrTrailingStopRule, velocityRule, zScoreRule } from './trend-rules';
import type { ExitDecision, ExitEvaluation, ExitRuleResult, ExitSnapshot } from './types';

export { EXIT_RULES, type ExitDecision, type ExitEvaluation, type ExitLeg, type ExitRuleName, type ExitRuleResult, type ExitSnapshot, type ExitUnit, type ExitUrgency, type LivePosition } from './types';
export { analyseSpread, type SpreadAnalytics, type SpreadAnalyticsSettings } from './spread-analytics';
export { buildSpreadSeries, EMPTY_SERIES, HOUR_MS, type FundingPoint, type SpreadSeries } from './spread-series';
export { atrStop, type AtrStopState } from './atr-stop';
export { exitCostUsd, type ExitCostInputs } from './costs';

const NO_EXIT: ExitDecision = { urgency: 'none', rule: null, why: 'no rule fired' };

function decide(rules: readonly ExitRuleResult[]): ExitDecision {
  for (const r of rules) {
    if (!r.fired) continue;
    return { urgency: r.effect === 'hold' ? 'none' : r.effect, rule: r.rule, why: r.why };
  }
  return NO_EXIT;
}

// Priority order (EXIT_RULES): the table is shown in it and the first fired row decides. Held in
// an array built once, so the per-second loop calls each rule without re-reading module bindings.
const RULES: readonly ((c: ExitContext) => ExitRuleResult)[] = [
  brokenHedgeRule,
  liquidationDistanceRule,
  deltaBoundRule,
  catastrophicFlipRule,
  earlyTakeProfitRule,
  earlyEdgeRule,
  minHoldRule,
  maxHoldRule,
  fundingFlipRule,
  netEvRule,
  yieldCostRule,
  basisConvergenceRule,
  velocityRule,
  accelerationRule,
  zScoreRule,
  atrTrailingStopRule,
  profitTargetRule,
  opportunityCostRule,
];

export function evaluateExits(snapshot: ExitSnapshot, settings: ExitSettings): ExitEvaluation {
  const c = exitContext(snapshot, settings);
  const rules = new Array<ExitRuleResult>(RULES.length);
  for (let i = 0; i < RULES.length; i++) rules[i] = RULES[i]!(c);
  const delta = c.deltaFraction;
  return {
    rules,
    decision: decide(rules),
    rebalanceAdvised: settings.deltaBoundEnabled && delta !== null && delta >= settings.rebalanceMinDeltaFraction && delta <= settings.deltaBoundMaxFraction,
    ageHours: c.ageHours,
    currentNetHourlyRate: c.currentNetHourlyRate,
    netPnlUsd: c.netPnlUsd,
  };
}
