// Funding math edge cases with worked numbers: APY ↔ hourly, the hedge venue's exit fee when its
// maker fee is not zero, break-even at zero carry, and every tier boundary of the dynamic spread.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apyFromHourly, dynamicMaxSpreadFraction, exitFeesUsd, expectedValue, hourlyFromApy } from '../../../src-core/domain/funding-math';
import { spreadStability } from '../../../src-core/domain/stats';

describe('APY and hourly', () => {
  it('87.6 % APY is 0.01 %/h (8 760 h a year)', () => {
    expect(hourlyFromApy(0.876)).toBeCloseTo(0.0001, 15);
  });
  it('property: hourly → APY → hourly round-trips', () => {
    fc.assert(fc.property(fc.double({ min: -0.01, max: 0.01, noNaN: true }), (h) => {
      expect(hourlyFromApy(apyFromHourly(h))).toBeCloseTo(h, 15);
    }));
  });
});

describe('exit fees', () => {
  it('a hedge venue with a non-zero maker fee exits as taker', () => {
    // $1000, maker venue: p = 0.5 of maker 0.0001 and taker 0.0004 → 0.00025;
    // hedge venue maker 0.0001 (not zero) → taker 0.0003. 1000 × (0.00025 + 0.0003) = 0.55.
    const f = { makerVenueMakerRate: 0.0001, makerVenueTakerRate: 0.0004, hedgeVenueMakerRate: 0.0001, hedgeVenueTakerRate: 0.0003 };
    expect(exitFeesUsd(1000, f, 0.5)).toBeCloseTo(0.55, 12);
  });
});

describe('expected value at zero carry', () => {
  it('zero carry and zero cost never breaks even (Infinity, not NaN)', () => {
    const ev = expectedValue({ notionalUsd: 350, netHourlyRate: 0, holdHours: 48, costUsd: 0 });
    expect(ev.breakevenHours).toBe(Number.POSITIVE_INFINITY);
    expect(ev.totalEvUsd).toBe(0);
  });
});

describe('dynamic max spread tiers (base 0.001, cap 0.01)', () => {
  const at = (apy: number) => dynamicMaxSpreadFraction(apy, 0.001, 0.01);
  it('each tier starts strictly above its APY', () => {
    expect(at(1)).toBe(0.004); // exactly 100 % is still the 50-100 % tier
    expect(at(1.000001)).toBe(0.005);
    expect(at(0.7)).toBe(0.004);
    expect(at(0.5)).toBe(0.003); // exactly 50 % is still the 20-50 % tier
    expect(at(0.500001)).toBe(0.004);
    expect(at(0.2)).toBe(0.001); // exactly 20 % gets the base
    expect(at(0.200001)).toBe(0.003);
  });
  it('the base wins when it is wider than the tier, the cap when it is narrower', () => {
    expect(dynamicMaxSpreadFraction(0.3, 0.0035, 0.01)).toBe(0.0035);
    expect(dynamicMaxSpreadFraction(2, 0.001, 0.002)).toBe(0.002);
  });
});

describe('spread stability edges', () => {
  it('no history is all zeros', () => {
    expect(spreadStability([], 0.0003, 0.0001)).toEqual({ samples: 0, meanHourly: 0, stdHourly: 0, zScore: 0, openHours: 0 });
  });
  it('one sample has no spread and no z-score', () => {
    const s = spreadStability([0.0002], 0.0005, 0.0001);
    expect(s).toEqual({ samples: 1, meanHourly: 0.0002, stdHourly: 0, zScore: 0, openHours: 1 });
  });
  it('a flat history has z-score 0, not Infinity', () => {
    expect(spreadStability([2, 2, 2], 3, 1).zScore).toBe(0);
  });
  it('open hours count back to the first sample when all are at or above the threshold', () => {
    // 3 ≥ 3 counts (at the threshold is open).
    expect(spreadStability([3, 4, 5], 5, 3).openHours).toBe(3);
    expect(spreadStability([5, 2, 3], 5, 3).openHours).toBe(1);
  });
});
