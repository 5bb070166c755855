// The ATR trailing stop, computed by hand. The spread is in units u = 2^-16 per hour (≈ 0.0000153/h,
// 13.4 % APY), so every sum, the Wilder update with period 4 (÷ 4) and the multiple 2 are exact in
// binary and the expected values are compared exactly.
import { describe, expect, it } from 'vitest';
import { atrStop } from '../../../../src-core/strategy/exits/atr-stop';
import { evaluateExits } from '../../../../src-core/strategy/exits/index';
import { HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import { HOUR0_MS, rates, series, settings, snapshot } from './fixtures';

const u = 2 ** -16;
// Hour:         t0  t1  t2  t3  t4  t5  t6  t7  t8
const X = [8, 10, 9, 11, 10, 12, 11, 7, 6].map((v) => v * u);

// Hand computation, period n = 4, multiple k = 2, entry before t0 (every hour is the pair's):
//   true ranges |x_t − x_{t−1}|:  t1 2, t2 1, t3 2, t4 1, t5 2, t6 1, t7 4, t8 1
//   ATR seeded at t4 with the mean of the first 4 TRs: (2 + 1 + 2 + 1) / 4 = 1.5
//   Wilder ATR_t = (3·ATR_{t−1} + TR_t) / 4:
//     t5 (4.5 + 2) / 4 = 1.625      t6 (4.875 + 1) / 4 = 1.46875
//     t7 (4.40625 + 4) / 4 = 2.1015625      t8 (6.3046875 + 1) / 4 = 1.826171875
//   high-water mark: 8, 10, 10, 11, 11, 12, 12, 12, 12
//   stop = HWM − 2·ATR:  t4 11 − 3 = 8;  t5 12 − 3.25 = 8.75;  t6 12 − 2.9375 = 9.0625;
//                        t7 12 − 4.203125 = 7.796875;  t8 12 − 3.65234375 = 8.34765625
//   breach: x_t below the stop after t−1:  t5 12 vs 8 no;  t6 11 vs 8.75 no;  t7 7 vs 9.0625 YES.
//   The exit hour is t7 (the drop to 7 itself widens the ATR to 2.10: the stop is the one before).
const FIRST_MS = HOUR0_MS - 8 * HOUR_MS;
const hour = (t: number) => FIRST_MS + t * HOUR_MS;
const P = { periodHours: 4, multiple: 2 };

describe('atrStop by hand', () => {
  it('the ATR, high-water mark, stop and breach hour of the worked series', () => {
    const s = atrStop(series(X), FIRST_MS - 1, P);
    expect(s.atrHourlyRate).toBe(1.826171875 * u);
    expect(s.highWaterHourlyRate).toBe(12 * u);
    expect(s.stopHourlyRate).toBe(8.34765625 * u);
    expect(s.firstBreachHourMs).toBe(hour(7));
  });

  it('hour by hour, the stop is exactly the hand value', () => {
    const stops = [null, null, null, null, 8, 8.75, 9.0625, 7.796875, 8.34765625];
    const atrs = [null, null, null, null, 1.5, 1.625, 1.46875, 2.1015625, 1.826171875];
    for (let t = 0; t < X.length; t++) {
      const s = atrStop(series(X.slice(0, t + 1), hour(t)), FIRST_MS - 1, P);
      expect(s.stopHourlyRate, `t${t}`).toBe(stops[t] === null ? null : stops[t]! * u);
      expect(s.atrHourlyRate, `t${t}`).toBe(atrs[t] === null ? null : atrs[t]! * u);
      expect(s.firstBreachHourMs, `t${t}`).toBe(t >= 7 ? hour(7) : null);
    }
  });

  it('the exit hour through the engine: fed one settlement at a time, the stop fires at t7 and not before', () => {
    // At hour t the analytics are those of the settlements up to t−1 and the spread now is x_t.
    // Funding received $3.00 arms the stop (atrMinActivationUsd 3). Nothing else fires: the carry
    // (≥ 7u = 0.000107/h) projects ≥ $0.45 over 12 h against $0.28, and the minimum hold has passed.
    const e = settings({ atrPeriodHours: 4, atrMultiple: 2 });
    const fired: number[] = [];
    for (let t = 5; t < X.length; t++) {
      const snap = snapshot({ netSeries: X.slice(0, t), seriesLastHourMs: hour(t - 1), nowMs: hour(t) + 60_000, entryTimeMs: FIRST_MS - 60 * HOUR_MS, fundingUsd: '3.00', rates: rates(X[t]!) }, e);
      const ev = evaluateExits(snap, e);
      const row = ev.rules.find((r) => r.rule === 'atr-trailing-stop')!;
      if (row.fired) fired.push(t);
      if (t === 7) {
        expect(row).toEqual({ rule: 'atr-trailing-stop', effect: 'normal', fired: true, observed: 7 * u, threshold: 9.0625 * u, unit: 'hourlyRate', why: 'the spread fell below its trailing stop' });
        expect(ev.decision).toEqual({ urgency: 'normal', rule: 'atr-trailing-stop', why: 'the spread fell below its trailing stop' });
      }
    }
    // t8 (6u) is below t7's stop (7.796875u) too: once breached, the stop keeps saying so.
    expect(fired).toEqual([7, 8]);
  });

  it('a gap yields no true range: the ATR needs four consecutive-hour moves', () => {
    // Moves: t1 2, (t2 missing: no TR for t2 nor t3), t4 1, t5 2, t6 1 ⇒ 4 TRs only at t6.
    const xs = [8, 10, null, 11, 10, 12, 11].map((v) => (v === null ? null : v * u));
    expect(atrStop(series(xs.slice(0, 6)), 0, P).atrHourlyRate).toBeNull();
    const s = atrStop(series(xs), 0, P);
    // Seed (2 + 1 + 2 + 1) / 4 = 1.5: the 11 − 10 across the gap would have been a TR of 1 at t3.
    expect(s.atrHourlyRate).toBe(1.5 * u);
    expect(s.stopHourlyRate).toBe((12 - 3) * u);
  });

  it('the high-water mark counts only settlements after the entry; the ATR counts the whole history', () => {
    // Entry just after t5 (the peak of 12): the pair's best settled hour is t6's 11.
    const s = atrStop(series(X), hour(5), P);
    expect(s.highWaterHourlyRate).toBe(11 * u);
    expect(s.atrHourlyRate).toBe(1.826171875 * u);
    // After t6 the stop is 11 − 2·1.46875 = 8.0625; t7's 7 breaches it.
    expect(s.firstBreachHourMs).toBe(hour(7));
    expect(s.stopHourlyRate).toBe((11 - 3.65234375) * u);
    // An entry at t8's settlement time owns no settlement yet.
    const none = atrStop(series(X), hour(8), P);
    expect(none).toEqual({ atrHourlyRate: 1.826171875 * u, highWaterHourlyRate: null, stopHourlyRate: null, firstBreachHourMs: null });
  });

  it('a breach is judged only on the pair\'s own settlements', () => {
    // Falls well below the stop before the entry, then the pair's hours stay high.
    const xs = [10, 10, 10, 10, 10, 2, 10, 10].map((v) => v * u);
    expect(atrStop(series(xs), hour(8 - 2), P).firstBreachHourMs).toBeNull();
  });

  it('default period 14: a spread alternating ±a has ATR exactly 2a', () => {
    const a = 2 ** -17;
    const xs = Array.from({ length: 40 }, (_v, i) => (i % 2 === 0 ? 8 * u + a : 8 * u - a));
    const s = atrStop(series(xs), 0, { periodHours: 14, multiple: 2 });
    expect(s.atrHourlyRate).toBe(2 * a);
    expect(s.stopHourlyRate).toBe(8 * u + a - 4 * a);
    expect(s.firstBreachHourMs).toBeNull();
    // 14 TRs need 15 hours.
    expect(atrStop(series(xs.slice(0, 14)), 0, { periodHours: 14, multiple: 2 }).atrHourlyRate).toBeNull();
    expect(atrStop(series(xs.slice(0, 15)), 0, { periodHours: 14, multiple: 2 }).atrHourlyRate).toBe(2 * a);
  });
});

describe('atrStop edges', () => {
  it('a missing hour after the stop exists is no breach, and the stop waits for two present hours', () => {
    // Stop after t5 is 8.75u (above); t6 is missing; t7's 11 is above the stop.
    const xs = [8, 10, 9, 11, 10, 12, null, 11].map((v) => (v === null ? null : v * u));
    const s = atrStop(series(xs), 0, P);
    expect(s.firstBreachHourMs).toBeNull();
    expect(s.highWaterHourlyRate).toBe(12 * u);
  });

  it('no stop, no breach: a negative spread before the ATR exists', () => {
    const s = atrStop(series([-5 * u, -6 * u, null]), 0, P);
    expect(s).toEqual({ atrHourlyRate: null, highWaterHourlyRate: -5 * u, stopHourlyRate: null, firstBreachHourMs: null });
  });

  it('a settlement exactly at the stop does not breach it', () => {
    // Stop after t4 is exactly 8u; t5 settles at 8u.
    expect(atrStop(series([8, 10, 9, 11, 10, 8].map((v) => v * u)), 0, P).firstBreachHourMs).toBeNull();
    expect(atrStop(series([8, 10, 9, 11, 10, 7.9375].map((v) => v * u)), 0, P).firstBreachHourMs).toBe(HOUR0_MS);
  });
});
