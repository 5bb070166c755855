// A venue's limiter above the saturation fraction blocks new entries (a condition, not a trip).
import { describe, expect, it } from 'vitest';
import { rateLimitConditions } from '../../../../src-core/risk/breakers/rate-limit';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';
import type { VenueDiagnostics } from '../../../../src-core/venues/port';

describe('rateLimitConditions (saturation 0.9)', () => {
  it.each([
    [0.89, false],
    [0.9, false],
    [0.9000001, true],
    [1.2, true],
  ])('used %s ⇒ blocking %s', (demandFraction, blocking) => {
    expect(rateLimitConditions({ lighter: { demandFraction }, extended: { demandFraction: 0 } }, riskDefaults).length).toBe(blocking ? 1 : 0);
  });

  it('keys the condition by venue and says how full the budget is', () => {
    expect(rateLimitConditions({ lighter: { demandFraction: 0.1 }, extended: { demandFraction: 0.954 } }, riskDefaults)).toEqual([
      { key: 'rate-limit:extended', venue: 'extended', reason: 'extended rate limit 95 % used (entries wait above 90 %)' },
    ]);
  });

  it('accepts the limiter state as the port diagnostics return it', () => {
    const state: ReturnType<VenueDiagnostics['rateLimit']> = { usedFraction: 0.97, demandFraction: 0.95, queued: 3, warning: true };
    expect(rateLimitConditions({ lighter: state }, riskDefaults)).toHaveLength(1);
    expect(rateLimitConditions({}, riskDefaults)).toEqual([]);
  });

  it('a budget full of bulk reads (a backfill) does not hold entries back: only the demand counts', () => {
    const backfilling: ReturnType<VenueDiagnostics['rateLimit']> = { usedFraction: 0.98, demandFraction: 0.4, queued: 90, warning: true };
    expect(rateLimitConditions({ lighter: backfilling }, riskDefaults)).toEqual([]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -0.1])('%s is a typed error', (demandFraction) => {
    const call = () => rateLimitConditions({ lighter: { demandFraction } }, riskDefaults);
    expect(call).toThrow(RiskInputError);
    expect(call).toThrow(expect.objectContaining({ code: 'bad-number', message: `lighter rate-limit use is not a fraction: ${demandFraction}` }));
  });

  it('0 used is fine', () => {
    expect(rateLimitConditions({ lighter: { demandFraction: 0 } }, { rateLimitSaturationFraction: 0.01 })).toEqual([]);
  });
});
