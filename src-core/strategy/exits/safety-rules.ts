// Emergencies: the pair itself is in danger, so it is closed by taking liquidity on both legs at
// once, before any economic rule and regardless of the minimum hold (reference-upstream §3.3
// E1-E3, §3.5). Each reads the venues' own state, never the ledger's idea of it.
import type { ExitContext } from './context';
import type { ExitRuleResult, LivePosition } from './types';

/** The risk board confirmed a leg missing or unbalanced over its required reads. */
export function brokenHedgeRule(c: ExitContext): ExitRuleResult {
  const h = c.s.hedge;
  return { rule: 'broken-hedge', effect: 'emergency', fired: h.broken, observed: null, threshold: null, unit: '', why: h.broken ? h.detail : 'both legs held as the ledger says' };
}

/** Distance from the mark to the venue's liquidation price, as a fraction of the mark, signed so
 *  that it shrinks as the position loses: (mark − liq)/mark for a long, (liq − mark)/mark for a
 *  short (the side from the venue's signed size, so a leg on the wrong side is judged as what it
 *  is). Negative: past the liquidation price. null: no position, no price, or none reported. The
 *  liquidation price is the venue's, computed under its own margin rules (cross margin over the
 *  account); recomputing it from one formula would be wrong on at least one venue. */
export function liquidationDistanceFraction(p: LivePosition | null, size: number): number | null {
  if (p === null || p.liquidationPrice === null || !Number.isFinite(p.liquidationPrice) || !(p.markPrice > 0)) return null;
  if (size > 0) return (p.markPrice - p.liquidationPrice) / p.markPrice;
  if (size < 0) return (p.liquidationPrice - p.markPrice) / p.markPrice;
  return null;
}

export function liquidationDistanceRule(c: ExitContext): ExitRuleResult {
  const long = liquidationDistanceFraction(c.s.positions.long, c.longPositionSize);
  const short = liquidationDistanceFraction(c.s.positions.short, c.shortPositionSize);
  const observed = long === null ? short : short === null ? long : Math.min(long, short);
  const min = c.e.liquidationMinDistanceFraction;
  const near = observed !== null && observed < min;
  const fired = c.e.liquidationDistanceEnabled && near;
  // An unknown distance never fires: acting on a missing read is how upstream closed healthy legs (§13 B15).
  const why = !c.e.liquidationDistanceEnabled
    ? 'disabled'
    : near
      ? 'a leg is closer to its venue liquidation price than the minimum distance'
      : long === null && short === null
        ? 'no liquidation price known on either leg'
        : long === null
          ? 'no liquidation price known on the long leg; the short leg is far enough'
          : short === null
            ? 'no liquidation price known on the short leg; the long leg is far enough'
            : 'both legs are far enough from liquidation';
  return { rule: 'liquidation-distance', effect: 'emergency', fired, observed, threshold: min, unit: 'fraction', why };
}

/** Net base quantity of the live legs as a fraction of the larger leg: |long + short| / max(|long|,
 *  |short|) with the venues' signed sizes. In base units so the cross-venue basis is not delta,
 *  and of one leg, not of both notionals (upstream's 3 % was ~6 % of a leg: §13 B27). null when a
 *  leg is unread (NaN) or flat: a missing leg is the broken-hedge rule's, confirmed over several reads. */
export function deltaFraction(l: number, s: number): number | null {
  if (!(l !== 0 && s !== 0 && Number.isFinite(l) && Number.isFinite(s))) return null;
  return Math.abs(l + s) / Math.max(Math.abs(l), Math.abs(s));
}

export function deltaBoundRule(c: ExitContext): ExitRuleResult {
  const delta = c.deltaFraction;
  const max = c.e.deltaBoundMaxFraction;
  const over = delta !== null && delta > max;
  const why = !c.e.deltaBoundEnabled
    ? 'disabled'
    : over
      ? "the legs' net quantity exceeds the delta bound"
      : delta === null
        ? 'a leg is unread or flat: delta unknown (a missing leg is the broken-hedge rule\'s)'
        : 'the legs offset within the delta bound';
  return { rule: 'delta-bound', effect: 'emergency', fired: c.e.deltaBoundEnabled && over, observed: delta, threshold: max, unit: 'fraction', why };
}

/** The spread now costs more than catastrophicFlipApy: no horizon, no cost test. Only for a pair
 *  that was entered earning (upstream's entry_apy > 0). */
export function catastrophicFlipRule(c: ExitContext): ExitRuleResult {
  const apy = c.currentNetApy;
  const threshold = c.e.catastrophicFlipApy;
  const below = apy !== null && apy < threshold;
  const earned = c.s.entryNetHourlyRate > 0;
  const why = apy === null ? 'spread now unknown' : !below ? 'spread above the catastrophic level' : earned ? 'the spread flipped far against the pair' : 'pair was not entered earning: not a flip';
  return { rule: 'catastrophic-flip', effect: 'emergency', fired: below && earned, observed: apy, threshold, unit: 'apy', why };
}
