// Basis convergence and the profit target, with worked numbers. Base pair (fixtures.ts): closing
// now banks −0.50 + 2.00 − 0.10 − 0.20 = $1.20; basis 0.2 %, 0.3 % at entry.
import { describe, expect, it } from 'vitest';
import { exitCostUsd } from '../../../../src-core/strategy/exits/costs';
import { rates, hourly, row } from './fixtures';

describe('basis-convergence (≤ 0.05 %, or ≤ 20 % of the entry basis, with $0.50 banked)', () => {
  const base = { rule: 'basis-convergence', effect: 'normal', unit: 'fraction' } as const;

  it.each([
    // Threshold max(0.0005, 0.003 × 0.2 = 0.0006) = 0.0006.
    ['0.2 %: not converged', {}, {}, false, 0.002, 0.0006, 'basis not converged'],
    ['−0.04 %: converged (the sign is not the point, the size is)', { basisFraction: -0.0004 }, {}, true, 0.0004, 0.0006, 'basis converged with the minimum profit banked'],
    ['0.055 % with no entry basis: threshold 0.05 %', { basisFraction: 0.00055, entryBasisFraction: null }, {}, false, 0.00055, 0.0005, 'basis not converged'],
    ['0.055 % under 20 % of a 0.3 % entry basis', { basisFraction: 0.00055 }, {}, true, 0.00055, 0.0006, 'basis converged with the minimum profit banked'],
    ['a small entry basis: the absolute 0.05 % is the looser', { basisFraction: 0.00045, entryBasisFraction: -0.001 }, {}, true, 0.00045, 0.0005, 'basis converged with the minimum profit banked'],
    // Price −1.30 ⇒ −1.3 + 2 − 0.1 − 0.2 = $0.40 < $0.50.
    ['converged, $0.40 banked', { basisFraction: 0.0004, pricePnlUsd: -1.3 }, {}, false, 0.0004, 0.0006, 'basis converged, but closing now banks less than the minimum profit'],
    ['converged, no books', { basisFraction: 0.0004, pricePnlUsd: null }, {}, false, 0.0004, 0.0006, 'basis converged, but the PnL is unknown (no current books)'],
    ['basis unknown', { basisFraction: null }, {}, false, null, 0.0006, 'basis unknown'],
    ['disabled', { basisFraction: 0.0004 }, { basisConvergenceEnabled: false }, false, 0.0004, 0.0006, 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, threshold, why) => {
    expect(row('basis-convergence', over, e)).toEqual({ ...base, fired, observed, threshold: expect.closeTo(threshold, 15), why });
  });

  it('both edges are inclusive', () => {
    expect(row('basis-convergence', { basisFraction: 0.0005, entryBasisFraction: null }).fired).toBe(true);
    // 0.75 + 2 − 0.25 − 2 = $0.50 exactly (dyadic).
    expect(row('basis-convergence', { basisFraction: 0.0004, pricePnlUsd: 0.75, feesPaidUsd: '0.25', fundingUsd: '2', exitCostUsd: 2 }).fired).toBe(true);
    expect(row('basis-convergence', { basisFraction: 0.0004, pricePnlUsd: 0.7499, feesPaidUsd: '0.25', fundingUsd: '2', exitCostUsd: 2 }).fired).toBe(false);
  });
});

describe('profit-target ($3 banked; kept while net EV says the carry is worth holding)', () => {
  const base = { rule: 'profit-target', effect: 'normal', threshold: 3, unit: 'usd' } as const;
  // 1.5 + 2 − 0.25 − 0.25 = $3.00 exactly; net EV holds at 87.6 % (0.42 ≥ 0.25 × 1.4 = 0.35).
  const three = { pricePnlUsd: 1.5, feesPaidUsd: '0.25', exitCostUsd: 0.25 };

  it.each([
    ['$1.20', {}, {}, false, 1.2, 'net profit below the target'],
    ['$3.00 with a carry worth holding: kept', three, {}, false, 3, 'target reached, but the carry is worth holding'],
    ['$3.00, skip flag off', three, { profitTargetSkipWhenEdgeGood: false }, true, 3, 'profit target reached'],
    // 0.3/8760 × 350 × 12 = $0.144 < $0.35: net EV does not hold, the target is taken.
    ['$3.00 with a weak carry', { ...three, rates: rates(hourly(0.3)) }, {}, true, 3, 'profit target reached'],
    ['$3.00 with net EV off: nothing to skip for', three, { netEvEnabled: false }, true, 3, 'profit target reached'],
    ['$2.99', { ...three, pricePnlUsd: 1.49 }, { profitTargetSkipWhenEdgeGood: false }, false, 2.99, 'net profit below the target'],
    ['no books', { pricePnlUsd: null }, {}, false, null, 'PnL unknown (no current books)'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('profit-target', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });
});

describe('exitCostUsd (upstream §3.2: taker on both legs plus half of each book spread)', () => {
  it('worked: $350 a leg, takers 0.02 % and 0.0225 %, spreads 2 bps and 4 bps', () => {
    // 350 × (0.0002 + 0.0001) + 350 × (0.000225 + 0.0002) = 0.105 + 0.14875 = $0.25375.
    expect(exitCostUsd({ longNotionalUsd: 350, shortNotionalUsd: 350, longTakerFeeRate: 0.0002, shortTakerFeeRate: 0.000225, longBookSpreadFraction: 0.0002, shortBookSpreadFraction: 0.0004 })).toBeCloseTo(0.25375, 12);
    // Each leg at its own notional.
    expect(exitCostUsd({ longNotionalUsd: 100, shortNotionalUsd: 0, longTakerFeeRate: 0.001, shortTakerFeeRate: 0.5, longBookSpreadFraction: 0.002, shortBookSpreadFraction: 0.5 })).toBeCloseTo(0.2, 12);
    expect(exitCostUsd({ longNotionalUsd: 0, shortNotionalUsd: 100, longTakerFeeRate: 0.5, shortTakerFeeRate: 0.001, longBookSpreadFraction: 0.5, shortBookSpreadFraction: 0.002 })).toBeCloseTo(0.2, 12);
  });
});

describe('unknown PnL never meets a zero threshold', () => {
  it('basis convergence with no minimum profit and no books', () => {
    expect(row('basis-convergence', { basisFraction: 0.0004, pricePnlUsd: null }, { basisConvergenceMinProfitUsd: 0 })).toMatchObject({ fired: false, why: 'basis converged, but the PnL is unknown (no current books)' });
  });

  it('a $0 profit target with no books', () => {
    expect(row('profit-target', { pricePnlUsd: null }, { profitTargetUsd: 0 })).toMatchObject({ fired: false, observed: null });
  });

  it('the skip applies when the carry projects exactly its need', () => {
    // Spread 2^-14/h: 350 · 2^-14 · 12 = $0.25634765625 = 1 × the exit cost ⇒ net EV holds.
    const over = { rates: rates(2 ** -14), exitCostUsd: 0.25634765625, pricePnlUsd: 10 };
    expect(row('profit-target', over, { netEvExitCostMultiple: 1 })).toMatchObject({ fired: false, why: 'target reached, but the carry is worth holding' });
  });
});
