// Taker price limits: the hedge IOC ladder, the maker leg's taker escalation and the rollback all
// cross the book with a limit `bps` beyond the touch the taker meets (best ask for a buy, best
// bid for a sell). The limit is rounded on the tick grid TOWARD the touch (a buy down, a sell
// up), so it is never beyond the budget. Basis points are exact decimals: the ladder's
// start + i × step is summed without floats.
import { addDecimal, compareDecimal, fromIncrements, mulDecimal, numberToDecimal, parseDecimal, subDecimal, toIncrements } from '../domain/decimal';
import type { Side } from '../domain/venue';
import { checkTick, PriceInputError } from './book-touch';

export interface LadderSettings {
  /** settings.trading.hedgeSlippageStartBps / StepBps / CapBps. */
  readonly hedgeSlippageStartBps: number;
  readonly hedgeSlippageStepBps: number;
  readonly hedgeSlippageCapBps: number;
}

function bpsText(name: string, v: number): string {
  if (!Number.isFinite(v) || v < 0 || v > 10_000) throw new PriceInputError(`${name} must be in 0..10000 bps, got ${v}`);
  return numberToDecimal(v);
}

/** Slippage of hedge attempt `attempt` (0-based): min(start + attempt × step, cap), in bps. */
export function ladderBps(attempt: number, s: LadderSettings): string {
  if (!Number.isSafeInteger(attempt) || attempt < 0) throw new PriceInputError(`attempt must be a whole number ≥ 0, got ${attempt}`);
  const start = bpsText('hedgeSlippageStartBps', s.hedgeSlippageStartBps);
  const step = bpsText('hedgeSlippageStepBps', s.hedgeSlippageStepBps);
  const cap = bpsText('hedgeSlippageCapBps', s.hedgeSlippageCapBps);
  const bps = addDecimal(start, mulDecimal(step, String(attempt)));
  return compareDecimal(bps, cap) > 0 ? cap : bps;
}

/** Which way a limit off the tick grid is rounded: 'inward' toward the touch (never beyond the
 *  budget: the entry's hedges, escalation and rollback), 'outward' away from it (never short of
 *  the budget: the close ladder, bounded by its cap in close-price.ts). */
export type LimitRounding = 'inward' | 'outward';

/** Limit in whole ticks: touch × (1 ± bps / 10 000); inward: a buy rounded down, a sell up;
 *  outward: a buy rounded up, a sell down. */
export function slippageLimitTicks(side: Side, touchTicks: bigint, bps: string | number, tickSize: string, rounding: LimitRounding = 'inward'): bigint {
  checkTick(tickSize);
  if (touchTicks <= 0n) throw new PriceInputError(`touch must be a positive tick count, got ${touchTicks}`);
  const b = typeof bps === 'number' ? bpsText('bps', bps) : bps;
  if (parseDecimal(b).units < 0n) throw new PriceInputError(`bps must not be negative, got ${b}`);
  const factor = side === 'buy' ? addDecimal('10000', b) : subDecimal('10000', b);
  if (parseDecimal(factor).units <= 0n) throw new PriceInputError(`a sell ${b} bps below the touch is not a price`);
  // touch × factor / 10 000 in ticks: (touchTicks × factor) / 10 000 as a decimal, rounded.
  const scaled = mulDecimal(touchTicks.toString(), factor);
  // Positive: a positive touch times a positive factor, a sell rounded up.
  const down = (side === 'buy') === (rounding === 'inward');
  return toIncrements(scaled, '10000', down ? 'floor' : 'ceil');
}

export function slippageLimitPrice(side: Side, touchTicks: bigint, bps: string | number, tickSize: string, rounding: LimitRounding = 'inward'): string {
  return fromIncrements(slippageLimitTicks(side, touchTicks, bps, tickSize, rounding), tickSize);
}
