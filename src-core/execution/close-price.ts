// Prices of a close: the reduce-only IOC ladder's limit and its rung. A close IOC must cross (a
// remainder left by a limit that rounded short of the touch is the upstream bug of IOCs "at the
// touch, rounded down, no slippage", reference-upstream §13 B13), so its limit on the tick grid
// is rounded AWAY from the touch (a buy up, a sell down), and never past the cap: the cap itself
// is rounded toward the touch, and the limit is the nearer of the two.
import type { Side } from '../domain/venue';
import { PriceInputError } from './book-touch';
import { ladderBps, slippageLimitTicks } from './hedge-ladder';
import { fromIncrements } from '../domain/decimal';

export interface CloseLadder {
  readonly startBps: number;
  readonly stepBps: number;
  readonly capBps: number;
}

/** Slippage of close IOC `rung` (0-based): min(start + rung × step, cap), in exact bps. */
export function closeLadderBps(rung: number, l: CloseLadder): string {
  if (l.capBps < l.startBps) throw new PriceInputError(`close ladder cap ${l.capBps} bps is below its start ${l.startBps} bps`);
  return ladderBps(rung, { hedgeSlippageStartBps: l.startBps, hedgeSlippageStepBps: l.stepBps, hedgeSlippageCapBps: l.capBps });
}

/** Limit in whole ticks for a close IOC of `side` against the taker touch: touch × (1 ± bps),
 *  rounded outward, but never beyond touch × (1 ± capBps) rounded inward. */
export function closeLimitTicks(side: Side, touchTicks: bigint, bps: string | number, capBps: number, tickSize: string): bigint {
  const wanted = slippageLimitTicks(side, touchTicks, bps, tickSize, 'outward');
  const bound = slippageLimitTicks(side, touchTicks, capBps, tickSize, 'inward');
  if (side === 'buy') return wanted < bound ? wanted : bound;
  return wanted > bound ? wanted : bound;
}

export function closeLimitPrice(side: Side, touchTicks: bigint, bps: string | number, capBps: number, tickSize: string): string {
  return fromIncrements(closeLimitTicks(side, touchTicks, bps, capBps, tickSize), tickSize);
}
