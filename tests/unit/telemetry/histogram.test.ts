import { describe, expect, it } from 'vitest';
import { LatencyHistogram, LatencyRegistry } from '../../../src-core/telemetry/histogram';

describe('LatencyHistogram', () => {
  it('reports quantiles within a few percent of the exact values', () => {
    const h = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_v, i) => (i + 1) / 100); // 0.01 .. 100 ms
    for (const v of values) h.record(v);
    const s = h.snapshot();
    expect(s.count).toBe(10_000);
    expect(s.p50Ms).toBeGreaterThanOrEqual(50);
    expect(s.p50Ms).toBeLessThanOrEqual(50 * 1.04);
    expect(s.p99Ms).toBeGreaterThanOrEqual(99);
    expect(s.p99Ms).toBeLessThanOrEqual(100);
    expect(s.maxMs).toBe(100);
    expect(s.meanMs).toBeCloseTo(50.005, 3);
  });

  it('never understates a quantile', () => {
    const h = new LatencyHistogram();
    for (const v of [3.3, 3.3, 3.3, 7.7]) h.record(v);
    expect(h.quantile(0.5)).toBeGreaterThanOrEqual(3.3);
    expect(h.quantile(1)).toBe(7.7);
  });

  it('ignores invalid samples and is empty after reset', () => {
    const h = new LatencyHistogram();
    h.record(Number.NaN);
    h.record(-1);
    expect(h.snapshot().count).toBe(0);
    h.record(5);
    h.reset();
    expect(h.snapshot()).toMatchObject({ count: 0, p50Ms: 0, maxMs: 0 });
  });

  it('registry keeps one histogram per operation', async () => {
    const r = new LatencyRegistry();
    await r.get('lighter.rest.orderBooks').time(async () => undefined);
    r.get('extended.sign').record(1.5);
    expect(Object.keys(r.snapshot()).sort()).toEqual(['extended.sign', 'lighter.rest.orderBooks']);
    expect(r.snapshot()['extended.sign']!.count).toBe(1);
  });
});
