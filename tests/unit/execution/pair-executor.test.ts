// The pair executor: opening, hedging each fill, the ladder, cancelEntry, the short-side maker.
// The real FSM and ledger under a scripted venue (helpers/scripted-tracker.ts) on a manual
// monotonic clock; the same flows run end to end over the simulator in tests/integration/execution.
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { rollbackReserveMs } from '../../../src-core/execution/pair-executor';
import { bench, flush, type Bench } from './helpers/scripted-tracker';
import { executor, fillIocs, isHedge, isPostOnly, makerFilled, request, settle } from './helpers/executor-bench';
import type { EntryGate } from '../../../src-core/execution/entry-types';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

describe('rollbackReserveMs', () => {
  it('keeps one hedge IOC timeout for the rollback (defaults: 8 s of 120 s), at most half the entry', () => {
    expect(rollbackReserveMs(tradingDefaults)).toBe(8_000);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 16_000 })).toBe(8_000);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 8_000, entryDeadlineMs: 15_999 })).toBe(7_999);
    expect(rollbackReserveMs({ hedgeAttemptTimeoutMs: 60_000, entryDeadlineMs: 5_001 })).toBe(2_500);
  });
});

describe('PairExecutor: opening and hedging', () => {
  it('asks the gate for each order with its effect, venue and symbol; reports the attempt first; a request notional sizes the entry', async () => {
    b = bench();
    const x = b;
    fillIocs(x);
    const asked: string[] = [];
    const gate: EntryGate = (c) => {
      asked.push(`${c.effect}:${c.venue}:${c.symbol}`);
      return { allowed: true };
    };
    const attempts: number[] = [];
    // Half the default notional (350 USD at 2000 is 0.17 on the 0.01 step): 0.08.
    const p = executor(x, {}, gate).enter(request({ notionalUsd: 175, onAttempt: (id) => attempts.push(id) }));
    expect(attempts).toEqual([1]);
    await flush();
    const [maker] = x.tracker.ordersOf(isPostOnly);
    expect(maker!.intent.size).toBe('0.08');
    x.tracker.fill(maker!.intent.clientOrderId, '0.08', '2000.00');
    expect((await settle(p)).outcome).toBe('opened');
    // The entry's preflight, the maker leg, then the hedge on the other venue as a 'hedge'.
    expect(asked).toEqual(['open:lighter:ETH', 'open:lighter:ETH', 'hedge:extended:ETH']);
  });

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

  it('a hedge IOC that never settles: waited for past its usual time, never re-sent, no rollback against it; broken at the hedging deadline', async () => {
    b = bench();
    const x = b;
    const { p, ended } = await makerFilled(x);
    // Slower than usual is not a verdict: the entry keeps waiting for this one hedge.
    x.clock.advance(tradingDefaults.hedgeAttemptTimeoutMs);
    await flush();
    expect(ended()).toBe(false);
    expect(x.tracker.ordersOf(isHedge)).toHaveLength(1);
    x.clock.advance(tradingDefaults.entryDeadlineMs - rollbackReserveMs(tradingDefaults) - tradingDefaults.hedgeAttemptTimeoutMs);
    const r = await settle(p);
    expect(r.outcome).toBe('broken');
    expect(r.reason).toMatch(/^legs unequal \(0\.17 vs 0\): hedge IOC \d+ unresolved \(accepted\) at the hedging deadline$/);
    expect(r.cooldownSymbol).toBe('ETH');
    expect(x.tracker.ordersOf(isHedge)).toHaveLength(1);
    expect(x.tracker.ordersOf((o) => o.intent.purpose === 'rollback')).toEqual([]);
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
});
