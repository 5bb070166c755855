// Funding flip (with hysteresis), net EV, yield vs cost, opportunity cost, with worked numbers.
// Base pair (fixtures.ts): $350 a leg, 100 h old, exit cost $0.20, closing now banks $1.20,
// spread now +0.0001/h = +87.6 % APY; entered earning.
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import { alternating, evaluate, hourly, NOW_MS, rates, row } from './fixtures';

const STALE_SERIES = { seriesLastHourMs: NOW_MS - 3 * HOUR_MS };
const UNKNOWN_NOW = { rates: { longHourlyRate: null, shortHourlyRate: null }, ...STALE_SERIES };

describe('funding-flip (enter below −5 % APY, release above 0 %, 8 h horizon)', () => {
  const base = { rule: 'funding-flip', effect: 'normal', threshold: -0.05, unit: 'apy' } as const;
  const losing = { pricePnlUsd: -2 }; // closing now: −2 + 2 − 0.1 − 0.2 = −$0.30

  it.each([
    ['+87.6 %: not flipped', {}, {}, false, 0.876, 'spread not flipped'],
    ['−6 % and closing banks $1.20', { rates: rates(hourly(-0.06)) }, {}, true, -0.06, 'spread flipped and closing now banks a profit'],
    // Loss 0.06/8760 × 350 × 8 = $0.019 < $0.20.
    ['−6 % at a loss: the flip costs less than the exit', { rates: rates(hourly(-0.06)), ...losing }, {}, false, -0.06, 'spread flipped, but its loss over the horizon is below the exit cost'],
    // Loss 0.7/8760 × 350 × 8 = $0.2237 > $0.20.
    ['−70 % at a loss: the flip costs more than the exit', { rates: rates(hourly(-0.7)), ...losing }, {}, true, -0.7, 'spread flipped and its loss over the horizon exceeds the exit cost'],
    // Upstream turned a 0 h threshold into 8 h (§13 B22): here 0 exits on the flip itself.
    ['B22: horizon 0 exits on the flip', { rates: rates(hourly(-0.06)), ...losing }, { flipHorizonHours: 0 }, true, -0.06, 'spread flipped (horizon 0: exit on the flip)'],
    // 0.06/8760 × 350 × 84 h = $0.2014 > $0.20.
    ['a long horizon makes a small flip worth the exit', { rates: rates(hourly(-0.06)), ...losing }, { flipHorizonHours: 84 }, true, -0.06, 'spread flipped and its loss over the horizon exceeds the exit cost'],
    ['exactly −5 % is not below the enter threshold', { rates: rates(hourly(-0.05)) }, {}, false, -0.05, 'spread not flipped'],
    ['a pair entered paying is not flipped by paying', { rates: rates(hourly(-0.06)), entryNetHourlyRate: -0.00001 }, {}, false, -0.06, 'pair was not entered earning: not a flip'],
    ['entered at exactly 0 is not "earning"', { rates: rates(hourly(-0.06)), entryNetHourlyRate: 0 }, {}, false, -0.06, 'pair was not entered earning: not a flip'],
    ['spread now unknown', UNKNOWN_NOW, {}, false, null, 'spread now unknown'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('funding-flip', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('hysteresis: −3 % is flipped only after a settled hour below −5 % and none above 0 % since', () => {
    const band = hourly(-0.03);
    const pairHours = (xs: number[]) => [...alternating(160), ...xs];
    // The pair's last 8 settled hours: one at −6 %, then the band.
    const held = row('funding-flip', { netSeries: pairHours([hourly(-0.06), band, band, band, band, band, band, band]), rates: rates(band) });
    expect(held).toEqual({ ...base, fired: true, observed: expect.closeTo(-0.03, 12), why: 'spread flipped and closing now banks a profit' });
    // Never below −5 %: the band alone does not flip.
    expect(row('funding-flip', { netSeries: pairHours([band, band, band, band, band, band, band, band]), rates: rates(band) }).why).toBe('spread not flipped');
    // Flipped, then +10 % for an hour (released), then the band: not flipped.
    expect(row('funding-flip', { netSeries: pairHours([hourly(-0.06), hourly(0.1), band, band, band, band, band, band]), rates: rates(band) }).fired).toBe(false);
    // The −6 % hour before the entry (100 h ago) is the market's history, not the pair's flip.
    const early = [...alternating(60), hourly(-0.06), ...Array.from({ length: 107 }, () => band)];
    expect(row('funding-flip', { netSeries: early, rates: rates(band) }).fired).toBe(false);
    // The spread now above 0 % releases a flip of the settled hours at once.
    expect(row('funding-flip', { netSeries: pairHours([hourly(-0.06), band, band, band, band, band, band, band]), rates: rates(hourly(0.01)) }).why).toBe('spread not flipped');
  });

  it('with no rates now, the newest settled hour is the spread now', () => {
    const r = row('funding-flip', { netSeries: [...alternating(167), hourly(-0.06)], rates: { longHourlyRate: 0.00001, shortHourlyRate: null } });
    expect(r).toEqual({ ...base, fired: true, observed: expect.closeTo(-0.06, 12), why: 'spread flipped and closing now banks a profit' });
  });
});

describe('net-ev (12 h of carry against 1.4 × the exit cost)', () => {
  const base = { rule: 'net-ev', effect: 'normal', unit: 'usd' } as const;

  it.each([
    // 0.0001 × 350 × 12 = $0.42 ≥ 0.20 × 1.4 = $0.28.
    ['+87.6 %: $0.42 ≥ $0.28', {}, {}, false, 0.42, 0.28, 'projected carry pays for holding'],
    // 0.5/8760 × 350 × 12 = $0.2397 < $0.28.
    ['+50 %: $0.24 < $0.28', { rates: rates(hourly(0.5)) }, {}, true, (0.5 / 8_760) * 350 * 12, 0.28, 'projected carry is below the exit-cost multiple'],
    // Upstream's worked example: $350, exit cost $0.22 ⇒ hold only above ~64 % (1.4 × 0.22 = $0.308).
    ['upstream example: 65 % holds ($0.3116)', { rates: rates(hourly(0.65)), exitCostUsd: 0.22 }, {}, false, (0.65 / 8_760) * 350 * 12, 0.308, 'projected carry pays for holding'],
    ['upstream example: 63 % exits ($0.3021)', { rates: rates(hourly(0.63)), exitCostUsd: 0.22 }, {}, true, (0.63 / 8_760) * 350 * 12, 0.308, 'projected carry is below the exit-cost multiple'],
    // Upstream held a small negative carry (loss $0.005 < $0.308) while closing a small positive one: not monotone.
    ['a small negative carry exits too (upstream held it)', { rates: rates(hourly(-0.01)) }, {}, true, (-0.01 / 8_760) * 350 * 12, 0.28, 'projected carry is below the exit-cost multiple'],
    ['spread now unknown', UNKNOWN_NOW, {}, false, null, 0.28, 'spread now unknown'],
    ['disabled', { rates: rates(hourly(0.5)) }, { netEvEnabled: false }, false, (0.5 / 8_760) * 350 * 12, 0.28, 'disabled'],
    ['a 24 h horizon', { rates: rates(hourly(0.5)) }, { netEvHorizonHours: 24 }, false, (0.5 / 8_760) * 350 * 24, 0.28, 'projected carry pays for holding'],
  ] as const)('%s', (_case, over, e, fired, observed, threshold, why) => {
    expect(row('net-ev', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), threshold: expect.closeTo(threshold, 12), why });
  });

  it('the legs\' mean notional is the carry\'s: 300 and 400 carry as 2 × 350', () => {
    const legs = { long: { venue: 'lighter', size: '0.1', notionalUsd: 300 }, short: { venue: 'extended', size: '0.1', notionalUsd: 400 } } as const;
    expect(row('net-ev', { legs }).observed).toBeCloseTo(0.42, 12);
  });
});

describe('yield-cost (enabled: the carry must earn the exit cost within 24 h)', () => {
  const on = { yieldCostEnabled: true };
  const base = { rule: 'yield-cost', effect: 'normal', threshold: 24, unit: 'hours' } as const;

  it.each([
    // 0.20 / (0.0001 × 350) = 5.71 h.
    ['+87.6 %: 5.7 h', {}, on, false, 0.2 / 0.035, 'the carry earns the exit cost soon enough'],
    // 0.20 / (0.00002 × 350) = 28.6 h.
    ['0.00002/h: 28.6 h', { rates: rates(0.00002) }, on, true, 0.2 / (0.00002 * 350), 'the carry needs too long to earn the exit cost'],
    ['zero carry never earns it', { rates: rates(0) }, on, true, null, 'carry is not positive: the exit cost is never earned'],
    ['negative carry never earns it', { rates: rates(-0.00001) }, on, true, null, 'carry is not positive: the exit cost is never earned'],
    ['spread now unknown', UNKNOWN_NOW, on, false, null, 'spread now unknown'],
    ['off by default (upstream: disabled)', { rates: rates(0.00002) }, {}, false, 0.2 / (0.00002 * 350), 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('yield-cost', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 9), why });
  });
});

describe('opportunity-cost (better by 80 % APY; with net EV on, the gain over 12 h pays 2 × 1.4 exit costs = $0.56)', () => {
  const base = { rule: 'opportunity-cost', effect: 'normal', threshold: 0.8, unit: 'apy' } as const;

  it.each([
    ['best 100 %: 12.4 % better', {}, {}, false, 0.124, 'no alternative better by the margin'],
    // Gain 1.124: 350 × 1.124 × 12 / 8760 = $0.539 < $0.56.
    ['best 200 %: better, but the switch does not pay', { bestAlternativeApy: 2 }, {}, false, 1.124, 'the better pair does not pay for the switch over the horizon'],
    // Gain 1.624: 350 × 1.624 × 12 / 8760 = $0.779 ≥ $0.56.
    ['best 250 %: worth the switch', { bestAlternativeApy: 2.5 }, {}, true, 1.624, 'a better pair is worth the switch'],
    ['net EV off: the margin alone decides', { bestAlternativeApy: 2 }, { netEvEnabled: false }, true, 1.124, 'a better pair is worth the switch'],
    ['kept while the carry is worth holding (skip flag)', { bestAlternativeApy: 2.5 }, { opportunityCostSkipWhenEdgeGood: true }, false, 1.624, 'a better pair exists, but this pair is kept while its carry is worth holding'],
    ['no alternative', { bestAlternativeApy: null }, {}, false, null, 'no alternative opportunity'],
    ['spread now unknown', { bestAlternativeApy: 2.5, ...UNKNOWN_NOW }, {}, false, null, 'spread now unknown'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('opportunity-cost', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('the skip flag only keeps a pair whose carry holds: at +50 % the switch goes ahead', () => {
    // Net EV: 0.5/8760 × 350 × 12 = $0.24 < $0.28 (does not hold). Gain 2.5 − 0.5 = 2.0.
    expect(row('opportunity-cost', { bestAlternativeApy: 2.5, rates: rates(hourly(0.5)) }, { opportunityCostSkipWhenEdgeGood: true }).fired).toBe(true);
  });

  it('the last rule: decides only when nothing before it fired', () => {
    expect(evaluate({ bestAlternativeApy: 2.5 }).decision).toEqual({ urgency: 'normal', rule: 'opportunity-cost', why: 'a better pair is worth the switch' });
  });
});

describe('carry rules at their exact boundaries (dyadic amounts: the sums are exact)', () => {
  // Spread q = 2^-14 per hour (≈ 53.5 % APY); one leg's hourly carry 350 · q = $0.0213623046875.
  const q = 2 ** -14;

  it('funding flip: closing now banks exactly $0 is not a profit', () => {
    // −1.5 + 2 − 0.25 − 0.25 = 0.
    expect(row('funding-flip', { rates: rates(hourly(-0.06)), pricePnlUsd: -1.5, feesPaidUsd: '0.25', exitCostUsd: 0.25 })).toMatchObject({ fired: false, why: 'spread flipped, but its loss over the horizon is below the exit cost' });
  });

  it('funding flip: a loss over 8 h exactly equal to the exit cost does not exit', () => {
    // 350 · q · 8 = $0.1708984375.
    const at = { rates: rates(-q), pricePnlUsd: -2, exitCostUsd: 0.1708984375 };
    expect(row('funding-flip', at).fired).toBe(false);
    expect(row('funding-flip', { ...at, exitCostUsd: 0.17 }).fired).toBe(true);
  });

  it('net EV: a projection exactly at the need holds', () => {
    // 350 · q · 12 = $0.25634765625 against 1 × $0.25634765625.
    expect(row('net-ev', { rates: rates(q), exitCostUsd: 0.25634765625 }, { netEvExitCostMultiple: 1 })).toMatchObject({ fired: false, observed: 0.25634765625, threshold: 0.25634765625 });
  });

  it('yield cost: exactly 24 h to earn the exit cost is soon enough', () => {
    // 24 · 350 · q = $0.5126953125.
    expect(row('yield-cost', { rates: rates(q), exitCostUsd: 0.5126953125 }, { yieldCostEnabled: true })).toMatchObject({ fired: false, observed: 24 });
    expect(row('yield-cost', { rates: rates(q), exitCostUsd: 0.52 }, { yieldCostEnabled: true }).fired).toBe(true);
  });

  it('opportunity cost: a gain exactly at the margin is not better; a switch paying exactly its cost pays', () => {
    const apyNow = q * 8_760; // 0.53466796875, exact
    expect(row('opportunity-cost', { rates: rates(q), bestAlternativeApy: apyNow + 0.5 }, { netEvEnabled: false, opportunityCostApy: 0.5 })).toMatchObject({ fired: false, observed: 0.5 });
    // Gain 1.5: the extra carry 350 · 1.5 · 12 / 8760 against 2 × 1 × the exit cost, set equal.
    const exitCostUsd = (350 * 1.5 * 12) / 8_760 / 2;
    const e = { netEvExitCostMultiple: 1 };
    expect(row('opportunity-cost', { rates: rates(q), bestAlternativeApy: apyNow + 1.5, exitCostUsd }, e)).toMatchObject({ fired: true, why: 'a better pair is worth the switch' });
    expect(row('opportunity-cost', { rates: rates(q), bestAlternativeApy: apyNow + 1.5, exitCostUsd: exitCostUsd * 1.0001 }, e).fired).toBe(false);
  });

  it('the release threshold is an APY: released above +1 % APY, not above 87.6 per hour', () => {
    const xs = [...alternating(167), hourly(-0.06)];
    expect(row('funding-flip', { netSeries: xs, rates: rates(hourly(0.02)) }, { flipReleaseApy: 0.01 }).why).toBe('spread not flipped');
    expect(row('funding-flip', { netSeries: xs, rates: rates(hourly(0.005)) }, { flipReleaseApy: 0.01 }).fired).toBe(true);
  });
});
