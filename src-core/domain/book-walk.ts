// Walking an order book: the average price of filling a notional, its slippage from the best
// price, and the largest notional that stays within a slippage budget.
export interface Level {
  readonly price: number;
  readonly size: number;
}

export interface Walk {
  /** Volume-weighted price over what could be filled; NaN when nothing could. */
  readonly vwap: number;
  readonly filledUsd: number;
  readonly complete: boolean;
  readonly slippageBps: number;
  readonly levelsUsed: number;
}

/** Fills `notionalUsd` against `levels` (best first). */
export function walkBook(levels: readonly Level[], notionalUsd: number): Walk {
  const best = levels[0]?.price;
  if (best === undefined || notionalUsd <= 0) return { vwap: Number.NaN, filledUsd: 0, complete: notionalUsd <= 0, slippageBps: 0, levelsUsed: 0 };
  let remainingUsd = notionalUsd;
  let qty = 0;
  let spentUsd = 0;
  let used = 0;
  for (const l of levels) {
    if (remainingUsd <= 0) break;
    const levelUsd = l.price * l.size;
    const takeUsd = Math.min(levelUsd, remainingUsd);
    qty += takeUsd / l.price;
    spentUsd += takeUsd;
    remainingUsd -= takeUsd;
    used += 1;
  }
  const vwap = qty > 0 ? spentUsd / qty : Number.NaN;
  return { vwap, filledUsd: spentUsd, complete: remainingUsd <= 1e-9, slippageBps: qty > 0 ? (Math.abs(vwap - best) / best) * 10_000 : 0, levelsUsed: used };
}

// (p × s) / s is not always p in binary floating point, so a level at the best price can show a
// slippage of ~1e-12 bps: without this allowance a 0 bps budget rejected the best level itself.
const SLIPPAGE_TOLERANCE_BPS = 1e-9;

/** Largest notional whose VWAP stays within `maxSlippageBps` of the best price. */
export function capacityUsd(levels: readonly Level[], maxSlippageBps: number): number {
  const best = levels[0]?.price;
  if (best === undefined) return 0;
  let qty = 0;
  let usd = 0;
  for (const l of levels) {
    const newQty = qty + l.size;
    const newUsd = usd + l.price * l.size;
    const vwap = newUsd / newQty;
    if ((Math.abs(vwap - best) / best) * 10_000 <= maxSlippageBps + SLIPPAGE_TOLERANCE_BPS) {
      qty = newQty;
      usd = newUsd;
      continue;
    }
    // Take part of this level: solve |(usd + p·x)/(qty + x) − best| = budget·best for x.
    const limit = l.price > best ? best * (1 + maxSlippageBps / 10_000) : best * (1 - maxSlippageBps / 10_000);
    const x = (limit * qty - usd) / (l.price - limit);
    if (Number.isFinite(x) && x > 0) usd += l.price * Math.min(x, l.size);
    break;
  }
  return usd;
}
