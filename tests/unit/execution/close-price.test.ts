// The close IOC's limit: rounded away from the touch (a buy up, a sell down) so it crosses, never
// past the cap (the cap rounded toward the touch); the ladder's rungs in exact bps.
import { describe, expect, it } from 'vitest';
import { PriceInputError } from '../../../src-core/execution/book-touch';
import { closeLadderBps, closeLimitPrice, closeLimitTicks } from '../../../src-core/execution/close-price';

describe('close limit', () => {
  it('a buy rounds up, a sell down', () => {
    // 200003 ticks of 0.01 × 1.0005 = 200103.0015 → buy 200104; × 0.9995 = 199902.9985 → sell 199902.
    expect(closeLimitTicks('buy', 200003n, 5, 200, '0.01')).toBe(200104n);
    expect(closeLimitTicks('sell', 200003n, 5, 200, '0.01')).toBe(199902n);
  });

  it('never past the cap: at the cap the limit is the cap rounded toward the touch', () => {
    // × 1.02 = 204003.06 → 204003 (not 204004); × 0.98 = 196002.94 → 196003 (not 196002).
    expect(closeLimitTicks('buy', 200003n, 200, 200, '0.01')).toBe(204003n);
    expect(closeLimitTicks('sell', 200003n, 200, 200, '0.01')).toBe(196003n);
  });

  it('on a coarse tick a small slippage still crosses by one tick rather than rounding back to the touch', () => {
    // 1000 ticks × 1.0005 = 1000.5 → 1001 (buy), 999.5 → 999 (sell); the cap 10 bps allows 1001 / 999.
    expect(closeLimitTicks('buy', 1000n, 5, 10, '1')).toBe(1001n);
    expect(closeLimitTicks('sell', 1000n, 5, 10, '1')).toBe(999n);
    // …but a cap that does not reach the next tick keeps the limit at the touch.
    expect(closeLimitTicks('buy', 1000n, 5, 5, '1')).toBe(1000n);
    expect(closeLimitPrice('sell', 1000n, 5, 5, '1')).toBe('1000');
  });

  it('zero slippage is the touch itself', () => {
    expect(closeLimitPrice('buy', 200013n, 0, 200, '0.01')).toBe('2000.13');
    expect(closeLimitPrice('sell', 200003n, 0, 200, '0.01')).toBe('2000.03');
  });

  it('the ladder climbs by its step to the cap and stays there; a cap below the start is refused', () => {
    const l = { startBps: 50, stepBps: 50, capBps: 120 };
    expect([0, 1, 2, 3].map((i) => closeLadderBps(i, l))).toEqual(['50', '100', '120', '120']);
    expect(() => closeLadderBps(0, { startBps: 50, stepBps: 0, capBps: 10 })).toThrow(PriceInputError);
  });
});
