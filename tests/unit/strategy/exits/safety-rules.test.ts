// Emergencies, with worked numbers. Base pair (fixtures.ts): ETH 3 500, 0.1 ETH a leg, long
// liquidation 2 500, short 4 500 (28.6 % away), net spread +87.6 % APY, entered earning.
import { describe, expect, it } from 'vitest';
import type { LivePosition } from '../../../../src-core/strategy/exits/types';
import { aged, evaluate, hourly, rates, row, snapshot } from './fixtures';

const pos = (size: string, markPrice: number, liquidationPrice: number | null): LivePosition => ({ size, markPrice, liquidationPrice });
const LONG = pos('0.1', 3_500, 2_500);
const SHORT = pos('-0.1', 3_500, 4_500);
const FAR = 1_000 / 3_500; // 0.2857…

describe('broken-hedge', () => {
  it('fires as an emergency with the risk board\'s detail, before every other rule', () => {
    expect(row('broken-hedge')).toEqual({ rule: 'broken-hedge', effect: 'emergency', fired: false, observed: null, threshold: null, unit: '', why: 'both legs held as the ledger says' });
    const ev = evaluate({ hedge: { broken: true, detail: 'extended leg missing on 2 reads' }, positions: { long: pos('0.1', 3_500, 3_400), short: null } });
    expect(ev.rules[0]).toEqual({ rule: 'broken-hedge', effect: 'emergency', fired: true, observed: null, threshold: null, unit: '', why: 'extended leg missing on 2 reads' });
    // Liquidation fires too (long 2.9 % away), but the broken hedge comes first.
    expect(ev.rules[1]!.fired).toBe(true);
    expect(ev.decision).toEqual({ urgency: 'emergency', rule: 'broken-hedge', why: 'extended leg missing on 2 reads' });
  });
});

describe('liquidation-distance (min 10 % of the mark, each venue\'s own liquidation price)', () => {
  const rowWith = (long: LivePosition | null, short: LivePosition | null, e = {}) => row('liquidation-distance', { positions: { long, short } }, e);
  const base = { rule: 'liquidation-distance', effect: 'emergency', threshold: 0.1, unit: 'fraction' } as const;

  it.each([
    // case, long, short, fired, observed, why
    ['both far: (3500 − 2500)/3500 = 28.6 %', LONG, SHORT, false, FAR, 'both legs are far enough from liquidation'],
    ['long 3200: (3500 − 3200)/3500 = 8.6 %', pos('0.1', 3_500, 3_200), SHORT, true, 300 / 3_500, 'a leg is closer to its venue liquidation price than the minimum distance'],
    ['short 3800: (3800 − 3500)/3500 = 8.6 %', LONG, pos('-0.1', 3_500, 3_800), true, 300 / 3_500, 'a leg is closer to its venue liquidation price than the minimum distance'],
    ['exactly 10 %: (3500 − 3150)/3500 is not below', pos('0.1', 3_500, 3_150), SHORT, false, 0.1, 'both legs are far enough from liquidation'],
    ['past liquidation: negative distance', pos('0.1', 3_500, 3_600), SHORT, true, -100 / 3_500, 'a leg is closer to its venue liquidation price than the minimum distance'],
    ['the nearer leg is the value: 20 % and 15 %', pos('0.1', 1_000, 800), pos('-0.1', 1_000, 1_150), false, 150 / 1_000, 'both legs are far enough from liquidation'],
    ['the side is the venue size\'s: a "long" leg that is short, liq 3200 below the mark', pos('-0.1', 3_500, 3_200), SHORT, true, -300 / 3_500, 'a leg is closer to its venue liquidation price than the minimum distance'],
    ['no long liquidation price (Lighter 0)', pos('0.1', 3_500, null), SHORT, false, FAR, 'no liquidation price known on the long leg; the short leg is far enough'],
    ['no short liquidation price', LONG, pos('-0.1', 3_500, null), false, FAR, 'no liquidation price known on the short leg; the long leg is far enough'],
    ['unknown long, near short: still fires on the known leg', null, pos('-0.1', 3_500, 3_600), true, 100 / 3_500, 'a leg is closer to its venue liquidation price than the minimum distance'],
    ['both unread', null, null, false, null, 'no liquidation price known on either leg'],
    ['flat legs have no distance', pos('0', 3_500, 3_400), pos('0.000', 3_500, 3_600), false, null, 'no liquidation price known on either leg'],
    ['a zero mark is not a price', pos('0.1', 0, 3_400), SHORT, false, FAR, 'no liquidation price known on the long leg; the short leg is far enough'],
    ['a non-finite liquidation price is unknown', LONG, pos('-0.1', 3_500, Number.NaN), false, FAR, 'no liquidation price known on the short leg; the long leg is far enough'],
  ] as const)('%s', (_case, long, short, fired, observed, why) => {
    const r = rowWith(long, short);
    expect(r).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('disabled: shown, never fired', () => {
    expect(rowWith(pos('0.1', 3_500, 3_200), SHORT, { liquidationDistanceEnabled: false })).toEqual({ ...base, fired: false, observed: expect.closeTo(300 / 3_500, 12), why: 'disabled' });
  });

  it('the unit is a fraction: 0.10 is 10 %, not 0.10 % (upstream read its YAML 15.0 as a fraction)', () => {
    expect(rowWith(pos('0.1', 3_500, 3_200), SHORT, { liquidationMinDistanceFraction: 0.09 }).fired).toBe(true);
    expect(rowWith(pos('0.1', 3_500, 3_200), SHORT, { liquidationMinDistanceFraction: 0.085 }).fired).toBe(false);
  });
});

describe('delta-bound (3 % of a leg, in base quantity)', () => {
  const rowWith = (longSize: string, shortSize: string, e = {}) => row('delta-bound', { positions: { long: pos(longSize, 3_500, 2_500), short: pos(shortSize, 3_500, 4_500) } }, e);
  const base = { rule: 'delta-bound', effect: 'emergency', threshold: 0.03, unit: 'fraction' } as const;

  it.each([
    ['balanced', '0.1', '-0.1', false, 0, 'the legs offset within the delta bound'],
    ['0.1 vs −0.096: |0.004| / 0.1 = 4 %', '0.1', '-0.096', true, 0.04, "the legs' net quantity exceeds the delta bound"],
    ['0.103 vs −0.1: 0.003 / 0.103 = 2.9 % (of the larger leg)', '0.103', '-0.1', false, 0.003 / 0.103, 'the legs offset within the delta bound'],
    // Upstream (§13 B27): |0.0035 × 3500| / (350 + 337.75) = 1.8 % < 3 %: it would hold at 3.5 % of a leg.
    ['B27: 3.5 % of a leg is over the bound', '0.1', '-0.0965', true, 0.035, "the legs' net quantity exceeds the delta bound"],
    ['both legs long: 0.2 / 0.1', '0.1', '0.1', true, 2, "the legs' net quantity exceeds the delta bound"],
    ['a flat leg is the broken-hedge rule\'s', '0.1', '0', false, null, "a leg is unread or flat: delta unknown (a missing leg is the broken-hedge rule's)"],
  ] as const)('%s', (_case, l, s, fired, observed, why) => {
    expect(rowWith(l, s)).toEqual({ ...base, fired, observed: observed === null ? null : expect.closeTo(observed, 12), why });
  });

  it('the basis is not delta: equal sizes at marks 3 500 and 3 600 offset exactly', () => {
    const r = row('delta-bound', { positions: { long: pos('0.1', 3_500, 2_500), short: pos('-0.1', 3_600, 4_500) } });
    expect(r.observed).toBe(0);
    expect(r.fired).toBe(false);
  });

  it('an unread leg: unknown, never fired', () => {
    expect(row('delta-bound', { positions: { long: LONG, short: null } })).toEqual({ ...base, fired: false, observed: null, why: "a leg is unread or flat: delta unknown (a missing leg is the broken-hedge rule's)" });
    expect(row('delta-bound', { positions: { long: null, short: SHORT } }).observed).toBeNull();
  });

  it('disabled: shown, never fired, no rebalance advice', () => {
    expect(rowWith('0.1', '-0.096', { deltaBoundEnabled: false })).toEqual({ ...base, fired: false, observed: expect.closeTo(0.04, 12), why: 'disabled' });
    const ev = evaluate({ positions: { long: pos('0.1', 3_500, 2_500), short: pos('-0.098', 3_500, 4_500) } }, { deltaBoundEnabled: false });
    expect(ev.rebalanceAdvised).toBe(false);
  });

  it('rebalance is advised inside [1 %, 3 %], both ends included (dyadic sizes: exact fractions)', () => {
    const advised = (l: string, s: string, e = {}) => evaluate({ positions: { long: pos(l, 3_500, 2_500), short: pos(s, 3_500, 4_500) } }, e);
    // 0.5 vs −0.484375: 0.015625 / 0.5 = 0.03125.
    expect(advised('0.5', '-0.484375', { deltaBoundMaxFraction: 0.03125 }).rebalanceAdvised).toBe(true);
    expect(advised('0.5', '-0.484375', { deltaBoundMaxFraction: 0.03125 }).rules[2]!.fired).toBe(false);
    expect(advised('0.5', '-0.484375', { deltaBoundMaxFraction: 0.04, rebalanceMinDeltaFraction: 0.03125 }).rebalanceAdvised).toBe(true);
    expect(advised('0.5', '-0.484375', { deltaBoundMaxFraction: 0.04, rebalanceMinDeltaFraction: 0.0313 }).rebalanceAdvised).toBe(false);
    // Above the bound it is an emergency, not a rebalance.
    expect(advised('0.5', '-0.484375', { deltaBoundMaxFraction: 0.03 }).rebalanceAdvised).toBe(false);
    expect(advised('0.1', '-0.1').rebalanceAdvised).toBe(false);
    expect(evaluate({ positions: { long: LONG, short: null } }).rebalanceAdvised).toBe(false);
  });
});

describe('catastrophic-flip (below −200 % APY, pair entered earning)', () => {
  const base = { rule: 'catastrophic-flip', effect: 'emergency', threshold: -2, unit: 'apy' } as const;

  it.each([
    ['base pair +87.6 %', rates(0.0001), 0.0001, false, 0.876, 'spread above the catastrophic level'],
    // The sign is kept (§13 B20): long venue pays 0.0003/h, short receives 0.00001/h ⇒ −0.00029/h = −254 % APY.
    ['flipped: long 0.0003, short 0.00001 ⇒ −254 %', { longHourlyRate: 0.0003, shortHourlyRate: 0.00001 }, 0.0001, true, -0.00029 * 8_760, 'the spread flipped far against the pair'],
    ['exactly −200 % is not below', rates(hourly(-2)), 0.0001, false, -2, 'spread above the catastrophic level'],
    ['−250 % on a pair not entered earning', rates(hourly(-2.5)), 0, false, -2.5, 'pair was not entered earning: not a flip'],
  ] as const)('%s', (_case, r, entry, fired, observed, why) => {
    expect(row('catastrophic-flip', { rates: r, entryNetHourlyRate: entry })).toEqual({ ...base, fired, observed: expect.closeTo(observed, 12), why });
  });

  it('unknown spread now (no rates, history not current): not fired', () => {
    const r = row('catastrophic-flip', { rates: { longHourlyRate: null, shortHourlyRate: 0.0001 }, seriesLastHourMs: snapshot().nowMs - 3 * 3_600_000 });
    expect(r).toEqual({ ...base, fired: false, observed: null, why: 'spread now unknown' });
  });

  it('wins during the minimum hold, as an emergency', () => {
    const ev = evaluate({ ...aged(1), rates: rates(hourly(-2.5)) });
    expect(ev.decision).toEqual({ urgency: 'emergency', rule: 'catastrophic-flip', why: 'the spread flipped far against the pair' });
  });
});

describe('delta with a flat long leg', () => {
  it('is the broken-hedge rule\'s, not 100 % delta', () => {
    expect(row('delta-bound', { positions: { long: pos('0', 3_500, 2_500), short: SHORT } })).toMatchObject({ fired: false, observed: null });
  });
});
