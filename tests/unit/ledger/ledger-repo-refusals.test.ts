// LedgerRepo's refusals, one condition at a time, with what each tells the caller (the code and
// the message that names the field or the record), on a real SQLite file; and what a refusal
// leaves unwritten. The happy paths are ledger-repo.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ATTEMPT_MAX } from '../../../src-core/domain/client-order-id';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import type { LedgerFill, LedgerFundingPayment, NewIntent, NewPair } from '../../../src-core/ledger/types';
import { openDatabase, openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function setup() {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const file = join(t.dir, 'sim.db');
  const db = openLedgerDatabase(file);
  cleanups.push(t.cleanup, () => main.close(), () => db.close());
  return { main, file, db, ledger: new LedgerRepo(db, { walSync: (done) => done(null) }) };
}

const pair = (pairSeq: number, over: Partial<NewPair> = {}): NewPair => ({ pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1, ...over });
const intent = (over: Partial<NewIntent> = {}): NewIntent => ({ leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'post_only', reduceOnly: false, createdAtMs: 1, txHash: null, ...over });
const fill = (clientOrderId: string | null, over: Partial<LedgerFill> = {}): LedgerFill => ({ venue: 'lighter', symbol: 'ETH', venueFillId: 'f1', venueOrderId: 'o1', clientOrderId, side: 'buy', size: '0.1', price: '3000', feeUsd: '0.01', isMaker: true, timeMs: 2, ...over });
const payment = (over: Partial<LedgerFundingPayment> = {}): LedgerFundingPayment => ({ venue: 'extended', symbol: 'ETH', venuePaymentId: 'p', settlementTimeMs: 3_600_000, cashUsd: '0.01', hourlyRate: 0.00001, positionSide: 'short', positionSize: '0.5', markPrice: 3000, ...over });
const err = (code: string, message: string | RegExp) => expect.objectContaining({ code, message: typeof message === 'string' ? message : expect.stringMatching(message) });
const count = (db: ReturnType<typeof setup>['main'], table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('LedgerRepo refusals', () => {
  it('a connection below FULL is refused, saying which level it has', () => {
    const { file } = setup();
    const normal = openDatabase(file);
    cleanups.push(() => normal.close());
    expect(() => new LedgerRepo(normal)).toThrow(err('not-durable', 'the ledger needs synchronous = FULL, the connection has 1'));
  });

  it('the pair sequence past its last number says how many there are', () => {
    const { db, ledger } = setup();
    db.prepare('UPDATE pair_seq SET next = ? WHERE id = 1').run(2 ** 24);
    expect(() => ledger.allocatePairSeq()).toThrow(err('pair-seq-exhausted', `all ${2 ** 24} pair numbers of this database are used`));
  });

  it('an intent’s size, price and target size must be positive exact decimals, each named', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    expect(() => ledger.recordIntent(pair(seq), intent({ size: '0' }))).toThrow(err('bad-amount', 'size must be positive, got 0'));
    expect(() => ledger.recordIntent(pair(seq), intent({ price: '0' }))).toThrow(err('bad-amount', 'price must be positive, got 0'));
    expect(() => ledger.recordIntent(pair(seq, { targetSize: '0' }), intent())).toThrow(err('bad-amount', 'targetSize must be positive, got 0'));
    expect(() => ledger.recordIntentToSend(pair(seq), intent({ size: '-1' }))).toThrow(err('bad-amount', 'size must be positive, got -1'));
    expect(count(main, 'order_intents')).toBe(0);
  });

  it('an attempt is an integer 0..ATTEMPT_MAX', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    for (const attempt of [-1, 1.5, ATTEMPT_MAX + 1]) {
      expect(() => ledger.recordIntent(pair(seq), intent({ attempt }))).toThrow(err('intent-mismatch', `attempt must be 0..${ATTEMPT_MAX}, got ${attempt}`));
    }
    expect(ledger.recordIntent(pair(seq), intent({ attempt: ATTEMPT_MAX })).attempt).toBe(ATTEMPT_MAX);
    expect(ledger.recordIntent(pair(seq), intent({ attempt: 0 })).attempt).toBe(0);
  });

  it('a pair number not yet handed out is refused, the next one included', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    expect(() => ledger.recordIntent(pair(seq + 1), intent())).toThrow(err('pair-seq-unallocated', `pair ${seq + 1} was never allocated (next is ${seq + 1})`));
  });

  it('a later intent must name the pair’s own symbol and venues, each checked', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    ledger.recordIntent(pair(seq), intent());
    const is = `pair ${seq} is ETH lighter/extended`;
    expect(() => ledger.recordIntent(pair(seq, { symbol: 'BTC' }), intent({ attempt: 1 }))).toThrow(err('pair-mismatch', is));
    expect(() => ledger.recordIntent(pair(seq, { longVenue: 'extended', shortVenue: 'lighter' }), intent({ attempt: 1 }))).toThrow(err('pair-mismatch', is));
    // The same leg on the other venue.
    expect(() => ledger.recordIntent(pair(seq), intent({ venue: 'extended', attempt: 2 }))).toThrow(err('leg-mismatch', `leg 0 of pair ${seq} is on lighter`));
  });

  it('an intent row whose parts disagree with its id is refused on lookup, part by part', () => {
    const { db, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const other = ledger.allocatePairSeq();
    // Rows the edits below point at (foreign keys: the other pair, this pair's leg 1), none with
    // the same (pair, leg, purpose, attempt) as the edited row.
    ledger.recordIntent(pair(other), intent({ attempt: 3 }));
    const rec = ledger.recordIntent(pair(seq), intent());
    ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', side: 'sell', purpose: 'hedge', tif: 'ioc' }));
    for (const [column, value] of [['pair_id', other], ['leg', 1], ['purpose', 'exit'], ['attempt', 7]] as const) {
      const before = db.prepare(`SELECT ${column} AS v FROM order_intents WHERE id = ?`).get(rec.intentId) as { v: unknown };
      db.prepare(`UPDATE order_intents SET ${column} = ? WHERE id = ?`).run(value, rec.intentId);
      expect(() => ledger.intentByClientOrderId(rec.clientOrderId), column).toThrow(err('intent-mismatch', `intent ${rec.intentId} does not match the parts its id ${rec.clientOrderId} encodes`));
      db.prepare(`UPDATE order_intents SET ${column} = ? WHERE id = ?`).run(before.v, rec.intentId);
    }
    expect(ledger.intentByClientOrderId(rec.clientOrderId)).toEqual(rec);
  });

  it('tx hashes, order states, pair states and attempts of records that do not exist are refused by name', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent());
    expect(() => ledger.setIntentTxHash(rec.intentId, '')).toThrow(err('intent-mismatch', `empty tx hash for intent ${rec.intentId}`));
    expect(() => ledger.setIntentTxHash(999, 'ab')).toThrow(err('unknown-intent', 'no intent 999'));
    ledger.setIntentTxHash(rec.intentId, 'ab');
    expect(() => ledger.setIntentTxHash(rec.intentId, 'cd')).toThrow(err('intent-mismatch', `intent ${rec.intentId} already has tx hash ab`));
    expect(ledger.orderState(999)).toBeNull();
    const state = { state: 'filled' as const, acceptedStage: null, venueOrderId: null, filledSize: '0.5', venueFilledSize: null, rejectReason: null, endReason: 'filled' as const, unknownSends: 0 };
    expect(() => ledger.recordOrderState(999, state, null, 1)).toThrow(err('unknown-intent', 'no intent 999'));
    expect(() => ledger.recordOrderState(rec.intentId, { ...state, filledSize: '1e1' }, null, 1)).toThrow(err('bad-amount', 'filledSize is not an exact decimal: "1e1"'));
    expect(() => ledger.setPairState(999, 'open', 1)).toThrow(err('pair-mismatch', 'no pair 999'));
    expect(() => ledger.finishAttempt(999, { outcome: 'failed', reason: null, pairSeq: null, finishedAtMs: 1 })).toThrow(err('unknown-intent', 'no pending attempt 999'));
  });

  it('a fill’s size and price must be positive, its fee an exact decimal, each named', () => {
    const { main, ledger } = setup();
    expect(() => ledger.recordFill(fill(null, { size: '0' }))).toThrow(err('bad-amount', 'size must be positive, got 0'));
    expect(() => ledger.recordFill(fill(null, { price: '0' }))).toThrow(err('bad-amount', 'price must be positive, got 0'));
    expect(() => ledger.recordFill(fill(null, { feeUsd: 'x' }))).toThrow(err('bad-amount', 'feeUsd is not an exact decimal: "x"'));
    // A rebate is a negative fee.
    expect(ledger.recordFill(fill(null, { feeUsd: '-0.01' }))).toMatchObject({ kind: 'recorded' });
    expect(count(main, 'fills')).toBe(1);
  });

  it('a re-delivered fill is conflicting when any one of symbol, side, size, price or fee differs', () => {
    const { ledger } = setup();
    ledger.recordFill(fill(null));
    expect(ledger.recordFill(fill(null))).toEqual({ kind: 'duplicate', conflicting: false });
    // Equal as decimals is the same fill.
    expect(ledger.recordFill(fill(null, { size: '0.10', price: '3000.0' }))).toEqual({ kind: 'duplicate', conflicting: false });
    for (const over of [{ symbol: 'BTC' }, { side: 'sell' as const }, { size: '0.2' }, { price: '3001' }, { feeUsd: '0.02' }]) {
      expect(ledger.recordFill(fill(null, over)), JSON.stringify(over)).toEqual({ kind: 'duplicate', conflicting: true });
    }
  });

  it('a fill of ours must match its intent’s venue, symbol and side, each checked; an overfill names the totals', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent({ size: '0.2' }));
    for (const [id, over] of [['a', { venue: 'extended' as const }], ['b', { symbol: 'BTC' }], ['c', { side: 'sell' as const }]] as const) {
      const f = fill(rec.clientOrderId, { venueFillId: id, ...over });
      expect(() => ledger.recordFill(f)).toThrow(err('fill-mismatch', `fill ${id} (${f.venue} ${f.symbol} ${f.side}) does not match intent ${rec.intentId}`));
    }
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'd', size: '0.15' }));
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'e', size: '0.1' }))).toThrow(err('overfill', `fill e would fill 0.25 of intent ${rec.intentId} (size 0.2)`));
    expect(ledger.fillsOfIntent(rec.intentId).map((f) => f.venueFillId)).toEqual(['d']);
  });

  it('a funding payment’s cash and position size must be exact decimals, each named; a duplicate is attributed once', () => {
    const { ledger } = setup();
    expect(() => ledger.recordFundingPayment(payment({ cashUsd: '1e-3' }), null, 1)).toThrow(err('bad-amount', 'cashUsd is not an exact decimal: "1e-3"'));
    expect(() => ledger.recordFundingPayment(payment({ positionSize: '' }), null, 1)).toThrow(err('bad-amount', 'positionSize is not an exact decimal: ""'));
    // A zero position (a payment read after the close) is a valid amount.
    expect(ledger.recordFundingPayment(payment({ positionSize: '0' }), null, 1)).toEqual({ kind: 'recorded' });
    const seq = ledger.allocatePairSeq();
    ledger.recordIntent(pair(seq), intent());
    const other = ledger.allocatePairSeq();
    ledger.recordIntent(pair(other), intent());
    expect(ledger.recordFundingPayment(payment(), seq, 2)).toEqual({ kind: 'duplicate', conflicting: false });
    expect(ledger.fundingOfPair(seq)).toHaveLength(1);
    // Attributed once: a later read naming another pair does not move it.
    ledger.recordFundingPayment(payment(), other, 3);
    expect(ledger.fundingOfPair(other)).toHaveLength(0);
    expect(ledger.fundingOfPair(seq)).toHaveLength(1);
  });

  it('capital flows and the equity peak take exact decimals, each named; an equal equity keeps the peak', () => {
    const { ledger } = setup();
    expect(() => ledger.recordCapitalFlow('lighter', 'x', '1e3', 1)).toThrow(err('bad-amount', 'amountUsd is not an exact decimal: "1e3"'));
    expect(() => ledger.updateEquityPeak('NaN', 1)).toThrow(err('bad-amount', 'netEquityUsd is not an exact decimal: "NaN"'));
    ledger.updateEquityPeak('10.0', 1);
    // Equal as a decimal: the stored text stays.
    expect(ledger.updateEquityPeak('10', 2)).toBe('10.0');
  });

  it('a fill inside a caller’s transaction is refused like every ledger write', () => {
    const { db, ledger } = setup();
    expect(() => db.transaction(() => ledger.recordFill(fill(null)))()).toThrow(err('in-transaction', 'ledger writes run in their own transaction'));
    expect(() => db.transaction(() => ledger.allocatePairSeq())()).toThrow(err('in-transaction', 'ledger writes run in their own transaction'));
  });
});
