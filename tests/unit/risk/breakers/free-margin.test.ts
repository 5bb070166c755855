// Free margin below the minimum on either venue ⇒ REDUCING; an unknown balance trips nothing but
// blocks entries. Exact comparison at the boundary.
import { describe, expect, it } from 'vitest';
import { checkFreeMargin } from '../../../../src-core/risk/breakers/free-margin';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';

describe('checkFreeMargin (minimum $50)', () => {
  it.each([
    ['49.999999', 'REDUCING'],
    ['50', null],
    ['50.000001', null],
    ['0', 'REDUCING'],
    ['-3', 'REDUCING'],
  ])('lighter $%s ⇒ %s', (available, to) => {
    const r = checkFreeMargin({ lighter: available, extended: '1000' }, riskDefaults);
    expect(r.trip?.to ?? null).toBe(to);
    expect(r.conditions).toEqual([]);
  });

  it('names the venue and amount, both when both are low', () => {
    expect(checkFreeMargin({ lighter: '1000', extended: '12.5' }, riskDefaults).trip).toEqual({ to: 'REDUCING', reason: 'free margin below $50: extended $12.5' });
    expect(checkFreeMargin({ lighter: '1', extended: '2' }, riskDefaults).trip).toEqual({ to: 'REDUCING', reason: 'free margin below $50: lighter $1, extended $2' });
  });

  it('an unknown balance is not 0: no trip, a blocking condition', () => {
    expect(checkFreeMargin({ lighter: null, extended: '1000' }, riskDefaults)).toEqual({
      trip: null,
      conditions: [{ key: 'balance-unknown:lighter', venue: 'lighter', reason: 'lighter balance unknown (the last read failed)' }],
    });
  });

  it('a low known balance still trips while the other is unknown', () => {
    const r = checkFreeMargin({ lighter: null, extended: '10' }, riskDefaults);
    expect(r.trip).toEqual({ to: 'REDUCING', reason: 'free margin below $50: extended $10' });
    expect(r.conditions.map((c) => c.key)).toEqual(['balance-unknown:lighter']);
  });

  it('compares exactly against a fractional minimum', () => {
    expect(checkFreeMargin({ lighter: '0.3', extended: '1' }, { minFreeMarginUsd: 0.3 }).trip).toBeNull();
    expect(checkFreeMargin({ lighter: '0.29999999999', extended: '1' }, { minFreeMarginUsd: 0.3 }).trip).not.toBeNull();
  });

  it('a non-decimal balance is a typed error', () => {
    expect(() => checkFreeMargin({ lighter: '1e3', extended: '1000' }, riskDefaults)).toThrow(new RiskInputError('bad-decimal', 'lighter available margin is not an exact decimal: "1e3"'));
  });
});
