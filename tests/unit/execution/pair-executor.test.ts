// The pair executor's decisions, pinned exactly: the real FSM and ledger under a scripted venue
// (helpers/scripted-tracker.ts) on a manual monotonic clock. The same flows run end to end over
// the simulator in tests/integration/execution.
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import type { EntryGate, EntryRequest, EntryResult, EntrySettings } from '../../../src-core/execution/entry-types';
import { PairExecutor, rollbackReserveMs } from '../../../src-core/execution/pair-executor';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { silentLogger } from '../../../src-core/telemetry/log';
import { bench, flush, type Bench } from './helpers/scripted-tracker';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const request = (over: Partial<EntryRequest> = {}): EntryRequest => ({
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  capacityBase: '1000',
  triggeredBy: 'auto',
  entryLongHourlyRate: null,
  entryShortHourlyRate: null,
  entryApy: null,
  openNotionalUsd: { lighter: '0', extended: '0' },
  openSymbolNotionalUsd: '0',
  ...over,
});

function executor(x: Bench, settings: Partial<EntrySettings> = {}, gate: EntryGate = () => ({ allowed: true }), maker = {}) {
  const s: EntrySettings = { ...tradingDefaults, ...settings };
  return new PairExecutor({ tracker: x.tracker, ledger: x.ledger, venues: x.venues, clock: x.clock, gate, settings: () => s, log: silentLogger, maker });
}

const isPostOnly = (o: TrackedOrder) => o.intent.leg === 0 && o.intent.tif === 'post_only';
const isHedge = (o: TrackedOrder) => o.intent.leg === 1;
const working = (o: TrackedOrder) => o.order.state === 'accepted' || o.order.state === 'partially-filled';

/** The venue fills every IOC completely at its limit (hedges, escalations, rollbacks). */
function fillIocs(x: Bench): void {
  x.tracker.script = (o, t) => {
    if (o.intent.tif === 'ioc') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
  };
}

async function settle(p: Promise<EntryResult>): Promise<EntryResult> {
  await flush();
  return p;
}

describe('rollbackReserveMs', () => {
  it('keeps one hedge IOC timeout for the rollback (defaults: 8 s of 120 s), at most half the entry', () => {
    expect(rollbackReserveMs(tradingDefaults)).toBe(8_000);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 16_000 })).toBe(8_000);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 15_999 })).toBe(7_999);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 60_000, entryDeadlineMs: 5_001 })).toBe(2_500);
  });
});

describe('PairExecutor (scripted venue)', () => {
  it('opens: leverage on both venues, maker joins the bid, the hedge sells 10 bps under the bid', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const p = executor(x).enter(request());
    await flush();
    const [maker] = x.tracker.ordersOf(isPostOnly);
    expect(maker!.intent).toMatchObject({ venue: 'lighter', side: 'buy', price: '2000.00', size: '0.17', purpose: 'entry', attempt: 0, reduceOnly: false });
    expect(x.venues.lighter.leverageCalls).toEqual([7]);
    expect(x.venues.extended.leverageCalls).toEqual([7]);
    x.tracker.fill(maker!.intent.clientOrderId, '0.17', '2000.00');
    const r = await settle(p);
    expect(r).toEqual({ outcome: 'opened', reason: 'opened', attemptId: 1, pairSeq: 0, targetSize: '0.17', legSizes: ['0.17', '0.17'], rollback: null, cooldownSymbol: null });
    const [hedge] = x.tracker.ordersOf(isHedge);
    expect(hedge!.intent).toMatchObject({ venue: 'extended', side: 'sell', price: '1998.00', size: '0.17', purpose: 'hedge', attempt: 0, tif: 'ioc' });
    expect(x.tracker.submitted.every((s) => s.type === 'limit')).toBe(true);
  });

  it('hedges each partial as it arrives; a rest below the hedge step is rolled back exactly', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const p = executor(x, { makerTimeoutMs: 10_000, makerBudgetExhausted: 'abort' }).enter(request());
    await flush();
    const id = x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId;
    x.tracker.fill(id, '0.05', '2000.00');
    await flush();
    expect(x.tracker.ordersOf(isHedge).map((o) => o.intent.size)).toEqual(['0.05']);
    x.tracker.fill(id, '0.005', '2000.00');
    await flush();
    // 0.005 is half an Extended step: nothing to send yet.
    expect(x.tracker.ordersOf(isHedge)).toHaveLength(1);
    x.tracker.fill(id, '0.006', '2000.00');
    await flush();
    expect(x.tracker.ordersOf(isHedge).map((o) => o.intent.size)).toEqual(['0.05', '0.01']);
    x.clock.advance(10_000);
    const r = await settle(p);
    expect(r.outcome).toBe('opened');
    expect(r.reason).toMatch(/^opened at 0\.060 of 0\.17: rolled back 0\.001/);
    expect(r.legSizes).toEqual(['0.060', '0.06']);
    expect(r.rollback).toEqual({ venue: 'lighter', closedSize: '0.001', leftSize: '0', realizedPnlUsd: '-0.02', feesUsd: '0.0001' });
    const rb = x.tracker.ordersOf((o) => o.intent.purpose === 'rollback');
    expect(rb.map((o) => o.intent)).toEqual([expect.objectContaining({ leg: 0, venue: 'lighter', side: 'sell', size: '0.001', price: '1980.00', reduceOnly: true, tif: 'ioc' })]);
    expect(r.cooldownSymbol).toBe('ETH');
  });

  it('an IOC remainder climbs the ladder (10, 15, 20 bps) with exactly what is left', async () => {
    b = bench();
    const x = b;
    let hedgeCalls = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      hedgeCalls += 1;
      if (hedgeCalls === 1) t.fill(o.intent.clientOrderId, '0.10', o.intent.price);
      if (hedgeCalls < 3) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const p = executor(x).enter(request());
    await flush();
    x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.17', '2000.00');
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    expect(x.tracker.ordersOf(isHedge).map((o) => [o.intent.size, o.intent.price, o.intent.attempt])).toEqual([
      ['0.17', '1998.00', 0],
      ['0.07', '1997.00', 1],
      ['0.07', '1996.00', 2],
    ]);
  });

  it('a full hedge fill restarts the ladder at its first rung for the next fill', async () => {
    b = bench();
    const x = b;
    let hedgeCalls = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      hedgeCalls += 1;
      if (hedgeCalls === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const p = executor(x).enter(request());
    await flush();
    const id = x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId;
    x.tracker.fill(id, '0.10', '2000.00');
    await flush();
    x.tracker.fill(id, '0.07', '2000.00');
    const r = await settle(p);
    expect(r.outcome).toBe('opened');
    expect(x.tracker.ordersOf(isHedge).map((o) => [o.intent.size, o.intent.price])).toEqual([
      ['0.10', '1998.00'],
      ['0.10', '1997.00'],
      ['0.07', '1998.00'],
    ]);
  });

  it('the ladder runs out: the maker is cancelled and exactly the unhedged size is rolled back (B10)', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      if (o.intent.purpose === 'rollback') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price, '0.0673');
    };
    const p = executor(x).enter(request());
    await flush();
    const maker = x.tracker.ordersOf(isPostOnly)[0]!;
    x.tracker.fill(maker.intent.clientOrderId, '0.12', '2000.00');
    const r = await settle(p);
    expect(r).toEqual({
      outcome: 'rolled-back',
      reason: 'rolled back: hedge ladder spent after 3 attempts',
      attemptId: 1,
      pairSeq: 0,
      targetSize: '0.17',
      legSizes: ['0.00', '0'],
      rollback: { venue: 'lighter', closedSize: '0.12', leftSize: '0', realizedPnlUsd: '-2.4', feesUsd: '0.0673' },
      cooldownSymbol: 'ETH',
    });
    expect(x.tracker.ordersOf(isHedge)).toHaveLength(tradingDefaults.hedgeMaxAttemptCount);
    expect(x.tracker.get(maker.intent.clientOrderId)!.order).toMatchObject({ state: 'canceled', endReason: 'canceled-by-us' });
  });

  it('post-only refusals use up the reprices, then one taker IOC within maxSlippageBps (B1, default settings)', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.tif === 'post_only') t.reject(o.intent.clientOrderId);
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await settle(executor(x).enter(request()));
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    const leg0 = x.tracker.ordersOf((o) => o.intent.leg === 0);
    expect(leg0.map((o) => [o.intent.tif, o.intent.attempt])).toEqual([0, 1, 2, 3, 4, 5].map((a) => ['post_only', a]).concat([['ioc', 6]]));
    // Best ask 2000.10 × 1.0015 = 2003.10015 → 2003.10 (never beyond the budget).
    expect(leg0.at(-1)!.intent).toMatchObject({ side: 'buy', price: '2003.10', size: '0.17' });
  });

  it("'abort' ends after the reprices with nothing filled: failed, no IOC, no cooldown", async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.tif === 'post_only') t.reject(o.intent.clientOrderId);
    };
    const r = await settle(executor(x, { makerBudgetExhausted: 'abort', makerMaxRepriceCount: 2 }).enter(request()));
    expect(r).toEqual({ outcome: 'failed', reason: 'nothing filled: post-only refused, no reprices left', attemptId: 1, pairSeq: 0, targetSize: '0.17', legSizes: ['0', '0'], rollback: null, cooldownSymbol: null });
    expect(x.tracker.ordersOf().map((o) => o.intent.tif)).toEqual(['post_only', 'post_only', 'post_only']);
  });

  it('the maker time budget ends at makerTimeoutMs on the monotonic clock, not a millisecond before', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const p = executor(x, { makerTimeoutMs: 5_000 }).enter(request());
    await flush();
    x.clock.advance(4_999);
    await flush();
    expect(x.tracker.ordersOf()).toHaveLength(1);
    expect(working(x.tracker.ordersOf()[0]!)).toBe(true);
    x.clock.advance(1);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    expect(x.tracker.ordersOf((o) => o.intent.leg === 0).map((o) => [o.intent.tif, o.order.state])).toEqual([
      ['post_only', 'canceled'],
      ['ioc', 'filled'],
    ]);
  });

  it('follows a book that moves away (cancel and replace), within the tolerance it stays', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const p = executor(x, {}, undefined, { repriceToleranceTicks: 2 }).enter(request());
    await flush();
    x.venues.lighter.setBook(2000.02, 2000.1);
    await flush();
    expect(x.tracker.ordersOf(isPostOnly)).toHaveLength(1);
    x.venues.lighter.setBook(2000.03, 2000.1);
    await flush();
    const orders = x.tracker.ordersOf(isPostOnly);
    expect(orders.map((o) => [o.intent.price, o.intent.attempt, o.order.state])).toEqual([
      ['2000.00', 0, 'canceled'],
      ['2000.03', 1, 'accepted'],
    ]);
    x.tracker.fill(orders[1]!.intent.clientOrderId, '0.17', '2000.03');
    expect(await settle(p)).toMatchObject({ outcome: 'opened' });
  });

  it('a book that moves away with no reprice left escalates at once', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const p = executor(x, { makerMaxRepriceCount: 0 }).enter(request());
    await flush();
    x.venues.lighter.setBook(2000.05, 2000.1);
    const r = await settle(p);
    expect(r.outcome).toBe('opened');
    expect(x.tracker.ordersOf((o) => o.intent.leg === 0).map((o) => o.intent.tif)).toEqual(['post_only', 'ioc']);
  });

  it('cancelEntry: the maker is cancelled, the filled part is hedged, the pair opens at that size', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const ex = executor(x);
    const p = ex.enter(request());
    await flush();
    expect(ex.active()).toEqual([0]);
    x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.04', '2000.00');
    await flush();
    expect(ex.cancelEntry(1)).toBe(false);
    expect(ex.cancelEntry(0)).toBe(true);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened at 0.04 of 0.17: cancelled by the user', legSizes: ['0.04', '0.04'], cooldownSymbol: null });
    expect(ex.active()).toEqual([]);
  });

  it('a hedge IOC that never settles: no second hedge, no rollback against it, the pair is broken', async () => {
    b = bench();
    const x = b;
    const p = executor(x).enter(request());
    await flush();
    x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.17', '2000.00');
    await flush();
    x.clock.advance(tradingDefaults.hedgeAttemptTimeoutMs);
    const r = await settle(p);
    expect(r.outcome).toBe('broken');
    expect(r.reason).toMatch(/^legs unequal \(0\.17 vs 0\): hedge IOC \d+ did not settle in 8000 ms/);
    expect(r.cooldownSymbol).toBe('ETH');
    expect(x.tracker.ordersOf(isHedge)).toHaveLength(1);
    expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toEqual([]);
  });

  it('refuses before any order: gate, listing, status, books, size, leverage', async () => {
    b = bench();
    const x = b;
    const refused = async (ex: PairExecutor, req = request()) => {
      const r = await settle(ex.enter(req));
      expect(r.outcome).toBe('refused');
      expect(r.pairSeq).toBeNull();
      return r.reason;
    };
    expect(await refused(executor(x, {}, (e) => ({ allowed: e !== 'open', reason: 'HALTED' })))).toBe('gate: HALTED');
    expect(await refused(executor(x, {}, () => ({ allowed: false })))).toBe('gate: open refused');
    expect(await refused(executor(x), request({ symbol: 'BTC' }))).toBe('BTC is not listed on both venues');
    expect(await refused(executor(x), request({ capacityBase: '0.009' }))).toBe('size: 0.00 allowed by capacity is below the minimum 0.01');
    x.venues.extended.availableUsd = '0';
    expect(await refused(executor(x))).toBe('size: 0.00 allowed by margin on extended is below the minimum 0.01');
    x.venues.extended.availableUsd = '100000';
    x.venues.extended.setBook(null, 2000.1);
    expect(await refused(executor(x))).toBe('a book side is empty');
    x.venues.extended.setBook(2000, 2000.1);
    Object.assign(x.venues.lighter.meta, { status: 'reduce-only' });
    expect(await refused(executor(x))).toBe('lighter ETH is reduce-only');
    Object.assign(x.venues.lighter.meta, { status: 'active' });
    x.venues.lighter.setLeverage = async () => ({ kind: 'rejected', reason: 'other', retryable: false, venueCode: '1', venueMessage: 'no' });
    expect(await refused(executor(x))).toBe('leverage on lighter: other');
    expect(x.tracker.submitted).toEqual([]);
    expect(x.ledger.unresolvedIntents()).toEqual([]);
  });

  it('I/O time counts against the maker budget (B3): a send that took the whole budget ends it at once', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    let release: () => void = () => undefined;
    let held = false;
    x.tracker.beforeSubmit = async (req) => {
      if (req.intent.tif !== 'post_only' || held) return;
      held = true;
      await new Promise<void>((r) => (release = r));
    };
    const p = executor(x, { makerTimeoutMs: 5_000 }).enter(request());
    await flush();
    expect(x.tracker.submitted).toHaveLength(0);
    x.clock.advance(5_000);
    release();
    await flush();
    // No further clock movement was needed: the budget was already spent when the send returned.
    expect(x.tracker.ordersOf((o) => o.intent.leg === 0 && o.intent.tif === 'ioc')).toHaveLength(1);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    expect(x.tracker.ordersOf((o) => o.intent.leg === 0).map((o) => [o.intent.tif, o.order.state])).toEqual([
      ['post_only', 'canceled'],
      ['ioc', 'filled'],
    ]);
  });

  it('a cancel that is never confirmed is waited for only until the deadline: unresolved, broken, nothing re-sent (B4)', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    x.tracker.onCancel = () => undefined;
    const p = executor(x, { makerTimeoutMs: 5_000, entryDeadlineMs: 20_000, hedgeAttemptTimeoutMs: 2_000 }).enter(request());
    let finished = false;
    void p.then(() => (finished = true));
    await flush();
    x.clock.advance(5_000);
    await flush();
    const [maker] = x.tracker.ordersOf(isPostOnly);
    expect(maker!.order.state).toBe('pending-cancel');
    // The maker phase ends 2 s (the rollback reserve) before the 20 s deadline.
    x.clock.advance(12_999);
    await flush();
    expect(finished).toBe(false);
    x.clock.advance(1);
    const r = await settle(p);
    expect(r.outcome).toBe('broken');
    expect(r.reason).toBe(`an order is unresolved (legs 0 / 0): maker order ${maker!.intent.clientOrderId} unresolved`);
    expect(x.tracker.ordersOf()).toHaveLength(1);
  });

  it('maker on the short venue: sells at the ask, the hedge buys 10 bps over the ask, the rollback buys back', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.fill(o.intent.clientOrderId, '0.10', o.intent.price);
      if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      if (o.intent.purpose === 'rollback') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const p = executor(x, { hedgeMaxAttemptCount: 1 }).enter(request({ longVenue: 'extended', shortVenue: 'lighter' }));
    await flush();
    const maker = x.tracker.ordersOf(isPostOnly)[0]!;
    expect(maker.intent).toMatchObject({ venue: 'lighter', side: 'sell', price: '2000.10', size: '0.17' });
    x.tracker.fill(maker.intent.clientOrderId, '0.17', '2000.10');
    const r = await settle(p);
    // 2000.10 × 1.001 = 2002.1001 → 2002.10; the rest 0.07 is bought back at 2000.10 × 1.01 = 2020.101 → 2020.10.
    expect(x.tracker.ordersOf(isHedge).map((o) => [o.intent.side, o.intent.price, o.intent.size])).toEqual([['buy', '2002.10', '0.17']]);
    expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback').map((o) => [o.intent.side, o.intent.price, o.intent.size, o.intent.reduceOnly])).toEqual([['buy', '2020.10', '0.07', true]]);
    expect(r).toMatchObject({ outcome: 'opened', legSizes: ['0.10', '0.10'], cooldownSymbol: 'ETH' });
    expect(r.rollback).toMatchObject({ venue: 'lighter', closedSize: '0.07', leftSize: '0', realizedPnlUsd: '-1.4' });
  });

  describe('rollback paths', () => {
    /** Maker fills 0.12, every hedge IOC ends unfilled: 0.12 must be rolled back. */
    async function unhedged(x: Bench, rollback: (o: TrackedOrder, t: Bench['tracker']) => void, settings: Partial<EntrySettings> = {}, gate?: EntryGate) {
      x.tracker.script = (o, t) => {
        if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
        if (o.intent.purpose === 'rollback') rollback(o, t);
      };
      const p = executor(x, settings, gate).enter(request());
      await flush();
      x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.12', '2000.00');
      return p;
    }

    it('a partial rollback IOC is followed by another for exactly the rest', async () => {
      b = bench();
      const x = b;
      let n = 0;
      const r = await settle(
        unhedged(x, (o, t) => {
          n += 1;
          t.fill(o.intent.clientOrderId, n === 1 ? '0.05' : o.intent.size, o.intent.price);
          if (n === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
        }),
      );
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback').map((o) => [o.intent.size, o.intent.attempt])).toEqual([
        ['0.12', 0],
        ['0.07', 1],
      ]);
      expect(r).toMatchObject({ outcome: 'rolled-back', rollback: { closedSize: '0.12', leftSize: '0' } });
    });

    it('rollback IOCs that never fill: bounded tries, the pair is broken with the size left', async () => {
      b = bench();
      const x = b;
      const r = await settle(unhedged(x, (o, t) => t.end(o.intent.clientOrderId, 'ioc-unfilled')));
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toHaveLength(tradingDefaults.hedgeMaxAttemptCount);
      expect(r).toMatchObject({
        outcome: 'broken',
        reason: 'legs unequal (0.12 vs 0): rollback IOC left a remainder',
        rollback: { venue: 'lighter', closedSize: '0', leftSize: '0.12', feesUsd: '0' },
        cooldownSymbol: 'ETH',
      });
    });

    it('the gate refuses the reduce: nothing is sent, broken', async () => {
      b = bench();
      const x = b;
      const r = await settle(unhedged(x, () => undefined, {}, (e) => ({ allowed: e !== 'reduce', reason: 'HALTED' })));
      expect(r).toMatchObject({ outcome: 'broken', reason: 'legs unequal (0.12 vs 0): gate: HALTED', rollback: { closedSize: '0', leftSize: '0.12' } });
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toEqual([]);
    });

    it('no book to price it: broken', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.leg === 1) {
          t.end(o.intent.clientOrderId, 'ioc-unfilled');
          x.venues.lighter.setBook(null, 2000.1);
        }
      };
      const p = executor(x).enter(request());
      await flush();
      x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.12', '2000.00');
      const r = await settle(p);
      expect(r).toMatchObject({ outcome: 'broken', reason: 'legs unequal (0.12 vs 0): no book to price the rollback' });
    });

    it('a rollback IOC that does not settle in hedgeAttemptTimeoutMs: broken, not re-sent', async () => {
      b = bench();
      const x = b;
      const p = unhedged(x, () => undefined);
      await flush();
      x.clock.advance(tradingDefaults.hedgeAttemptTimeoutMs - 1);
      await flush();
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toHaveLength(1);
      x.clock.advance(1);
      const r = await settle(p);
      expect(r.outcome).toBe('broken');
      expect(r.reason).toMatch(/^legs unequal \(0\.12 vs 0\): rollback IOC \d+ did not settle$/);
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toHaveLength(1);
    });
  });

  describe('preflight refusals', () => {
    const refusedWith = async (x: Bench, ex: PairExecutor = executor(x)) => {
      const r = await settle(ex.enter(request()));
      expect(r).toMatchObject({ outcome: 'refused', pairSeq: null, targetSize: null, legSizes: ['0', '0'], rollback: null, cooldownSymbol: null });
      expect(x.tracker.submitted).toEqual([]);
      return r.reason;
    };
    it('a stale book on either venue', async () => {
      b = bench();
      const x = b;
      x.venues.extended.fresh = false;
      expect(await refusedWith(x)).toBe('no fresh book on both venues');
      x.venues.extended.fresh = true;
      x.venues.lighter.fresh = false;
      expect(await refusedWith(x)).toBe('no fresh book on both venues');
    });
    it('the hedge venue does not list the symbol', async () => {
      b = bench();
      const x = b;
      x.venues.extended.market = () => undefined;
      expect(await refusedWith(x)).toBe('ETH is not listed on both venues');
    });
    it('balances that fail or do not answer before the deadline', async () => {
      b = bench();
      const x = b;
      x.venues.lighter.balance = () => Promise.reject(new Error('503'));
      expect(await refusedWith(x)).toBe('balances not read: Error: 503');
      x.venues.lighter.balance = () => new Promise(() => undefined);
      const p = executor(x, { entryDeadlineMs: 10_000 }).enter(request());
      await flush();
      x.clock.advance(10_000);
      expect((await settle(p)).reason).toBe('balances not read before the deadline');
    });
    it('leverage that is unknown, throws or does not answer', async () => {
      b = bench();
      const x = b;
      x.venues.extended.setLeverage = async () => ({ kind: 'unknown', cause: 'timeout', txHash: null });
      expect(await refusedWith(x)).toBe('leverage on extended: outcome unknown');
      x.venues.extended.setLeverage = () => Promise.reject(new Error('boom'));
      expect(await refusedWith(x)).toBe('leverage on extended: Error: boom');
      x.venues.extended.setLeverage = () => new Promise(() => undefined);
      const p = executor(x, { entryDeadlineMs: 10_000 }).enter(request());
      await flush();
      x.clock.advance(10_000);
      expect((await settle(p)).reason).toBe('leverage on extended: no answer before the deadline');
    });
    it('the leverage is the lowest of the setting and both venues\' caps, whole', async () => {
      b = bench();
      const x = b;
      fillIocs(x);
      Object.assign(x.venues.extended.meta, { maxLeverage: 5.5 });
      const p = executor(x, { makerTimeoutMs: 1_000, makerBudgetExhausted: 'abort' }).enter(request());
      await flush();
      x.clock.advance(1_000);
      await settle(p);
      expect(x.venues.lighter.leverageCalls).toEqual([5]);
      expect(x.venues.extended.leverageCalls).toEqual([5]);
    });
  });

  describe('maker leg edges', () => {
    it('reprices with the default options (tolerance 0, join the touch)', async () => {
      b = bench();
      const x = b;
      fillIocs(x);
      const ex = new PairExecutor({ tracker: x.tracker, ledger: x.ledger, venues: x.venues, clock: x.clock, gate: () => ({ allowed: true }), settings: () => tradingDefaults, log: silentLogger });
      const p = ex.enter(request());
      await flush();
      x.venues.lighter.setBook(2000.01, 2000.1);
      await flush();
      const orders = x.tracker.ordersOf(isPostOnly);
      expect(orders.map((o) => o.intent.price)).toEqual(['2000.00', '2000.01']);
      x.tracker.fill(orders[1]!.intent.clientOrderId, '0.17', '2000.01');
      expect(await settle(p)).toMatchObject({ outcome: 'opened' });
    });

    it('no ask to escalate against: the entry fails with nothing filled', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.tif === 'post_only') {
          t.reject(o.intent.clientOrderId);
          x.venues.lighter.setBook(2000, null);
        }
      };
      const r = await settle(executor(x, { makerMaxRepriceCount: 0 }).enter(request()));
      expect(r).toMatchObject({ outcome: 'failed', reason: 'nothing filled: post-only refused, no reprices left; no book to escalate against' });
      expect(x.tracker.ordersOf((o) => o.intent.tif === 'ioc')).toEqual([]);
    });

    it('an escalation that fills part: that part is hedged and the pair opens smaller', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.tif === 'post_only') t.reject(o.intent.clientOrderId);
        else if (o.intent.leg === 0) {
          t.fill(o.intent.clientOrderId, '0.09', o.intent.price);
          t.end(o.intent.clientOrderId, 'ioc-unfilled');
        } else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      };
      const r = await settle(executor(x, { makerMaxRepriceCount: 0 }).enter(request()));
      expect(r).toMatchObject({ outcome: 'opened', reason: 'opened at 0.09 of 0.17: post-only refused, no reprices left; taker escalation filled 0.09 of 0.17', legSizes: ['0.09', '0.09'] });
    });

    it('a remainder below the maker venue minimum is not sent: the filled part stays hedged', async () => {
      b = bench();
      const x = b;
      fillIocs(x);
      const p = executor(x).enter(request());
      await flush();
      const first = x.tracker.ordersOf(isPostOnly)[0]!;
      // 0.166 filled: 0.004 left is 8 USD, below the 10 USD minimum.
      x.tracker.fill(first.intent.clientOrderId, '0.166', '2000.00');
      await flush();
      x.venues.lighter.setBook(2000.05, 2000.1);
      const r = await settle(p);
      expect(x.tracker.ordersOf(isPostOnly)).toHaveLength(1);
      expect(r.outcome).toBe('opened');
      expect(r.reason).toMatch(/remainder 0\.004 is below the maker venue's minimum$/);
      expect(r.rollback).toMatchObject({ closedSize: '0.006' });
    });

    it('the gate refuses the maker order itself: nothing sent, failed', async () => {
      b = bench();
      const x = b;
      let opens = 0;
      const r = await settle(executor(x, {}, (e) => ({ allowed: e !== 'open' || (opens += 1) === 1, reason: 'limit reached' })).enter(request()));
      // No order means no pair row: the attempt is recorded without one.
      expect(r).toMatchObject({ outcome: 'failed', reason: 'nothing filled: gate: limit reached', pairSeq: null });
      expect(x.tracker.submitted).toEqual([]);
      expect(x.ledger.intentsOfPair(0)).toEqual([]);
    });
  });
});
