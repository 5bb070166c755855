// What is computed once per settlement: slopes over clock hours, the lookback's mean and
// deviation, the flip trigger's state over the pair's own settlements.
import { describe, expect, it } from 'vitest';
import { analyseSpread, flipStep, MIN_DEVIATION_HOURLY_RATE, windowSlope } from '../../../../src-core/strategy/exits/spread-analytics';
import { EMPTY_SERIES, HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import { HOUR0_MS, hourly, series, settings } from './fixtures';

const u = 2 ** -16;

describe('windowSlope', () => {
  it('least squares over whole hours, by hand', () => {
    // y = 1…6 u: slope 1 u/h.
    expect(windowSlope([1, 2, 3, 4, 5, 6].map((v) => v * u), 5, 6)).toBe(u);
    // Only the last hour up by 6 u: Σ(x − 2.5)·y = 2.5·6 = 15 over Σ(x − 2.5)² = 17.5 ⇒ 6/7 u/h.
    expect(windowSlope([0, 0, 0, 0, 0, 6 * u], 5, 6)).toBeCloseTo((6 / 7) * u, 20);
    // The window ends where told: slots 1..3 of [0, 3, 2, 1, 9] fall by 1 u/h.
    expect(windowSlope([0, 3 * u, 2 * u, u, 9 * u], 3, 3)).toBe(-u);
    // A flat window has slope 0.
    expect(windowSlope([5 * u, 5 * u, 5 * u], 2, 3)).toBe(0);
  });

  it('null when an hour of the window is missing or the window runs off the series', () => {
    expect(windowSlope([1, 2, null, 4, 5, 6], 5, 6)).toBeNull();
    expect(windowSlope([1, 2, 3, 4, 5, 6], 5, 7)).toBeNull();
    expect(windowSlope([1, 2, 3, 4, 5, 6], 6, 6)).toBeNull();
    expect(windowSlope([1, 2, 3, 4, 5, 6], 0, 1)).toBeNull();
    // Two hours are the shortest window.
    expect(windowSlope([u, 3 * u], 1, 2)).toBe(2 * u);
  });
});

describe('flipStep (Schmitt trigger)', () => {
  const enter = -2;
  const release = 0;
  it.each([
    // was flipped, spread, now flipped
    [false, -3, true],
    [true, -3, true],
    [false, -2, false], // at the enter threshold: not below it
    [true, -2, true], // in the band: stays
    [true, -1, true],
    [false, -1, false],
    [true, 0, true], // at the release threshold: not above it
    [true, 0.5, false],
    [false, 0.5, false],
  ])('flipped %s, spread %s ⇒ %s', (was, x, now) => {
    expect(flipStep(was, x, enter, release)).toBe(now);
  });
});

describe('analyseSpread', () => {
  const e = settings();

  it('slopes of the last 6 hours and the 6 before, in APY per hour', () => {
    // Hours −11…−6 flat at 10u, −5…0 falling 1u per hour.
    const xs = [10, 10, 10, 10, 10, 10, 10, 9, 8, 7, 6, 5].map((v) => v * u);
    const a = analyseSpread(series(xs), 0, e);
    expect(a.slopeApyPerHour).toBe(-u * 8_760);
    expect(a.previousSlopeApyPerHour).toBe(0);
    expect(a.lastHourMs).toBe(HOUR0_MS);
    expect(a.latestNetHourlyRate).toBe(5 * u);
  });

  it('a missing hour blanks the window it falls in, not the other', () => {
    const xs = [10, 10, null, 10, 10, 10, 10, 9, 8, 7, 6, 5].map((v) => (v === null ? null : v * u));
    const a = analyseSpread(series(xs), 0, e);
    expect(a.slopeApyPerHour).toBe(-u * 8_760);
    expect(a.previousSlopeApyPerHour).toBeNull();
    const b = analyseSpread(series([...xs.slice(0, 11), null]), 0, e);
    expect(b.slopeApyPerHour).toBeNull();
    expect(b.latestNetHourlyRate).toBeNull();
  });

  it('the lookback is clock hours: the mean and population deviation of the present ones', () => {
    // Lookback 4 hours of [100, 2, null, 4, 6]u: the 100 is outside; 2, 4, 6 ⇒ mean 4, deviation √(8/3).
    const xs = [100, 2, null, 4, 6].map((v) => (v === null ? null : v * u));
    const a = analyseSpread(series(xs), 0, settings({ zScoreLookbackHours: 4 }));
    expect(a.zSampleCount).toBe(3);
    expect(a.zMeanHourlyRate).toBe(4 * u);
    expect(a.zStdHourlyRate).toBeCloseTo(Math.sqrt(8 / 3) * u, 20);
    // A lookback longer than the series takes all of it.
    const all = analyseSpread(series(xs), 0, settings({ zScoreLookbackHours: 100 }));
    expect(all.zSampleCount).toBe(4);
    expect(all.zMeanHourlyRate).toBe(28 * u);
  });

  it('an empty series knows nothing', () => {
    const a = analyseSpread(EMPTY_SERIES, 0, e);
    expect(a).toMatchObject({ lastHourMs: null, latestNetHourlyRate: null, slopeApyPerHour: null, previousSlopeApyPerHour: null, zSampleCount: 0, zMeanHourlyRate: null, zStdHourlyRate: null, flipped: false });
    expect(a.atr).toEqual({ atrHourlyRate: null, highWaterHourlyRate: null, stopHourlyRate: null, firstBreachHourMs: null });
    const gaps = analyseSpread(series([null, null]), 0, e);
    expect(gaps).toMatchObject({ zSampleCount: 0, zMeanHourlyRate: null, zStdHourlyRate: null });
  });

  it('the flip trigger runs over the pair\'s settlements only, with hysteresis', () => {
    const f = hourly(-0.06); // below the −5 % enter threshold
    const band = hourly(-0.03); // between −5 % and the 0 % release
    const up = hourly(0.1);
    const first = HOUR0_MS - 3 * HOUR_MS;
    // [f, band, band, band]: entered before the first hour ⇒ flipped at it and held through the band.
    expect(analyseSpread(series([f, band, band, band]), first - 1, e).flipped).toBe(true);
    // The same, entered at the first settlement: that flip was before the pair (settlement at the entry time is not its own).
    expect(analyseSpread(series([f, band, band, band]), first, e).flipped).toBe(false);
    // Flipped, then above the release: recovered, and the band after it does not re-flip.
    expect(analyseSpread(series([f, up, band, band]), first - 1, e).flipped).toBe(false);
    // A missing hour neither flips nor releases.
    expect(analyseSpread(series([f, null, band, null]), first - 1, e).flipped).toBe(true);
  });

  it('carries the ATR stop with the settings\' period and multiple', () => {
    const xs = [8, 10, 9, 11, 10, 12, 11, 7, 6].map((v) => v * u);
    const a = analyseSpread(series(xs), 0, settings({ atrPeriodHours: 4, atrMultiple: 2 }));
    expect(a.atr.stopHourlyRate).toBe(8.34765625 * u);
    const b = analyseSpread(series(xs), 0, settings({ atrPeriodHours: 4, atrMultiple: 1 }));
    expect(b.atr.stopHourlyRate).toBe((12 - 1.826171875) * u);
  });
});

describe('deviation floor', () => {
  it('a constant spread has deviation 0, not the ~1e-20 its inexact mean leaves', () => {
    const a = analyseSpread(series(Array.from({ length: 168 }, () => 0.0001)), 0, settings());
    expect(a.zStdHourlyRate).toBe(0);
    // One 1e-8 step in 168 hours is a real deviation (~7.7e-10) and is kept.
    const b = analyseSpread(series([...Array.from({ length: 167 }, () => 0.0001), 0.00010001]), 0, settings());
    expect(b.zStdHourlyRate).toBeCloseTo((1e-8 * Math.sqrt(167)) / 168, 15);
    expect(b.zStdHourlyRate).toBeGreaterThan(MIN_DEVIATION_HOURLY_RATE);
    // Exactly at the floor stays; just below is rounding.
    const c = analyseSpread(series([0, 2 * MIN_DEVIATION_HOURLY_RATE]), 0, settings({ zScoreLookbackHours: 2 }));
    expect(c.zStdHourlyRate).toBe(MIN_DEVIATION_HOURLY_RATE);
    const d = analyseSpread(series([0, 1.99 * MIN_DEVIATION_HOURLY_RATE]), 0, settings({ zScoreLookbackHours: 2 }));
    expect(d.zStdHourlyRate).toBe(0);
  });
});

describe('windowSlope of a flat window', () => {
  it('is exactly 0, also for a tiny level and an odd length (the textbook sum leaves rounding)', () => {
    const d = 3.871348004142773e-50;
    expect(windowSlope([d, d, d, d, d, d], 5, 6)).toBe(0);
    expect(windowSlope([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 6, 7)).toBe(0);
    // Odd length: the middle hour has no weight. [1, 5, 3] ⇒ (3 − 1)·1 / 2 = 1.
    expect(windowSlope([1, 5, 3], 2, 3)).toBe(1);
  });
});

describe('analyseSpread edges', () => {
  it('the newest settled hour counts for the flip trigger', () => {
    const first = HOUR0_MS - 2 * HOUR_MS;
    expect(analyseSpread(series([hourly(-0.03), hourly(-0.03), hourly(-0.06)]), first - 1, settings()).flipped).toBe(true);
  });

  it('a missing hour holds the trigger, even with a release below zero', () => {
    const e = settings({ flipEnterApy: -0.05, flipReleaseApy: -0.01 });
    expect(analyseSpread(series([hourly(-0.06), null]), 0, e).flipped).toBe(true);
  });

  it('a one-hour series has its newest hour', () => {
    expect(analyseSpread(series([0.00007]), 0, settings()).latestNetHourlyRate).toBe(0.00007);
  });
});
