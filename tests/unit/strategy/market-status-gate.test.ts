// The market-status gate: new entries only when both venues list the market as 'active'; the
// rejection names the gate, the status it saw and the status it needs. And a funding value
// refused as implausible counts as missing (the view's rate is only the last good one).
import { describe, expect, it } from 'vitest';
import { evaluateDirection } from '../../../src-core/strategy/evaluate';
import type { MarketStatus } from '../../../src-core/venues/port';
import { account, meta, noHistory, NOW, settings, symbolView } from './fixtures';

const rich = (lighter: MarketStatus, extended: MarketStatus) =>
  symbolView(-0.0001, 0.0002, { lighter: { meta: meta('lighter', { status: lighter }) }, extended: { meta: meta('extended', { status: extended }) } });

describe('market-status gate', () => {
  it('passes when both venues are active, with observed and threshold "active"', () => {
    const r = evaluateDirection(rich('active', 'active'), 'lighter', settings(), account, noHistory, NOW);
    expect(r.passed).toBe(true);
    expect(r.gates.find((g) => g.gate === 'market-status')).toMatchObject({ passed: true, observed: 'active', threshold: 'active', unit: 'status' });
  });

  it.each([
    ['reduce-only', 'active', 'lighter market is reduce-only', 'lighter: reduce-only'],
    ['active', 'delisted', 'extended market is delisted', 'extended: delisted'],
    ['prelisted', 'active', 'lighter market is prelisted', 'lighter: prelisted'],
    ['reduce-only', 'reduce-only', 'lighter market is reduce-only; extended market is reduce-only', 'lighter: reduce-only, extended: reduce-only'],
  ] as const)('lighter %s / extended %s is refused with the gate named', (l, e, reason, observed) => {
    // Both directions: the gate does not depend on which venue is long.
    for (const longVenue of ['lighter', 'extended'] as const) {
      const r = evaluateDirection(rich(l, e), longVenue, settings(), account, noHistory, NOW);
      const g = r.gates.find((x) => x.gate === 'market-status')!;
      expect(g.passed).toBe(false);
      expect(g.reason).toContain(reason.split('; ')[0]);
      expect(g.threshold).toBe('active');
    }
    const r = evaluateDirection(rich(l, e), 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('market-status');
    expect(r.rejection?.reason).toBe(reason);
    expect(r.rejection?.observed).toBe(observed);
    expect(r.passed).toBe(false);
  });
});

describe('refused funding', () => {
  it('a venue whose funding is refused as implausible is missing funding, with the reason', () => {
    const v = symbolView(-0.0001, 0.0002, { extended: { fundingRejectedSinceMs: NOW - 60_000, fundingRejectedReason: 'beyond the ±3 %/h cap' } });
    const r = evaluateDirection(v, 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('market-data');
    expect(r.rejection?.reason).toContain('extended funding (refused as implausible: beyond the ±3 %/h cap)');
  });
});
