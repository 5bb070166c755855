// Book walking edge cases with worked numbers: empty books, zero notionals, the 1e-9 USD
// completeness tolerance, the slippage budget boundary and partial levels on both sides.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { capacityUsd, walkBook } from '../../../src-core/domain/book-walk';

describe('walkBook', () => {
  it('an empty book fills nothing and says so', () => {
    expect(walkBook([], 100)).toEqual({ vwap: Number.NaN, filledUsd: 0, complete: false, slippageBps: 0, levelsUsed: 0 });
    // Nothing asked is trivially complete, book or no book.
    expect(walkBook([], 0)).toEqual({ vwap: Number.NaN, filledUsd: 0, complete: true, slippageBps: 0, levelsUsed: 0 });
    expect(walkBook([{ price: 100, size: 1 }], 0)).toEqual({ vwap: Number.NaN, filledUsd: 0, complete: true, slippageBps: 0, levelsUsed: 0 });
    expect(walkBook([{ price: 100, size: 1 }], -5).complete).toBe(true);
  });

  it('an empty book never completes a fill, however small (the 1e-9 tolerance is for rounding, not for missing books)', () => {
    expect(walkBook([], 1e-10).complete).toBe(false);
  });

  it('a book of empty levels reports 0 bps, not NaN', () => {
    const w = walkBook([{ price: 100, size: 0 }], 50);
    expect(w.slippageBps).toBe(0);
    expect(w.filledUsd).toBe(0);
    expect(w.complete).toBe(false);
  });

  it('a shortfall of exactly the 1e-9 USD tolerance still counts as complete', () => {
    // One level worth 1 × 1e-9 = $1e-9 against $2e-9 asked: $1e-9 remains (exact in binary).
    const w = walkBook([{ price: 1, size: 1e-9 }], 2e-9);
    expect(w.filledUsd).toBe(1e-9);
    expect(w.complete).toBe(true);
  });

  it('walks bids downwards: slippage is the absolute distance from the best bid', () => {
    // Sell $298: all of 100 × 1, then $198 of 99 × 2 = 2 units; VWAP = 298 / 3 = 99.333.
    const w = walkBook([{ price: 100, size: 1 }, { price: 99, size: 2 }], 298);
    expect(w.vwap).toBeCloseTo(298 / 3, 10);
    expect(w.slippageBps).toBeCloseTo(((100 - 298 / 3) / 100) * 10_000, 8); // 66.67 bps
    expect(w.levelsUsed).toBe(2);
  });
});

describe('capacityUsd', () => {
  it('a level that brings the VWAP exactly to the budget is taken whole and the walk goes on', () => {
    // 100 × 1 + 101 × 1: VWAP 100.5 = exactly 50 bps, so both levels count ($201); then
    // 100.2 × 1 brings VWAP to 301.2 / 3 = 100.4 (40 bps): all $301.2.
    expect(capacityUsd([{ price: 100, size: 1 }, { price: 101, size: 1 }, { price: 100.2, size: 1 }], 50)).toBeCloseTo(301.2, 9);
  });

  it('solves the partial level with more than one unit already taken', () => {
    // 100 × 2 then 102 × 2 at 50 bps: (200 + 102x) / (2 + x) = 100.5 ⇒ 1.5x = 1 ⇒ x = 2/3,
    // capacity = 200 + 102 × 2/3 = 268.
    expect(capacityUsd([{ price: 100, size: 2 }, { price: 102, size: 2 }], 50)).toBeCloseTo(268, 9);
  });

  it('solves the partial level on a bid book (prices below the best)', () => {
    // 100 × 1 then 99 × 2 at 50 bps: limit 99.5; (100 + 99x) / (1 + x) = 99.5 ⇒ x = 1,
    // capacity = 100 + 99 = 199.
    expect(capacityUsd([{ price: 100, size: 1 }, { price: 99, size: 2 }], 50)).toBeCloseTo(199, 9);
  });

  it('a zero budget holds only the best level', () => {
    expect(capacityUsd([{ price: 100, size: 3 }, { price: 100.01, size: 5 }], 0)).toBe(300);
  });

  it('regression: float rounding at the best price does not empty a 0 bps budget', () => {
    // (100.02 × 0.08018841632289671) / 0.08018841632289671 is one ulp off 100.02, a "slippage" of
    // ~1e-12 bps: the best level must still count in full, here $8.0204.
    const p = 100 * 1.0002;
    const size = 0.08018841632289671;
    expect(capacityUsd([{ price: p, size }], 0)).toBe(p * size);
    // Two levels at the same price are both inside a zero budget.
    expect(capacityUsd([{ price: p, size }, { price: p, size: 0.3 }], 0)).toBeCloseTo(p * (size + 0.3), 9);
  });

  it('property: the capacity walked as a notional stays within the budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stepBps: fc.integer({ min: 0, max: 20 }), size: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 60 }),
        (spec, budgetBps) => {
          let price = 100;
          const asks = spec.map((s) => ({ price: (price *= 1 + s.stepBps / 10_000), size: s.size }));
          const cap = capacityUsd(asks, budgetBps);
          const total = asks.reduce((a, l) => a + l.price * l.size, 0);
          expect(cap).toBeGreaterThan(0);
          expect(cap).toBeLessThanOrEqual(total * (1 + 1e-12));
          expect(walkBook(asks, cap).slippageBps).toBeLessThanOrEqual(budgetBps + 1e-6);
        },
      ),
    );
  });
});
