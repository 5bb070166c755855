// The funding-unit tripwire's verdict as a breaker result: 'reduce' trips REDUCING with the
// tripwire's own description; 'warn' and 'none' do not.
import { describe, expect, it } from 'vitest';
import { fundingCheckResult } from '../../../../src-core/risk/breakers/funding-unit';
import { checkFundingPayment, describeCheck } from '../../../../src-core/risk/funding-unit-tripwire';

const ref = { hourlyRate: 1.25e-5, markPrice: 3000 };
const long2 = (cashUsd: string) => ({ cashUsd, positionSize: '2', positionSide: 'long' as const });

describe('fundingCheckResult', () => {
  it('a unit mismatch trips REDUCING with the check described', () => {
    const check = checkFundingPayment(long2('-7.500000'), ref);
    expect(fundingCheckResult('lighter', 'ETH', check)).toEqual({ trip: { to: 'REDUCING', reason: describeCheck('lighter', 'ETH', check) } });
  });
  it.each([
    ['consistent', '-0.075000'],
    ['drift (warn only)', '-0.150000'],
    ['skipped', '-0.07x'],
  ])('%s does not trip', (_name, cash) => {
    expect(fundingCheckResult('lighter', 'ETH', checkFundingPayment(long2(cash), ref))).toEqual({ trip: null });
  });
});
