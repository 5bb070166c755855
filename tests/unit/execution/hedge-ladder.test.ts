// The taker price limits: the hedge ladder's bps per attempt and the limit on the tick grid.
import { describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { PriceInputError } from '../../../src-core/execution/book-touch';
import { ladderBps, slippageLimitPrice, slippageLimitTicks } from '../../../src-core/execution/hedge-ladder';

describe('ladderBps', () => {
  it('climbs start + i × step and stops at the cap (defaults 10 / 5 / 30)', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((i) => ladderBps(i, tradingDefaults))).toEqual(['10', '15', '20', '25', '30', '30', '30']);
  });
  it('is exact with fractional bps (no float sum)', () => {
    const s = { hedgeSlippageStartBps: 0.1, hedgeSlippageStepBps: 0.2, hedgeSlippageCapBps: 1 };
    expect(ladderBps(1, s)).toBe('0.3');
    expect(ladderBps(4, s)).toBe('0.9');
    expect(ladderBps(5, s)).toBe('1');
    expect(ladderBps(6, s)).toBe('1');
  });
  it('a cap below the start wins from the first attempt', () => {
    expect(ladderBps(0, { hedgeSlippageStartBps: 20, hedgeSlippageStepBps: 5, hedgeSlippageCapBps: 15 })).toBe('15');
  });
  it('refuses a bad attempt or setting with a typed error', () => {
    expect(() => ladderBps(-1, tradingDefaults)).toThrow(PriceInputError);
    expect(() => ladderBps(0.5, tradingDefaults)).toThrow(PriceInputError);
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageStartBps: -1 })).toThrow(PriceInputError);
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageStepBps: Number.NaN })).toThrow(PriceInputError);
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageCapBps: 10_001 })).toThrow(PriceInputError);
    expect(ladderBps(0, { hedgeSlippageStartBps: 10_000, hedgeSlippageStepBps: 0, hedgeSlippageCapBps: 10_000 })).toBe('10000');
    expect(() => ladderBps(-1, tradingDefaults)).toThrow('attempt must be a whole number ≥ 0, got -1');
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageStartBps: -1 })).toThrow('hedgeSlippageStartBps must be in 0..10000 bps, got -1');
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageStepBps: -1 })).toThrow('hedgeSlippageStepBps must be in');
    expect(() => ladderBps(0, { ...tradingDefaults, hedgeSlippageCapBps: -1 })).toThrow('hedgeSlippageCapBps must be in');
  });
});

describe('slippageLimitPrice', () => {
  it('a buy limit is above the ask, rounded down on the grid', () => {
    // 100.00 × 1.001 = 100.10 exactly.
    expect(slippageLimitPrice('buy', 10000n, '10', '0.01')).toBe('100.10');
    // 100.03 × 1.001 = 100.13003 → 100.13.
    expect(slippageLimitPrice('buy', 10003n, 10, '0.01')).toBe('100.13');
    // 99.99 × 1.001 = 100.08999 → 100.08 (never beyond the budget).
    expect(slippageLimitPrice('buy', 9999n, 10, '0.01')).toBe('100.08');
  });
  it('a sell limit is below the bid, rounded up on the grid', () => {
    expect(slippageLimitPrice('sell', 10000n, 10, '0.01')).toBe('99.90');
    // 100.03 × 0.999 = 99.92997 → 99.93.
    expect(slippageLimitPrice('sell', 10003n, 10, '0.01')).toBe('99.93');
  });
  it('zero bps is the touch itself', () => {
    expect(slippageLimitTicks('buy', 12345n, 0, '0.5')).toBe(12345n);
    expect(slippageLimitTicks('sell', 12345n, '0', '0.5')).toBe(12345n);
    expect(slippageLimitPrice('sell', 3n, 0, '0.5')).toBe('1.5');
  });
  it('a budget smaller than one tick leaves the touch', () => {
    expect(slippageLimitTicks('buy', 100n, 99, '1')).toBe(100n);
    expect(slippageLimitTicks('buy', 100n, 100, '1')).toBe(101n);
    expect(slippageLimitTicks('sell', 100n, 99, '1')).toBe(100n);
    expect(slippageLimitTicks('sell', 100n, 100, '1')).toBe(99n);
  });
  it('a sell never goes below one tick', () => {
    expect(slippageLimitTicks('sell', 1n, 1_000, '0.01')).toBe(1n);
  });
  it('refuses bad input with a typed error', () => {
    expect(() => slippageLimitTicks('buy', 0n, 10, '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('buy', -5n, 10, '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('buy', 5n, -1, '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('buy', 5n, '-1', '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('sell', 5n, '10000', '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('sell', 5n, '20000', '0.01')).toThrow(PriceInputError);
    expect(() => slippageLimitTicks('buy', 5n, 10, '0')).toThrow(PriceInputError);
    expect(slippageLimitTicks('buy', 5n, '10000', '0.01')).toBe(10n);
    expect(() => slippageLimitTicks('buy', 0n, 10, '0.01')).toThrow('touch must be a positive tick count, got 0');
    expect(() => slippageLimitTicks('buy', 5n, -1, '0.01')).toThrow('bps must be in 0..10000 bps, got -1');
    expect(() => slippageLimitTicks('buy', 5n, '-1', '0.01')).toThrow('bps must not be negative, got -1');
    expect(() => slippageLimitTicks('sell', 5n, '10000', '0.01')).toThrow('a sell 10000 bps below the touch is not a price');
    expect(new PriceInputError('x').name).toBe('PriceInputError');
  });
});
