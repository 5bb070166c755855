// checkEntry: a new pair passes the gate as an 'open' order, then the limits from
// settings.trading, each on both sides of its boundary, with exact decimal sums.
import { describe, expect, it } from 'vitest';
import { checkEntry, type EntryBook, type EntryLimits, type EntryRequest, type GateState, type PairExposure } from '../../../src-core/risk/trading-gate';
import { RiskInputError } from '../../../src-core/risk/risk-error';
import { tradingDefaults } from '../../../src-core/config/trading';
import type { PairState } from '../../../src-core/domain/enums';

const open: GateState = { tradingState: 'ACTIVE', reconciled: true, conditions: [] };
const limits: EntryLimits = { maxOpenPairs: 3, maxNotionalPerVenueUsd: 1_000, maxNotionalPerSymbolUsd: 600, cooldownMinutes: 60 };
const T = 1_700_000_000_000;
const req = (over: Partial<EntryRequest> = {}): EntryRequest => ({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', legNotionalUsd: '300', atMs: T, ...over });
let seq = 0;
const pair = (symbol: string, legNotionalUsd: string, state: PairState = 'open', over: Partial<PairExposure> = {}): PairExposure => ({
  pairSeq: ++seq, symbol, state, longVenue: 'extended', shortVenue: 'lighter', legNotionalUsd, ...over,
});
const book = (pairs: PairExposure[] = [], closed: [string, number][] = []): EntryBook => ({ pairs, lastClosedAtMs: new Map(closed) });

describe('checkEntry', () => {
  it('allows an entry within every limit', () => {
    expect(checkEntry(open, book([pair('BTC', '300')]), req(), limits)).toEqual({ allowed: true });
  });

  it('is the gate first: REDUCING, HALTED, unreconciled and conditions refuse before any limit', () => {
    expect(checkEntry({ ...open, tradingState: 'REDUCING' }, book(), req(), limits)).toMatchObject({ allowed: false, reason: 'reducing' });
    expect(checkEntry({ ...open, tradingState: 'HALTED' }, book(), req(), limits)).toMatchObject({ allowed: false, reason: 'halted' });
    expect(checkEntry({ ...open, reconciled: false }, book(), req(), limits)).toMatchObject({ allowed: false, reason: 'not-reconciled' });
    const blocked = { ...open, conditions: [{ source: 'venue-down' as const, key: 'k', venue: 'lighter' as const, reason: 'lighter down', sinceMs: 0 }] };
    expect(checkEntry(blocked, book(), req(), limits)).toEqual({ allowed: false, reason: 'blocked', detail: 'open order on lighter ETH refused while lighter down' });
  });

  describe('max open pairs', () => {
    it.each([
      [2, true],
      [3, false],
    ])('with %i live pairs (limit 3): allowed %s', (n, allowed) => {
      const pairs = Array.from({ length: n }, (_, i) => pair(`S${i}`, '1'));
      expect(checkEntry(open, book(pairs), req(), limits).allowed).toBe(allowed);
    });

    it('names the count and the limit', () => {
      expect(checkEntry(open, book([pair('A', '1'), pair('B', '1'), pair('C', '1')]), req(), limits)).toEqual({
        allowed: false, reason: 'max-open-pairs', detail: '3 pairs open or in flight, the limit is 3',
      });
    });

    it('0 enters nothing', () => {
      expect(checkEntry(open, book(), req(), { ...limits, maxOpenPairs: 0 })).toMatchObject({ allowed: false, reason: 'max-open-pairs' });
    });

    it.each([
      ['opening', false],
      ['open', false],
      ['closing', false],
      ['broken', false],
      ['closed', true],
      ['rolled-back', true],
    ] as const)('a %s pair counts as live: %s', (state, allowed) => {
      const pairs = [pair('A', '1'), pair('B', '1'), pair('C', '1', state)];
      expect(checkEntry(open, book(pairs), req(), limits).allowed).toBe(allowed);
    });
  });

  describe('notional per venue', () => {
    // Over two symbols so the symbol limit is not what decides.
    it.each([
      ['349.99', true],
      ['350', true],
      ['350.000001', false],
    ])('other pairs $350 + $%s + $300 against $1000', (other, allowed) => {
      const v = checkEntry(open, book([pair('A', '350'), pair('B', other)]), req(), { ...limits, maxNotionalPerSymbolUsd: 10_000 });
      expect(v.allowed).toBe(allowed);
    });

    it('counts a venue whether the pair is long or short there, and names it', () => {
      const pairs = [pair('A', '400', 'open', { longVenue: 'lighter', shortVenue: 'extended' }), pair('B', '400', 'open', { longVenue: 'extended', shortVenue: 'lighter' })];
      expect(checkEntry(open, book(pairs), req({ legNotionalUsd: '200.5' }), { ...limits, maxNotionalPerSymbolUsd: 10_000 })).toEqual({
        allowed: false, reason: 'venue-notional', detail: 'lighter notional would be $1000.5, the limit is $1000',
      });
    });

    it('sums exactly: $0.1 + $0.2 is at a $0.3 limit, not over it', () => {
      const tiny = { ...limits, maxNotionalPerVenueUsd: 0.3, maxNotionalPerSymbolUsd: 0.3 };
      expect(checkEntry(open, book([pair('ETH', '0.1')]), req({ legNotionalUsd: '0.2' }), tiny)).toEqual({ allowed: true });
      expect(checkEntry(open, book([pair('ETH', '0.1')]), req({ legNotionalUsd: '0.21' }), tiny)).toMatchObject({ allowed: false, reason: 'venue-notional' });
    });

    it('a closed pair holds no notional', () => {
      const pairs = [pair('A', '701', 'closed')];
      expect(checkEntry(open, book(pairs), req(), limits)).toEqual({ allowed: true });
    });
  });

  describe('notional per symbol', () => {
    it.each([
      ['300', true],
      ['300.01', false],
    ])('ETH pairs $%s + $300 against $600', (other, allowed) => {
      const v = checkEntry(open, book([pair('ETH', other), pair('BTC', '300')]), req(), { ...limits, maxNotionalPerVenueUsd: 10_000 });
      expect(v.allowed).toBe(allowed);
      if (!allowed) expect(v).toEqual({ allowed: false, reason: 'symbol-notional', detail: 'ETH notional would be $600.01 per leg, the limit is $600' });
    });
  });

  describe('one entry per symbol at a time', () => {
    it('refuses while a pair in the symbol is entering, naming it', () => {
      const entering = pair('ETH', '1', 'opening');
      expect(checkEntry(open, book([entering]), req(), limits)).toEqual({
        allowed: false, reason: 'symbol-busy', detail: `ETH: pair ${entering.pairSeq} is still entering (no new entry beside it)`,
      });
    });
    it.each([
      ['closing', 'closing'],
      ['broken', 'broken (one leg may be alone)'],
      ['close-failed', 'close-failed (a leg is still open)'],
    ] as const)('refuses beside a %s pair in the symbol (its legs share the venue positions)', (state, text) => {
      const held = pair('ETH', '1', state);
      expect(checkEntry(open, book([held]), req(), limits)).toEqual({ allowed: false, reason: 'symbol-busy', detail: `ETH: pair ${held.pairSeq} is ${text} (no new entry beside it)` });
    });
    it('an entry in another symbol, or an open pair in this one, is no obstacle', () => {
      expect(checkEntry(open, book([pair('BTC', '1', 'opening'), pair('ETH', '1', 'open')]), req(), limits)).toEqual({ allowed: true });
    });
  });

  describe('cooldown after a close', () => {
    const H = 3_600_000;
    it.each([
      [H - 1, false],
      [H, true],
      [H + 1, true],
    ])('closed %i ms ago (cooldown 60 min): allowed %s', (ago, allowed) => {
      expect(checkEntry(open, book([], [['ETH', T - ago]]), req(), limits).allowed).toBe(allowed);
    });
    it('only for the symbol that closed, and says how long ago', () => {
      expect(checkEntry(open, book([], [['BTC', T]]), req(), limits)).toEqual({ allowed: true });
      expect(checkEntry(open, book([], [['ETH', T - 90_000]]), req(), limits)).toEqual({ allowed: false, reason: 'cooldown', detail: 'ETH: closed 90 s ago, cooldown is 60 min' });
    });
    it('0 minutes: no cooldown', () => {
      expect(checkEntry(open, book([], [['ETH', T]]), req(), { ...limits, cooldownMinutes: 0 })).toEqual({ allowed: true });
    });
  });

  it('uses the settings defaults as they are (one $350 pair)', () => {
    expect(checkEntry(open, book(), req({ legNotionalUsd: '350' }), tradingDefaults)).toEqual({ allowed: true });
    expect(checkEntry(open, book([pair('BTC', '350')]), req({ legNotionalUsd: '350' }), tradingDefaults)).toMatchObject({ reason: 'max-open-pairs' });
  });

  describe('bad input is a typed error', () => {
    it.each([
      ['a notional that is not a decimal', req({ legNotionalUsd: '3e2' }), book(), 'bad-notional', 'legNotionalUsd is not an exact decimal: "3e2"'],
      ['a zero notional', req({ legNotionalUsd: '0' }), book(), 'bad-notional', 'legNotionalUsd must be positive, got 0'],
      ['a negative notional', req({ legNotionalUsd: '-1' }), book(), 'bad-notional', 'legNotionalUsd must be positive, got -1'],
      ['a negative open pair', req(), book([{ ...pair('A', '-5'), pairSeq: 7 }]), 'bad-notional', 'pair 7 legNotionalUsd must be zero or more, got -5'],
      ['one venue twice', req({ shortVenue: 'lighter' }), book(), 'bad-pair', 'an entry needs two venues, got lighter twice'],
      ['no symbol', req({ symbol: '' }), book(), 'bad-pair', 'an entry needs a symbol'],
      ['a time that is not finite', req({ atMs: Number.NaN }), book(), 'bad-number', 'entry time is not finite: NaN'],
    ] as const)('%s', (_name, r, b, code, message) => {
      try {
        checkEntry(open, b, r, limits);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(RiskInputError);
        expect((e as RiskInputError).code).toBe(code);
        expect((e as RiskInputError).message).toBe(message);
      }
    });
    it('a zero-notional open pair is accepted (a pair whose legs are gone)', () => {
      expect(checkEntry(open, book([pair('A', '0')]), req(), limits)).toEqual({ allowed: true });
    });
    it('validates even when the gate would refuse', () => {
      expect(() => checkEntry({ ...open, tradingState: 'HALTED' }, book(), req({ legNotionalUsd: 'x' }), limits)).toThrow(RiskInputError);
    });
  });
});
