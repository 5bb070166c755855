// Every gate at its threshold and one unit either side, on the exact scenario (fixtures.ts), so
// "at the threshold" really is equal in floating point. "One unit" is one ulp for float
// thresholds, 1 ms for ages and times, one pair or one level for counts. The verdicts are the
// ones evaluate.ts documents: minimums pass at equality (fail on <), maximums pass at equality
// (fail on >), max-open-pairs fails at equality (>=).
import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src-core/market/types';
import type { ScreenerParams } from '../../../src-core/config/screener-params';
import { evaluateDirection, type DirectionReport } from '../../../src-core/strategy/evaluate';
import type { GateName, GateResult } from '../../../src-core/strategy/gates';
import { account, exactSettings, exactSymbol, nextDown, nextUp, noHistory, NOW } from './fixtures';

type Sym = ReturnType<typeof exactSymbol>;
const gate = (r: DirectionReport, name: GateName): GateResult => r.gates.find((g) => g.gate === name)!;
const run = (o: { s?: Sym; st?: Partial<ScreenerParams>; acc?: AccountView } = {}) =>
  evaluateDirection(o.s ?? exactSymbol(), 'lighter', exactSettings(o.st), o.acc ?? account, noHistory, NOW);
const passes = (name: GateName, o: Parameters<typeof run>[0]) => gate(run(o), name).passed;

describe('gate boundaries', () => {
  it('stale-book: an age of exactly staleBookMs is still fresh (fails on >)', () => {
    const aged = (ms: number) => ({ s: exactSymbol({ lighter: { bookVenueTimeMs: NOW - ms } }) });
    expect(passes('stale-book', aged(59_999))).toBe(true);
    expect(passes('stale-book', aged(60_000))).toBe(true);
    expect(passes('stale-book', aged(60_001))).toBe(false);
    expect(gate(run(aged(60_001)), 'stale-book')).toEqual({
      gate: 'stale-book', passed: false, reason: 'lighter: book older than the limit', observed: 60_001, threshold: 60_000, unit: 'ms',
    });
  });

  it('stale-book: a book the venue layer flagged fails at any age, with each venue\'s reason', () => {
    const s = exactSymbol({ lighter: { bookFresh: false, bookStaleReason: 'nonce gap' }, extended: { bookVenueTimeMs: NOW - 70_000 } });
    expect(gate(run({ s }), 'stale-book')).toMatchObject({ passed: false, reason: 'lighter: nonce gap; extended: book older than the limit', observed: 70_000 });
  });

  it('one-sided-book: one level is enough, none fails', () => {
    expect(passes('one-sided-book', { s: exactSymbol({ lighter: { asks: [] } }) })).toBe(false);
    expect(passes('one-sided-book', {})).toBe(true);
    const two = exactSymbol({ lighter: { asks: [{ price: 128, size: 8 }, { price: 129, size: 8 }] }, extended: { bids: [{ price: 127, size: 8 }, { price: 126, size: 8 }] } });
    // Observed is the shallower side: min(2 asks, 2 bids); a 3-level ask side still shows 2.
    expect(gate(run({ s: two }), 'one-sided-book')).toMatchObject({ passed: true, observed: 2 });
    const uneven = exactSymbol({ lighter: { asks: [{ price: 128, size: 8 }, { price: 129, size: 8 }, { price: 130, size: 8 }] }, extended: { bids: [{ price: 127, size: 8 }, { price: 126, size: 8 }] } });
    expect(gate(run({ s: uneven }), 'one-sided-book').observed).toBe(2);
    expect(gate(run({ s: exactSymbol({ lighter: { asks: [] }, extended: { bids: [] } }) }), 'one-sided-book')).toEqual({
      gate: 'one-sided-book', passed: false, reason: 'lighter has no asks; extended has no bids', observed: 0, threshold: 1, unit: 'levels',
    });
  });

  it('min-apy: a net APY exactly at minApy passes (fails on <)', () => {
    const apy = 8.5546875;
    expect(passes('min-apy', { st: { minApy: nextDown(apy) } })).toBe(true);
    expect(passes('min-apy', { st: { minApy: apy } })).toBe(true);
    expect(passes('min-apy', { st: { minApy: nextUp(apy) } })).toBe(false);
    expect(gate(run({ st: { minApy: 10 } }), 'min-apy')).toEqual({
      gate: 'min-apy', passed: false, reason: 'net APY 855.5 % is below 1000.0 %', observed: apy, threshold: 10, unit: 'apy',
    });
  });

  it('depth: capacity exactly the notional passes (fails on <)', () => {
    // Capacity is $1016 whatever the notional; no L1 multiple so only capacity binds.
    const at = (n: number) => ({ st: { notionalUsd: n, minL1NotionalMultiple: 0 } });
    expect(passes('depth', at(nextDown(1016)))).toBe(true);
    expect(passes('depth', at(1016))).toBe(true);
    expect(passes('depth', at(nextUp(1016)))).toBe(false);
    expect(gate(run(at(1100)), 'depth')).toEqual({
      gate: 'depth', passed: false, reason: 'only $1016 fits 15 bps of slippage', observed: 1016, threshold: 1100, unit: 'usd',
    });
  });

  it('depth: top of book exactly the L1 minimum passes (fails on <)', () => {
    const at = (usd: number) => ({ st: { minL1NotionalUsd: usd, minL1NotionalMultiple: 0 } });
    expect(passes('depth', at(nextDown(1016)))).toBe(true);
    expect(passes('depth', at(1016))).toBe(true);
    expect(passes('depth', at(nextUp(1016)))).toBe(false);
    expect(gate(run(at(1200)), 'depth')).toEqual({
      gate: 'depth', passed: false, reason: 'top-of-book $1016 is below $1200', observed: 1016, threshold: 1200, unit: 'usd',
    });
  });

  it('depth: with capacity exactly the notional, a thin top of book is the reason given', () => {
    const r = run({ st: { notionalUsd: 1016, minL1NotionalUsd: 1200, minL1NotionalMultiple: 0 } });
    expect(gate(r, 'depth')).toMatchObject({ passed: false, reason: 'top-of-book $1016 is below $1200', observed: 1016, threshold: 1200 });
  });

  it('depth: observed is the smaller of capacity and top of book', () => {
    // Two levels a side within 15 bps: capacity min(1024 + 1024.8, 1016 + 1015.2) = $2031.2, but
    // the top of book is only min(128 × 8, 127 × 8) = $1016.
    const s = exactSymbol({
      lighter: { asks: [{ price: 128, size: 8 }, { price: 128.1, size: 8 }] },
      extended: { bids: [{ price: 127, size: 8 }, { price: 126.9, size: 8 }] },
    });
    const r = run({ s });
    expect(r.capacityUsd).toBeCloseTo(2031.2, 9);
    expect(gate(r, 'depth')).toMatchObject({ passed: true, observed: 1016, threshold: 500 });
    expect(gate(run({ s, st: { minL1NotionalUsd: 1100 } }), 'depth')).toMatchObject({ passed: false, observed: 1016, threshold: 1100 });
  });

  it('depth: the L1 need is the larger of the floor and notional × multiple', () => {
    // 256 × 3.96875 = 1016 exactly.
    const at = (multiple: number) => ({ st: { minL1NotionalUsd: 0, minL1NotionalMultiple: multiple } });
    expect(passes('depth', at(3.96875))).toBe(true);
    expect(passes('depth', at(nextUp(3.96875)))).toBe(false);
    expect(gate(run(at(4)), 'depth').threshold).toBe(1024); // 256 × 4
    // The floor wins when it is larger: max(700, 256 × 1.2 = 307.2) = 700.
    expect(gate(run({ st: { minL1NotionalUsd: 700 } }), 'depth').threshold).toBe(700);
  });

  it('max-spread: an entry spread exactly at the max passes (fails on >)', () => {
    const at = (f: number) => ({ st: { maxSpreadFraction: f, maxSpreadCapFraction: f } });
    const spread = 2 ** -7;
    expect(passes('max-spread', at(nextUp(spread)))).toBe(true);
    expect(passes('max-spread', at(spread))).toBe(true);
    expect(passes('max-spread', at(nextDown(spread)))).toBe(false);
    expect(gate(run(at(0.005)), 'max-spread')).toEqual({
      gate: 'max-spread', passed: false, reason: 'entry spread 0.781 % exceeds 0.500 %', observed: spread, threshold: 0.005, unit: 'fraction',
    });
  });

  it('expected-value: EV exactly at the minimum passes (fails on <)', () => {
    const ev = 7.8515625;
    expect(passes('expected-value', { st: { minExpectedValueUsd: nextDown(ev) } })).toBe(true);
    expect(passes('expected-value', { st: { minExpectedValueUsd: ev } })).toBe(true);
    expect(passes('expected-value', { st: { minExpectedValueUsd: nextUp(ev) } })).toBe(false);
    expect(gate(run({ st: { minExpectedValueUsd: 10 } }), 'expected-value')).toEqual({
      gate: 'expected-value', passed: false, reason: 'expected value $7.85 over 48 h is below $10.00', observed: ev, threshold: 10, unit: 'usd',
    });
  });

  it('breakeven: break-even exactly at the maximum passes (fails on >)', () => {
    const h = 16.59375;
    expect(passes('breakeven', { st: { maxBreakevenHours: nextUp(h) } })).toBe(true);
    expect(passes('breakeven', { st: { maxBreakevenHours: h } })).toBe(true);
    expect(passes('breakeven', { st: { maxBreakevenHours: nextDown(h) } })).toBe(false);
    expect(gate(run({ st: { maxBreakevenHours: 10 } }), 'breakeven')).toEqual({
      gate: 'breakeven', passed: false, reason: 'break-even 16.6 h exceeds 10 h', observed: h, threshold: 10, unit: 'hours',
    });
  });

  it('breakeven: no positive carry never breaks even, reported as null', () => {
    const s = exactSymbol({ extended: { predictedHourlyRate: 0 } });
    expect(gate(run({ s }), 'breakeven')).toEqual({
      gate: 'breakeven', passed: false, reason: 'break-even never exceeds 24 h', observed: null, threshold: 24, unit: 'hours',
    });
  });

  it('ev-to-spread: EV exactly ratio × spread cost passes (fails on <)', () => {
    // Spread cost $2; 2 × 3.92578125 = 7.8515625 = EV.
    const r = 3.92578125;
    expect(passes('ev-to-spread', { st: { minEvToSpreadRatio: nextDown(r) } })).toBe(true);
    expect(passes('ev-to-spread', { st: { minEvToSpreadRatio: r } })).toBe(true);
    expect(passes('ev-to-spread', { st: { minEvToSpreadRatio: nextUp(r) } })).toBe(false);
    expect(gate(run({ st: { minEvToSpreadRatio: 5 } }), 'ev-to-spread')).toEqual({
      gate: 'ev-to-spread', passed: false, reason: 'expected value $7.85 is under 5× the spread cost $2.00', observed: 7.8515625, threshold: 10, unit: 'usd',
    });
  });

  it('cooldown: exactly cooldownMinutes after a close passes (fails on <)', () => {
    const closed = (agoMs: number): AccountView => ({ ...account, lastCloseMs: new Map([['ETH', NOW - agoMs]]) });
    expect(passes('cooldown', { acc: closed(3_600_001) })).toBe(true);
    expect(passes('cooldown', { acc: closed(3_600_000) })).toBe(true);
    expect(passes('cooldown', { acc: closed(3_599_999) })).toBe(false);
    expect(gate(run({ acc: closed(600_000) }), 'cooldown')).toEqual({
      gate: 'cooldown', passed: false, reason: 'closed 10 min ago', observed: 10, threshold: 60, unit: 'minutes',
    });
    // Another symbol's close does not cool this one.
    expect(passes('cooldown', { acc: { ...account, lastCloseMs: new Map([['BTC', NOW]]) } })).toBe(true);
  });

  it('max-open-pairs: reaching the maximum blocks a new symbol (fails on >=)', () => {
    const open = (n: number, symbols: string[] = ['BTC']): AccountView => ({ ...account, openPairs: n, openSymbols: new Set(symbols) });
    expect(passes('max-open-pairs', { acc: open(0, []) })).toBe(true);
    expect(passes('max-open-pairs', { acc: open(1) })).toBe(false);
    expect(passes('max-open-pairs', { acc: open(2) })).toBe(false);
    expect(passes('max-open-pairs', { acc: open(2), st: { maxOpenPairs: 3 } })).toBe(true);
    // A symbol already open is not a new pair.
    expect(passes('max-open-pairs', { acc: open(1, ['ETH']) })).toBe(true);
    expect(gate(run({ acc: open(1) }), 'max-open-pairs')).toEqual({
      gate: 'max-open-pairs', passed: false, reason: '1 of 1 pairs open', observed: 1, threshold: 1, unit: 'pairs',
    });
  });

  it('margin: usable margin exactly what a leg needs passes (fails on <)', () => {
    // Need 256 / 4 = $64. With no free-margin reserve the available margin is usable as is.
    const avail = (lighter: number | null, fraction = 0) => ({ acc: { ...account, availableUsd: { lighter, extended: 10_000 } }, st: { minFreeMarginFraction: fraction } });
    expect(passes('margin', avail(nextUp(64)))).toBe(true);
    expect(passes('margin', avail(64))).toBe(true);
    expect(passes('margin', avail(nextDown(64)))).toBe(false);
    // Keeping half free: $128 × (1 − 0.5) = $64 just passes, a hair less does not.
    expect(passes('margin', avail(128, 0.5))).toBe(true);
    expect(passes('margin', avail(nextDown(128), 0.5))).toBe(false);
    expect(gate(run(avail(20, 0.05)), 'margin')).toEqual({
      gate: 'margin', passed: false, reason: 'available margin $19.00 is below the $64.00 a leg needs', observed: 19, threshold: 64, unit: 'usd',
    });
    expect(gate(run(avail(null)), 'margin')).toEqual({
      gate: 'margin', passed: false, reason: 'available margin unknown on a venue', observed: null, threshold: 64, unit: 'usd',
    });
  });

  it('margin: the short venue counts too', () => {
    const acc = { ...account, availableUsd: { lighter: 10_000, extended: 63 } };
    expect(gate(run({ acc, st: { minFreeMarginFraction: 0 } }), 'margin')).toMatchObject({ passed: false, observed: 63 });
  });

  it('market-data: missing funding and books are counted and named', () => {
    const s = exactSymbol({ extended: { predictedHourlyRate: null, settledHourlyRate: null }, lighter: { asks: [], bids: [] } });
    expect(gate(run({ s }), 'market-data')).toEqual({
      gate: 'market-data', passed: false, reason: 'missing extended funding, lighter book', observed: 2, threshold: 0, unit: 'items',
    });
    expect(gate(run({ s: exactSymbol({ extended: { asks: [], bids: [] } }) }), 'market-data').reason).toBe('missing extended book');
    // One empty side is a one-sided book, not missing data.
    expect(gate(run({ s: exactSymbol({ lighter: { bids: [] } }) }), 'market-data').passed).toBe(true);
    expect(gate(run({ s: exactSymbol({ extended: { asks: [] } }) }), 'market-data').passed).toBe(true);
    expect(gate(run({ s: exactSymbol({ lighter: { asks: [] } }) }), 'market-data').passed).toBe(true);
    expect(gate(run({ s: exactSymbol({ extended: { bids: [] } }) }), 'market-data').passed).toBe(true);
  });

  it('blacklist and tradfi: exact symbol for the blacklist, substring or USD suffix for TradFi', () => {
    expect(gate(run({ st: { blacklist: ['ETH'] } }), 'blacklist')).toEqual({ gate: 'blacklist', passed: false, reason: 'symbol is blacklisted', observed: 'ETH', threshold: null, unit: '' });
    expect(gate(run({ st: { blacklist: ['ETHFI'] } }), 'blacklist').passed).toBe(true);
    expect(gate(run({ s: exactSymbol({ symbol: 'EURUSD' }) }), 'tradfi')).toEqual({ gate: 'tradfi', passed: false, reason: 'TradFi/FX market excluded', observed: 'EURUSD', threshold: null, unit: '' });
  });

  it('a single failing gate fails the direction and becomes the rejection', () => {
    const r = run({ st: { maxBreakevenHours: 10 } });
    expect(r.passed).toBe(false);
    expect(r.rejection?.gate).toBe('breakeven');
  });
});
