// Funding attribution with worked numbers: a long on Lighter and a short on Extended, two
// settlements each; the entry rates, the venues' predictions and the settled payments give the
// rows and the pair's realized-to-promised carry exactly as computed by hand below.
import { describe, expect, it } from 'vitest';
import { expectedFundingUsd, fundingAttribution, type FundingPairInfo } from '../../../src-core/ledger/funding-report';
import type { LedgerFundingPayment } from '../../../src-core/ledger/types';
import type { PredictedFundingRow } from '../../../src-core/store/predicted-funding-repo';

const H = 3_600_000;
const T1 = 1_700_000_000_000 - (1_700_000_000_000 % H);
const T2 = T1 + H;

const pair: FundingPairInfo = { longVenue: 'lighter', shortVenue: 'extended', entryLongHourlyRate: -0.00001, entryShortHourlyRate: 0.00004 };

function pay(venue: 'lighter' | 'extended', settlementTimeMs: number, cashUsd: string, hourlyRate: number | null): LedgerFundingPayment {
  return { venue, symbol: 'ETH', venuePaymentId: `${venue}-${settlementTimeMs}`, settlementTimeMs, cashUsd, hourlyRate, positionSide: venue === 'lighter' ? 'long' : 'short', positionSize: '2', markPrice: 2500 };
}

const pred = (venue: 'lighter' | 'extended', settlementTimeMs: number, first: number, last: number): PredictedFundingRow => ({
  venue, symbol: 'ETH', settlementTimeMs, firstHourlyRate: first, firstAtMs: settlementTimeMs - H, lastHourlyRate: last, lastAtMs: settlementTimeMs - 60_000,
});

describe('funding attribution', () => {
  it('expected cash: a long pays a positive rate, a short receives it (size × mark × rate)', () => {
    // 2 × 2500 = 5000 USD notional; 0.00004 × 5000 = 0.2 USD.
    expect(expectedFundingUsd('short', '2', 2500, 0.00004)).toBeCloseTo(0.2, 12);
    expect(expectedFundingUsd('long', '2', 2500, 0.00004)).toBeCloseTo(-0.2, 12);
    // A negative rate pays the long: −(−0.00001) × 5000 = +0.05.
    expect(expectedFundingUsd('long', '2', 2500, -0.00001)).toBeCloseTo(0.05, 12);
    expect(expectedFundingUsd('long', '2', null, 0.0001)).toBeNull();
    expect(expectedFundingUsd('long', '2', 2500, null)).toBeNull();
  });

  it('rows per settlement and venue, in time order; realized vs promised carry', () => {
    const payments = [
      // Settlement 2 first in the input: the report sorts.
      pay('extended', T2, '0.1', 0.00002),
      pay('lighter', T1, '0.05', -0.00001),
      pay('extended', T1, '0.15', 0.00003),
      pay('lighter', T2, '-0.025', 0.000005),
    ];
    const predicted = [pred('extended', T1, 0.000035, 0.00003), pred('lighter', T1, -0.000012, -0.00001), pred('extended', T2, 0.000025, 0.00002)];
    const a = fundingAttribution(pair, payments, predicted);
    expect(a.rows.map((r) => [r.settlementTimeMs, r.venue])).toEqual([
      [T1, 'extended'],
      [T1, 'lighter'],
      [T2, 'extended'],
      [T2, 'lighter'],
    ]);
    const [e1, l1, e2, l2] = a.rows;
    // Extended short at T1: entry 0.00004 → expected +0.2; paid 0.15 → difference −0.05.
    expect(e1).toMatchObject({ entryHourlyRate: 0.00004, hourBeforeHourlyRate: 0.000035, lastPredictedHourlyRate: 0.00003, settledHourlyRate: 0.00003, paymentUsd: '0.15' });
    expect(e1!.expectedAtEntryUsd).toBeCloseTo(0.2, 12);
    expect(e1!.expectedHourBeforeUsd).toBeCloseTo(0.175, 12);
    expect(e1!.differenceVsEntryUsd).toBeCloseTo(-0.05, 12);
    // Lighter long at T1: entry −0.00001 → expected +0.05; paid 0.05 → difference 0.
    expect(l1!.expectedAtEntryUsd).toBeCloseTo(0.05, 12);
    expect(l1!.differenceVsEntryUsd).toBeCloseTo(0, 12);
    // No prediction recorded for Lighter at T2: those columns are null, the rest is there.
    expect(l2).toMatchObject({ hourBeforeHourlyRate: null, lastPredictedHourlyRate: null, expectedHourBeforeUsd: null, paymentUsd: '-0.025' });
    expect(e2!.hourBeforeHourlyRate).toBe(0.000025);
    // Realized: 0.15 + 0.05 + 0.1 − 0.025 = 0.275 (exact). Promised: 2 × (0.2 + 0.05) = 0.5.
    expect(a.realizedCarryUsd).toBe('0.275');
    expect(a.promisedCarryUsd).toBeCloseTo(0.5, 12);
    expect(a.realizedToPromisedRatio).toBeCloseTo(0.55, 12);
  });

  it('no entry rate (a pair opened by hand without a screener row): promised and ratio are null, payments still sum exactly', () => {
    const a = fundingAttribution({ ...pair, entryShortHourlyRate: null }, [pay('extended', T1, '0.1', 0.00002), pay('lighter', T1, '0.2', null)], []);
    expect(a.rows[0]!.expectedAtEntryUsd).toBeNull();
    expect(a.rows[0]!.differenceVsEntryUsd).toBeNull();
    expect(a.promisedCarryUsd).toBeNull();
    expect(a.realizedToPromisedRatio).toBeNull();
    expect(a.realizedCarryUsd).toBe('0.3');
  });

  it('no payments yet: no rows, realized 0, nothing promised', () => {
    expect(fundingAttribution(pair, [], [])).toEqual({ rows: [], realizedCarryUsd: '0', promisedCarryUsd: null, realizedToPromisedRatio: null });
  });

  it('a payment on a venue that is neither leg has no entry rate', () => {
    const a = fundingAttribution({ ...pair, longVenue: 'extended', shortVenue: 'extended' }, [pay('lighter', T1, '0.1', 0.00001)], []);
    expect(a.rows[0]!.entryHourlyRate).toBeNull();
  });

  it('promised carry of zero gives no ratio (never a division by zero)', () => {
    const a = fundingAttribution({ ...pair, entryShortHourlyRate: 0 }, [pay('extended', T1, '0.1', 0)], []);
    expect(a.promisedCarryUsd).toBe(0);
    expect(a.realizedToPromisedRatio).toBeNull();
  });
});
