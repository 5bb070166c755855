// The order tracker's pure pieces: which orders need in-flight checks, how the check list is kept
// bounded, which venue fills belong to an order, and the fill intake against a real ledger file
// (new, duplicate, conflicting duplicate, overfill refused, foreign, orphan).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { newOrder, type OrderRecord } from '../../../src-core/execution/order-fsm';
import { wantedFlight, type Entry } from '../../../src-core/execution/tracker-entry';
import { pruned } from '../../../src-core/execution/tracker-inflight';
import { fillsOfOrder, intakeFill } from '../../../src-core/execution/tracker-fills';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import type { IntentRecord } from '../../../src-core/ledger/types';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { createLogger } from '../../../src-core/telemetry/log';
import { encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import type { Fill } from '../../../src-core/venues/port';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const order = (over: Partial<OrderRecord> = {}): OrderRecord => ({ ...newOrder('1', '1'), ...over });

describe('wantedFlight', () => {
  const w = (o: Partial<OrderRecord>, placeReturned = true, recheckLost = false) => wantedFlight({ order: order(o), placeReturned, recheckLost });
  it('submitted: checks once the place call returned, never during it', () => {
    expect(w({ state: 'submitted' })).toBe('send');
    expect(w({ state: 'submitted' }, false)).toBeNull();
  });
  it('accepted: only while merely queued', () => {
    expect(w({ state: 'accepted', acceptedStage: 'queued' })).toBe('send');
    expect(w({ state: 'accepted', acceptedStage: 'live' })).toBeNull();
    expect(w({ state: 'accepted', acceptedStage: null })).toBeNull();
  });
  it('pending-cancel: cancel checks', () => expect(w({ state: 'pending-cancel' })).toBe('cancel'));
  it('lost: only the one round after a restart', () => {
    expect(w({ state: 'lost' })).toBeNull();
    expect(w({ state: 'lost' }, true, true)).toBe('send');
  });
  it('no checks in any other state', () => {
    for (const state of ['initialized', 'denied', 'partially-filled', 'filled', 'canceled', 'expired', 'rejected'] as const) expect(w({ state }, true, true)).toBeNull();
  });
});

describe('pruned', () => {
  it('keeps every found / not-found answer and only the latest failure', () => {
    const checks = [
      { kind: 'failed', atMs: 1, error: 'a' },
      { kind: 'not-found', atMs: 2 },
      { kind: 'failed', atMs: 3, error: 'b' },
      { kind: 'found', atMs: 4 },
      { kind: 'failed', atMs: 5, error: 'c' },
    ] as const;
    expect(pruned([...checks])).toEqual([checks[1], checks[3], checks[4]]);
    expect(pruned([checks[0]])).toEqual([checks[0]]);
    expect(pruned([checks[1], checks[3]])).toEqual([checks[1], checks[3]]);
    expect(pruned([])).toEqual([]);
    // The latest failure is kept even when an answer came after it.
    expect(pruned([checks[0], checks[2], checks[3]])).toEqual([checks[2], checks[3]]);
  });
});

function rig() {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  cleanups.push(() => {
    db.close();
    main.close();
    t.cleanup();
  });
  const ledger = new LedgerRepo(db);
  const pairSeq = ledger.allocatePairSeq();
  const intent = ledger.recordIntent(
    { pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1_000 },
    { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'gtt', reduceOnly: false, createdAtMs: 1_000, txHash: null },
  );
  const logs: { level: string; msg: string }[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as { level: string; msg: string }) });
  return { ledger, intent, logs, log };
}

const entryOf = (intent: IntentRecord, over: Partial<OrderRecord> = {}): Entry => ({
  intent,
  order: { ...newOrder(intent.clientOrderId, intent.size), ...over },
  sentAtMono: 0,
  ackAtMono: null,
  placeReturned: true,
  recheckLost: false,
  flight: null,
  query: null,
  fillFetch: null,
  refetch: false,
  cancelsSent: 0,
});

const fillOf = (intent: IntentRecord | null, over: Partial<Fill> = {}): Fill => ({
  venue: 'lighter',
  symbol: 'ETH',
  venueFillId: 'f1',
  venueOrderId: '77',
  clientOrderId: intent?.clientOrderId ?? null,
  side: 'buy',
  size: '0.2',
  price: '3000',
  feeUsd: '0.01',
  isMaker: true,
  timeMs: 2_000,
  ...over,
});

describe('intakeFill', () => {
  it('a new fill of a tracked intent is recorded and handed on; its re-delivery is a duplicate', () => {
    const { ledger, intent, log, logs } = rig();
    const e = entryOf(intent);
    expect(intakeFill(ledger, log, fillOf(intent), e)).toEqual({ kind: 'new', entry: e });
    expect(intakeFill(ledger, log, fillOf(intent), e)).toEqual({ kind: 'duplicate' });
    expect(ledger.fillsOfIntent(intent.intentId)).toHaveLength(1);
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(0);
    expect(logs.some((l) => l.level === 'debug' && l.msg === 'fill re-delivered: already recorded')).toBe(true);
  });
  it('a re-delivery with other values is an anomaly, nothing changes', () => {
    const { ledger, intent, log, logs } = rig();
    const e = entryOf(intent);
    intakeFill(ledger, log, fillOf(intent), e);
    expect(intakeFill(ledger, log, fillOf(intent, { size: '0.3' }), e)).toEqual({ kind: 'duplicate' });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['fill re-delivered with different values (anomaly)']);
    expect(ledger.fillsOfIntent(intent.intentId).map((f) => f.size)).toEqual(['0.2']);
  });
  it('an overfill is refused by the ledger and logged, never recorded', () => {
    const { ledger, intent, log, logs } = rig();
    const e = entryOf(intent);
    intakeFill(ledger, log, fillOf(intent, { size: '0.4' }), e);
    expect(intakeFill(ledger, log, fillOf(intent, { venueFillId: 'f2', size: '0.2' }), e)).toEqual({ kind: 'refused' });
    expect(ledger.fillsOfIntent(intent.intentId)).toHaveLength(1);
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['fill refused by the ledger (anomaly)']);
  });
  it('a fill with no client id, or another epoch’s, is recorded without intent and not handed on', () => {
    const { ledger, log, logs } = rig();
    expect(intakeFill(ledger, log, fillOf(null), null)).toEqual({ kind: 'foreign' });
    const other = encodeClientOrderId({ epoch: (ledger.epoch + 1) % 4096, pairSeq: 1, leg: 0, purpose: 'entry', attempt: 0 });
    expect(intakeFill(ledger, log, fillOf(null, { venueFillId: 'f2', clientOrderId: other }), null)).toEqual({ kind: 'foreign' });
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(0);
  });
  it('our epoch without an intent is an orphan: recorded, logged as an anomaly, not handed on', () => {
    const { ledger, log, logs } = rig();
    const orphan = encodeClientOrderId({ epoch: ledger.epoch, pairSeq: 900, leg: 0, purpose: 'entry', attempt: 0 });
    expect(intakeFill(ledger, log, fillOf(null, { clientOrderId: orphan }), null)).toEqual({ kind: 'foreign' });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['fill carries our epoch but no intent was recorded for it (anomaly)']);
  });
  it('a fill recorded for an intent that is not the entry given is not handed on', () => {
    const { ledger, intent, log, logs } = rig();
    expect(intakeFill(ledger, log, fillOf(intent), null)).toEqual({ kind: 'foreign' });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['fill recorded for an intent the tracker could not load']);
  });
});

describe('fillsOfOrder', () => {
  it('by our client id, or by venue order id when the fill carries no client id; same venue and symbol only', () => {
    const { intent } = rig();
    const e = entryOf(intent, { venueOrderId: '77' });
    const mine = fillOf(intent, { venueFillId: 'a' });
    const byVenueId = fillOf(null, { venueFillId: 'b' });
    const otherOrder = fillOf(null, { venueFillId: 'c', venueOrderId: '78' });
    const otherClient = fillOf(null, { venueFillId: 'd', clientOrderId: '5' });
    const otherVenue = fillOf(intent, { venueFillId: 'e', venue: 'extended' });
    const otherSymbol = fillOf(intent, { venueFillId: 'f', symbol: 'BTC' });
    expect(fillsOfOrder(e, [mine, byVenueId, otherOrder, otherClient, otherVenue, otherSymbol]).map((f) => f.venueFillId)).toEqual(['a', 'b']);
    expect(fillsOfOrder(entryOf(intent), [mine, byVenueId]).map((f) => f.venueFillId)).toEqual(['a']);
  });
});
