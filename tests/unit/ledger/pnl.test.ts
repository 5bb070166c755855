// Ledger math with worked numbers (each figure computed by hand in the comment beside it), plus
// a property: realized PnL of a round trip equals the exact cash of its fills.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PnlError, fundingSumUsd, legPnl, pairPnl, unrealizedPnlUsd, type PnlFill } from '../../../src-core/ledger/pnl';
import { addDecimal, compareDecimal, mulDecimal, negDecimal, sumDecimals } from '../../../src-core/domain/decimal';

const buy = (size: string, price: string, feeUsd = '0'): PnlFill => ({ side: 'buy', size, price, feeUsd });
const sell = (size: string, price: string, feeUsd = '0'): PnlFill => ({ side: 'sell', size, price, feeUsd });

describe('leg PnL (average cost)', () => {
  it('long: two buys average, partial and full sells realize against the average', () => {
    // Buy 1 @ 3000 and 1 @ 3100: q = 2, C = 6100, avg 3050.
    expect(legPnl([buy('1.0', '3000'), buy('1.0', '3100')])).toMatchObject({ size: '2', costBasisUsd: '6100', avgEntryPrice: '3050', realizedPnlUsd: '0' });
    // Sell 0.5 @ 3200: share 6100 × 0.5 / 2 = 1525; realized 1600 − 1525 = 75; left q 1.5, C 4575.
    const partial = legPnl([buy('1.0', '3000'), buy('1.0', '3100'), sell('0.5', '3200')]);
    expect(partial).toMatchObject({ size: '1.5', costBasisUsd: '4575', avgEntryPrice: '3050', realizedPnlUsd: '75' });
    // Sell 1.5 @ 2900: 4350 − 4575 = −225; total −150, flat.
    expect(legPnl([buy('1.0', '3000'), buy('1.0', '3100'), sell('0.5', '3200'), sell('1.5', '2900')])).toMatchObject({
      size: '0',
      costBasisUsd: '0',
      avgEntryPrice: null,
      realizedPnlUsd: '-150',
    });
  });

  it('short: a buy-back below the entry realizes a gain', () => {
    // Sell 2 @ 100: q −2, C −200. Buy 0.5 @ 90: share −50; realized −45 − (−50) = 5.
    expect(legPnl([sell('2', '100'), buy('0.5', '90')])).toMatchObject({ size: '-1.5', costBasisUsd: '-150', avgEntryPrice: '100', realizedPnlUsd: '5' });
  });

  it('a fill past the open size flips the position at its price', () => {
    // Long 1 @ 100; sell 3 @ 110: realize 10 on 1, open short 2 @ 110.
    expect(legPnl([buy('1', '100'), sell('3', '110')])).toMatchObject({ size: '-2', costBasisUsd: '-220', avgEntryPrice: '110', realizedPnlUsd: '10' });
  });

  it('rounds a partial cost share at 12 decimals and still realizes a round trip exactly', () => {
    // Buy 1 @ 1, 1 @ 1, 1 @ 2: C = 4, q = 3. Sell 1 @ 2: share 4/3 → 1.333333333333,
    // realized 0.666666666667, C left 2.666666666667. Sell 2 @ 2: 4 − 2.666666666667.
    const fills = [buy('1', '1'), buy('1', '1'), buy('1', '2'), sell('1', '2')];
    expect(legPnl(fills)).toMatchObject({ size: '2', costBasisUsd: '2.666666666667', realizedPnlUsd: '0.666666666667' });
    expect(legPnl([...fills, sell('2', '2')]).realizedPnlUsd).toBe('2'); // 6 received − 4 paid
  });

  it('a full close takes the whole basis, even beyond 12 decimals', () => {
    // C = 1e-8 × 3e-8 = 3e-16; selling it all at 5e-8 realizes 5e-16 − 3e-16 = 2e-16 exactly.
    expect(legPnl([buy('0.00000001', '0.00000003'), sell('0.00000001', '0.00000005')]).realizedPnlUsd).toBe('0.0000000000000002');
  });

  it('sums fees exactly, rebates negative', () => {
    expect(legPnl([buy('0.1', '3000', '0.6'), sell('0.1', '3001', '-0.12'), buy('0.2', '2999.5', '0.3')]).feesUsd).toBe('0.78');
  });

  it('refuses malformed fills with a typed error', () => {
    expect(() => legPnl([buy('0', '1')])).toThrow(PnlError);
    expect(() => legPnl([buy('1', '-1')])).toThrow(PnlError);
    expect(() => legPnl([{ side: 'hold' as 'buy', size: '1', price: '1', feeUsd: '0' }])).toThrow(PnlError);
    expect(() => legPnl([buy('1', '1', 'NaN')])).toThrow();
  });

  it('unrealized at a mark is mark × q − C (float, analytics)', () => {
    const long = legPnl([buy('1.0', '3000'), buy('1.0', '3100')]);
    expect(unrealizedPnlUsd(long, 3100.5)).toBeCloseTo(101, 9); // 6201 − 6100
    const short = legPnl([sell('2', '100')]);
    expect(unrealizedPnlUsd(short, 95)).toBeCloseTo(10, 9); // −190 + 200
    expect(() => unrealizedPnlUsd(long, Number.NaN)).toThrow(PnlError);
  });

  it('round trips realize exactly the cash of their fills (property)', () => {
    const dec = (max: number, scale: number) => fc.integer({ min: 1, max }).map((u) => (u / 10 ** scale).toFixed(scale));
    const fill = fc.record({ side: fc.constantFrom('buy' as const, 'sell' as const), size: dec(10_000, 3), price: dec(10_000_000, 2) });
    fc.assert(
      fc.property(fc.array(fill, { minLength: 1, maxLength: 12 }), dec(10_000_000, 2), (fills, closePrice) => {
        const open = legPnl(fills.map((f) => ({ ...f, feeUsd: '0' })));
        if (compareDecimal(open.size, '0') === 0) return;
        const closing: PnlFill = compareDecimal(open.size, '0') > 0 ? sell(open.size, closePrice) : buy(negDecimal(open.size), closePrice);
        const all = [...fills.map((f) => ({ ...f, feeUsd: '0' })), closing];
        const cash = sumDecimals(all.map((f) => (f.side === 'sell' ? mulDecimal(f.size, f.price) : negDecimal(mulDecimal(f.size, f.price)))));
        const closed = legPnl(all);
        expect(closed.size).toBe('0');
        expect(compareDecimal(closed.realizedPnlUsd, cash)).toBe(0);
      }),
    );
  });
});

describe('pair PnL', () => {
  it('nets realized price PnL, fees and funding exactly', () => {
    // Long Lighter 0.5 @ 3000 → 3010 (+5); short Extended 0.5 @ 3002 → 3011 (−4.5).
    // Fees 0.30 + 0.3011 (taker both ways on Extended), funding +0.0123 − 0.004.
    const p = pairPnl(
      [
        [buy('0.5', '3000'), sell('0.5', '3010')],
        [sell('0.5', '3002', '0.15'), buy('0.5', '3011', '0.1511')],
      ],
      [{ cashUsd: '0.0123' }, { cashUsd: '-0.004' }],
    );
    expect(p).toMatchObject({ realizedPnlUsd: '0.5', feesUsd: '0.3011', fundingUsd: '0.0083', netRealizedUsd: '0.2072', unrealizedPnlUsd: 0 });
  });

  it('unrealized needs a mark for every open leg', () => {
    const legs: [PnlFill[], PnlFill[]] = [[buy('1', '100')], [sell('1', '101')]];
    expect(pairPnl(legs, [], [null, 100]).unrealizedPnlUsd).toBeNull();
    expect(pairPnl(legs, [], [102, 100.5]).unrealizedPnlUsd).toBeCloseTo(2.5, 9); // +2 + 0.5
  });

  it('funding sums are exact, not float', () => {
    expect(fundingSumUsd([{ cashUsd: '0.1' }, { cashUsd: '0.2' }])).toBe('0.3');
    expect(addDecimal(fundingSumUsd([]), '0')).toBe('0');
  });
});
