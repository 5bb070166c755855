// The reconcile loop with scripted venue snapshots over a real ledger (temp SQLite through
// LedgerRepo / LedgerQueries), the real diff, resolver and applier, and the real trading-state
// control on a manual clock: a startup run that cannot read a venue keeps the gate closed and
// moves trading to REDUCING naming the venue and its failed query; the retry that reads both
// completes, opens the gate and leaves REDUCING to the trader; a resubscribe and the periodic
// timer each run again, and an unrecorded payment found by a run is recorded once. The trader's
// decisions: a pending item has a stable id; dismissed, it is not asked again while unchanged;
// applied (or opted in), its fix runs through `fix`; an unknown id and an item with no fix are
// typed refusals. An order of ours resting with no intent breaks an invariant: shown, entries
// blocked, not reconciled.
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../../src-core/api/events';
import { reconcileDefaults } from '../../../../src-core/config/reconcile';
import type { VenueId } from '../../../../src-core/domain/enums';
import { LedgerQueries } from '../../../../src-core/ledger/ledger-queries';
import { buildLedgerView } from '../../../../src-core/reconcile/build-ledger-view';
import type { VenueSnapshot } from '../../../../src-core/reconcile/venue-snapshot';
import { createTradingStateControl } from '../../../../src-core/host/trading-state-control';
import type { ReconcileInvariantViolation, ReconcileStatus } from '../../../../src-core/api/channels/reconcile';
import type { ReconcileSettings } from '../../../../src-core/config/reconcile';
import { encodeClientOrderId } from '../../../../src-core/domain/client-order-id';
import { applyPlan } from '../../../../src-core/host/trading/reconcile-apply';
import type { FixOutcome, VenueFixAction } from '../../../../src-core/host/trading/reconcile-fix';
import { ReconcileDecisionError, startReconcileLoop, type ReconcileLoop } from '../../../../src-core/host/trading/reconcile-loop';
import type { OrderState } from '../../../../src-core/venues/port';
import { TradingStateRepo } from '../../../../src-core/store/trading-state-repo';
import { silentLogger } from '../../../../src-core/telemetry/log';
import type { FundingPayment } from '../../../../src-core/venues/port';
import { ethPair, openLedgerFixture, orderState, type LedgerFixture } from '../../../helpers/ledger-fixture';
import { position } from '../../reconcile/helpers';
import { pollUntil } from '../../../helpers/wait';
import { manualClock } from '../../execution/helpers/scripted-tracker';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function okSnapshot(venue: VenueId, atMs: number, fundingPayments: FundingPayment[] = []): VenueSnapshot {
  return {
    kind: 'ok',
    venue,
    queriedAtMs: atMs,
    sinceMs: 0,
    notFoundGraceMs: 0,
    openOrders: [],
    positions: [],
    fills: [],
    fundingPayments,
    balance: { venue, collateralUsd: '1000', equityUsd: '1000', availableUsd: '1000' },
    markets: [{ symbol: 'ETH', marketIndex: 0, stepSize: '0.01', markPrice: 3000 }],
  };
}

function openOrder(clientOrderId: string, size = '1'): OrderState {
  return { venue: 'lighter', symbol: 'ETH', clientOrderId, venueOrderId: `v-${clientOrderId}`, side: 'buy', status: 'open', endReason: null, venueReason: null, price: '2000', size, filledSize: '0', avgFillPrice: null, reduceOnly: false, updatedAtMs: 0 };
}

function setup(script: (venue: VenueId, call: number) => VenueSnapshot, opts: { settings?: Partial<ReconcileSettings>; fix?: (a: VenueFixAction) => FixOutcome } = {}) {
  const fx: LedgerFixture = openLedgerFixture();
  cleanups.push(() => fx.close());
  const clock = manualClock();
  const control = createTradingStateControl(new TradingStateRepo(fx.main), { state: 'ACTIVE', reason: 'test', changedAtMs: 0 }, new EventHub(silentLogger), silentLogger);
  const queries = new LedgerQueries(fx.ledgerDb);
  const reads: Record<VenueId, number> = { lighter: 0, extended: 0 };
  const reconciledFlags: boolean[] = [];
  const resubscribers = new Set<(v: VenueId) => void>();
  const fixes: VenueFixAction[] = [];
  const blocked: (readonly ReconcileInvariantViolation[])[] = [];
  const changed: ReconcileStatus[] = [];
  const settings = { ...reconcileDefaults, ...opts.settings };
  const loop: ReconcileLoop = startReconcileLoop({
    venues: ['lighter', 'extended'],
    read: (venue) => Promise.resolve(script(venue, reads[venue]++)),
    view: (sinceMs, moving) => buildLedgerView({ source: queries, epoch: fx.repo.epoch, sinceMs, activePairSeqs: moving.pairSeqs, movingSinceMs: moving.sinceMs }),
    activePairs: () => [],
    apply: (plan) => applyPlan(plan, { ledger: fx.repo, trackedOpen: () => false, clientOrderIdOf: () => null, now: () => clock.now(), log: silentLogger }),
    restore: () => Promise.resolve([]),
    onResubscribed: (cb) => {
      resubscribers.add(cb);
      return () => resubscribers.delete(cb);
    },
    board: { setReconciled: (r) => reconciledFlags.push(r) },
    tradingState: control,
    settings: () => settings,
    oldestUnclosedPairCreatedAtMs: () => null,
    clock,
    log: silentLogger,
    fix: (a) => (fixes.push(a), Promise.resolve(opts.fix?.(a) ?? { ok: true, detail: 'done' })),
    trackedOpen: () => false,
    blockEntries: (v) => blocked.push(v),
    onChanged: (st) => changed.push(st),
  });
  cleanups.push(() => loop.stop());
  return { fx, clock, control, loop, reads, reconciledFlags, fixes, blocked, changed, resubscribe: (v: VenueId) => resubscribers.forEach((cb) => cb(v)) };
}

const failedExtended = (atMs: number): VenueSnapshot => ({ kind: 'failed', venue: 'extended', queriedAtMs: atMs, failedQuery: 'positions', error: 'positions: HTTP 503' });

describe('reconcile loop', () => {
  it('keeps the gate closed and goes REDUCING naming the venue while startup cannot read it, then completes on a retry', async () => {
    const s = setup((venue, call) => (venue === 'extended' && call === 0 ? failedExtended(0) : okSnapshot(venue, 0)));
    const first = await pollUntil(() => s.loop.status(), { until: (st) => st.lastRunAtMs !== null, what: 'the startup run' });
    expect(first.reconciled).toBe(false);
    expect(first.skippedVenues).toEqual([{ venue: 'extended', failedQuery: 'positions', error: 'positions: HTTP 503' }]);
    expect(first.pending).toMatchObject([{ kind: 'venue-query-failed', action: 'skip-venue', venue: 'extended' }]);
    expect(s.reconciledFlags).toEqual([false]);
    expect(s.control.current().state).toBe('REDUCING');
    expect(s.control.current().reason).toMatch(/^reconcile: startup reconciliation incomplete: extended could not be read \(positions: positions: HTTP 503\)/);
    expect(s.control.current().reason).not.toMatch(/lighter/);

    // Nothing runs before the retry interval; at it, both venues answer.
    s.clock.advance(reconcileDefaults.retryIntervalMs - 1);
    expect(s.reads.extended).toBe(1);
    s.clock.advance(1);
    await s.loop.reconciled();
    const done = s.loop.status();
    expect(done).toMatchObject({ reconciled: true, lastTrigger: 'startup', skippedVenues: [], pending: [] });
    expect(s.reconciledFlags).toEqual([false, true]);
    // An automatic guard only tightens: REDUCING stays until the trader resumes.
    expect(s.control.current().state).toBe('REDUCING');
  });

  it('a complete startup run opens the gate without touching the trading state; periodic and resubscribe runs follow', async () => {
    const payment: FundingPayment = { venue: 'lighter', symbol: 'ETH', venuePaymentId: 'p1', settlementTimeMs: 1_700_000_000_000, cashUsd: '0.12', hourlyRate: 0.0001, positionSide: 'long', positionSize: '0.5', markPrice: 3000 };
    const s = setup((venue, call) => okSnapshot(venue, 0, venue === 'lighter' && call >= 1 ? [payment] : []));
    await s.loop.reconciled();
    expect(s.control.current().state).toBe('ACTIVE');
    expect(s.reads).toEqual({ lighter: 1, extended: 1 });

    // A resubscribe runs at once: it finds the payment and records it.
    s.resubscribe('lighter');
    const afterResub = await pollUntil(() => s.loop.status(), { until: () => s.reads.lighter === 2 && !s.loop.status().running, what: 'the resubscribe run' });
    expect(afterResub.lastTrigger).toBe('resubscribed');
    expect(afterResub.appliedCount).toBe(1);
    expect(s.fx.repo.fundingOfPair(0)).toEqual([]);
    expect(new LedgerQueries(s.fx.ledgerDb).reconcileRecords(0).funding).toEqual([{ venue: 'lighter', symbol: 'ETH', settlementTimeMs: payment.settlementTimeMs }]);

    // The periodic run: recorded once, nothing more to apply.
    s.clock.advance(reconcileDefaults.periodicIntervalMs);
    const periodic = await pollUntil(() => s.loop.status(), { until: () => s.reads.lighter === 3 && !s.loop.status().running, what: 'the periodic run' });
    expect(periodic).toMatchObject({ lastTrigger: 'periodic', appliedCount: 0, pending: [] });
  });

  it('runs on demand, and triggers during a run coalesce into one more run', async () => {
    const s = setup((venue) => okSnapshot(venue, 0));
    await s.loop.reconciled();
    const a = s.loop.run('command');
    const b = s.loop.run('command');
    expect(a).toBe(b);
    await a;
    expect(s.reads.lighter).toBe(2);
    expect(s.loop.status().lastTrigger).toBe('command');
  });

  it('gives a pending item a stable id; a dismissed one is not asked again until it changes', async () => {
    let size = '1';
    const s = setup((venue) => ({ ...okSnapshot(venue, 0), openOrders: venue === 'lighter' ? [openOrder('manual-7', size)] : [] }));
    await s.loop.reconciled();
    const first = s.loop.status();
    expect(first.pending).toMatchObject([{ kind: 'foreign-order', action: 'cancel-order', venue: 'lighter', symbol: 'ETH' }]);
    const id = first.pending[0]!.id;
    expect(s.fixes).toEqual([]);
    // The same finding in the next run keeps its id.
    expect((await s.loop.run('command')).pending.map((p) => p.id)).toEqual([id]);
    const after = await s.loop.decide(id, 'dismiss');
    expect(after.pending).toEqual([]);
    expect(after.dismissedCount).toBe(1);
    expect(s.changed.at(-1)).toEqual(after);
    expect(await s.loop.run('command')).toMatchObject({ pending: [], dismissedCount: 1 });
    expect(s.fixes).toEqual([]);
    // The order grew: a new finding, asked again under a new id.
    size = '2';
    const grown = await s.loop.run('command');
    expect(grown.pending).toHaveLength(1);
    expect(grown.pending[0]!.id).not.toBe(id);
    expect(grown.dismissedCount).toBe(0);
    await expect(s.loop.decide(id, 'apply')).rejects.toMatchObject({ name: 'ReconcileDecisionError', code: 'unknown-id' });
  });

  it('applies an approved fix through fix; a failed fix stays pending with why; a skipped venue cannot be applied', async () => {
    let fail = true;
    const s = setup((venue) => (venue === 'extended' ? failedExtended(0) : { ...okSnapshot(venue, 0), openOrders: [openOrder('manual-8')] }), { fix: () => (fail ? { ok: false, why: 'venue said no' } : { ok: true, detail: 'cancelled' }) });
    const st = await pollUntil(() => s.loop.status(), { until: (x) => x.lastRunAtMs !== null, what: 'the startup run' });
    const cancel = st.pending.find((p) => p.kind === 'foreign-order')!;
    const skip = st.pending.find((p) => p.kind === 'venue-query-failed')!;
    await expect(s.loop.decide(skip.id, 'apply')).rejects.toBeInstanceOf(ReconcileDecisionError);
    await expect(s.loop.decide(skip.id, 'apply')).rejects.toMatchObject({ code: 'not-applicable' });
    await expect(s.loop.decide(cancel.id, 'apply')).rejects.toMatchObject({ code: 'fix-failed', message: /venue said no/ });
    expect(s.loop.status().pending.find((p) => p.id === cancel.id)!.why).toMatch(/venue said no/);
    fail = false;
    const done = await s.loop.decide(cancel.id, 'apply');
    expect(s.fixes).toEqual([
      { kind: 'cancel-order', why: 'foreign', venue: 'lighter', symbol: 'ETH', clientOrderId: 'manual-8', venueOrderId: 'v-manual-8' },
      { kind: 'cancel-order', why: 'foreign', venue: 'lighter', symbol: 'ETH', clientOrderId: 'manual-8', venueOrderId: 'v-manual-8' },
    ]);
    expect(done.pending.map((p) => p.id)).toEqual([skip.id]);
    expect(done.appliedCount).toBe(1);
  });

  it('runs an opted-in destructive fix in the run itself', async () => {
    const s = setup((venue) => ({ ...okSnapshot(venue, 0), openOrders: venue === 'lighter' ? [openOrder('manual-9')] : [] }), { settings: { autoCancelForeignOrders: true } });
    await s.loop.reconciled();
    expect(s.fixes).toMatchObject([{ kind: 'cancel-order', why: 'foreign', clientOrderId: 'manual-9' }]);
    expect(s.loop.status()).toMatchObject({ reconciled: true, pending: [], appliedCount: 1, invariantViolations: [] });
  });

  it('an order of ours resting without a live intent breaks an invariant: shown, entries blocked, not reconciled', async () => {
    let ours: OrderState[] = [];
    const s = setup((venue) => ({ ...okSnapshot(venue, 0), openOrders: venue === 'lighter' ? ours : [] }));
    await s.loop.reconciled();
    expect(s.blocked.at(-1)).toEqual([]);
    ours = [openOrder(encodeClientOrderId({ epoch: s.fx.repo.epoch, pairSeq: 77, leg: 0, purpose: 'entry', attempt: 0 }))];
    const st = await s.loop.run('command');
    expect(st.reconciled).toBe(false);
    expect(st.invariantViolations).toMatchObject([{ kind: 'order-without-intent', venue: 'lighter', symbol: 'ETH', pairSeq: 77 }]);
    expect(s.blocked.at(-1)).toEqual(st.invariantViolations);
    expect(st.pending).toMatchObject([{ kind: 'stale-own-order', action: 'cancel-order' }]);
    ours = [];
    expect(await s.loop.run('command')).toMatchObject({ reconciled: true, invariantViolations: [] });
    expect(s.blocked.at(-1)).toEqual([]);
  });

  it('a run that leaves an invariant broken is run again soon, doubling, and the periodic pace comes back once it is whole', async () => {
    // Read after setup returned (the startup run awaits the restore first): the fixture's epoch is known.
    let resting = true;
    const ours = (): OrderState[] => (resting ? [openOrder(encodeClientOrderId({ epoch: s.fx.repo.epoch, pairSeq: 77, leg: 0, purpose: 'entry', attempt: 0 }))] : []);
    const s = setup((venue) => ({ ...okSnapshot(venue, 0), openOrders: venue === 'lighter' ? ours() : [] }));
    await s.loop.reconciled();
    expect(s.loop.status().reconciled).toBe(false);
    const runs = () => s.reads.lighter;
    const idle = (n: number, what: string) => pollUntil(() => runs() === n && !s.loop.status().running, { what });
    // Follow-ups at the retry interval, then twice it: not the 5-minute periodic pace.
    s.clock.advance(reconcileDefaults.retryIntervalMs);
    await idle(2, 'the first follow-up');
    expect(s.loop.status().lastTrigger).toBe('retry');
    s.clock.advance(reconcileDefaults.retryIntervalMs);
    expect(runs()).toBe(2);
    s.clock.advance(reconcileDefaults.retryIntervalMs);
    await idle(3, 'the second follow-up, twice as late');
    // Whole again: reconciled, and the next run is the periodic one.
    resting = false;
    s.clock.advance(4 * reconcileDefaults.retryIntervalMs);
    await idle(4, 'the third follow-up');
    expect(s.loop.status()).toMatchObject({ reconciled: true, invariantViolations: [] });
    s.clock.advance(reconcileDefaults.periodicIntervalMs - 1);
    expect(runs()).toBe(4);
    s.clock.advance(1);
    await idle(5, 'the periodic run');
    expect(s.loop.status().lastTrigger).toBe('periodic');
  });

  it('a pair entered while a run read the venues is no zombie to that run, and the next run comes soon and finds it whole (crash-suite soak)', async () => {
    // The entry runs while Lighter is read: both legs fill and the pair is open in the ledger
    // before the view is built, but both venues were read before its fills (flat). Judged, it
    // was a zombie asked of the trader and a position-differs violation refusing entries.
    const at = (): number => s.clock.now();
    let entered: number | null = null;
    const enter = (): number => {
      const seq = s.fx.repo.allocatePairSeq();
      const pair = { ...ethPair(seq), createdAtMs: at() };
      const base = { purpose: 'entry' as const, attempt: 0, size: '0.5', price: '3000', tif: 'ioc' as const, reduceOnly: false, createdAtMs: at(), txHash: null };
      const legs = [s.fx.repo.recordIntent(pair, { ...base, leg: 0, venue: 'lighter', side: 'buy' }), s.fx.repo.recordIntent(pair, { ...base, leg: 1, venue: 'extended', side: 'sell' })];
      for (const i of legs) {
        s.fx.repo.recordFill({ venue: i.venue, symbol: 'ETH', venueFillId: `f-${i.intentId}`, venueOrderId: `o-${i.intentId}`, clientOrderId: i.clientOrderId, side: i.side, size: '0.5', price: '3000', feeUsd: '0', isMaker: false, timeMs: at() });
        s.fx.repo.recordOrderState(i.intentId, orderState('filled', '0.5', `o-${i.intentId}`), 'fill', at());
      }
      s.fx.repo.setPairState(seq, 'open', at());
      return seq;
    };
    const held: Record<VenueId, string> = { lighter: '0.5', extended: '-0.5' };
    const s = setup((venue, call) => {
      if (venue === 'lighter' && call === 1) entered = enter();
      const snap = okSnapshot(venue, 0);
      return call >= 2 && snap.kind === 'ok' ? { ...snap, positions: [position(venue, held[venue])] } : snap;
    });
    await s.loop.reconciled();
    s.resubscribe('lighter');
    const during = await pollUntil(() => s.loop.status(), { until: () => s.reads.lighter === 2 && !s.loop.status().running, what: 'the run the entry ran through' });
    expect(entered).not.toBeNull();
    expect(during).toMatchObject({ lastTrigger: 'resubscribed', pending: [], invariantViolations: [], reconciled: true });
    expect(during.lastRunKinds).toEqual([]);
    // Not five minutes later: at the retry interval, with the legs still.
    s.clock.advance(reconcileDefaults.retryIntervalMs);
    const after = await pollUntil(() => s.loop.status(), { until: () => s.reads.lighter === 3 && !s.loop.status().running, what: 'the follow-up run' });
    expect(after).toMatchObject({ lastTrigger: 'retry', pending: [], invariantViolations: [], reconciled: true, lastRunKinds: [] });
    expect(s.fx.repo.pairRecord(entered!)?.state).toBe('open');
  });

  it('a later run reads the venues back to the oldest unresolved order, not only to the last complete run (crash suite)', async () => {
    const fx: LedgerFixture = openLedgerFixture();
    cleanups.push(() => fx.close());
    const clock = manualClock();
    const control = createTradingStateControl(new TradingStateRepo(fx.main), { state: 'ACTIVE', reason: 'test', changedAtMs: 0 }, new EventHub(silentLogger), silentLogger);
    const queries = new LedgerQueries(fx.ledgerDb);
    const since: number[] = [];
    let oldestOrderMs: number | null = null;
    const loop = startReconcileLoop({
      venues: ['lighter', 'extended'],
      read: (venue, sinceMs) => {
        since.push(sinceMs);
        return Promise.resolve(okSnapshot(venue, clock.now()));
      },
      view: (sinceMs, moving) => buildLedgerView({ source: queries, epoch: fx.repo.epoch, sinceMs, activePairSeqs: moving.pairSeqs, movingSinceMs: moving.sinceMs }),
    activePairs: () => [],
      apply: (plan) => applyPlan(plan, { ledger: fx.repo, trackedOpen: () => false, clientOrderIdOf: () => null, now: () => clock.now(), log: silentLogger }),
      restore: () => Promise.resolve([]),
      onResubscribed: () => () => undefined,
      board: { setReconciled: () => undefined },
      tradingState: control,
      settings: () => reconcileDefaults,
      oldestUnclosedPairCreatedAtMs: () => null,
      oldestUnresolvedOrderCreatedAtMs: () => oldestOrderMs,
      clock,
      log: silentLogger,
      fix: () => Promise.resolve({ ok: true, detail: 'done' }),
      trackedOpen: () => false,
      blockEntries: () => undefined,
      onChanged: () => undefined,
    });
    cleanups.push(() => loop.stop());
    await loop.reconciled();
    const firstCompleteMs = clock.now();
    // An order sent 30 s before that run is still unresolved (the tracker gave up on it later).
    oldestOrderMs = firstCompleteMs - 30_000;
    clock.advance(120_000);
    since.length = 0;
    await loop.run('command');
    expect(since).toEqual([oldestOrderMs - 60_000, oldestOrderMs - 60_000]);
    // Nothing unresolved: the window starts a skew before the last complete run again.
    oldestOrderMs = null;
    const lastComplete = loop.status().lastCompleteAtMs!;
    since.length = 0;
    await loop.run('command');
    expect(since).toEqual([lastComplete - 60_000, lastComplete - 60_000]);
  });
});
