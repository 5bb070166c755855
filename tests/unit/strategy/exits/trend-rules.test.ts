// Velocity, acceleration, z-score and the ATR stop as rules, with worked numbers. Base series
// (fixtures.ts): 168 settled hours alternating 0.00011 / 0.00009, newest at the current hour.
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import { aged, alternating, evaluate, NOW_MS, HOUR0_MS, rates, row } from './fixtures';

const flat = (n: number, v = 0.0001) => Array.from({ length: n }, () => v);
/** 1e-5/h down over the last 6 hours: slope −0.00001/h = −8.76 % APY per hour. */
const FALL = [0.0001, 0.00009, 0.00008, 0.00007, 0.00006, 0.00005];
const STALE = { seriesLastHourMs: HOUR0_MS - 2 * HOUR_MS };

describe('funding-velocity (slope of the last 6 settled hours ≤ −5 % APY per hour)', () => {
  const base = { rule: 'funding-velocity', effect: 'normal', threshold: -0.05, unit: 'apy/hour' } as const;
  // Alternating ±1e-5: Σ(x − 2.5)·y over the window = −3e-5 ⇒ −3e-5 / 17.5 = −1.714e-6/h = −1.5 % APY/h.
  const ALT_SLOPE = (-3e-5 / 17.5) * 8_760;

  it.each([
    ['alternating: −1.5 %/h', {}, {}, false, ALT_SLOPE, 'the spread is not falling fast'],
    ['falling 1e-5/h: −8.76 %/h', { netSeries: [...flat(162), ...FALL] }, {}, true, -0.0876, 'the spread is falling fast'],
    // −1e-5/h × 8760 ≈ −0.0876 ≤ −0.08 still; at −0.09 it is not.
    ['a stricter threshold', { netSeries: [...flat(162), ...FALL] }, { velocityThresholdApyPerHour: -0.09 }, false, -0.0876, 'the spread is not falling fast'],
    ['an hour of the window missing', { netSeries: [...flat(162), 0.0001, 0.00009, null, 0.00007, 0.00006, 0.00005] }, {}, false, null, 'an hour of the window is missing'],
    ['history stopped 2 h ago', { netSeries: [...flat(162), ...FALL], ...STALE }, {}, false, -0.0876, 'settled history is not current'],
    ['disabled', { netSeries: [...flat(162), ...FALL] }, { velocityEnabled: false }, false, -0.0876, 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    const r = row('funding-velocity', over, e);
    expect(r).toEqual({ ...base, threshold: 'velocityThresholdApyPerHour' in e ? e.velocityThresholdApyPerHour : -0.05, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('the last hour boundary is current, the one before it is too, two back is not', () => {
    const falling = { netSeries: [...flat(162), ...FALL] };
    expect(row('funding-velocity', { ...falling, seriesLastHourMs: HOUR0_MS - HOUR_MS }).fired).toBe(true);
    expect(row('funding-velocity', { ...falling, seriesLastHourMs: HOUR0_MS - HOUR_MS - 1 }).fired).toBe(false);
  });

  it('decides with normal urgency after the minimum hold', () => {
    expect(evaluate({ netSeries: [...flat(162), ...FALL] }).decision).toEqual({ urgency: 'normal', rule: 'funding-velocity', why: 'the spread is falling fast' });
  });
});

describe('funding-acceleration (last slope − previous slope ≤ −3 % APY per hour, on a falling spread)', () => {
  const base = { rule: 'funding-acceleration', effect: 'normal', threshold: -0.03, unit: 'apy/hour' } as const;

  it.each([
    ['alternating: both windows alike', {}, {}, false, 0, 'the spread is not falling faster'],
    // Previous window flat (slope 0), last window −8.76 %/h.
    ['flat, then falling: −8.76 %/h', { netSeries: [...flat(162), ...FALL] }, {}, true, -0.0876, 'the fall of the spread is speeding up'],
    // Previous +8.76 %/h (rising), last flat: the slope dropped by 8.76 but the spread is not falling.
    ['rising, then flat: not falling', { netSeries: [...flat(150), 0.00005, 0.00006, 0.00007, 0.00008, 0.00009, 0.0001, ...flat(6)] }, {}, false, -0.0876, 'the spread is not falling faster'],
    ['an hour of the earlier window missing', { netSeries: [...flat(156), null, ...flat(5), ...FALL] }, {}, false, null, 'an hour of the two windows is missing'],
    ['history not current', { netSeries: [...flat(162), ...FALL], ...STALE }, {}, false, -0.0876, 'settled history is not current'],
    ['shares the velocity switch', { netSeries: [...flat(162), ...FALL] }, { velocityEnabled: false }, false, -0.0876, 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('funding-acceleration', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('a falling spread whose fall slows down is not accelerating', () => {
    // Previous window −17.5 %/h, last −8.76 %/h: the difference is +8.76.
    const xs = [...flat(150), 0.00022, 0.0002, 0.00018, 0.00016, 0.00014, 0.00012, ...FALL];
    expect(row('funding-acceleration', { netSeries: xs })).toMatchObject({ fired: false, observed: expect.closeTo(0.0876, 12) });
  });
});

describe('z-score (≤ −2 σ over 168 h, pair older than 168 h, ≥ 24 settled hours)', () => {
  const base = { rule: 'z-score', effect: 'normal', threshold: -2, unit: 'sigma' } as const;
  const old = aged(200);

  it.each([
    // Mean 0.0001, population deviation 0.00001 (the alternating series).
    ['100 h old', { rates: rates(0.00007) }, {}, false, -3, 'younger than the z-score age'],
    ['200 h old, now 0.00007: z = −3', { ...old, rates: rates(0.00007) }, {}, true, -3, 'the spread is far below its usual level'],
    ['200 h old, now 0.000075: z = −2.5', { ...old, rates: rates(0.000075) }, {}, true, -2.5, 'the spread is far below its usual level'],
    ['200 h old, now 0.000085: z = −1.5', { ...old, rates: rates(0.000085) }, {}, false, -1.5, 'the spread is within its usual range'],
    ['200 h old, now 0.00013: z = +3', { ...old, rates: rates(0.00013) }, {}, false, 3, 'the spread is within its usual range'],
    ['20 settled hours only', { ...old, rates: rates(0.00007), netSeries: alternating(20) }, {}, false, -3, 'too few settled hours in the lookback'],
    ['a flat history has no deviation', { ...old, rates: rates(0.00007), netSeries: flat(168) }, {}, false, null, 'the settled spread did not vary'],
    ['history not current', { ...old, rates: rates(0.00007), ...STALE }, {}, false, -3, 'settled history is not current'],
    ['disabled', { ...old, rates: rates(0.00007) }, { zScoreEnabled: false }, false, -3, 'disabled'],
    ['the minimum age boundary is inclusive', { ...aged(168), rates: rates(0.00007) }, {}, true, -3, 'the spread is far below its usual level'],
    ['the sample boundary is inclusive: 24 hours', { ...old, rates: rates(0.00007), netSeries: alternating(24) }, {}, true, -3, 'the spread is far below its usual level'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('z-score', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 9), why });
  });

  it('no rates now and no current history: no z', () => {
    expect(row('z-score', { ...old, rates: { longHourlyRate: null, shortHourlyRate: null }, ...STALE }).observed).toBeNull();
  });

  it('the sign is kept (§13 B20): a spread flipped to −0.0001 is −20 σ, not a gain', () => {
    expect(row('z-score', { ...old, rates: rates(-0.0001) })).toMatchObject({ fired: true, observed: expect.closeTo(-20, 9) });
  });
});

describe('atr-trailing-stop (2 × ATR(14) under the high-water mark, armed from $3 of funding)', () => {
  // Alternating ±1e-5: ATR 0.00002, high-water 0.00011 ⇒ stop 0.00007.
  const base = { rule: 'atr-trailing-stop', effect: 'normal', unit: 'hourlyRate' } as const;
  const armed = { fundingUsd: '3.00' };

  it.each([
    ['not armed at $2.00', { rates: rates(0.00006) }, {}, false, 0.00006, 0.00007, 'not armed: funding received below the activation amount'],
    ['armed, 0.0001 above the stop', armed, {}, false, 0.0001, 0.00007, 'the spread is above its trailing stop'],
    ['armed, 0.00006 below the stop', { ...armed, rates: rates(0.00006) }, {}, true, 0.00006, 0.00007, 'the spread fell below its trailing stop'],
    ['armed at $2.99? no', { fundingUsd: '2.99', rates: rates(0.00006) }, {}, false, 0.00006, 0.00007, 'not armed: funding received below the activation amount'],
    ['a wider multiple: stop 0.00011 − 3 × 0.00002 = 0.00005', { ...armed, rates: rates(0.00006) }, { atrMultiple: 3 }, false, 0.00006, 0.00005, 'the spread is above its trailing stop'],
    ['history not current', { ...armed, rates: rates(0.00006), ...STALE }, {}, false, 0.00006, 0.00007, 'settled history is not current'],
    ['disabled', { ...armed, rates: rates(0.00006) }, { atrTrailingEnabled: false }, false, 0.00006, 0.00007, 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, threshold, why) => {
    expect(row('atr-trailing-stop', over, e)).toEqual({ ...base, fired, observed: expect.closeTo(observed, 15), threshold: expect.closeTo(threshold, 15), why });
  });

  it('too short a history for the ATR', () => {
    expect(row('atr-trailing-stop', { ...armed, netSeries: alternating(14) })).toEqual({ ...base, fired: false, observed: expect.closeTo(0.0001, 15), threshold: null, why: 'too few settled hours for the stop' });
  });

  it('at the stop exactly is not below it', () => {
    // Stop = 0.00011 − 2 × 0.00002 computed the same way as the rule.
    const stop = row('atr-trailing-stop', armed).threshold!;
    expect(row('atr-trailing-stop', { ...armed, rates: rates(stop) }).fired).toBe(false);
    expect(row('atr-trailing-stop', { ...armed, rates: rates(stop - 1e-12) }).fired).toBe(true);
  });

  it('reads the spread now, not the settled hours', () => {
    // Settled history entirely at 0.00011/0.00009 but the prediction now at 0.00005.
    expect(evaluate({ ...armed, rates: rates(0.00005), nowMs: NOW_MS }).rules.find((r) => r.rule === 'atr-trailing-stop')!.fired).toBe(true);
  });
});

describe('trend rules at their exact boundaries (u = 2^-16: exact slopes and deviations)', () => {
  const u = 2 ** -16;
  const down = [6, 5, 4, 3, 2, 1].map((v) => v * u); // slope −u per hour exactly

  it('velocity: a slope exactly at the threshold fires', () => {
    expect(row('funding-velocity', { netSeries: [...flat(162, 6 * u), ...down] }, { velocityThresholdApyPerHour: -u * 8_760 })).toMatchObject({ fired: true, observed: -u * 8_760 });
  });

  it('acceleration: exactly at the threshold fires; a missing hour in the last window blanks it', () => {
    expect(row('funding-acceleration', { netSeries: [...flat(162, 6 * u), ...down] }, { accelerationThresholdApyPerHour: -u * 8_760 })).toMatchObject({ fired: true, observed: -u * 8_760 });
    expect(row('funding-acceleration', { netSeries: [...flat(162, 6 * u), 6 * u, 5 * u, null, 3 * u, 2 * u, u] })).toMatchObject({ fired: false, observed: null, why: 'an hour of the two windows is missing' });
  });

  it('z-score: exactly −2 σ fires', () => {
    // 168 h alternating 11u / 9u: mean 10u, deviation u; the spread now 8u ⇒ z = −2 exactly.
    expect(row('z-score', { ...aged(200), netSeries: alternating(168, 11 * u, 9 * u), rates: rates(8 * u) })).toMatchObject({ fired: true, observed: -2 });
  });

  it('ATR stop: without a stop, a negative spread now does not fire', () => {
    expect(row('atr-trailing-stop', { fundingUsd: '3.00', netSeries: alternating(10), rates: rates(-0.0001) })).toMatchObject({ fired: false, threshold: null, why: 'too few settled hours for the stop' });
  });
});
