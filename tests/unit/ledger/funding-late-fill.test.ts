// Regression: "the hedge fill recovered after the settlement". A funding payment that reaches the
// ledger before the fill that explains it (the private stream was down at the fill; readback
// recovered it after the settlement was paid) is recorded unattributed. The next read of the same
// payment (the loop re-reads the last hour on every read) must put it on its pair; before, the
// first, unattributed record stayed for good and the pair's funding stayed short of the venue's.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FundingAttributor, recordAttributedFunding } from '../../../src-core/ledger/funding-attribution';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import type { LedgerFundingPayment, NewPair } from '../../../src-core/ledger/types';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { tempDir } from '../../helpers/tmp';

const H = 3_600_000;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  openStore({ dataDir: t.dir, mode: 'sim' }).close();
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return { ledger: new LedgerRepo(db), attributor: new FundingAttributor(db) };
}

const pair = (pairSeq: number): NewPair => ({ pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: H });
const payment: LedgerFundingPayment = { venue: 'extended', symbol: 'ETH', venuePaymentId: 'ETH-USD:7200000', settlementTimeMs: 2 * H, cashUsd: '0.031337', hourlyRate: 0.00002, positionSide: 'short', positionSize: '0.5', markPrice: 3000 };

describe('a funding payment recorded before the fill that explains it', () => {
  it('joins its pair when a later read attributes it; the cash is recorded once', () => {
    const { ledger, attributor } = setup();
    const p = pair(ledger.allocatePairSeq());
    const hedge = ledger.recordIntent(p, { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs: H + 10, txHash: null });
    // The settlement is read first: the hedge's fill is not in the ledger yet.
    expect(recordAttributedFunding(ledger, attributor, payment, 2 * H + 5).attribution).toEqual({ kind: 'none' });
    expect(ledger.fundingOfPair(p.pairSeq)).toEqual([]);
    // Readback recovers the fill (it happened before the settlement), then the loop reads again.
    ledger.recordFill({ venue: 'extended', symbol: 'ETH', venueFillId: 'x1', venueOrderId: 'o1', clientOrderId: hedge.clientOrderId, side: 'sell', size: '0.5', price: '3000', feeUsd: '0', isMaker: false, timeMs: H + 20 });
    const again = recordAttributedFunding(ledger, attributor, payment, 2 * H + 600_000);
    expect(again.outcome).toEqual({ kind: 'duplicate', conflicting: false });
    expect(again.attribution).toMatchObject({ kind: 'pair', pairSeq: p.pairSeq, sizeMatches: true });
    expect(ledger.fundingOfPair(p.pairSeq)).toEqual([payment]);
  });

  it('an attributed payment never moves to another pair', () => {
    const { ledger } = setup();
    const a = ledger.allocatePairSeq();
    const b = ledger.allocatePairSeq();
    ledger.recordIntent(pair(a), { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs: H, txHash: null });
    ledger.recordIntent(pair(b), { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs: H, txHash: null });
    expect(ledger.recordFundingPayment(payment, a, 1)).toEqual({ kind: 'recorded' });
    expect(ledger.recordFundingPayment(payment, b, 2)).toEqual({ kind: 'duplicate', conflicting: false });
    expect(ledger.fundingOfPair(a)).toEqual([payment]);
    expect(ledger.fundingOfPair(b)).toEqual([]);
  });
});
