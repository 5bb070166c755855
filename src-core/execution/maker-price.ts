// The post-only price of the maker leg, and when to move it. A post-only order that would cross
// is refused by the venue (Lighter cancels it as "canceled-post-only", Extended rejects it
// POST_ONLY_FAILED: venues/port.ts ORDER_END_REASONS), so the price stays on our side of the
// book: a buy at most one tick below the best ask, a sell at least one tick above the best bid.
// It joins the touch on our side (plus `improveTicks` inside the spread, when there is room).
import { fromIncrements, toIncrements } from '../domain/decimal';
import type { Side } from '../domain/venue';
import { checkTick, makerTouch, PriceInputError, type TouchTicks } from './book-touch';

/** Post-only price in whole ticks, or null when the book has neither side. */
export function makerPriceTicks(side: Side, t: TouchTicks, improveTicks: number): bigint | null {
  if (!Number.isSafeInteger(improveTicks) || improveTicks < 0) throw new PriceInputError(`improveTicks must be a whole number ≥ 0, got ${improveTicks}`);
  const improve = BigInt(improveTicks);
  let p: bigint | null;
  if (side === 'buy') {
    const join = t.bid === null ? null : t.bid + improve;
    const limit = t.ask === null ? null : t.ask - 1n;
    p = join === null ? limit : limit === null || join < limit ? join : limit;
  } else {
    const join = t.ask === null ? null : t.ask - improve;
    const limit = t.bid === null ? null : t.bid + 1n;
    p = join === null ? limit : limit === null || join > limit ? join : limit;
  }
  // A one-sided book at one tick leaves no positive price below it.
  return p !== null && p > 0n ? p : null;
}

export function makerPrice(side: Side, t: TouchTicks, tickSize: string, improveTicks: number): string | null {
  checkTick(tickSize);
  const p = makerPriceTicks(side, t, improveTicks);
  return p === null ? null : fromIncrements(p, tickSize);
}

export type RepriceDecision = { readonly kind: 'stay' } | { readonly kind: 'reprice'; readonly price: string };

/** The book moved away when our resting price is more than `toleranceTicks` behind our side's
 *  touch (someone bids above our buy, or offers below our sell). Our own order is part of the
 *  book, so "at the touch" is the normal resting state. A touch that moved toward us needs no
 *  reprice: it fills us. */
export function repriceDecision(
  side: Side,
  ourPrice: string,
  t: TouchTicks,
  tickSize: string,
  toleranceTicks: number,
  improveTicks: number,
): RepriceDecision {
  checkTick(tickSize);
  if (!Number.isSafeInteger(toleranceTicks) || toleranceTicks < 0) throw new PriceInputError(`toleranceTicks must be a whole number ≥ 0, got ${toleranceTicks}`);
  let ours: bigint;
  try {
    ours = toIncrements(ourPrice, tickSize, 'exact');
  } catch {
    throw new PriceInputError(`our price ${JSON.stringify(ourPrice)} is not on the tick grid ${tickSize}`);
  }
  const touch = makerTouch(side, t);
  if (touch === null) return { kind: 'stay' };
  const behind = side === 'buy' ? touch - ours : ours - touch;
  if (behind <= BigInt(toleranceTicks)) return { kind: 'stay' };
  const next = makerPriceTicks(side, t, improveTicks);
  if (next === null || next === ours) return { kind: 'stay' };
  return { kind: 'reprice', price: fromIncrements(next, tickSize) };
}
