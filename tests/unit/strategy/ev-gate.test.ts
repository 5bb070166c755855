// The expected-value gate judges the carry NET of every cost, with the shipped defaults.
import { describe, expect, it } from 'vitest';
import { evaluateDirection } from '../../../src-core/strategy/evaluate';
import { account, noHistory, NOW, oneLevel, settings, symbolView } from './fixtures';

describe('expected-value gate', () => {
  it('EV gate compares net of costs', () => {
    // Defaults: $350, 48 h hold, min EV $0.80, Lighter maker (0.002 % / 0.02 %), Extended hedge
    // (0 / 0.0225 %), exit maker share 0.8.
    // Carry: Lighter −0.002 %/h (long), Extended +0.003 %/h (short): net 0.00005 /h = 43.8 % APY.
    //   gross = 350 × 0.00005 × 48 = $0.84  → clears $0.80 on its own
    // Costs:
    //   entry fees 350 × (0.00002 + 0.000225)                       = 0.08575
    //   exit fees  350 × (0.8 × 0.00002 + 0.2 × 0.0002) + 350 × 0.5 × 0.000225 = 0.058975
    //   entry spread: buy Lighter 100.01, sell Extended 100.00: 350 × 0.01/100.01 = 0.0349965
    //   exit spread:  buy Extended 100.01, sell Lighter 100.00: the same          0.0349965
    //   total 0.214718;  net = 0.84 − 0.214718 = $0.625 < $0.80 → rejected.
    const v = symbolView(-0.00002, 0.00003, { lighter: oneLevel(100, 100.01, 10), extended: oneLevel(100, 100.01, 10) });
    const r = evaluateDirection(v, 'lighter', settings(), account, noHistory, NOW);
    expect(r.netApy).toBeCloseTo(0.438, 12);
    expect(r.feesUsd).toBeCloseTo(0.144725, 12);
    expect(r.entryCostUsd).toBeCloseTo(0.08575 + 0.0349965, 6);
    expect(r.exitCostUsd).toBeCloseTo(0.058975 + 0.0349965, 6);
    expect(r.expectedValueUsd).toBeCloseTo(0.625282, 5);
    expect(r.rejection).toMatchObject({ gate: 'expected-value', passed: false, threshold: 0.8, unit: 'usd' });
    expect(r.rejection?.observed).toBeCloseTo(0.625282, 5);
    expect(r.rejection?.reason).toBe('expected value $0.63 over 48 h is below $0.80');
    // Every gate before it passed: this is the EV gate's call, not an earlier one's.
    expect(r.gates.filter((g) => !g.passed).map((g) => g.gate)).toEqual(['expected-value']);
  });

  it('the same carry with a $0.60 minimum passes', () => {
    const v = symbolView(-0.00002, 0.00003, { lighter: oneLevel(100, 100.01, 10), extended: oneLevel(100, 100.01, 10) });
    const r = evaluateDirection(v, 'lighter', settings({ minExpectedValueUsd: 0.6 }), account, noHistory, NOW);
    expect(r.passed).toBe(true);
  });
});
