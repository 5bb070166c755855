import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apyFromHourly, dynamicMaxSpreadFraction, entryFeesUsd, exitFeesUsd, expectedValue, netCarryHourly, requiredApy, type LegFees } from '../../../src-core/domain/funding-math';
import { capacityUsd, walkBook } from '../../../src-core/domain/book-walk';
import { spreadStability } from '../../../src-core/domain/stats';

// The Python bot's fee setup in its worked example: Lighter maker 0.002 % (premium), Lighter
// taker 0.02 %, Extended maker 0 and taker 0.0225 % (its referral rate).
const BOT_FEES: LegFees = { makerVenueMakerRate: 0.00002, makerVenueTakerRate: 0.0002, hedgeVenueMakerRate: 0, hedgeVenueTakerRate: 0.000225 };

describe('carry and APY', () => {
  it('annualises hourly rates with 8 760 hours', () => {
    expect(apyFromHourly(0.0001)).toBeCloseTo(0.876, 12);
  });
  it('nets the short leg received against the long leg paid', () => {
    // Long where funding is cheap (-0.01 %/h: longs are paid), short where rich (+0.03 %/h).
    expect(netCarryHourly(-0.0001, 0.0003)).toBeCloseTo(0.0004, 12);
    expect(netCarryHourly(0.0003, -0.0001)).toBeCloseTo(-0.0004, 12);
  });
});

describe('the Python bot worked example', () => {
  it('$350, zero spread, 48 h: fees ≈ $0.145 and EV ≥ $0.80 needs ≈ 49 % APY', () => {
    const entry = entryFeesUsd(350, BOT_FEES); // 350 × (0.00002 + 0.000225) = 0.08575
    const exit = exitFeesUsd(350, BOT_FEES, 0.8); // 350 × (0.8×0.00002 + 0.2×0.0002) + 350 × 0.5 × 0.000225
    expect(entry).toBeCloseTo(0.08575, 10);
    expect(exit).toBeCloseTo(0.0196 + 0.039375, 10);
    const fees = entry + exit;
    expect(fees).toBeCloseTo(0.144725, 10);
    const apy = requiredApy({ notionalUsd: 350, holdHours: 48, costUsd: fees, targetEvUsd: 0.8 });
    expect(apy).toBeGreaterThan(0.48);
    expect(apy).toBeLessThan(0.5);
    // And at exactly that APY the expected value is $0.80.
    const ev = expectedValue({ notionalUsd: 350, netHourlyRate: apy / 8760, holdHours: 48, costUsd: fees });
    expect(ev.totalEvUsd).toBeCloseTo(0.8, 10);
  });
});

describe('expected value and break-even', () => {
  it('computes EV, EV per hour and break-even hours', () => {
    const ev = expectedValue({ notionalUsd: 1000, netHourlyRate: 0.0001, holdHours: 24, costUsd: 0.6 });
    expect(ev.fundingUsd).toBeCloseTo(2.4, 10);
    expect(ev.totalEvUsd).toBeCloseTo(1.8, 10);
    expect(ev.evPerHourUsd).toBeCloseTo(0.1 - 0.025, 10);
    expect(ev.breakevenHours).toBeCloseTo(6, 10);
  });
  it('never breaks even with non-positive carry', () => {
    expect(expectedValue({ notionalUsd: 1000, netHourlyRate: -0.0001, holdHours: 24, costUsd: 0.6 }).breakevenHours).toBe(Infinity);
  });
  it('property: raising the short venue rate never lowers EV', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.003, max: 0.003, noNaN: true }), fc.double({ min: -0.003, max: 0.003, noNaN: true }), fc.double({ min: 0, max: 0.003, noNaN: true }), (longRate, shortRate, bump) => {
        const ev = (s: number) => expectedValue({ notionalUsd: 350, netHourlyRate: netCarryHourly(longRate, s), holdHours: 48, costUsd: 0.2 }).totalEvUsd;
        expect(ev(shortRate + bump)).toBeGreaterThanOrEqual(ev(shortRate) - 1e-12);
      }),
    );
  });
});

describe('dynamic max spread', () => {
  it('widens with APY up to the cap', () => {
    expect(dynamicMaxSpreadFraction(0.1, 0.0016, 0.003)).toBe(0.0016);
    expect(dynamicMaxSpreadFraction(0.3, 0.0016, 0.003)).toBe(0.003);
    expect(dynamicMaxSpreadFraction(2, 0.0016, 0.003)).toBe(0.003);
    expect(dynamicMaxSpreadFraction(2, 0.0016, 0.01)).toBe(0.005);
  });
});

describe('book walking', () => {
  const asks = [
    { price: 100, size: 1 },
    { price: 101, size: 2 },
    { price: 103, size: 5 },
  ];
  it('computes VWAP and slippage for a notional', () => {
    const w = walkBook(asks, 302); // 100 + 202 = all of level 1 and 2
    expect(w.complete).toBe(true);
    expect(w.vwap).toBeCloseTo(302 / 3, 10);
    expect(w.slippageBps).toBeCloseTo(((302 / 3 - 100) / 100) * 10_000, 8);
    expect(w.levelsUsed).toBe(2);
  });
  it('reports an incomplete fill on a thin book', () => {
    const w = walkBook([{ price: 100, size: 1 }], 500);
    expect(w.complete).toBe(false);
    expect(w.filledUsd).toBe(100);
  });
  it('caps capacity at the slippage budget', () => {
    // Budget 50 bps: VWAP ≤ 100.5. Levels 1-2 give VWAP 100.667 > 100.5, so part of level 2:
    // (100 + 101x)/(1 + x) = 100.5 ⇒ x = 1 ⇒ $201.
    expect(capacityUsd(asks, 50)).toBeCloseTo(201, 6);
    expect(capacityUsd([], 50)).toBe(0);
  });
});

describe('spread stability', () => {
  it('gives mean, sample std, z-score and how long the spread has been open', () => {
    const s = spreadStability([1, 2, 3, 4, 5], 6, 3);
    expect(s.meanHourly).toBe(3);
    expect(s.stdHourly).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.zScore).toBeCloseTo(3 / Math.sqrt(2.5), 12);
    expect(s.openHours).toBe(3);
  });
});
