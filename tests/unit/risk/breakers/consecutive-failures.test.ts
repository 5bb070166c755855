// N failed entries in a row ⇒ REDUCING; an opened pair resets; a refusal before any order is
// neither a failure nor a success.
import { describe, expect, it } from 'vitest';
import { ConsecutiveFailuresBreaker } from '../../../../src-core/risk/breakers/consecutive-failures';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';
import type { AttemptOutcome } from '../../../../src-core/domain/enums';

describe('ConsecutiveFailuresBreaker', () => {
  it('trips at the default 3, not at 2, and keeps tripping at 4', () => {
    const b = new ConsecutiveFailuresBreaker(riskDefaults);
    expect(b.record('failed')).toEqual({ trip: null });
    expect(b.record('rolled-back')).toEqual({ trip: null });
    expect(b.count).toBe(2);
    expect(b.record('broken', 'hedge IOC unfilled 3 times')).toEqual({
      trip: { to: 'REDUCING', reason: '3 failed entries in a row (limit 3); last: broken (hedge IOC unfilled 3 times)' },
    });
    expect(b.record('failed')).toEqual({ trip: { to: 'REDUCING', reason: '4 failed entries in a row (limit 3); last: failed' } });
  });

  it('a success resets the count', () => {
    const b = new ConsecutiveFailuresBreaker({ maxConsecutiveFailedEntryCount: 2 });
    b.record('failed');
    expect(b.record('opened')).toEqual({ trip: null });
    expect(b.count).toBe(0);
    expect(b.record('failed')).toEqual({ trip: null });
    expect(b.record('failed').trip).not.toBeNull();
  });

  it('a refusal neither counts nor resets', () => {
    const b = new ConsecutiveFailuresBreaker({ maxConsecutiveFailedEntryCount: 2 });
    b.record('failed');
    expect(b.record('refused')).toEqual({ trip: null });
    expect(b.count).toBe(1);
    expect(b.record('failed').trip).toMatchObject({ to: 'REDUCING' });
  });

  it('a limit of 1 trips on the first failure', () => {
    expect(new ConsecutiveFailuresBreaker({ maxConsecutiveFailedEntryCount: 1 }).record('failed').trip).toEqual({ to: 'REDUCING', reason: '1 failed entries in a row (limit 1); last: failed' });
  });

  it.each([
    ['pending', 'an attempt still pending has no outcome to count'],
    ['lost', 'unknown attempt outcome "lost"'],
  ])('%s is a typed error and changes nothing', (outcome, message) => {
    const b = new ConsecutiveFailuresBreaker({ maxConsecutiveFailedEntryCount: 2 });
    b.record('failed');
    expect(() => b.record(outcome as AttemptOutcome)).toThrow(new RiskInputError('bad-outcome', message));
    expect(b.count).toBe(1);
  });
});
