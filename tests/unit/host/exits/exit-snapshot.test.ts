// The exit snapshot the host builds from memory, with worked numbers. Pair: long 0.5 ETH on
// Lighter at an average 100, short 0.5 on Extended at an average 102.
//   Books: Lighter bids 0.3 @ 101, 0.2 @ 100 (mid 101.5 with ask 102); Extended asks 0.5 @ 103
//   (mid 102.5 with bid 102).
//   Price PnL: long sells 0.3 × 101 + 0.2 × 100 = 50.3 against 50 paid ⇒ +0.3; short buys 0.5 ×
//   103 = 51.5 against 51 received ⇒ −0.5; total −0.2.
//   Exit cost: 0.5 × 101.5 × (0.0002 + (1/101.5)/2) + 0.5 × 102.5 × (0.000225 + (1/102.5)/2)
//   = 50.75 × 0.0002 + 0.25 + 51.25 × 0.000225 + 0.25 = 0.5216813 (rounded).
//   Basis: (102.5 − 101.5) / 101.5.
import { describe, expect, it } from 'vitest';
import type { LegDetail } from '../../../../src-core/ledger/pair-summary';
import type { PairView } from '../../../../src-core/ledger/query-types';
import { EMPTY_SERIES, analyseSpread } from '../../../../src-core/strategy/exits';
import { exitDefaults } from '../../../../src-core/config/exits';
import { buildExitSnapshot, vwapForSize, type ExitSnapshotInputs } from '../../../../src-core/host/trading/exit-snapshot';
import { symbolView } from '../../strategy/fixtures';

const zeroPnl = { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' };

const pair: PairView = {
  pairSeq: 0, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', state: 'open', targetSize: '0.5', legs: [],
  entryLongHourlyRate: -0.00001, entryShortHourlyRate: 0.00004, entryApy: 0.438, createdAtMs: 1_000, openedAtMs: 2_000, closedAtMs: null, closeReason: null,
  pnl: { ...zeroPnl, fundingReceivedUsd: '1.25', fundingPaidUsd: '0.05', feesUsd: '0.031' },
};

function leg(leg: 0 | 1, venue: 'lighter' | 'extended', side: 'long' | 'short', size: string, avg: string | null): LegDetail {
  return { leg, venue, positionSide: side, filledSize: size.replace('-', ''), positionSize: size, costBasisUsd: '0', avgEntryPrice: avg, fillCount: 1, pnl: zeroPnl };
}

const legs = [leg(0, 'lighter', 'long', '0.5', '100'), leg(1, 'extended', 'short', '-0.5', '102')];
const view = symbolView(0.00001, 0.00003, {
  lighter: { bids: [{ price: 101, size: 0.3 }, { price: 100, size: 0.2 }], asks: [{ price: 102, size: 1 }] },
  extended: { bids: [{ price: 102, size: 1 }], asks: [{ price: 103, size: 0.5 }] },
});
const spread = { series: EMPTY_SERIES, analytics: analyseSpread(EMPTY_SERIES, 2_000, exitDefaults) };

function inputs(over: Partial<ExitSnapshotInputs> = {}): ExitSnapshotInputs {
  return {
    pair, legs, view,
    position: (venue) => (venue === 'lighter' ? { size: '0.5', markPrice: 101.5, liquidationPrice: 80 } : { size: '-0.5', markPrice: 102.5, liquidationPrice: 130 }),
    hedge: { broken: false, detail: 'balanced' },
    bestAlternativeApy: 0.3,
    spread,
    nowMs: 10_000,
    ...over,
  };
}

describe('exit snapshot', () => {
  it('takes legs, money and rates from the ledger and the market view', () => {
    const s = buildExitSnapshot(inputs())!;
    expect(s.legs).toEqual({ long: { venue: 'lighter', size: '0.5', notionalUsd: 50 }, short: { venue: 'extended', size: '0.5', notionalUsd: 51 } });
    expect(s.entryTimeMs).toBe(2_000);
    expect(s.nowMs).toBe(10_000);
    expect(s.entryNetHourlyRate).toBeCloseTo(0.00005, 15);
    expect(s.fundingUsd).toBe('1.2');
    expect(s.feesPaidUsd).toBe('0.031');
    expect(s.rates).toEqual({ longHourlyRate: 0.00001, shortHourlyRate: 0.00003 });
    expect(s.positions.long).toEqual({ size: '0.5', markPrice: 101.5, liquidationPrice: 80 });
    expect(s.positions.short?.size).toBe('-0.5');
    expect(s.bestAlternativeApy).toBe(0.3);
    expect(s.hedge.broken).toBe(false);
  });

  it('prices the close by walking the books to size', () => {
    const s = buildExitSnapshot(inputs())!;
    expect(s.pricePnlUsd).toBeCloseTo(-0.2, 9);
    expect(s.exitCostUsd).toBeCloseTo(50.75 * 0.0002 + 0.25 + 51.25 * 0.000225 + 0.25, 9);
    expect(s.basisFraction).toBeCloseTo(1 / 101.5, 12);
  });

  it('has no price PnL on a stale book or one too thin for the leg', () => {
    const stale = symbolView(0, 0, { lighter: { bookFresh: false } });
    expect(buildExitSnapshot(inputs({ view: stale }))!.pricePnlUsd).toBeNull();
    const thin = symbolView(0, 0, { lighter: { bids: [{ price: 101, size: 0.4 }] } });
    expect(buildExitSnapshot(inputs({ view: thin }))!.pricePnlUsd).toBeNull();
  });

  it('does not trust a venue funding rate the adapter refuses', () => {
    const refused = symbolView(0.00001, 0.5, { extended: { fundingRejectedSinceMs: 5_000, fundingRejectedReason: 'implausible' } });
    expect(buildExitSnapshot(inputs({ view: refused }))!.rates).toEqual({ longHourlyRate: 0.00001, shortHourlyRate: null });
  });

  it('cannot judge a pair not opened yet or without a market view', () => {
    expect(buildExitSnapshot(inputs({ pair: { ...pair, openedAtMs: null } }))).toBeNull();
    expect(buildExitSnapshot(inputs({ view: undefined }))).toBeNull();
  });

  it('a leg the ledger lost is size 0 (the delta rules see it)', () => {
    const s = buildExitSnapshot(inputs({ legs: [legs[0]!] }))!;
    expect(s.legs.short).toEqual({ venue: 'extended', size: '0', notionalUsd: 0 });
  });

  it('walks a book by base size', () => {
    const levels = [{ price: 10, size: 1 }, { price: 11, size: 1 }];
    expect(vwapForSize(levels, 1)).toBe(10);
    expect(vwapForSize(levels, 2)).toBe(10.5);
    expect(vwapForSize(levels, 2.5)).toBeNull();
    expect(vwapForSize(levels, 0)).toBe(10);
    expect(vwapForSize([], 0)).toBeNull();
  });
});
