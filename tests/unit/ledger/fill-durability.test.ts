// When the ledger's commits are on disk (ledger-repo.ts header, wal-sync.ts). A fill's commit has
// no fsync of its own: the next durable commit, or a sync of the WAL at the next turn of the
// event loop, makes it durable. An intent to send is committed at once and synced while its
// order is signed: `durable` resolves when the sync that covers it is done. Observed through an
// injected WAL sync (held or failed at will) and the connection's synchronous level, on a real
// SQLite file; the real fdatasync once.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import type { LedgerFill, NewIntent, NewPair } from '../../../src-core/ledger/types';
import { walFileSync } from '../../../src-core/ledger/wal-sync';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A WAL sync the test completes: `pending` holds each issued sync's callback. */
function heldSync() {
  const pending: ((err: Error | null) => void)[] = [];
  return {
    fn: (done: (err: Error | null) => void) => void pending.push(done),
    pending,
    completeAll: (err: Error | null = null) => pending.splice(0).forEach((d) => d(err)),
  };
}

function setup(sync = heldSync()) {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const file = join(t.dir, 'sim.db');
  const db = openLedgerDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
    main.close();
    t.cleanup();
  });
  const errors: Error[] = [];
  const ledger = new LedgerRepo(db, { walSync: sync.fn, onSyncError: (e) => errors.push(e) });
  return { db, file, ledger, sync, errors };
}

const pair = (pairSeq: number): NewPair => ({ pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 });
const intent = (over: Partial<NewIntent> = {}): NewIntent => ({ leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'post_only', reduceOnly: false, createdAtMs: 1, txHash: null, ...over });
const hedge = (attempt = 0) => intent({ leg: 1, venue: 'extended', purpose: 'hedge', side: 'sell', tif: 'ioc', attempt });
const fill = (clientOrderId: string | null, venueFillId: string, size = '0.1'): LedgerFill => ({
  venue: 'lighter', symbol: 'ETH', venueFillId, venueOrderId: 'o1', clientOrderId, side: 'buy', size, price: '3000', feeUsd: '0', isMaker: true, timeMs: 2,
});
const nextTurn = () => new Promise<void>((r) => setImmediate(r));
const level = (db: ReturnType<typeof setup>['db']) => db.pragma('synchronous', { simple: true });
/** Whether `p` has settled, and how, after the microtasks now queued. */
async function stateOf(p: Promise<void>): Promise<'pending' | 'resolved' | 'rejected'> {
  let s: 'pending' | 'resolved' | 'rejected' = 'pending';
  p.then(() => (s = 'resolved'), () => (s = 'rejected'));
  await Promise.resolve();
  await Promise.resolve();
  return s;
}

describe('a fill’s durability', () => {
  it('a fill alone is synced at the next turn, once for every fill of the turn', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent());
    ledger.recordFill(fill(maker.clientOrderId, 'a'));
    ledger.recordFill(fill(maker.clientOrderId, 'b'));
    // Not on the path of whatever the fill sets off in this turn.
    expect(sync.pending).toHaveLength(0);
    await nextTurn();
    expect(sync.pending).toHaveLength(1);
    sync.completeAll();
    // Nothing new since: no further sync.
    await nextTurn();
    expect(sync.pending).toHaveLength(0);
  });

  it('a durable commit after the fill carries it: no sync of its own', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent());
    ledger.recordFill(fill(maker.clientOrderId, 'a'));
    ledger.recordIntent(pair(seq), hedge());
    await nextTurn();
    expect(sync.pending).toHaveLength(0);
  });

  it('the hedge intent’s sync covers the fill before it: one sync, and the fill’s flush does not issue another', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent());
    ledger.recordFill(fill(maker.clientOrderId, 'a'));
    const { durable } = ledger.recordIntentToSend(pair(seq), hedge());
    expect(sync.pending).toHaveLength(1);
    await nextTurn();
    expect(sync.pending).toHaveLength(1);
    sync.completeAll();
    expect(await stateOf(durable)).toBe('resolved');
  });

  it('a failed sync of a fill nobody waits on is reported; the next fill is synced again', async () => {
    const { ledger, sync, errors } = setup();
    ledger.allocatePairSeq();
    ledger.recordFill(fill(null, 'a'));
    await nextTurn();
    sync.completeAll(new Error('EIO'));
    await nextTurn();
    expect(errors.map((e) => e.message)).toEqual(['EIO']);
    ledger.recordFill(fill(null, 'b'));
    await nextTurn();
    expect(sync.pending).toHaveLength(1);
  });

  it('only the fill’s commit is unsynced: the connection is FULL again after it, also after a refused fill', () => {
    const { db, ledger } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent({ size: '0.1' }));
    expect(level(db)).toBe(2);
    ledger.recordFill(fill(maker.clientOrderId, 'a'));
    expect(level(db)).toBe(2);
    // An overfill throws inside the transaction: the level is restored all the same.
    expect(() => ledger.recordFill(fill(maker.clientOrderId, 'b'))).toThrow(expect.objectContaining({ code: 'overfill' }));
    expect(level(db)).toBe(2);
  });

  it('a connection at EXTRA stays at EXTRA', () => {
    const { db } = setup();
    db.pragma('synchronous = EXTRA');
    const extra = new LedgerRepo(db, { walSync: (done) => done(null) });
    extra.recordFill(fill(null, 'x'));
    expect(level(db)).toBe(3);
  });
});

describe('an order state’s durability', () => {
  const accepted = { state: 'accepted', acceptedStage: 'live', venueOrderId: 'v1', filledSize: '0', venueFilledSize: null, rejectReason: null, endReason: null, unknownSends: 0 } as const;

  it('is committed at once without its own fsync, synced at the next turn, the connection FULL after it', async () => {
    const { db, ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent());
    ledger.recordOrderState(maker.intentId, accepted, 'accepted', 5);
    expect(ledger.orderState(maker.intentId)).toMatchObject({ state: 'accepted', venueOrderId: 'v1' });
    expect(level(db)).toBe(2);
    expect(sync.pending).toHaveLength(0);
    await nextTurn();
    expect(sync.pending).toHaveLength(1);
    sync.completeAll();
    await nextTurn();
    expect(sync.pending).toHaveLength(0);
  });

  it('a hedge intent’s sync right after it covers it: one sync only', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const maker = ledger.recordIntent(pair(seq), intent());
    ledger.recordOrderState(maker.intentId, { ...accepted, state: 'partially-filled', filledSize: '0.1' }, 'fill', 5);
    ledger.recordIntentToSend(pair(seq), hedge());
    await nextTurn();
    expect(sync.pending).toHaveLength(1);
  });
});

describe('an intent to send', () => {
  it('is committed at once (found by its id) and durable only when its sync is done', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const { intent: rec, durable } = ledger.recordIntentToSend(pair(seq), hedge());
    expect(ledger.intentByClientOrderId(rec.clientOrderId)).toEqual(rec);
    expect(ledger.orderState(rec.intentId)).toMatchObject({ state: 'submitted' });
    expect(await stateOf(durable)).toBe('pending');
    sync.completeAll();
    expect(await stateOf(durable)).toBe('resolved');
  });

  it('rejects when its sync fails, and the failure is reported; a later intent is synced anew', async () => {
    const { ledger, sync, errors } = setup();
    const seq = ledger.allocatePairSeq();
    const first = ledger.recordIntentToSend(pair(seq), hedge(0));
    sync.completeAll(new Error('EIO'));
    expect(await stateOf(first.durable)).toBe('rejected');
    expect(errors.map((e) => e.message)).toEqual(['EIO']);
    const second = ledger.recordIntentToSend(pair(seq), hedge(1));
    expect(sync.pending).toHaveLength(1);
    sync.completeAll();
    expect(await stateOf(second.durable)).toBe('resolved');
  });

  it('a sync already issued covers only what was committed before it: a later intent gets its own', async () => {
    const { ledger, sync } = setup();
    const seq = ledger.allocatePairSeq();
    const a = ledger.recordIntentToSend(pair(seq), hedge(0));
    const b = ledger.recordIntentToSend(pair(seq), hedge(1));
    expect(sync.pending).toHaveLength(2);
    sync.pending.shift()!(null);
    expect(await stateOf(a.durable)).toBe('resolved');
    expect(await stateOf(b.durable)).toBe('pending');
    sync.completeAll();
    expect(await stateOf(b.durable)).toBe('resolved');
  });

  it('a durable commit between two intents does not cover the later one', async () => {
    const { ledger } = setup();
    const seq = ledger.allocatePairSeq();
    ledger.recordIntentToSend(pair(seq), hedge(0));
    ledger.recordIntent(pair(seq), hedge(1));
    const later = ledger.recordIntentToSend(pair(seq), hedge(2));
    expect(await stateOf(later.durable)).toBe('pending');
  });

  it('the real WAL sync: the intent resolves durable on a real file; no WAL is nothing to sync', async () => {
    const t = tempDir();
    const main = openStore({ dataDir: t.dir, mode: 'sim' });
    const file = join(t.dir, 'sim.db');
    const db = openLedgerDatabase(file);
    cleanups.push(() => {
      if (db.open) db.close();
      main.close();
      t.cleanup();
    });
    const ledger = new LedgerRepo(db);
    const seq = ledger.allocatePairSeq();
    const { intent: rec, durable } = ledger.recordIntentToSend(pair(seq), hedge());
    await durable;
    const again = openLedgerDatabase(file);
    cleanups.unshift(() => again.close());
    expect(new LedgerRepo(again).intentByClientOrderId(rec.clientOrderId)).toEqual(rec);
    await new Promise<void>((resolve, reject) => walFileSync(join(t.dir, 'no-such.db'))((err) => (err === null ? resolve() : reject(err))));
  });

  it('the real WAL sync opens `<database>-wal` and reports what the file system refuses', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    // A directory where the WAL should be: opening it for writing fails (EISDIR), and the failure
    // is the sync's, not "no WAL".
    mkdirSync(join(t.dir, 'x.db-wal'));
    const err = await new Promise<Error | null>((resolve) => walFileSync(join(t.dir, 'x.db'))(resolve));
    expect(err).toMatchObject({ code: 'EISDIR' });
  });
});
