// Rules about the carry: the spread flipped against the pair, the projected carry no longer pays
// for the capital, the carry is too slow to earn its exit, or a better pair is worth the switch
// (reference-upstream §3.3 P1-P3, O4). Every one is monotone in the spread: a higher spread (in
// the pair's favour) never makes one fire that did not (tests/unit/strategy/exits/monotone).
import { HOURS_PER_YEAR } from '../../domain/venue';
import type { ExitContext } from './context';
import type { ExitRuleResult } from './types';

export interface FlipVerdict {
  readonly exit: boolean;
  readonly why: string;
}

/** The funding-flip exit, shared by early-edge (before the minimum hold) and funding-flip (after):
 *  the trigger is flipped (below flipEnterApy, and not yet back above flipReleaseApy) on a pair
 *  entered earning, and closing is worth it: closing now banks a profit, or the loss over
 *  flipHorizonHours at the spread now exceeds the exit cost. A horizon of 0 exits on the flip
 *  itself (upstream silently turned 0 into 8 h: §13 B22). */
export function flipVerdict(c: Omit<ExitContext, 'flip'>): FlipVerdict {
  const current = c.currentNetHourlyRate;
  if (current === null) return { exit: false, why: 'spread now unknown' };
  if (!c.flipped) return { exit: false, why: 'spread not flipped' };
  if (!(c.s.entryNetHourlyRate > 0)) return { exit: false, why: 'pair was not entered earning: not a flip' };
  if (c.e.flipHorizonHours === 0) return { exit: true, why: 'spread flipped (horizon 0: exit on the flip)' };
  if (c.netPnlUsd !== null && c.netPnlUsd > 0) return { exit: true, why: 'spread flipped and closing now banks a profit' };
  const lossUsd = Math.max(0, -current) * c.notionalUsd * c.e.flipHorizonHours;
  if (lossUsd > c.s.exitCostUsd) return { exit: true, why: 'spread flipped and its loss over the horizon exceeds the exit cost' };
  return { exit: false, why: 'spread flipped, but its loss over the horizon is below the exit cost' };
}

export function fundingFlipRule(c: ExitContext): ExitRuleResult {
  const flip = c.flip;
  return { rule: 'funding-flip', effect: 'normal', fired: flip.exit, observed: c.currentNetApy, threshold: c.e.flipEnterApy, unit: 'apy', why: flip.why };
}

/** Carry over netEvHorizonHours at the spread now against exitCost × netEvExitCostMultiple. One
 *  condition for both signs: upstream held a slightly negative spread (loss below the cost) but
 *  closed a slightly positive one (carry below the cost), which is not monotone (§3.3 P2). */
export function netEvRule(c: ExitContext): ExitRuleResult {
  const projected = c.projectedCarryUsd;
  const short = projected !== null && projected < c.netEvNeedUsd;
  const why = !c.e.netEvEnabled ? 'disabled' : projected === null ? 'spread now unknown' : short ? 'projected carry is below the exit-cost multiple' : 'projected carry pays for holding';
  return { rule: 'net-ev', effect: 'normal', fired: c.e.netEvEnabled && short, observed: projected, threshold: c.netEvNeedUsd, unit: 'usd', why };
}

/** Hours the carry now needs to earn the exit cost; exits above yieldCostMaxHours or when the
 *  carry is not positive (then the cost is never earned and the value is null). */
export function yieldCostRule(c: ExitContext): ExitRuleResult {
  const current = c.currentNetHourlyRate;
  const carryUsdPerHour = current === null ? null : current * c.notionalUsd;
  const hours = carryUsdPerHour !== null && carryUsdPerHour > 0 ? c.s.exitCostUsd / carryUsdPerHour : null;
  const slow = carryUsdPerHour !== null && (hours === null || hours > c.e.yieldCostMaxHours);
  const why = !c.e.yieldCostEnabled
    ? 'disabled'
    : carryUsdPerHour === null
      ? 'spread now unknown'
      : hours === null
        ? 'carry is not positive: the exit cost is never earned'
        : slow
          ? 'the carry needs too long to earn the exit cost'
          : 'the carry earns the exit cost soon enough';
  return { rule: 'yield-cost', effect: 'normal', fired: c.e.yieldCostEnabled && slow, observed: hours, threshold: c.e.yieldCostMaxHours, unit: 'hours', why };
}

/** A better pair elsewhere by more than opportunityCostApy; with the net-EV rule on, the extra
 *  carry over its horizon must also pay two exit costs × the multiple (this close and the next
 *  pair's round trip, upstream's rule). */
export function opportunityCostRule(c: ExitContext): ExitRuleResult {
  const best = c.s.bestAlternativeApy;
  const apy = c.currentNetApy;
  const gain = best === null || apy === null ? null : best - apy;
  const better = gain !== null && gain > c.e.opportunityCostApy;
  const pays = !c.e.netEvEnabled || (gain !== null && (c.notionalUsd * gain * c.e.netEvHorizonHours) / HOURS_PER_YEAR >= c.s.exitCostUsd * 2 * c.e.netEvExitCostMultiple);
  const skipped = c.e.opportunityCostSkipWhenEdgeGood && c.netEvHolds;
  const why =
    gain === null
      ? best === null
        ? 'no alternative opportunity'
        : 'spread now unknown'
      : !better
        ? 'no alternative better by the margin'
        : !pays
          ? 'the better pair does not pay for the switch over the horizon'
          : skipped
            ? 'a better pair exists, but this pair is kept while its carry is worth holding'
            : 'a better pair is worth the switch';
  return { rule: 'opportunity-cost', effect: 'normal', fired: better && pays && !skipped, observed: gain, threshold: c.e.opportunityCostApy, unit: 'apy', why };
}
