// The spike gates with worked numbers: spread-open-hours counts settled hours in a row at or above
// min APY (35 % APY = 0.35 / 8760 ≈ 3.995e-5 /h) with the live spread open too; spread-z is the
// live spread against the last 24 settled hours. The live spread in every case is long Lighter
// −0.01 %/h, short Extended +0.02 %/h: net 0.0003 /h = 262.8 % APY, past every other gate.
import { describe, expect, it } from 'vitest';
import { screenerDefaults } from '../../../src-core/config/screener';
import { hourlyFromApy } from '../../../src-core/domain/funding-math';
import { evaluateDirection } from '../../../src-core/strategy/evaluate';
import type { GateResult } from '../../../src-core/strategy/gates';
import { account, HOUR_MS, HOUR_START, netHistory, noHistory, NOW, settings, symbolView } from './fixtures';

const LIVE = symbolView(-0.0001, 0.0002);
const OPEN = 0.0003;
// The shipped spike protection (3 h, 5 σ, 24 h window, 2 h half-life).
const on = settings({ minSpreadOpenHours: screenerDefaults.minSpreadOpenHours, maxSpreadZSigma: screenerDefaults.maxSpreadZSigma, evSpikeHalfLifeHours: screenerDefaults.evSpikeHalfLifeHours });
const flat = (n: number, v = 0): number[] => Array.from({ length: n }, () => v);
const gate = (gates: readonly GateResult[], name: string): GateResult => gates.find((g) => g.gate === name)!;
const run = (history = noHistory, view = LIVE, s = on) => evaluateDirection(view, 'lighter', s, account, history, NOW);

describe('spread-open-hours gate', () => {
  it('the shipped defaults are 3 h, 5 σ over 24 h, a 2 h half-life', () => {
    expect(on).toMatchObject({ minSpreadOpenHours: 3, maxSpreadZSigma: 5, spreadWindowHours: 24, evSpikeHalfLifeHours: 2 });
  });

  it('a spike no settlement has paid yet is refused: 0 of 3 settled hours', () => {
    const r = run(netHistory(flat(48)));
    expect(r.rejection).toEqual({ gate: 'spread-open-hours', passed: false, observed: 0, threshold: 3, unit: 'hours', reason: 'spread open 0 settled hours in this direction (needs 3 settled hours in a row at or above 35.0 % APY)' });
    expect(r.spread.openHours).toBe(0);
  });

  it('two settled hours are not enough, three are', () => {
    const two = run(netHistory([...flat(46), OPEN, OPEN]));
    expect(two.rejection).toMatchObject({ gate: 'spread-open-hours', observed: 2, threshold: 3 });
    expect(two.rejection?.reason).toBe('spread open 2 settled hours in this direction (needs 3 settled hours in a row at or above 35.0 % APY)');
    const three = gate(run(netHistory([...flat(45), OPEN, OPEN, OPEN])).gates, 'spread-open-hours');
    expect(three).toEqual({ gate: 'spread-open-hours', passed: true, reason: 'ok', observed: 3, threshold: 3, unit: 'hours' });
  });

  it('a settled hour exactly at min APY counts as open; one just below ends the run', () => {
    const at = hourlyFromApy(0.35);
    expect(run(netHistory([...flat(40), at, at, at, at])).spread.openHours).toBe(4);
    expect(run(netHistory([...flat(40), at, at * 0.999, at, at])).spread.openHours).toBe(2);
  });

  it('a missing settled hour ends the run: the spread is not known to have been open through it', () => {
    expect(run(netHistory([...flat(40), OPEN, OPEN, null, OPEN, OPEN])).spread.openHours).toBe(2);
  });

  it('the live spread must be open now: settled hours of an edge already gone count for nothing', () => {
    const closed = symbolView(0.0001, 0.0001); // net 0
    const g = gate(run(netHistory([...flat(20), ...flat(10, OPEN)]), closed).gates, 'spread-open-hours');
    expect(g).toMatchObject({ passed: false, observed: 0, threshold: 3, reason: 'the live spread is below 35.0 % APY: not open now' });
  });

  it('the newest settlement may lag one hour (the backfill runs every ten minutes), not two', () => {
    // NOW is 20 minutes past HOUR_START: a history ending an hour before that start still counts.
    expect(run(netHistory([...flat(40), OPEN, OPEN, OPEN], HOUR_START - HOUR_MS)).spread.openHours).toBe(3);
    const stale = run(netHistory([...flat(40), OPEN, OPEN, OPEN], HOUR_START - 2 * HOUR_MS));
    expect(stale.rejection).toMatchObject({ gate: 'spread-open-hours', observed: 0, threshold: 3 });
    expect(stale.rejection?.reason).toBe('settled funding history ends 2.3 h ago: the hours since are unknown (needs 3 settled hours in a row at or above 35.0 % APY)');
  });

  it('no history is refused with its own reason', () => {
    expect(run().rejection).toMatchObject({ gate: 'spread-open-hours', observed: 0, reason: 'no settled funding history for this direction yet (needs 3 settled hours in a row at or above 35.0 % APY)' });
  });

  it('counts in the row direction: the other direction of the same history is not open', () => {
    const h = netHistory([...flat(20), ...flat(10, OPEN)]);
    expect(run(h).spread.openHours).toBe(10);
    const other = evaluateDirection(symbolView(0.0002, -0.0001), 'extended', on, account, h, NOW);
    expect(other.spread.openHours).toBe(0);
    expect(gate(other.gates, 'spread-open-hours').passed).toBe(false);
  });

  it('0 hours turns the gate off', () => {
    expect(gate(run(noHistory, LIVE, settings({ ...on, minSpreadOpenHours: 0 })).gates, 'spread-open-hours')).toMatchObject({ passed: true, observed: 0, threshold: 0 });
  });
});

describe('spread-z gate', () => {
  // 24 settled hours alternating 0.0001 and 0.0003: mean 0.0002 (175.2 % APY), sample std
  // 0.0001 × √(24/23) = 1.02151e-4. All of them are open (≥ 3.995e-5), so only z can refuse.
  const alternating = Array.from({ length: 24 }, (_v, i) => (i % 2 === 0 ? 0.0001 : 0.0003));
  const std = 0.0001 * Math.sqrt(24 / 23);

  it('a live spread 5.9 σ above the window mean is refused with the numbers', () => {
    // live 0.0008: z = 0.0006 / 1.02151e-4 = 5.8737
    const r = run(netHistory(alternating), symbolView(-0.0004, 0.0004));
    expect(r.rejection?.gate).toBe('spread-z');
    expect(r.rejection?.observed).toBeCloseTo(0.0006 / std, 9);
    expect(r.rejection).toMatchObject({ threshold: 5, unit: 'σ', reason: 'the live spread is 5.9 σ above its 24 h settled mean of 175.2 % APY (limit 5 σ)' });
  });

  it('4.9 σ passes', () => {
    // live 0.0007: z = 0.0005 / 1.02151e-4 = 4.8947
    const g = gate(run(netHistory(alternating), symbolView(-0.00035, 0.00035)).gates, 'spread-z');
    expect(g.passed).toBe(true);
    expect(g.observed).toBeCloseTo(0.0005 / std, 9);
  });

  it('only the last 24 settled hours count', () => {
    const older = [...flat(200, -0.001), ...alternating];
    expect(run(netHistory(older), symbolView(-0.0004, 0.0004)).spread.z).toBeCloseTo(0.0006 / std, 9);
  });

  it('a flat window divides by the 1e-5 /h floor, not by zero', () => {
    // 24 h at exactly 0.0002: std 0; live 0.00026 → z = 0.00006 / 1e-5 = 6; live 0.00024 → 4.
    const h = netHistory(flat(24, 0.0002));
    expect(run(h, symbolView(-0.00013, 0.00013)).spread.z).toBeCloseTo(6, 9);
    expect(run(h, symbolView(-0.00013, 0.00013)).rejection?.gate).toBe('spread-z');
    expect(gate(run(h, symbolView(-0.00012, 0.00012)).gates, 'spread-z').passed).toBe(true);
  });

  it('one-sided: a live spread far below its mean is no spike', () => {
    const h = netHistory([...flat(20, 0.003), OPEN, OPEN, OPEN, OPEN]);
    const g = gate(run(h).gates, 'spread-z');
    expect(g.observed as number).toBeLessThan(-1);
    expect(g.passed).toBe(true);
  });

  it('fewer than 2 settled hours in the window is refused; null turns the gate off', () => {
    const r = run(netHistory([OPEN]), LIVE, settings({ ...on, minSpreadOpenHours: 0 }));
    expect(r.rejection).toMatchObject({ gate: 'spread-z', observed: null, threshold: 5, reason: 'fewer than 2 settled hours in the last 24 h to judge the spread against' });
    expect(gate(run(netHistory([OPEN]), LIVE, settings({ ...on, minSpreadOpenHours: 0, maxSpreadZSigma: null })).gates, 'spread-z')).toMatchObject({ passed: true, threshold: null });
  });

  it('a step that persists: after k settled hours of it the window z is about √((24 − k) / k)', () => {
    // Baseline 0 with a 0.0003 step for the last k hours: z = (1 − k/24) / √(k(24 − k) / (24 · 23))
    for (const k of [1, 2, 3, 6]) {
      const z = run(netHistory([...flat(24 - k), ...flat(k, OPEN)])).spread.z!;
      expect(z).toBeCloseTo((1 - k / 24) / Math.sqrt((k * (24 - k)) / (24 * 23)), 9);
    }
    // So the 5 σ limit lets a persistent step through after one settled hour (z 4.90), and the
    // open-hours gate is the one that holds it to three.
    expect(run(netHistory([...flat(23), OPEN])).spread.z!).toBeLessThan(5);
  });
});

describe('the settled summary is memoised per stored series', () => {
  it('a new series (the store hands one out after a write) and a new threshold are read afresh', () => {
    let current = netHistory([...flat(40), OPEN, OPEN]);
    const h = { netHourly: (s: string, v: 'lighter' | 'extended') => current.netHourly(s, v), venueHourly: (s: string, v: 'lighter' | 'extended') => current.venueHourly(s, v) };
    expect(run(h).spread.openHours).toBe(2);
    expect(run(h).spread.openHours).toBe(2);
    current = netHistory([...flat(40), OPEN, OPEN, OPEN]);
    expect(run(h).spread.openHours).toBe(3);
    // Same arrays, a min APY above the spread (0.0003 /h = 262.8 % APY): nothing is open any more.
    expect(run(h, LIVE, settings({ ...on, minApy: 3 })).spread.openHours).toBe(0);
    expect(run(h, symbolView(-0.002, 0.002), settings({ ...on, minApy: 3 })).spread.openHours).toBe(0);
    expect(run(h).spread.openHours).toBe(3);
  });
});
