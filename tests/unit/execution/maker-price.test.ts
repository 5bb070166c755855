// The maker leg's post-only price and its reprice rule; the book touch in exact ticks.
import { describe, expect, it } from 'vitest';
import { PriceInputError, checkTick, makerTouch, priceTicks, takerTouch, touchTicks } from '../../../src-core/execution/book-touch';
import { makerPrice, makerPriceTicks, repriceDecision } from '../../../src-core/execution/maker-price';

const TICK = '0.01';
const book = (bid: number | null, ask: number | null) => ({
  bids: bid === null ? [] : [{ price: bid, size: 1 }, { price: bid - 1, size: 5 }],
  asks: ask === null ? [] : [{ price: ask, size: 1 }, { price: ask + 1, size: 5 }],
});

describe('book touch', () => {
  it('turns float levels into exact ticks (nearest), best first', () => {
    expect(touchTicks(book(100.1, 100.3), TICK)).toEqual({ bid: 10010n, ask: 10030n });
    // 0.1 + 0.2 is 0.30000000000000004: still tick 30.
    expect(touchTicks(book(0.1 + 0.2, null), TICK)).toEqual({ bid: 30n, ask: null });
    expect(touchTicks(book(null, null), TICK)).toEqual({ bid: null, ask: null });
    expect(priceTicks(0.015, TICK)).toBe(2n);
    expect(priceTicks(0.0149, TICK)).toBe(1n);
  });
  it('names the taker and maker touch per side', () => {
    const t = { bid: 1n, ask: 2n };
    expect(takerTouch('buy', t)).toBe(2n);
    expect(takerTouch('sell', t)).toBe(1n);
    expect(makerTouch('buy', t)).toBe(1n);
    expect(makerTouch('sell', t)).toBe(2n);
  });
  it('refuses bad ticks and prices with a typed error', () => {
    expect(() => checkTick('0')).toThrow(PriceInputError);
    expect(() => checkTick('-0.01')).toThrow(PriceInputError);
    expect(() => checkTick('x')).toThrow(PriceInputError);
    expect(() => checkTick('0.01')).not.toThrow();
    expect(() => priceTicks(0, TICK)).toThrow(PriceInputError);
    expect(() => priceTicks(-1, TICK)).toThrow(PriceInputError);
    expect(() => priceTicks(Number.NaN, TICK)).toThrow(PriceInputError);
    expect(() => priceTicks(Number.POSITIVE_INFINITY, TICK)).toThrow(PriceInputError);
    expect(() => touchTicks(book(1, 2), '0')).toThrow(PriceInputError);
    expect(() => checkTick('0')).toThrow('tick size must be a positive decimal, got "0"');
    expect(() => checkTick('x')).toThrow('tick size must be a positive decimal, got "x"');
    expect(() => priceTicks(-1, TICK)).toThrow('price must be positive and finite, got -1');
  });
});

describe('makerPrice', () => {
  it('joins our side of the touch', () => {
    expect(makerPrice('buy', { bid: 10010n, ask: 10030n }, TICK, 0)).toBe('100.10');
    expect(makerPrice('sell', { bid: 10010n, ask: 10030n }, TICK, 0)).toBe('100.30');
  });
  it('improves inside the spread but never crosses: buy ≤ ask − tick, sell ≥ bid + tick', () => {
    expect(makerPriceTicks('buy', { bid: 10010n, ask: 10030n }, 1)).toBe(10011n);
    expect(makerPriceTicks('buy', { bid: 10010n, ask: 10030n }, 19)).toBe(10029n);
    expect(makerPriceTicks('buy', { bid: 10010n, ask: 10030n }, 20)).toBe(10029n);
    expect(makerPriceTicks('buy', { bid: 10010n, ask: 10030n }, 50)).toBe(10029n);
    expect(makerPriceTicks('sell', { bid: 10010n, ask: 10030n }, 1)).toBe(10029n);
    expect(makerPriceTicks('sell', { bid: 10010n, ask: 10030n }, 19)).toBe(10011n);
    expect(makerPriceTicks('sell', { bid: 10010n, ask: 10030n }, 20)).toBe(10011n);
  });
  it('a one-tick spread or a crossed book still never crosses', () => {
    expect(makerPriceTicks('buy', { bid: 100n, ask: 101n }, 0)).toBe(100n);
    expect(makerPriceTicks('sell', { bid: 100n, ask: 101n }, 0)).toBe(101n);
    expect(makerPriceTicks('buy', { bid: 105n, ask: 101n }, 0)).toBe(100n);
    expect(makerPriceTicks('sell', { bid: 105n, ask: 101n }, 0)).toBe(106n);
  });
  it('with one side empty: joins ours, or sits one tick off the other', () => {
    expect(makerPriceTicks('buy', { bid: null, ask: 101n }, 0)).toBe(100n);
    expect(makerPriceTicks('buy', { bid: 100n, ask: null }, 2)).toBe(102n);
    expect(makerPriceTicks('sell', { bid: 100n, ask: null }, 0)).toBe(101n);
    expect(makerPriceTicks('sell', { bid: null, ask: 101n }, 2)).toBe(99n);
    expect(makerPriceTicks('buy', { bid: null, ask: null }, 0)).toBeNull();
    expect(makerPrice('sell', { bid: null, ask: null }, TICK, 0)).toBeNull();
    // No positive price below a one-tick ask.
    expect(makerPriceTicks('buy', { bid: null, ask: 1n }, 0)).toBeNull();
    expect(makerPriceTicks('sell', { bid: null, ask: 1n }, 1)).toBeNull();
    expect(makerPriceTicks('sell', { bid: null, ask: 2n }, 1)).toBe(1n);
  });
  it('refuses a negative or fractional improvement', () => {
    expect(() => makerPriceTicks('buy', { bid: 1n, ask: 3n }, -1)).toThrow(PriceInputError);
    expect(() => makerPriceTicks('buy', { bid: 1n, ask: 3n }, 0.5)).toThrow(PriceInputError);
    expect(() => makerPrice('buy', { bid: 1n, ask: 3n }, '0', 0)).toThrow(PriceInputError);
    expect(() => makerPriceTicks('buy', { bid: 1n, ask: 3n }, -1)).toThrow('improveTicks must be a whole number ≥ 0, got -1');
  });
});

describe('repriceDecision', () => {
  it('stays while our buy is the touch or within the tolerance', () => {
    expect(repriceDecision('buy', '100.10', { bid: 10010n, ask: 10030n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
    expect(repriceDecision('buy', '100.10', { bid: 10012n, ask: 10030n }, TICK, 2, 0)).toEqual({ kind: 'stay' });
    expect(repriceDecision('buy', '100.10', { bid: 10013n, ask: 10030n }, TICK, 2, 0)).toEqual({ kind: 'reprice', price: '100.13' });
  });
  it('reprices a buy when someone bids above it', () => {
    expect(repriceDecision('buy', '100.10', { bid: 10011n, ask: 10030n }, TICK, 0, 0)).toEqual({ kind: 'reprice', price: '100.11' });
    expect(repriceDecision('buy', '100.10', { bid: 10011n, ask: 10030n }, TICK, 0, 1)).toEqual({ kind: 'reprice', price: '100.12' });
  });
  it('reprices a sell when someone offers below it, and mirrors the tolerance', () => {
    expect(repriceDecision('sell', '100.30', { bid: 10010n, ask: 10030n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
    expect(repriceDecision('sell', '100.30', { bid: 10010n, ask: 10029n }, TICK, 0, 0)).toEqual({ kind: 'reprice', price: '100.29' });
    expect(repriceDecision('sell', '100.30', { bid: 10010n, ask: 10028n }, TICK, 2, 0)).toEqual({ kind: 'stay' });
    expect(repriceDecision('sell', '100.30', { bid: 10010n, ask: 10027n }, TICK, 2, 0)).toEqual({ kind: 'reprice', price: '100.27' });
  });
  it('a touch that moved toward us is no reason to move', () => {
    expect(repriceDecision('buy', '100.10', { bid: 10005n, ask: 10011n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
    expect(repriceDecision('sell', '100.30', { bid: 10029n, ask: 10035n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
  });
  it('stays when our side is empty or the new price would be ours anyway', () => {
    expect(repriceDecision('buy', '100.10', { bid: null, ask: 10030n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
    // Someone bids above us but the ask is one tick above our price: the best post-only price is ours.
    expect(repriceDecision('buy', '100.10', { bid: 10012n, ask: 10011n }, TICK, 0, 0)).toEqual({ kind: 'stay' });
  });
  it('refuses an off-grid price or a bad tolerance with a typed error', () => {
    expect(() => repriceDecision('buy', '100.105', { bid: 1n, ask: 2n }, TICK, 0, 0)).toThrow(PriceInputError);
    expect(() => repriceDecision('buy', 'abc', { bid: 1n, ask: 2n }, TICK, 0, 0)).toThrow(PriceInputError);
    expect(() => repriceDecision('buy', '1', { bid: 1n, ask: 2n }, TICK, -1, 0)).toThrow(PriceInputError);
    expect(() => repriceDecision('buy', '1', { bid: 1n, ask: 2n }, TICK, 1.5, 0)).toThrow(PriceInputError);
    expect(() => repriceDecision('buy', '1', { bid: 1n, ask: 2n }, '0', 0, 0)).toThrow(PriceInputError);
    expect(() => repriceDecision('buy', '1', { bid: 1n, ask: 2n }, TICK, -1, 0)).toThrow('toleranceTicks must be a whole number ≥ 0, got -1');
    expect(() => repriceDecision('buy', '100.105', { bid: 1n, ask: 2n }, TICK, 0, 0)).toThrow('our price "100.105" is not on the tick grid 0.01');
  });
});
