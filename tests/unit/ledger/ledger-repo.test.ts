// The ledger repository on real SQLite files: intents written with their pair and leg in one
// durable transaction, found again from the client order id alone after a reopen, fills and
// funding payments idempotent, overfills refused, and every refusal writing nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { decodeClientOrderId, encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { LedgerError } from '../../../src-core/ledger/errors';
import type { LedgerFill, NewIntent, NewPair } from '../../../src-core/ledger/types';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const file = join(t.dir, 'sim.db');
  const ledgerDb = openLedgerDatabase(file);
  cleanups.push(() => {
    ledgerDb.close();
    main.close();
    t.cleanup();
  });
  return { main, file, ledgerDb, ledger: new LedgerRepo(ledgerDb) };
}

const pair = (pairSeq: number, over: Partial<NewPair> = {}): NewPair => ({
  pairSeq,
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  targetSize: '0.5',
  entryLongHourlyRate: -0.00001,
  entryShortHourlyRate: 0.00004,
  entryApy: 0.44,
  createdAtMs: 1_000,
  ...over,
});

const intent = (over: Partial<NewIntent> = {}): NewIntent => ({
  leg: 0,
  venue: 'lighter',
  purpose: 'entry',
  attempt: 0,
  side: 'buy',
  size: '0.5',
  price: '3000.10',
  tif: 'post_only',
  reduceOnly: false,
  createdAtMs: 1_001,
  txHash: null,
  ...over,
});

const fill = (clientOrderId: string | null, over: Partial<LedgerFill> = {}): LedgerFill => ({
  venue: 'lighter',
  symbol: 'ETH',
  venueFillId: 'f1',
  venueOrderId: 'o1',
  clientOrderId,
  side: 'buy',
  size: '0.2',
  price: '3000.10',
  feeUsd: '0',
  isMaker: true,
  timeMs: 2_000,
  ...over,
});

const count = (db: ReturnType<typeof setup>['main'], table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('ledger repository', () => {
  it('refuses a connection that is not synchronous = FULL', () => {
    const { file } = setup();
    const normal = openDatabase(file);
    cleanups.push(() => normal.close());
    expect(() => new LedgerRepo(normal)).toThrow(expect.objectContaining({ code: 'not-durable' }));
  });

  it('allocates pair sequence numbers once, across reopen', () => {
    const { file, ledger } = setup();
    expect([ledger.allocatePairSeq(), ledger.allocatePairSeq()]).toEqual([0, 1]);
    const again = openLedgerDatabase(file);
    cleanups.push(() => again.close());
    expect(new LedgerRepo(again).allocatePairSeq()).toBe(2);
  });

  it('refuses the pair sequence past 2^24 − 1', () => {
    const { ledger, ledgerDb } = setup();
    ledgerDb.prepare('UPDATE pair_seq SET next = ? WHERE id = 1').run(2 ** 24 - 1);
    expect(ledger.allocatePairSeq()).toBe(2 ** 24 - 1);
    expect(() => ledger.allocatePairSeq()).toThrow(expect.objectContaining({ code: 'pair-seq-exhausted' }));
  });

  it('writes pair, leg, intent and initial state in one transaction; the id encodes the intent', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent());
    expect(decodeClientOrderId(rec.clientOrderId, ledger.epoch)).toEqual({ epoch: ledger.epoch, pairSeq: seq, leg: 0, purpose: 'entry', attempt: 0 });
    expect(main.prepare('SELECT state, target_size FROM pairs WHERE id = ?').get(seq)).toEqual({ state: 'opening', target_size: '0.5' });
    expect(main.prepare('SELECT venue, position_side FROM legs WHERE pair_id = ?').all(seq)).toEqual([{ venue: 'lighter', position_side: 'long' }]);
    expect(ledger.orderState(rec.intentId)).toMatchObject({ state: 'initialized', filledSize: '0' });
    // The hedge leg on the other venue joins the same pair.
    const hedge = ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', side: 'sell', purpose: 'hedge', tif: 'ioc' }));
    expect(main.prepare('SELECT position_side FROM legs WHERE pair_id = ? AND leg = 1').get(seq)).toEqual({ position_side: 'short' });
    expect(ledger.intentsOfPair(seq).map((i) => i.clientOrderId)).toEqual([rec.clientOrderId, hedge.clientOrderId]);
  });

  it('a refused intent writes nothing (not even the pair)', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    ledger.recordIntent(pair(seq), intent());
    // Same (pair, leg, purpose, attempt): the UNIQUE client id refuses it, and nothing else lands.
    expect(() => ledger.recordIntent(pair(seq), intent())).toThrow(/UNIQUE/);
    expect(() => ledger.recordIntent(pair(seq), intent({ venue: 'extended', attempt: 1 }))).toThrow(expect.objectContaining({ code: 'leg-mismatch' }));
    expect(() => ledger.recordIntent(pair(seq, { symbol: 'BTC' }), intent({ attempt: 2 }))).toThrow(expect.objectContaining({ code: 'pair-mismatch' }));
    expect(() => ledger.recordIntent(pair(99), intent())).toThrow(expect.objectContaining({ code: 'pair-seq-unallocated' }));
    const seq2 = ledger.allocatePairSeq();
    expect(() => ledger.recordIntent(pair(seq2), intent({ size: '0.1e1' }))).toThrow(expect.objectContaining({ code: 'bad-amount' }));
    expect(() => ledger.recordIntent(pair(seq2, { shortVenue: 'lighter' }), intent())).toThrow(/CHECK/);
    expect(count(main, 'pairs')).toBe(1);
    expect(count(main, 'legs')).toBe(1);
    expect(count(main, 'order_intents')).toBe(1);
    expect(count(main, 'order_states')).toBe(1);
  });

  it('finds an intent again from its client order id alone after a reopen; foreign ids are not ours', () => {
    const { file, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent({ txHash: 'ab'.repeat(40) }));
    const reopened = openLedgerDatabase(file);
    cleanups.push(() => reopened.close());
    const fresh = new LedgerRepo(reopened);
    expect(fresh.epoch).toBe(ledger.epoch);
    expect(fresh.intentByClientOrderId(rec.clientOrderId)).toEqual(rec);
    const otherEpoch = ledger.epoch === 1 ? 2 : 1;
    expect(fresh.intentByClientOrderId(encodeClientOrderId({ epoch: otherEpoch, pairSeq: seq, leg: 0, purpose: 'entry', attempt: 0 }))).toBeNull();
    expect(fresh.intentByClientOrderId('3f2a-uuid')).toBeNull();
    expect(fresh.intentByClientOrderId(encodeClientOrderId({ epoch: ledger.epoch, pairSeq: seq, leg: 0, purpose: 'entry', attempt: 7 }))).toBeNull();
  });

  it('lists unresolved intents from stored order states', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const a = ledger.recordIntent(pair(seq), intent());
    const b = ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', side: 'sell', purpose: 'hedge' }));
    const base = { acceptedStage: null, venueOrderId: null, venueFilledSize: null, rejectReason: null, endReason: null, unknownSends: 0 };
    ledger.recordOrderState(a.intentId, { ...base, state: 'submitted', filledSize: '0', unknownSends: 1 }, 'send-unknown', 1_100);
    ledger.recordOrderState(b.intentId, { ...base, state: 'filled', filledSize: '0.5', endReason: 'filled' }, 'fill-complete', 1_200);
    expect(ledger.unresolvedIntents().map((i) => i.intentId)).toEqual([a.intentId]);
    expect(ledger.orderState(a.intentId)).toMatchObject({ state: 'submitted', unknownSends: 1 });
    expect(() => ledger.recordOrderState(12345, { ...base, state: 'filled', filledSize: '0' }, null, 1)).toThrow(expect.objectContaining({ code: 'unknown-intent' }));
  });

  it('records a fill once by (venue, venue fill id), tied to its intent', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent());
    expect(ledger.recordFill(fill(rec.clientOrderId))).toEqual({ kind: 'recorded', intentId: rec.intentId, orphan: false });
    expect(ledger.recordFill(fill(rec.clientOrderId))).toEqual({ kind: 'duplicate', conflicting: false });
    expect(ledger.recordFill(fill(rec.clientOrderId, { size: '0.3' }))).toEqual({ kind: 'duplicate', conflicting: true });
    // The same id on the other venue is another fill.
    expect(ledger.recordFill(fill(null, { venue: 'extended' }))).toEqual({ kind: 'recorded', intentId: null, orphan: false });
    const ownButUnknown = encodeClientOrderId({ epoch: ledger.epoch, pairSeq: seq, leg: 1, purpose: 'hedge', attempt: 9 });
    expect(ledger.recordFill(fill(ownButUnknown, { venueFillId: 'f2' }))).toEqual({ kind: 'recorded', intentId: null, orphan: true });
    expect(ledger.fillsOfIntent(rec.intentId)).toHaveLength(1);
    expect(ledger.fillsOfPair(seq)).toEqual([expect.objectContaining({ venueFillId: 'f1', leg: 0, size: '0.2' })]);
  });

  it('refuses an overfill and a fill that does not match its intent; nothing is written', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent());
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'a', size: '0.3' }));
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'b', size: '0.2' }));
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'c', size: '0.0001' }))).toThrow(expect.objectContaining({ code: 'overfill' }));
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'd', side: 'sell' }))).toThrow(expect.objectContaining({ code: 'fill-mismatch' }));
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'e', price: '-1' }))).toThrow(LedgerError);
    expect(count(main, 'fills')).toBe(2);
  });

  it('an intent written as submitted (the sender’s one commit before its send): state and log row with it', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent({ tif: 'ioc' }), 'submitted');
    expect(ledger.orderState(rec.intentId)).toMatchObject({ state: 'submitted', filledSize: '0', unknownSends: 0 });
    expect(main.prepare('SELECT state, event, at_ms FROM order_state_log WHERE intent_id = ?').all(rec.intentId)).toEqual([{ state: 'submitted', event: 'submit:submit', at_ms: 1_001 }]);
    expect(ledger.unresolvedIntents().map((i) => i.intentId)).toEqual([rec.intentId]);
    // The default stays 'initialized' with no log row.
    const other = ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', side: 'sell', purpose: 'hedge', tif: 'ioc' }));
    expect(ledger.orderState(other.intentId)).toMatchObject({ state: 'initialized' });
    expect(count(main, 'order_state_log')).toBe(1);
  });

  it('a fill and the order state it leads to commit together; a refused or duplicate fill writes neither, a state for another intent is not written', () => {
    const { main, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const rec = ledger.recordIntent(pair(seq), intent(), 'submitted');
    const base = { acceptedStage: 'live' as const, venueOrderId: 'o1', venueFilledSize: null, rejectReason: null, endReason: null, unknownSends: 0 };
    const after = (filledSize: string, state: 'partially-filled' | 'filled', intentId = rec.intentId) => ({ intentId, state: { ...base, state, filledSize }, event: `fill:fill-${state === 'filled' ? 'complete' : 'partial'}`, atMs: 2_000 });
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'a', size: '0.2' }), after('0.2', 'partially-filled'));
    expect(ledger.orderState(rec.intentId)).toMatchObject({ state: 'partially-filled', filledSize: '0.2' });
    // Duplicate: nothing more, not even the state.
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'a', size: '0.2' }), after('0.4', 'partially-filled'));
    expect(ledger.orderState(rec.intentId)).toMatchObject({ filledSize: '0.2' });
    // Overfill: the fill is refused and the state with it.
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'b', size: '0.4' }), after('0.6', 'filled'))).toThrow(expect.objectContaining({ code: 'overfill' }));
    expect(ledger.orderState(rec.intentId)).toMatchObject({ state: 'partially-filled', filledSize: '0.2' });
    // A bad state amount rolls the fill back too (one transaction).
    expect(() => ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'c', size: '0.1' }), after('0.3e0', 'partially-filled'))).toThrow(expect.objectContaining({ code: 'bad-amount' }));
    expect(count(main, 'fills')).toBe(1);
    // A state for an intent the fill is not of is ignored.
    const other = ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', side: 'sell', purpose: 'hedge', tif: 'ioc' }));
    ledger.recordFill(fill(rec.clientOrderId, { venueFillId: 'd', size: '0.3' }), after('0.5', 'filled', other.intentId));
    expect(ledger.orderState(other.intentId)).toMatchObject({ state: 'initialized' });
    expect(ledger.orderState(rec.intentId)).toMatchObject({ filledSize: '0.2' });
    expect(count(main, 'fills')).toBe(2);
  });

  it('netFilledSize: buys less sells of every recorded fill on one venue and market, exact', () => {
    const { ledger } = setup();
    expect(ledger.netFilledSize('lighter', 'ETH')).toBe('0');
    ledger.recordFill(fill(null, { venueFillId: 'a', size: '0.25' }));
    ledger.recordFill(fill(null, { venueFillId: 'b', side: 'sell', size: '0.1' }));
    ledger.recordFill(fill(null, { venueFillId: 'c', venue: 'extended', size: '5' }));
    ledger.recordFill(fill(null, { venueFillId: 'd', symbol: 'BTC', size: '7' }));
    expect(ledger.netFilledSize('lighter', 'ETH')).toBe('0.15');
    expect(ledger.netFilledSize('extended', 'ETH')).toBe('5');
  });

  it('records a funding payment once per (venue, market, settlement time)', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    ledger.recordIntent(pair(seq), intent());
    const p = {
      venue: 'extended' as const,
      symbol: 'ETH',
      venuePaymentId: 'ETH-USD:3600000',
      settlementTimeMs: 3_600_000,
      cashUsd: '0.0123',
      hourlyRate: 0.00004,
      positionSide: 'short' as const,
      positionSize: '0.5',
      markPrice: 3000,
    };
    expect(ledger.recordFundingPayment(p, seq, 3_600_100)).toEqual({ kind: 'recorded' });
    expect(ledger.recordFundingPayment({ ...p, venuePaymentId: 'other-id' }, seq, 3_600_200)).toEqual({ kind: 'duplicate', conflicting: false });
    expect(ledger.recordFundingPayment({ ...p, cashUsd: '0.0124' }, seq, 3_600_300)).toEqual({ kind: 'duplicate', conflicting: true });
    expect(ledger.recordFundingPayment({ ...p, settlementTimeMs: 7_200_000 }, seq, 7_200_100)).toEqual({ kind: 'recorded' });
    expect(ledger.fundingOfPair(seq).map((f) => f.cashUsd)).toEqual(['0.0123', '0.0123']);
  });

  it('keeps execution attempts apart from pairs, finishing each once', () => {
    const { main, ledger } = setup();
    const id = ledger.startAttempt({ triggeredBy: 'manual', symbol: 'BTC', longVenue: 'extended', shortVenue: 'lighter', startedAtMs: 5 });
    ledger.finishAttempt(id, { outcome: 'refused', reason: 'book stale', pairSeq: null, finishedAtMs: 6, detail: { ageMs: 4_000 } });
    expect(() => ledger.finishAttempt(id, { outcome: 'failed', reason: null, pairSeq: null, finishedAtMs: 7 })).toThrow(LedgerError);
    expect(main.prepare('SELECT outcome, reason, detail_json FROM execution_attempts').all()).toEqual([{ outcome: 'refused', reason: 'book stale', detail_json: '{"ageMs":4000}' }]);
    expect(count(main, 'pairs')).toBe(0);
  });

  it('B26: persists the equity peak net of capital flows across reopen; flows are idempotent', () => {
    const { file, ledger } = setup();
    expect(ledger.recordCapitalFlow('lighter', 'dep-1', '1000', 1)).toBe(true);
    expect(ledger.recordCapitalFlow('lighter', 'dep-1', '1000', 1)).toBe(false);
    ledger.recordCapitalFlow('extended', 'wd-1', '-250.5', 2);
    expect(ledger.netCapitalFlowsUsd()).toBe('749.5');
    expect(ledger.updateEquityPeak('12.5', 10)).toBe('12.5');
    expect(ledger.updateEquityPeak('11', 11)).toBe('12.5');
    const reopened = openLedgerDatabase(file);
    cleanups.push(() => reopened.close());
    expect(new LedgerRepo(reopened).equityPeakUsd()).toBe('12.5');
  });

  it('refuses to write inside a caller transaction', () => {
    const { ledger, ledgerDb } = setup();
    expect(() => ledgerDb.transaction(() => ledger.allocatePairSeq())()).toThrow(expect.objectContaining({ code: 'in-transaction' }));
  });

  it('reads a pair back as its first intent wrote it, with its state and each leg’s venue', () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    expect(ledger.pairRecord(seq)).toBeNull();
    ledger.recordIntent(pair(seq), intent());
    expect(ledger.pairRecord(seq)).toEqual({ pair: pair(seq), state: 'opening', legVenues: ['lighter', null] });
    ledger.recordIntent(pair(seq), intent({ leg: 1, venue: 'extended', purpose: 'hedge', side: 'sell', tif: 'ioc' }));
    ledger.setPairState(seq, 'open', 5_000);
    expect(ledger.pairRecord(seq)).toEqual({ pair: pair(seq), state: 'open', legVenues: ['lighter', 'extended'] });
  });
});
