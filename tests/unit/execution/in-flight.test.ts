// The in-flight policy driven by an injected clock: the decisions at each moment of an order's
// life, with NautilusTrader's defaults (2 s / 5 s / 5) unless a test says otherwise.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IN_FLIGHT,
  InFlightConfigError,
  checkInFlightConfig,
  decideInFlight,
  type InFlightCheck,
  type InFlightInput,
} from '../../../src-core/execution/in-flight';

const T0 = 1_760_000_000_000;

/** A clocked scenario: queries answer with `answer(t)` whenever the policy says 'query'. */
function drive(answer: (atMs: number) => InFlightCheck['kind'], base: Omit<InFlightInput, 'checks' | 'nowMs'>, stepMs = 100, maxMs = 120_000) {
  const checks: InFlightCheck[] = [];
  for (let now = base.sinceMs; now <= base.sinceMs + maxMs; now += stepMs) {
    const d = decideInFlight({ ...base, checks, nowMs: now });
    if (d.kind === 'lost' || d.kind === 'stuck') return { decision: d, checks, atMs: now };
    if (d.kind === 'query') {
      const kind = answer(now);
      checks.push(kind === 'failed' ? { kind, atMs: now, error: 'timeout' } : { kind, atMs: now });
    }
  }
  return { decision: null, checks, atMs: null };
}

describe('in-flight policy', () => {
  it('uses NautilusTrader defaults', () => {
    expect(DEFAULT_IN_FLIGHT).toEqual({ checkIntervalMs: 2_000, thresholdMs: 5_000, maxRetries: 5 });
  });

  it('waits for the threshold before the first query, then queries', () => {
    const base = { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0, checks: [] };
    expect(decideInFlight({ ...base, nowMs: T0 })).toEqual({ kind: 'wait', untilMs: T0 + 5_000 });
    expect(decideInFlight({ ...base, nowMs: T0 + 4_999 })).toEqual({ kind: 'wait', untilMs: T0 + 5_000 });
    expect(decideInFlight({ ...base, nowMs: T0 + 5_000 })).toEqual({ kind: 'query' });
  });

  it('spaces queries by the interval', () => {
    const checks: InFlightCheck[] = [{ kind: 'not-found', atMs: T0 + 5_000 }];
    const base = { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0, checks };
    expect(decideInFlight({ ...base, nowMs: T0 + 6_999 })).toEqual({ kind: 'wait', untilMs: T0 + 7_000 });
    expect(decideInFlight({ ...base, nowMs: T0 + 7_000 })).toEqual({ kind: 'query' });
  });

  it('is lost after 5 not-found answers past the threshold (5 s + 4 × 2 s)', () => {
    const r = drive(() => 'not-found', { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0 });
    expect(r.decision).toEqual({ kind: 'lost', notFoundChecks: 5 });
    expect(r.checks.map((c) => c.atMs - T0)).toEqual([5_000, 7_000, 9_000, 11_000, 13_000]);
  });

  it('not-found inside the grace window is "still in flight" and never counts', () => {
    // Grace 20 s from the ack at T0+1 s: answers before T0+21 s say nothing.
    const base = { sinceMs: T0, ackAtMs: T0 + 1_000, notFoundGraceMs: 20_000 };
    const early = decideInFlight({ ...base, checks: [{ kind: 'not-found', atMs: T0 + 5_000 }], nowMs: T0 + 6_000 });
    expect(early).toEqual({ kind: 'in-flight', untilMs: T0 + 7_000 });
    const r = drive(() => 'not-found', base);
    expect(r.decision).toEqual({ kind: 'lost', notFoundChecks: 5 });
    const counted = r.checks.filter((c) => c.atMs >= T0 + 21_000);
    expect(counted).toHaveLength(5);
    expect(r.checks.length).toBeGreaterThan(5);
  });

  it('B15: a failed query never counts as not-found: failures alone never make an order lost', () => {
    const r = drive(() => 'failed', { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0 }, 500, 600_000);
    expect(r.decision).toBeNull();
    expect(r.checks.length).toBeGreaterThan(100);
    // Mixed: failures between not-founds only delay the verdict.
    let n = 0;
    const mixed = drive(() => (n++ % 2 === 0 ? 'failed' : 'not-found'), { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0 });
    expect(mixed.decision).toEqual({ kind: 'lost', notFoundChecks: 5 });
    expect(mixed.checks.filter((c) => c.kind === 'failed')).toHaveLength(5);
  });

  it('an order found but still in flight (a cancel not applied) becomes stuck, not lost', () => {
    const r = drive(() => 'found', { sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0 });
    expect(r.decision).toEqual({ kind: 'stuck', foundChecks: 5 });
  });

  it('accepts checks in any order and uses the latest for spacing', () => {
    const checks: InFlightCheck[] = [
      { kind: 'not-found', atMs: T0 + 9_000 },
      { kind: 'not-found', atMs: T0 + 5_000 },
    ];
    expect(decideInFlight({ sinceMs: T0, ackAtMs: null, notFoundGraceMs: 0, checks, nowMs: T0 + 10_000 })).toEqual({ kind: 'wait', untilMs: T0 + 11_000 });
  });

  it('refuses a bad configuration with a typed error', () => {
    for (const bad of [{ ...DEFAULT_IN_FLIGHT, maxRetries: 0 }, { ...DEFAULT_IN_FLIGHT, checkIntervalMs: 1.5 }, { ...DEFAULT_IN_FLIGHT, thresholdMs: -1 }]) {
      expect(() => checkInFlightConfig(bad)).toThrow(InFlightConfigError);
    }
    expect(checkInFlightConfig(DEFAULT_IN_FLIGHT)).toBe(DEFAULT_IN_FLIGHT);
  });
});
