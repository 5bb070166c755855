// The pair executor's maker leg: reprices, refusal storms, budgets on the monotonic clock, escalation.
// The real FSM and ledger under a scripted venue (helpers/scripted-tracker.ts) on a manual
// monotonic clock; the same flows run end to end over the simulator in tests/integration/execution.
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { PairExecutor } from '../../../src-core/execution/pair-executor';
import { silentLogger } from '../../../src-core/telemetry/log';
import { bench, flush, type Bench } from './helpers/scripted-tracker';
import { executor, fillIocs, isPostOnly, request, settle, working } from './helpers/executor-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

describe('PairExecutor: maker leg', () => {
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
      const r = await settle(executor(x, {}, (c) => ({ allowed: c.effect !== 'open' || (opens += 1) === 1, reason: 'limit reached' })).enter(request()));
      // No order means no pair row: the attempt is recorded without one.
      expect(r).toMatchObject({ outcome: 'failed', reason: 'nothing filled: gate: limit reached', pairSeq: null });
      expect(x.tracker.submitted).toEqual([]);
      expect(x.ledger.intentsOfPair(0)).toEqual([]);
    });
  });
});
