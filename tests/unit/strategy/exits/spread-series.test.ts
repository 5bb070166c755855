// The signed hourly net spread in the pair's direction, gaps explicit (upstream B20 dropped the
// sign and counted samples as hours).
import { describe, expect, it } from 'vitest';
import { buildSpreadSeries, EMPTY_SERIES, HOUR_MS, lastHourMs } from '../../../../src-core/strategy/exits/spread-series';

const H = 498_000 * HOUR_MS;
const at = (hour: number, hourlyRate: number, offsetMs = 0) => ({ timeMs: H + hour * HOUR_MS + offsetMs, hourlyRate });

describe('buildSpreadSeries', () => {
  it('is the short venue rate minus the long venue rate: a flipped spread is negative', () => {
    // Long Lighter pays 0.0001/h, short Extended receives 0.00003/h: we pay 0.00007/h net.
    const lighter = [at(0, 0.0001), at(1, 0.00002)];
    const extended = [at(0, 0.00003), at(1, 0.00012)];
    const longLighter = buildSpreadSeries(lighter, extended).series;
    expect(longLighter.firstHourMs).toBe(H);
    expect(longLighter.netHourlyRates).toEqual([0.00003 - 0.0001, 0.00012 - 0.00002]);
    expect(longLighter.netHourlyRates[0]).toBeLessThan(0);
    // The other direction of the same market is the negative.
    expect(buildSpreadSeries(extended, lighter).series.netHourlyRates).toEqual([0.0001 - 0.00003, 0.00002 - 0.00012]);
  });

  it('one slot per clock hour: a missing hour is null, never 0 and never skipped', () => {
    const long = [at(0, 0), at(1, 0), at(2, 0), at(3, 0)];
    const short = [at(0, 0.0001), at(1, 0.0002), at(3, 0.0004)];
    const b = buildSpreadSeries(long, short);
    expect(b.series.netHourlyRates).toEqual([0.0001, 0.0002, null, 0.0004]);
    expect(lastHourMs(b.series)).toBe(H + 3 * HOUR_MS);
  });

  it('aligns settlement times to their hour within a minute, either side, and drops the rest', () => {
    const long = [at(0, 0, 350), at(1, 0, -400), at(2, 0, 60_000), at(3, 0, 60_001), at(4, 0, -60_001), at(5, 0)];
    const short = [at(0, 0.0001), at(1, 0.0002), at(2, 0.0003), at(3, 0.0004), at(4, 0.0005), at(5, 0.0006, 90_000)];
    const b = buildSpreadSeries(long, short);
    expect(b.series.netHourlyRates).toEqual([0.0001, 0.0002, 0.0003, null, null, null]);
    expect(b.misalignedCount).toBe(3);
    // A wider tolerance keeps them.
    expect(buildSpreadSeries(long, short, { maxOffsetMs: 120_000 }).series.netHourlyRates).toEqual([0.0001, 0.0002, 0.0003, 0.0004, 0.0005, 0.0006]);
    expect(buildSpreadSeries(long, short, { maxOffsetMs: 120_000 }).misalignedCount).toBe(0);
  });

  it('accepts points in any order', () => {
    const b = buildSpreadSeries([at(2, 0), at(0, 0), at(1, 0)], [at(1, 0.0002), at(2, 0.0003), at(0, 0.0001)]);
    expect(b.series.netHourlyRates).toEqual([0.0001, 0.0002, 0.0003]);
  });

  it('starts at the first hour both venues reported and ends at the last either did', () => {
    // Lighter's history goes back further; Extended has published the newest hour, Lighter not yet.
    const b = buildSpreadSeries([at(0, 0), at(1, 0), at(2, 0), at(3, 0)], [at(2, 0.0001), at(3, 0.0002), at(4, 0.0003)]);
    expect(b.series.firstHourMs).toBe(H + 2 * HOUR_MS);
    expect(b.series.netHourlyRates).toEqual([0.0001, 0.0002, null]);
    // The same from the other side.
    const c = buildSpreadSeries([at(2, 0), at(3, 0), at(4, 0)], [at(0, 0.1), at(1, 0.1), at(2, 0.0001), at(3, 0.0002)]);
    expect(c.series.firstHourMs).toBe(H + 2 * HOUR_MS);
    expect(c.series.netHourlyRates).toEqual([0.0001, 0.0002, null]);
  });

  it('a leading hour unknown on either venue is trimmed, an inner one stays a gap', () => {
    const b = buildSpreadSeries([at(0, 0), at(1, 0), at(2, 0), at(3, 0)], [at(0, 0.0001), at(0, 0.0009), at(1, 0.0002), at(3, 0.0004)]);
    // Hour 0 conflicts on the short venue: unknown, so the series starts at hour 1.
    expect(b.series.firstHourMs).toBe(H + HOUR_MS);
    expect(b.series.netHourlyRates).toEqual([0.0002, null, 0.0004]);
    const c = buildSpreadSeries([at(0, Number.NaN), at(1, 0), at(2, 0)], [at(0, 0.0001), at(1, 0.0002), at(2, 0.0003)]);
    expect(c.series.netHourlyRates).toEqual([0.0002, 0.0003]);
  });

  it('two different rates for one hour make it unknown; the same rate twice is one settlement', () => {
    const b = buildSpreadSeries([at(0, 0), at(1, 0), at(2, 0), at(2, 0)], [at(0, 0.0001), at(1, 0.0002), at(1, 0.0003), at(1, 0.0004), at(2, 0.0003)]);
    expect(b.series.netHourlyRates).toEqual([0.0001, null, 0.0003]);
    expect(b.conflictCount).toBe(1);
  });

  it('counts and drops rates and times that are not finite numbers', () => {
    const b = buildSpreadSeries([at(0, 0), at(1, Number.NaN), at(2, Number.POSITIVE_INFINITY), { timeMs: Number.NaN, hourlyRate: 0 }, at(3, 0), at(4, 0)], [at(0, 0.0001), at(1, 0.0002), at(2, 0.0003), at(3, 0.0004), at(4, Number.NaN)]);
    expect(b.series.netHourlyRates).toEqual([0.0001, null, null, 0.0004, null]);
    expect(b.invalidCount).toBe(4);
    expect(b.misalignedCount).toBe(0);
    expect(b.conflictCount).toBe(0);
  });

  it('is empty without an hour both venues reported', () => {
    expect(buildSpreadSeries([], [at(0, 0.1)]).series).toBe(EMPTY_SERIES);
    expect(buildSpreadSeries([at(0, 0.1)], []).series).toBe(EMPTY_SERIES);
    expect(buildSpreadSeries([at(0, 0)], [at(1, 0.1)]).series).toBe(EMPTY_SERIES);
    expect(lastHourMs(EMPTY_SERIES)).toBeNull();
  });

  it('one point each: a one-slot series', () => {
    const b = buildSpreadSeries([at(5, 0.00001)], [at(5, 0.00004)]);
    expect(b.series).toEqual({ firstHourMs: H + 5 * HOUR_MS, netHourlyRates: [0.00004 - 0.00001] });
    expect(lastHourMs(b.series)).toBe(H + 5 * HOUR_MS);
  });
});
