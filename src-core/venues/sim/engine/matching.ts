// Taking liquidity: an incoming order walks the opposite side level by level within its limit,
// our accounts' resting orders first at each price (price-time priority), then the synthetic
// depth. Self-trade: Lighter expires the resting maker, Extended rejects the incoming taker.
import type { VenueId } from '../../../domain/venue';
import type { SimAccount } from './accounts';
import type { Level, SyntheticBook } from './book';
import type { EngineFaultFlags } from './engine-options';
import type { PlaceResult, SimFill, SimOrder } from './types';

export interface MatchingContext {
  readonly faults: EngineFaultFlags;
  account(venue: VenueId, id: string): SimAccount | undefined;
  executeFill(order: SimOrder, priceTicks: number, steps: number, isMaker: boolean): SimFill;
  finish(order: SimOrder, status: 'canceled', reason: SimOrder['reason']): PlaceResult;
}

/** Returns true if Extended-style self-trade protection stopped the order. */
export function takeLiquidity(engine: MatchingContext, order: SimOrder, book: SyntheticBook): boolean {
  const levels: readonly Level[] = order.isAsk ? book.bids : book.asks;
  let remaining = order.sizeSteps - order.filledSteps;
  const partial = engine.faults.forcePartialFraction[order.venue];
  if (partial !== null) {
    remaining = Math.max(1, Math.floor(order.sizeSteps * partial));
    engine.faults.forcePartialFraction[order.venue] = null;
  }
  for (const [priceTicks] of levels) {
    if (remaining <= 0) break;
    const acceptable = order.isAsk ? priceTicks >= order.priceTicks : priceTicks <= order.priceTicks;
    if (!acceptable) break;
    // Resting account orders at this level first (price-time priority), then synthetic size.
    for (const r of book.resting.filter((x) => x.isAsk !== order.isAsk && x.priceTicks === priceTicks).sort((a, b) => a.seq - b.seq)) {
      if (remaining <= 0) break;
      if (r.accountId === order.accountId) {
        // Lighter expires the resting maker; Extended rejects the incoming taker.
        if (order.venue === 'extended') return true;
        const maker = engine.account(order.venue, r.accountId)?.orders.get(r.orderId);
        if (maker !== undefined) engine.finish(maker, 'canceled', 'self-trade');
        continue;
      }
      const maker = engine.account(order.venue, r.accountId)?.orders.get(r.orderId);
      const qty = Math.min(remaining, r.remainingSteps);
      if (maker !== undefined) engine.executeFill(maker, priceTicks, qty, true);
      engine.executeFill(order, priceTicks, qty, false);
      remaining -= qty;
    }
    const synthetic = book.syntheticAt(priceTicks, !order.isAsk);
    const qty = Math.min(remaining, synthetic);
    if (qty > 0) {
      book.consume(priceTicks, qty);
      engine.executeFill(order, priceTicks, qty, false);
      remaining -= qty;
    }
  }
  return false;
}
