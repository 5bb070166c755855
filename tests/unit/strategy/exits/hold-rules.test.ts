// Early take-profit, early edge, minimum and maximum hold, with worked numbers. Base pair
// (fixtures.ts): $350 a leg, exit cost $0.20, fees paid $0.10, funding $2.00, price PnL −$0.50.
import { describe, expect, it } from 'vitest';
import { aged, evaluate, hourly, rates, row } from './fixtures';

describe('early-take-profit', () => {
  // need = net $4 + max(exit cost × 2.5, $0.50) + 350 × 65 bps
  //      = 4 + max(0.50, 0.50) + 2.275 = $6.775 with the base exit cost of $0.20.
  const base = { rule: 'early-take-profit', effect: 'normal', unit: 'usd' } as const;

  it.each([
    // case, snapshot, settings, fired, observed, threshold, why
    ['base: −0.50 − 0.10 − 0.20 = −0.80', {}, {}, false, -0.8, 6.775, 'price profit below the early take-profit level'],
    ['price +8: 8 − 0.1 − 0.2 = 7.70 ≥ 6.775, pair +9.70', { pricePnlUsd: 8 }, {}, true, 7.7, 6.775, 'price profit beyond costs, reserve and buffer'],
    // Exit cost 0.30: reserve 0.75 beats the 0.50 floor ⇒ need 4 + 0.75 + 2.275 = 7.025 > 7.3 − 0.1 − 0.3 = 6.90.
    ['the reserve is the larger of cost × 2.5 and the floor', { pricePnlUsd: 7.3, exitCostUsd: 0.3 }, {}, false, 6.9, 7.025, 'price profit below the early take-profit level'],
    ['price profit, but funding −10 puts the pair at −2.30', { pricePnlUsd: 8, fundingUsd: '-10.00' }, {}, false, 7.7, 6.775, 'price profit reached, but the pair with its funding is at a loss'],
    ['no books: unknown', { pricePnlUsd: null }, {}, false, null, 6.775, 'price PnL unknown (no current books)'],
    ['disabled', { pricePnlUsd: 8 }, { earlyTakeProfitEnabled: false }, false, 7.7, 6.775, 'disabled'],
  ] as const)('%s', (_case, over, e, fired, observed, threshold, why) => {
    expect(row('early-take-profit', over, e)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), threshold: expect.closeTo(threshold, 12), why });
  });

  it('both boundaries are inclusive (dyadic amounts, exact)', () => {
    // No buffer: need = 4 + max(0.25 × 2.5 = 0.625, 0.5) = 4.625; price 5.125 − 0.25 − 0.25 = 4.625.
    const e = { earlyTakeProfitBufferBps: 0 };
    expect(row('early-take-profit', { pricePnlUsd: 5.125, feesPaidUsd: '0.25', exitCostUsd: 0.25 }, e)).toMatchObject({ fired: true, observed: 4.625, threshold: 4.625 });
    expect(row('early-take-profit', { pricePnlUsd: 5.124, feesPaidUsd: '0.25', exitCostUsd: 0.25 }, e).fired).toBe(false);
    // Whole pair exactly 0: 8 − 7.5 − 0.25 − 0.25.
    expect(row('early-take-profit', { pricePnlUsd: 8, fundingUsd: '-7.5', feesPaidUsd: '0.25', exitCostUsd: 0.25 }).fired).toBe(true);
    expect(row('early-take-profit', { pricePnlUsd: 8, fundingUsd: '-7.5000001', feesPaidUsd: '0.25', exitCostUsd: 0.25 }).fired).toBe(false);
  });

  it('wins inside the minimum hold', () => {
    expect(evaluate({ ...aged(1), pricePnlUsd: 8 }).decision).toEqual({ urgency: 'normal', rule: 'early-take-profit', why: 'price profit beyond costs, reserve and buffer' });
  });
});

describe('early-edge (the funding flip from 2 h while the 48 h minimum hold lasts)', () => {
  const base = { rule: 'early-edge', effect: 'normal', threshold: 2, unit: 'hours' } as const;
  // −10 % APY is below the −5 % flip; the base pair would bank $1.20 by closing now.
  const flipped = { rates: rates(hourly(-0.1)) };

  it.each([
    ['not flipped', { ...aged(3) }, {}, false, 3, 'spread not flipped'],
    ['flipped at 1 h: too young', { ...aged(1), ...flipped }, {}, false, 1, 'younger than the early-edge age'],
    ['flipped at exactly 2 h', { ...aged(2), ...flipped }, {}, true, 2, 'spread flipped and closing now banks a profit'],
    ['disabled', { ...aged(3), ...flipped }, { earlyEdgeExitEnabled: false }, false, 3, 'disabled'],
    // Flipped but nothing worth closing for: price −2 ⇒ pair −0.30; loss 0.1/8760 × 350 × 8 h = $0.032 < $0.20.
    ['flipped, not worth the exit', { ...aged(3), ...flipped, pricePnlUsd: -2 }, {}, false, 3, 'spread flipped, but its loss over the horizon is below the exit cost'],
    ['flipped at 47.9 h: still early', { ...aged(47.9), ...flipped }, {}, true, 47.9, 'spread flipped and closing now banks a profit'],
    ['flipped at 48 h: the funding-flip rule\'s', { ...aged(48), ...flipped }, {}, false, 48, 'past the minimum hold: the funding-flip rule applies'],
  ] as const)('%s', (_case, over, e, fired, observed, why) => {
    expect(row('early-edge', over, e)).toEqual({ ...base, fired, observed: expect.closeTo(observed, 9), why });
  });

  it('decides before the minimum hold would hold the pair; after it, funding-flip decides', () => {
    expect(evaluate({ ...aged(3), ...flipped }).decision).toEqual({ urgency: 'normal', rule: 'early-edge', why: 'spread flipped and closing now banks a profit' });
    expect(evaluate({ ...aged(100), ...flipped }).decision).toEqual({ urgency: 'normal', rule: 'funding-flip', why: 'spread flipped and closing now banks a profit' });
  });
});

describe('min-hold and max-hold', () => {
  it.each([
    [10, true, 'within the minimum hold: economic exits wait'],
    [47.99, true, 'within the minimum hold: economic exits wait'],
    [48, false, 'minimum hold passed'],
  ] as const)('min-hold at %s h: holds %s', (hours, fired, why) => {
    expect(row('min-hold', aged(hours))).toEqual({ rule: 'min-hold', effect: 'hold', fired, observed: expect.closeTo(hours, 9), threshold: 48, unit: 'hours', why });
  });

  it('min-hold holds the pair: a later rule that fires does not decide', () => {
    // Carry +30 % APY: 0.3/8760 × 350 × 12 = $0.14 < $0.28 ⇒ net-ev fires, but at 10 h the hold wins.
    const ev = evaluate({ ...aged(10), rates: rates(hourly(0.3)) });
    expect(ev.rules.find((r) => r.rule === 'net-ev')!.fired).toBe(true);
    expect(ev.decision).toEqual({ urgency: 'none', rule: 'min-hold', why: 'within the minimum hold: economic exits wait' });
    // After the hold the same carry closes the pair.
    expect(evaluate({ ...aged(50), rates: rates(hourly(0.3)) }).decision.rule).toBe('net-ev');
  });

  it.each([
    [239.5, false, 'below the maximum hold'],
    [240, true, 'maximum hold reached'],
    [500, true, 'maximum hold reached'],
  ] as const)('max-hold at %s h: fires %s', (hours, fired, why) => {
    expect(row('max-hold', aged(hours))).toEqual({ rule: 'max-hold', effect: 'normal', fired, observed: expect.closeTo(hours, 9), threshold: 240, unit: 'hours', why });
  });

  it('max-hold closes normally', () => {
    expect(evaluate(aged(240)).decision).toEqual({ urgency: 'normal', rule: 'max-hold', why: 'maximum hold reached' });
  });
});
