// Funding payments attributed to the pair whose leg held the position at the settlement, from the
// pair's own fills in a real SQLite ledger.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { FundingAttributor, recordAttributedFunding } from '../../../src-core/ledger/funding-attribution';
import type { LedgerFundingPayment, NewIntent, NewPair } from '../../../src-core/ledger/types';
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

const newPair = (pairSeq: number, over: Partial<NewPair> = {}): NewPair => ({
  pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5',
  entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: H, ...over,
});

type Ledger = ReturnType<typeof setup>['ledger'];

/** An intent on `venue` for the pair and one fill of it at `timeMs`. */
function filled(ledger: Ledger, pair: NewPair, over: Partial<NewIntent> & { timeMs: number; fillId: string }): void {
  const { timeMs, fillId, ...intentOver } = over;
  const venue = intentOver.venue ?? 'lighter';
  const side = intentOver.side ?? (venue === pair.longVenue ? 'buy' : 'sell');
  const rec = ledger.recordIntent(pair, {
    leg: venue === 'lighter' ? 0 : 1, venue, purpose: 'entry', attempt: 0, side, size: '0.5', price: '3000',
    tif: 'ioc', reduceOnly: false, createdAtMs: timeMs, txHash: null, ...intentOver,
  });
  ledger.recordFill({ venue, symbol: pair.symbol, venueFillId: fillId, venueOrderId: fillId, clientOrderId: rec.clientOrderId, side, size: rec.size, price: '3000', feeUsd: '0', isMaker: false, timeMs });
}

const payment = (over: Partial<LedgerFundingPayment> = {}): LedgerFundingPayment => ({
  venue: 'lighter', symbol: 'ETH', venuePaymentId: 'p', settlementTimeMs: 2 * H, cashUsd: '-0.03', hourlyRate: 0.00002,
  positionSide: 'long', positionSize: '0.5', markPrice: 3000, ...over,
});

describe('funding attribution', () => {
  it('belongs to the pair whose leg held the position at the settlement, by its fills', () => {
    const { ledger, attributor } = setup();
    const p = newPair(ledger.allocatePairSeq());
    filled(ledger, p, { timeMs: H + 10, fillId: 'f1' });
    expect(attributor.attribute(payment({ settlementTimeMs: H }))).toEqual({ kind: 'none' }); // before its first fill
    expect(attributor.attribute(payment())).toEqual({ kind: 'pair', pairSeq: p.pairSeq, legSize: '0.5', sizeMatches: true });
    // The other venue's leg has no fill yet: its payment is not this pair's.
    expect(attributor.attribute(payment({ venue: 'extended', positionSide: 'short' }))).toEqual({ kind: 'none' });
    // A payment on another symbol is never this pair's.
    expect(attributor.attribute(payment({ symbol: 'BTC' }))).toEqual({ kind: 'none' });
    // Fully closed by a reducing fill before the next settlement: nothing held.
    filled(ledger, p, { timeMs: 2 * H + 10, fillId: 'f2', purpose: 'exit', side: 'sell', reduceOnly: true });
    expect(attributor.legPositionAt(p.pairSeq, 'lighter', 2 * H + 10)).toBe('0');
    expect(attributor.attribute(payment({ settlementTimeMs: 3 * H }))).toEqual({ kind: 'none' });
    // A fill exactly at the settlement counts as held then.
    expect(attributor.attribute(payment({ settlementTimeMs: 2 * H + 10 }))).toEqual({ kind: 'none' });
    expect(attributor.attribute(payment({ settlementTimeMs: 2 * H + 9 }))).toMatchObject({ kind: 'pair' });
  });

  it('reports a size the venue paid on that differs from the leg, and two pairs holding at once', () => {
    const { ledger, attributor } = setup();
    const a = newPair(ledger.allocatePairSeq());
    filled(ledger, a, { timeMs: H + 10, fillId: 'a1' });
    expect(attributor.attribute(payment({ positionSize: '0.7' }))).toEqual({ kind: 'pair', pairSeq: a.pairSeq, legSize: '0.5', sizeMatches: false });
    const b = newPair(ledger.allocatePairSeq(), { createdAtMs: H + 20 });
    filled(ledger, b, { timeMs: H + 30, fillId: 'b1' });
    expect(attributor.attribute(payment())).toEqual({ kind: 'ambiguous', pairSeqs: [a.pairSeq, b.pairSeq] });
  });

  it('skips a pair closed before the settlement or created after it', () => {
    const { ledger, attributor } = setup();
    const a = newPair(ledger.allocatePairSeq());
    filled(ledger, a, { timeMs: H + 10, fillId: 'a1' });
    ledger.setPairState(a.pairSeq, 'closed', H + 100);
    expect(attributor.attribute(payment())).toEqual({ kind: 'none' });
    const late = newPair(ledger.allocatePairSeq(), { createdAtMs: 2 * H + 1 });
    filled(ledger, late, { timeMs: 2 * H + 2, fillId: 'l1' });
    expect(attributor.attribute(payment())).toEqual({ kind: 'none' });
  });

  it('records once per settlement on the attributed pair; unattributed payments are kept with no pair', () => {
    const { ledger, attributor } = setup();
    const p = newPair(ledger.allocatePairSeq());
    filled(ledger, p, { timeMs: H + 10, fillId: 'f1' });
    expect(recordAttributedFunding(ledger, attributor, payment(), 2 * H + 5)).toEqual({ outcome: { kind: 'recorded' }, attribution: expect.objectContaining({ kind: 'pair', pairSeq: p.pairSeq }) });
    expect(recordAttributedFunding(ledger, attributor, payment(), 2 * H + 6).outcome).toEqual({ kind: 'duplicate', conflicting: false });
    expect(recordAttributedFunding(ledger, attributor, payment({ symbol: 'BTC' }), 2 * H + 7)).toEqual({ outcome: { kind: 'recorded' }, attribution: { kind: 'none' } });
    expect(ledger.fundingOfPair(p.pairSeq).map((f) => f.cashUsd)).toEqual(['-0.03']);
  });
});
