// The pair executor's refusals before any order and its rollback paths.
// The real FSM and ledger under a scripted venue (helpers/scripted-tracker.ts) on a manual
// monotonic clock; the same flows run end to end over the simulator in tests/integration/execution.
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import type { EntryGate, EntrySettings } from '../../../src-core/execution/entry-types';
import { PairExecutor } from '../../../src-core/execution/pair-executor';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { bench, flush, type Bench } from './helpers/scripted-tracker';
import { executor, fillIocs, isPostOnly, request, settle } from './helpers/executor-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

describe('PairExecutor: refusals and rollback', () => {
  it('refuses before any order: gate, listing, status, books, size, leverage', async () => {
    b = bench();
    const x = b;
    const refused = async (ex: PairExecutor, req = request()) => {
      const r = await settle(ex.enter(req));
      expect(r.outcome).toBe('refused');
      expect(r.pairSeq).toBeNull();
      return r.reason;
    };
    expect(await refused(executor(x, {}, (c) => ({ allowed: c.effect !== 'open', reason: 'HALTED' })))).toBe('gate: HALTED');
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
      const r = await settle(unhedged(x, () => undefined, {}, (c) => ({ allowed: c.effect !== 'reduce', reason: 'HALTED' })));
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

    it('a rollback IOC that does not settle is waited for until the entry deadline, never re-sent: then broken', async () => {
      b = bench();
      const x = b;
      const p = unhedged(x, () => undefined);
      let ended = false;
      void p.then(() => (ended = true));
      await flush();
      expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toHaveLength(1);
      x.clock.advance(tradingDefaults.hedgeAttemptTimeoutMs);
      await flush();
      expect(ended).toBe(false);
      x.clock.advance(tradingDefaults.entryDeadlineMs);
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
});
