// Property: raising the pair's carry (the spread in the pair's favour) never makes an exit rule
// fire that did not fire before. The rules about something else (the hedge, liquidation, delta,
// the hold window, the price profit, the basis) must not change at all; the rules about the carry
// must be monotone. Two ways to raise it:
//   (a) the spread now only: the short venue's predicted rate up by δ (the settled history as it was);
//   (b) the whole spread: every settled hour and the spread now up by the same δ.
// A non-uniform raise of the history is not a raise of the carry for the trend rules: a spread
// that rose and then fell is a falling spread, which is what they are for.
//
// Worked example of (a): the base pair with the spread now at −6 % APY flips (exit: closing banks
// $1.20); raised by δ = 0.0001 + 0.06/8760 = 0.0001068/h to the base +87.6 %, nothing fires.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ExitSettings } from '../../../../src-core/config/exits';
import { evaluateExits } from '../../../../src-core/strategy/exits/index';
import { HOUR_MS } from '../../../../src-core/strategy/exits/spread-series';
import type { ExitRuleName, LivePosition } from '../../../../src-core/strategy/exits/types';
import { hourly, NOW_MS, HOUR0_MS, rates, settings, snapshot, type SnapshotOver } from './fixtures';

const NOT_ABOUT_CARRY: ReadonlySet<ExitRuleName> = new Set(['broken-hedge', 'liquidation-distance', 'delta-bound', 'early-take-profit', 'min-hold', 'max-hold', 'basis-convergence']);

const apy = fc.double({ min: -3, max: 3, noNaN: true });
const hourlyRate = apy.map((a) => a / 8_760);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 6 });
const position = (sign: 1 | -1): fc.Arbitrary<LivePosition | null> =>
  nullable(
    fc.record({
      size: fc.double({ min: 0, max: 2, noNaN: true }).map((v) => (sign * v).toFixed(4)),
      markPrice: fc.double({ min: 1, max: 5_000, noNaN: true }),
      liquidationPrice: nullable(fc.double({ min: 0, max: 10_000, noNaN: true })),
    }),
  );

const pairArb = fc.record({
  net: fc.array(fc.option(hourlyRate, { nil: null, freq: 25 }), { minLength: 0, maxLength: 200, size: 'max' }),
  lagHours: fc.integer({ min: 0, max: 3 }),
  // Half inside the early window (2 h to the 48 h minimum hold), where the early rules live.
  ageHours: fc.oneof(fc.double({ min: 0, max: 320, noNaN: true }), fc.double({ min: 2, max: 48, noNaN: true })),
  long: nullable(hourlyRate),
  short: nullable(hourlyRate),
  entry: fc.double({ min: -0.0002, max: 0.0002, noNaN: true }),
  pricePnlUsd: nullable(fc.double({ min: -10, max: 15, noNaN: true })),
  fundingUsd: fc.double({ min: -5, max: 10, noNaN: true }).map((v) => v.toFixed(6)),
  feesPaidUsd: fc.double({ min: 0, max: 2, noNaN: true }).map((v) => v.toFixed(6)),
  exitCostUsd: fc.double({ min: 0.01, max: 1, noNaN: true }),
  basis: nullable(fc.double({ min: -0.005, max: 0.005, noNaN: true })),
  entryBasis: nullable(fc.double({ min: -0.005, max: 0.005, noNaN: true })),
  best: nullable(fc.double({ min: 0, max: 5, noNaN: true })),
  longPos: position(1),
  shortPos: position(-1),
  broken: fc.boolean(),
});

const settingsArb = fc.record({
  netEvEnabled: fc.boolean(),
  yieldCostEnabled: fc.boolean(),
  earlyEdgeExitEnabled: fc.boolean(),
  profitTargetSkipWhenEdgeGood: fc.boolean(),
  opportunityCostSkipWhenEdgeGood: fc.boolean(),
  flipHorizonHours: fc.constantFrom(0, 8, 24),
  minHoldHours: fc.constantFrom(0, 48),
  zScoreMinAgeHours: fc.constantFrom(0, 168),
  zScoreMinSampleCount: fc.constantFrom(6, 24),
  atrMinActivationUsd: fc.constantFrom(0, 3),
  atrPeriodHours: fc.constantFrom(4, 14),
});

type Pair = typeof pairArb extends fc.Arbitrary<infer T> ? T : never;

function over(p: Pair, shortBoost: number, seriesBoost: number): SnapshotOver {
  return {
    netSeries: p.net.map((x) => (x === null ? null : x + seriesBoost)),
    seriesLastHourMs: HOUR0_MS - p.lagHours * HOUR_MS,
    entryTimeMs: NOW_MS - p.ageHours * HOUR_MS,
    rates: { longHourlyRate: p.long, shortHourlyRate: p.short === null ? null : p.short + shortBoost },
    entryNetHourlyRate: p.entry,
    pricePnlUsd: p.pricePnlUsd,
    fundingUsd: p.fundingUsd,
    feesPaidUsd: p.feesPaidUsd,
    exitCostUsd: p.exitCostUsd,
    basisFraction: p.basis,
    entryBasisFraction: p.entryBasis,
    bestAlternativeApy: p.best,
    positions: { long: p.longPos, short: p.shortPos },
    hedge: { broken: p.broken, detail: 'confirmed' },
  };
}

function check(p: Pair, e: ExitSettings, before: SnapshotOver, after: SnapshotOver): void {
  const a = evaluateExits(snapshot(before, e), e);
  const b = evaluateExits(snapshot(after, e), e);
  for (let i = 0; i < a.rules.length; i++) {
    const ra = a.rules[i]!;
    const rb = b.rules[i]!;
    if (NOT_ABOUT_CARRY.has(ra.rule)) expect(rb, ra.rule).toEqual(ra);
    else if (rb.fired) expect(ra.fired, `${ra.rule} fired only after the carry rose`).toBe(true);
  }
  if (b.decision.urgency !== 'none') expect(a.decision.urgency, 'an exit appeared with more carry').not.toBe('none');
  expect(b.rebalanceAdvised).toBe(a.rebalanceAdvised);
  void p;
}

describe('raising the carry never adds an exit', () => {
  it('worked example: −6 % flips, the same pair at +87.6 % does not', () => {
    const e = settings();
    const flipped = evaluateExits(snapshot({ rates: rates(hourly(-0.06)) }, e), e);
    const raised = evaluateExits(snapshot({ rates: rates(hourly(-0.06) + (0.0001 - hourly(-0.06))) }, e), e);
    expect(flipped.decision.rule).toBe('funding-flip');
    expect(raised.decision.rule).toBeNull();
  });

  it('(a) the spread now raised by δ', () => {
    fc.assert(
      fc.property(pairArb, settingsArb, fc.double({ min: 0, max: 0.0005, noNaN: true }), (p, s, delta) => {
        const e = settings(s);
        check(p, e, over(p, 0, 0), over(p, delta, 0));
      }),
      { numRuns: 400, seed: 20_261_202 },
    );
  });

  it('(b) the whole spread raised by δ: every settled hour and the spread now', () => {
    fc.assert(
      fc.property(pairArb, settingsArb, fc.double({ min: 0, max: 0.0005, noNaN: true }), (p, s, delta) => {
        const e = settings(s);
        check(p, e, over(p, 0, 0), over(p, delta, delta));
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('the property is not vacuous: the generated pairs fire every carry rule somewhere', () => {
    const seen = new Set<ExitRuleName>();
    fc.assert(
      fc.property(pairArb, settingsArb, (p, s) => {
        const e = settings(s);
        for (const r of evaluateExits(snapshot(over(p, 0, 0), e), e).rules) if (r.fired) seen.add(r.rule);
      }),
      { numRuns: 600, seed: 3 },
    );
    const carry = ['catastrophic-flip', 'early-edge', 'funding-flip', 'net-ev', 'yield-cost', 'funding-velocity', 'funding-acceleration', 'z-score', 'atr-trailing-stop', 'profit-target', 'opportunity-cost'] as const;
    expect(carry.filter((r) => !seen.has(r))).toEqual([]);
  });
});
