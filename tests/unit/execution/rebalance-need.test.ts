// The rebalance need from two live legs, with worked numbers: Lighter ETH steps 0.0001 (min
// notional $10), Extended ETH steps 0.001 (min size 0.004), marks around $3300, the defaults
// rebalanceMinDeltaFraction 0.01 and rebalanceMinDeltaUsd $2.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareDecimal, fromIncrements, negDecimal, subDecimal, toIncrements } from '../../../src-core/domain/decimal';
import { rebalanceNeed, type NeedLeg, type NeedSettings } from '../../../src-core/execution/rebalance-need';

const S: NeedSettings = { rebalanceMinDeltaFraction: 0.01, rebalanceMinDeltaUsd: 2 };

/** Leg 0 long on Lighter, leg 1 short on Extended (signed live sizes). */
function legs(longSize: string, shortSize: string, marks: { lighter?: number; extended?: number } = {}): [NeedLeg, NeedLeg] {
  return [
    { leg: 0, venue: 'lighter', positionSide: 'long', size: longSize, markPrice: marks.lighter ?? 3300, stepSize: '0.0001', minSize: '0.0001', minNotionalUsd: '10' },
    { leg: 1, venue: 'extended', positionSide: 'short', size: shortSize, markPrice: marks.extended ?? 3300, stepSize: '0.001', minSize: '0.004', minNotionalUsd: '0' },
  ];
}

describe('rebalance need: worked numbers', () => {
  it('Extended short liquidated from 0.400 to 0.300: sell 0.1 on the larger Lighter long', () => {
    // Excess 0.1 = 1000 Lighter steps; tolerance 1 % of 0.4 = 0.004 = 40 steps; $330 ≥ $2.
    expect(rebalanceNeed(legs('0.4', '-0.3'), S)).toEqual({
      kind: 'trade',
      leg: 0,
      venue: 'lighter',
      side: 'sell',
      size: '0.1000',
      deltaUsd: '330',
      why: 'long leg on lighter holds 0.1 more than the short leg on extended',
      longSize: '0.4',
      shortSize: '0.3',
      deltaBase: '0.1',
    });
  });

  it('Lighter long liquidated to 0.3005 against a 0.400 short: buy 0.099 on Extended (its step, toward less), never past equal', () => {
    const n = rebalanceNeed(legs('0.3005', '-0.4'), S);
    expect(n).toMatchObject({ kind: 'trade', leg: 1, venue: 'extended', side: 'buy', size: '0.099', deltaBase: '-0.0995' });
    // After the trade the short is 0.301: still the larger by 0.0005, half an Extended step.
    expect(subDecimal('0.4', n.kind === 'trade' ? n.size : '0')).toBe('0.301');
  });

  it('within the fraction: 40 finer steps on a 0.4 leg is not more than 1 %; 41 steps is', () => {
    expect(rebalanceNeed(legs('0.4', '-0.397'), S)).toMatchObject({ kind: 'balanced', why: 'within-fraction', deltaBase: '0.003' });
    expect(rebalanceNeed(legs('0.4', '-0.3960'), S)).toMatchObject({ kind: 'balanced', why: 'within-fraction', deltaBase: '0.004' });
    expect(rebalanceNeed(legs('0.4', '-0.3959'), S)).toMatchObject({ kind: 'trade', venue: 'lighter', side: 'sell', size: '0.0041' });
  });

  it('the USD floor: a 0.001 excess at $3300 is $3.30, below a $5 floor; above $2 it is beyond both tolerances, yet below Lighter’s $10 minimum', () => {
    expect(rebalanceNeed(legs('0.0100', '-0.009'), { ...S, rebalanceMinDeltaUsd: 5 })).toMatchObject({ kind: 'balanced', why: 'below-usd-floor' });
    expect(rebalanceNeed(legs('0.0100', '-0.009'), S)).toMatchObject({ kind: 'untradeable', why: 'below-minimum-notional', venue: 'lighter', size: '0.0010' });
  });

  it('an excess below one step of the larger leg’s venue, or below its minimum size, cannot be traded', () => {
    // Short larger by 0.0009 on Extended (step 0.001): beyond 1 % of 0.05 (0.0005) and $2.97 ≥ $2.
    expect(rebalanceNeed(legs('0.0491', '-0.05'), S)).toMatchObject({ kind: 'untradeable', why: 'below-step', venue: 'extended', size: '0.0009' });
    // 0.003 on Extended is on its step but below its 0.004 minimum.
    expect(rebalanceNeed(legs('0.0470', '-0.05'), S)).toMatchObject({ kind: 'untradeable', why: 'below-minimum-size', venue: 'extended', size: '0.003' });
  });

  it('a basis between the venues with equal quantities is balanced (upstream B27 would rebalance it)', () => {
    // Upstream: |0.4×3300 − 0.4×3400| / (0.4×3300 + 0.4×3400) = 1.49 % drift ≥ its 1 % ⇒ REBALANCE.
    expect(rebalanceNeed(legs('0.4', '-0.4', { lighter: 3300, extended: 3400 }), S)).toEqual({ kind: 'balanced', why: 'equal', longSize: '0.4', shortSize: '0.4', deltaBase: '0' });
    // A 3 % basis on a pair inside its tolerance does not tip it either.
    expect(rebalanceNeed(legs('0.4', '-0.397', { lighter: 3300, extended: 3400 }), S)).toMatchObject({ kind: 'balanced', why: 'within-fraction' });
  });

  it('a fully liquidated leg leaves the other as the excess: reduced to flat, never flipped', () => {
    expect(rebalanceNeed(legs('0', '-0.4'), S)).toMatchObject({ kind: 'trade', venue: 'extended', side: 'buy', size: '0.400' });
  });

  it('a leg held on the wrong side, a missing mark, bad input: unknown, nothing to trade', () => {
    expect(rebalanceNeed(legs('-0.1', '-0.4'), S)).toMatchObject({ kind: 'unknown', cause: 'wrong-side' });
    expect(rebalanceNeed(legs('0.4', '0.1'), S)).toMatchObject({ kind: 'unknown', cause: 'wrong-side' });
    expect(rebalanceNeed(legs('0.4', '-0.3', { lighter: 0, extended: Number.NaN }), S)).toMatchObject({ kind: 'unknown', cause: 'no-mark' });
    expect(rebalanceNeed(legs('0.4', '-0.3', { lighter: 0 }), S)).toMatchObject({ kind: 'trade', size: '0.1000' });
    expect(rebalanceNeed(legs('0.4x', '-0.3'), S)).toMatchObject({ kind: 'unknown', cause: 'bad-input' });
    expect(rebalanceNeed(legs('0.4', '-0.3'), { ...S, rebalanceMinDeltaFraction: 0 })).toMatchObject({ kind: 'unknown', cause: 'bad-input' });
    const [l0, l1] = legs('0.4', '-0.3');
    expect(rebalanceNeed([l0, { ...l1, positionSide: 'long' }], S)).toMatchObject({ kind: 'unknown', cause: 'bad-input' });
    expect(rebalanceNeed([l0, { ...l1, stepSize: '0' }], S)).toMatchObject({ kind: 'unknown', cause: 'bad-input' });
  });
});

describe('rebalance need: properties', () => {
  const lighterSteps = fc.integer({ min: 0, max: 200_000 });
  const extendedSteps = fc.integer({ min: 0, max: 20_000 });
  const mark = fc.double({ min: 100, max: 10_000, noNaN: true });

  it('equal quantities are balanced at any two marks', () => {
    fc.assert(
      fc.property(extendedSteps, mark, mark, (n, a, b) => {
        const size = fromIncrements(BigInt(n), '0.001');
        expect(rebalanceNeed(legs(size, negDecimal(size), { lighter: a, extended: b }), S).kind).toBe('balanced');
      }),
    );
  });

  it('the decision never depends on the smaller leg’s mark', () => {
    fc.assert(
      fc.property(lighterSteps, extendedSteps, mark, mark, mark, (l, e, m, a, b) => {
        const long = fromIncrements(BigInt(l), '0.0001');
        const short = negDecimal(fromIncrements(BigInt(e), '0.001'));
        const longLarger = compareDecimal(long, negDecimal(short)) > 0;
        const with_ = (other: number) => rebalanceNeed(legs(long, short, longLarger ? { lighter: m, extended: other } : { lighter: other, extended: m }), S);
        expect(with_(a)).toEqual(with_(b));
      }),
    );
  });

  it('a trade is on the larger leg, reduce-side, a whole number of its steps, never past equal', () => {
    fc.assert(
      fc.property(lighterSteps, extendedSteps, mark, (l, e, m) => {
        const long = fromIncrements(BigInt(l), '0.0001');
        const shortAbs = fromIncrements(BigInt(e), '0.001');
        const n = rebalanceNeed(legs(long, negDecimal(shortAbs), { lighter: m, extended: m }), S);
        if (n.kind !== 'trade') return;
        const step = n.venue === 'lighter' ? '0.0001' : '0.001';
        expect(compareDecimal(fromIncrements(toIncrements(n.size, step, 'exact'), step), n.size)).toBe(0);
        expect(compareDecimal(n.size, '0')).toBe(1);
        if (n.venue === 'lighter') {
          expect(n.side).toBe('sell');
          expect(compareDecimal(subDecimal(long, n.size), shortAbs)).toBeGreaterThanOrEqual(0);
        } else {
          expect(n.side).toBe('buy');
          expect(compareDecimal(subDecimal(shortAbs, n.size), long)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});
