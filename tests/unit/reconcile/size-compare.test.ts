// Size mismatch in venue steps AND in USD at the mark, never in coins (upstream B16).
import { describe, expect, it } from 'vitest';
import { compareSizes } from '../../../src-core/reconcile/size-compare';

const T = { minSteps: 1, toleranceUsd: 1 };

describe('compareSizes', () => {
  it.each([
    // [venue, ledger, step, mark, material, deltaSize, deltaSteps, deltaUsd, why]
    ['0.1', '0.1', '0.0001', 3000, false, '0', '0', '0', 'equal'],
    ['0.1000', '0.1', '0.0001', 3000, false, '0', '0', '0', 'equal with trailing zeros'],
    ['0.1001', '0.1', '0.0001', 3000, false, '0.0001', '1', '0.3', 'one ETH step is 0.30 USD: below the 1 USD tolerance'],
    ['0.1004', '0.1', '0.0001', 3000, true, '0.0004', '4', '1.2', 'four steps, 1.20 USD'],
    ['0.10005', '0.1', '0.0001', 1_000_000, false, '0.00005', '0', '50', 'half a step: not tradable however much it is worth'],
    ['0.10001', '0.1', '0.00001', 100_000, false, '0.00001', '1', '1', 'exactly one BTC step at 100k is 1 USD: not above the tolerance'],
    ['-0.1', '-0.09', '0.001', 3000, true, '-0.01', '10', '30', 'a short 10 steps larger'],
    ['0', '0.1', '0.0001', 3000, true, '-0.1', '1000', '300', 'flat on the venue'],
    ['5', '0', '1', 0.0001, false, '5', '5', '0.0005', 'five coins of a cheap coin: dust (upstream fired on this)'],
    ['0.00002', '0', '0.00001', 100_000, true, '0.00002', '2', '2', 'two BTC steps: 2 USD (upstream never fired under 5 coins)'],
  ] as const)('%s vs %s (step %s, mark %s) → %s: %s', (venue, ledger, step, mark, material, deltaSize, deltaSteps, deltaUsd, _why) => {
    expect(compareSizes(venue, ledger, step, mark, T)).toEqual({ material, deltaSize, deltaSteps, deltaUsd });
  });

  it('exactly one step counts when the USD test passes; one step less does not', () => {
    const t = { minSteps: 1, toleranceUsd: 0 };
    expect(compareSizes('0.1001', '0.1', '0.0001', 3000, t).material).toBe(true);
    expect(compareSizes('0.10009', '0.1', '0.0001', 3000, t).material).toBe(false);
    expect(compareSizes('0.1003', '0.1', '0.0001', 3000, { minSteps: 3, toleranceUsd: 0 }).material).toBe(true);
    expect(compareSizes('0.1002', '0.1', '0.0001', 3000, { minSteps: 3, toleranceUsd: 0 }).material).toBe(false);
  });

  it('the USD tolerance is inclusive: at it tolerated, a thousandth of a cent above it not', () => {
    const t = { minSteps: 1, toleranceUsd: 3 };
    expect(compareSizes('0.101', '0.1', '0.0001', 3000, t)).toMatchObject({ material: false, deltaUsd: '3' });
    expect(compareSizes('0.101', '0.1', '0.0001', 3000.01, t)).toMatchObject({ material: true, deltaUsd: '3.00001' });
  });

  it('Extended-style step of 100: 99 coins are no step, 100 are one', () => {
    expect(compareSizes('199', '100', '100', 1, { minSteps: 1, toleranceUsd: 0 })).toMatchObject({ material: false, deltaSteps: '0' });
    expect(compareSizes('200', '100', '100', 1, { minSteps: 1, toleranceUsd: 0 })).toMatchObject({ material: true, deltaSteps: '1' });
  });

  it('an unknown step or mark never hides a difference: the other test decides', () => {
    expect(compareSizes('0.1001', '0.1', null, 3000, T)).toEqual({ material: false, deltaSize: '0.0001', deltaSteps: null, deltaUsd: '0.3' });
    expect(compareSizes('0.2', '0.1', null, 3000, T)).toMatchObject({ material: true, deltaSteps: null });
    expect(compareSizes('0.1001', '0.1', '0.0001', null, T)).toEqual({ material: true, deltaSize: '0.0001', deltaSteps: '1', deltaUsd: null });
    expect(compareSizes('0.1001', '0.1', null, null, T).material).toBe(true);
  });
});
