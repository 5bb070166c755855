// The touch of a book as exact prices on the market's tick grid. Book levels are floats for
// speed (venues/port.ts L2Book); anything that becomes an order price goes through here first.
// A level's float is the venue's exact tick price as the nearest double, so rounding it to the
// nearest tick recovers the venue's price exactly.
import { numberToDecimal, parseDecimal, toIncrements } from '../domain/decimal';
import type { Side } from '../domain/venue';
import type { L2Book } from '../venues/port';

export class PriceInputError extends Error {
  override readonly name = 'PriceInputError';
}

/** Best bid and ask in whole ticks (null for an empty side). */
export interface TouchTicks {
  readonly bid: bigint | null;
  readonly ask: bigint | null;
}

export function checkTick(tickSize: string): void {
  let units = 0n;
  try {
    units = parseDecimal(tickSize).units;
  } catch {
    // Not a decimal: refused below like a zero tick.
  }
  if (units <= 0n) throw new PriceInputError(`tick size must be a positive decimal, got ${JSON.stringify(tickSize)}`);
}

/** A float price in whole ticks (nearest); a non-finite or non-positive price is refused. */
export function priceTicks(price: number, tickSize: string): bigint {
  if (!Number.isFinite(price) || price <= 0) throw new PriceInputError(`price must be positive and finite, got ${price}`);
  return toIncrements(numberToDecimal(price), tickSize, 'half-up');
}

export function touchTicks(book: Pick<L2Book, 'bids' | 'asks'>, tickSize: string): TouchTicks {
  checkTick(tickSize);
  const bid = book.bids[0];
  const ask = book.asks[0];
  return { bid: bid === undefined ? null : priceTicks(bid.price, tickSize), ask: ask === undefined ? null : priceTicks(ask.price, tickSize) };
}

/** The price a taker of `side` meets: the best ask for a buy, the best bid for a sell. */
export function takerTouch(side: Side, t: TouchTicks): bigint | null {
  return side === 'buy' ? t.ask : t.bid;
}

/** Our own side's touch: the best bid for a buy, the best ask for a sell. */
export function makerTouch(side: Side, t: TouchTicks): bigint | null {
  return side === 'buy' ? t.bid : t.ask;
}
