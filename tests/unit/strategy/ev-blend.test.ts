// The EV blend with worked numbers: hour k of the hold credits m + (r0 − m)·q^k, q = 2^(−1/h½),
// averaged over the hold; a fall toward the settled mean only, never a recovery.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { screenerDefaults } from '../../../src-core/config/screener';
import { evHourlyRate } from '../../../src-core/strategy/ev-blend';
import { evaluateDirection } from '../../../src-core/strategy/evaluate';
import { screenAll } from '../../../src-core/strategy/screener';
import type { HistoryView } from '../../../src-core/market/types';
import { account, netHistory, NOW, settings, symbolView } from './fixtures';

describe('evHourlyRate', () => {
  it('an exact case: r0 2^-10, mean 2^-13, half-life 1 h, 4 h hold', () => {
    // q = 1/2: Σ = 4·2^-13 + 7·2^-13 · (1 − 1/16) / (1/2) = 2^-11 + 105·2^-16 = 137·2^-16; / 4 h
    expect(evHourlyRate({ predictedNetHourly: 2 ** -10, settledMeanHourly: 2 ** -13, holdHours: 4, halfLifeHours: 1 })).toEqual({ hourlyRate: 137 * 2 ** -18, source: 'decaying' });
  });

  it('the shipped 2 h half-life over 48 h credits about 3.4 hours of the excess, not 48', () => {
    // q = 2^-0.5: (1 − q^48) / (1 − q) = (1 − 2^-24)(2 + √2) = 3.41421; r0 0.0003, m 0.00005:
    // Σ = 48 × 0.00005 + 0.00025 × 3.41421 = 0.0024 + 0.00085355 = 0.00325355; / 48 = 6.7782e-5 /h
    const r = evHourlyRate({ predictedNetHourly: 0.0003, settledMeanHourly: 0.00005, holdHours: 48, halfLifeHours: 2 });
    expect(r.source).toBe('decaying');
    expect(r.hourlyRate).toBeCloseTo((0.0024 + 0.00025 * (1 - 2 ** -24) * (2 + Math.SQRT2)) / 48, 15);
    expect(r.hourlyRate * 48).toBeCloseTo(0.00325355, 8);
  });

  it('never credits a recovery: a settled mean at or above the predicted rate leaves it flat', () => {
    expect(evHourlyRate({ predictedNetHourly: 0.0001, settledMeanHourly: 0.0004, holdHours: 48, halfLifeHours: 2 })).toEqual({ hourlyRate: 0.0001, source: 'predicted' });
    expect(evHourlyRate({ predictedNetHourly: 0.0001, settledMeanHourly: 0.0001, holdHours: 48, halfLifeHours: 2 })).toEqual({ hourlyRate: 0.0001, source: 'predicted' });
  });

  it('no settled hour: only the next settlement is credited', () => {
    const r = evHourlyRate({ predictedNetHourly: 0.0048, settledMeanHourly: null, holdHours: 48, halfLifeHours: 2 });
    expect(r.source).toBe('next-settlement-only');
    expect(r.hourlyRate).toBeCloseTo(0.0001, 15); // 0.0048 for one hour, spread over 48
  });

  it('a null half-life is the predicted rate over the whole hold (the pre-v5 model)', () => {
    expect(evHourlyRate({ predictedNetHourly: 0.0003, settledMeanHourly: 0, holdHours: 48, halfLifeHours: null })).toEqual({ hourlyRate: 0.0003, source: 'predicted' });
  });

  it('lies between the settled mean and the predicted rate, and grows with the half-life', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.01, max: 0.01, noNaN: true }), fc.double({ min: 1e-7, max: 0.01, noNaN: true }), fc.integer({ min: 1, max: 720 }), fc.double({ min: 0.1, max: 100, noNaN: true }), (m, excess, hold, half) => {
        const r0 = m + excess;
        const a = evHourlyRate({ predictedNetHourly: r0, settledMeanHourly: m, holdHours: hold, halfLifeHours: half }).hourlyRate;
        const b = evHourlyRate({ predictedNetHourly: r0, settledMeanHourly: m, holdHours: hold, halfLifeHours: half * 2 }).hourlyRate;
        const eps = 1e-12;
        return a >= m - eps && a <= r0 + eps && b >= a - eps;
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('the screener with the blend', () => {
  const on = settings({ minSpreadOpenHours: screenerDefaults.minSpreadOpenHours, maxSpreadZSigma: screenerDefaults.maxSpreadZSigma, evSpikeHalfLifeHours: screenerDefaults.evSpikeHalfLifeHours });
  // The case: +837 % APY appears on a symbol whose 30 days settled near 0 (alternating
  // ±1e-5 /h: mean 0, std 1.0007e-5).
  const spikeNet = 8.37 / 8760;
  const quiet = netHistory(Array.from({ length: 720 }, (_v, i) => (i % 2 === 0 ? 1e-5 : -1e-5)));
  const spike = symbolView(0, spikeNet, { symbol: 'SPIKE' });

  it('a 5-second-old +837 % spike: EV from the predicted rate decaying to the mean, ~$1.14 gross not $16', () => {
    const r = evaluateDirection(spike, 'lighter', on, account, quiet, NOW);
    expect(r.netApy).toBeCloseTo(8.37, 9);
    expect(r.evRate.source).toBe('decaying');
    // Window mean over the last 24 h is 0: Σ = spikeNet × (1 − 2^-24)(2 + √2) = 0.00326 → $1.14 at $350.
    expect(r.evRate.hourlyRate * 48 * 350).toBeCloseTo(350 * spikeNet * (1 - 2 ** -24) * (2 + Math.SQRT2), 6);
    expect(r.expectedValueUsd).toBeLessThan(1.15);
    // Both spike gates refuse it; open hours is the first.
    expect(r.rejection?.gate).toBe('spread-open-hours');
    const z = r.gates.find((g) => g.gate === 'spread-z')!;
    expect(z.passed).toBe(false);
    expect(z.observed as number).toBeGreaterThan(90);
  });

  it('no longer ranks first: a 107 % APY spread settled for two days outranks it, gates on or off', () => {
    const steadyNet = 2 ** -13; // 107 % APY, exact in binary so its mean is exactly its live rate
    const steadyHistory = netHistory(Array.from({ length: 48 }, () => steadyNet));
    const history: HistoryView = {
      netHourly: (s, v) => (s === 'STEADY' ? steadyHistory : quiet).netHourly(s, v),
      venueHourly: (s, v) => (s === 'STEADY' ? steadyHistory : quiet).venueHourly(s, v),
    };
    const steady = symbolView(0, steadyNet, { symbol: 'STEADY' });
    for (const s of [on, settings({ evSpikeHalfLifeHours: 2 })]) {
      const ranked = screenAll([spike, steady], s, account, history, NOW);
      expect(ranked.map((r) => r.symbol)).toEqual(['STEADY', 'SPIKE']);
      // STEADY's mean equals its live rate: the EV credits it flat, 350 × 2^-13 × 48 = $2.05 gross.
      expect(ranked[0]!.best.evRate.source).toBe('predicted');
      expect(ranked[0]!.best.expectedValueUsd).toBeGreaterThan(ranked[1]!.best.expectedValueUsd);
    }
    // Without the blend (the pre-v5 model) the spike's $16 of gross carry ranked it first.
    const old = screenAll([spike, steady], settings({ maxSpreadZSigma: null, minSpreadOpenHours: 0 }), account, history, NOW);
    expect(old[0]!.symbol).toBe('SPIKE');
  });
});
