// The evaluation as the UI and the close path see it: every rule's row in priority order, the
// first fired row decides, with its urgency.
import { describe, expect, it } from 'vitest';
import { EXIT_RULES } from '../../../../src-core/strategy/exits/index';
import { HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import { aged, alternating, evaluate, hourly, HOUR0_MS, NOW_MS, rates } from './fixtures';

describe('evaluateExits', () => {
  it('the healthy base pair: every rule shown in priority order, none fired', () => {
    const ev = evaluate();
    expect(ev.rules.map((r) => r.rule)).toEqual([...EXIT_RULES]);
    expect(ev.rules.filter((r) => r.fired)).toEqual([]);
    expect(ev.decision).toEqual({ urgency: 'none', rule: null, why: 'no rule fired' });
    expect(ev).toMatchObject({ rebalanceAdvised: false, ageHours: 100, currentNetHourlyRate: 0.0001 });
    expect(ev.netPnlUsd).toBeCloseTo(1.2, 12);
    // Every row carries a number or says why not, and a unit for its number.
    for (const r of ev.rules) expect(r.why).not.toBe('');
  });

  it('the priority order is upstream\'s (§3.3), the broken hedge first, the trend rules before the profit target', () => {
    expect(EXIT_RULES).toEqual([
      'broken-hedge', 'liquidation-distance', 'delta-bound', 'catastrophic-flip', 'early-take-profit', 'early-edge', 'min-hold', 'max-hold',
      'funding-flip', 'net-ev', 'yield-cost', 'basis-convergence', 'funding-velocity', 'funding-acceleration', 'z-score', 'atr-trailing-stop',
      'profit-target', 'opportunity-cost',
    ]);
    const effects = Object.fromEntries(evaluate().rules.map((r) => [r.rule, r.effect]));
    expect(effects).toEqual({
      'broken-hedge': 'emergency', 'liquidation-distance': 'emergency', 'delta-bound': 'emergency', 'catastrophic-flip': 'emergency',
      'early-take-profit': 'normal', 'early-edge': 'normal', 'min-hold': 'hold', 'max-hold': 'normal', 'funding-flip': 'normal', 'net-ev': 'normal',
      'yield-cost': 'normal', 'basis-convergence': 'normal', 'funding-velocity': 'normal', 'funding-acceleration': 'normal', 'z-score': 'normal',
      'atr-trailing-stop': 'normal', 'profit-target': 'normal', 'opportunity-cost': 'normal',
    });
  });

  it('the first fired row wins; the rows after it are still evaluated', () => {
    // Max hold reached, carry weak (30 % APY = 0.0000342/h: net EV fires, and it is −6.6 σ below
    // the history's 0.0001 ± 0.00001), better pair elsewhere: max-hold decides.
    const ev = evaluate({ ...aged(300), rates: rates(hourly(0.3)), bestAlternativeApy: 3 });
    expect(ev.rules.filter((r) => r.fired).map((r) => r.rule)).toEqual(['max-hold', 'net-ev', 'z-score', 'opportunity-cost']);
    expect(ev.decision).toEqual({ urgency: 'normal', rule: 'max-hold', why: 'maximum hold reached' });
  });

  it('emergencies come first in the order, so they beat any normal exit', () => {
    const ev = evaluate({ ...aged(300), positions: { long: { size: '0.1', markPrice: 3_500, liquidationPrice: 3_300 }, short: { size: '-0.1', markPrice: 3_500, liquidationPrice: 4_500 } } });
    expect(ev.decision).toEqual({ urgency: 'emergency', rule: 'liquidation-distance', why: 'a leg is closer to its venue liquidation price than the minimum distance' });
  });

  it('inside the minimum hold, min-hold decides "none" over later rules, but not over earlier ones', () => {
    const held = evaluate({ ...aged(5), rates: rates(hourly(0.3)) });
    expect(held.decision).toEqual({ urgency: 'none', rule: 'min-hold', why: 'within the minimum hold: economic exits wait' });
    const delta = evaluate({ ...aged(5), positions: { long: { size: '0.1', markPrice: 3_500, liquidationPrice: 2_500 }, short: { size: '-0.05', markPrice: 3_500, liquidationPrice: 4_500 } } });
    expect(delta.decision).toEqual({ urgency: 'emergency', rule: 'delta-bound', why: "the legs' net quantity exceeds the delta bound" });
  });

  it('the spread now: predicted when both rates are known, else the newest settled hour while current', () => {
    expect(evaluate({ rates: { longHourlyRate: 0.00002, shortHourlyRate: 0.00005 } }).currentNetHourlyRate).toBeCloseTo(0.00003, 15);
    // The newest settled hour of the alternating series is 0.00009.
    expect(evaluate({ rates: { longHourlyRate: null, shortHourlyRate: 0.00005 } }).currentNetHourlyRate).toBe(0.00009);
    expect(evaluate({ rates: { longHourlyRate: 0.00002, shortHourlyRate: null } }).currentNetHourlyRate).toBe(0.00009);
    // Settled up to the previous boundary is still current; two boundaries back is not.
    expect(evaluate({ rates: { longHourlyRate: null, shortHourlyRate: null }, seriesLastHourMs: HOUR0_MS - HOUR_MS }).currentNetHourlyRate).toBe(0.00009);
    expect(evaluate({ rates: { longHourlyRate: null, shortHourlyRate: null }, seriesLastHourMs: HOUR0_MS - 2 * HOUR_MS }).currentNetHourlyRate).toBeNull();
    // A missing newest hour is unknown, not 0.
    expect(evaluate({ rates: { longHourlyRate: null, shortHourlyRate: null }, netSeries: [...alternating(167), null] }).currentNetHourlyRate).toBeNull();
    // An empty history is not current.
    expect(evaluate({ rates: { longHourlyRate: null, shortHourlyRate: null }, netSeries: [] }).currentNetHourlyRate).toBeNull();
  });

  it('money: price PnL + funding − fees − exit cost, from the exact ledger strings', () => {
    expect(evaluate({ pricePnlUsd: 1.5, fundingUsd: '2.125', feesPaidUsd: '0.375', exitCostUsd: 0.25 }).netPnlUsd).toBe(3);
    expect(evaluate({ pricePnlUsd: null }).netPnlUsd).toBeNull();
    expect(evaluate({ nowMs: NOW_MS + 90 * 60_000 }).ageHours).toBe(101.5);
  });

  it('is pure: the same snapshot gives the same evaluation and is not modified', () => {
    const a = evaluate({ ...aged(300) });
    const b = evaluate({ ...aged(300) });
    expect(a).toEqual(b);
  });
});
