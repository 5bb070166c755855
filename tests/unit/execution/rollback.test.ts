// The rollback on its own (rollback.ts), over a hand-built EntryRun on the scripted venue: it
// closes exactly the leg that is ahead (either leg), on that leg's venue, reduce-only, priced
// off the touch; it sends nothing while an order of the pair is unresolved or past the deadline;
// its report comes from the ledger (realized PnL and the rollback orders' fees).
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { AttemptCounter, planEntry } from '../../../src-core/execution/entry-plan';
import { EntryRun } from '../../../src-core/execution/entry-run';
import { rollbackUnhedged } from '../../../src-core/execution/rollback';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { EntryGate } from '../../../src-core/execution/entry-types';
import { settle } from './helpers/drive';
import { bench, flush, type Bench } from './helpers/scripted-tracker';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const ROLLBACK_RESERVE_MS = 8_000;

function runOn(x: Bench, finalDeadlineMs = 120_000, gate: EntryGate = () => ({ allowed: true })) {
  const plan = planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' }, 'lighter');
  const pairSeq = x.ledger.allocatePairSeq();
  const pair = { pairSeq, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: '0.2', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 };
  return new EntryRun(
    { tracker: x.tracker, ledger: x.ledger, venues: x.venues, clock: x.clock, gate, log: silentLogger },
    { ...tradingDefaults },
    plan,
    { maker: x.venues.lighter.meta, hedge: x.venues.extended.meta },
    pair,
    new AttemptCounter(),
    x.clock.monoNow() + finalDeadlineMs,
    ROLLBACK_RESERVE_MS,
  );
}

/** Sends an order on a leg through the run and fills `size` of it at `price`. */
async function filled(run: EntryRun, x: Bench, leg: 0 | 1, size: string, price: string, orderSize = size) {
  const legPlan = leg === 0 ? run.plan.maker : run.plan.hedge;
  const sent = await run.send({ leg: legPlan, purpose: leg === 0 ? 'entry' : 'hedge', side: legPlan.side, size: orderSize, price, tif: 'ioc', reduceOnly: false, effect: leg === 0 ? 'open' : 'hedge' });
  if (sent.kind !== 'sent') throw new Error(sent.reason);
  x.tracker.fill(sent.order.intent.clientOrderId, size, price, '0.01');
  if (size !== orderSize) x.tracker.end(sent.order.intent.clientOrderId, 'ioc-unfilled');
  await flush();
  return sent.order.intent.clientOrderId;
}

const rollbacks = (x: Bench) => x.tracker.ordersOf((o) => o.intent.purpose === 'rollback');

describe('rollbackUnhedged', () => {
  it('legs equal: nothing to roll back, nothing sent', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    await filled(run, x, 1, '0.2', '2000.00');
    expect(await rollbackUnhedged(run)).toBeNull();
    expect(rollbacks(x)).toEqual([]);
  });

  it('the maker leg ahead: sells the difference on Lighter, reduce-only, 100 bps under the bid; report from the ledger', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose === 'rollback') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price, '0.02');
    };
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    await filled(run, x, 1, '0.15', '2000.00', '0.2');
    const r = await rollbackUnhedged(run);
    const [o] = rollbacks(x);
    // 2000.00 × (1 − 0.01) = 1980.00 on the 0.01 tick.
    expect(o!.intent).toMatchObject({ venue: 'lighter', side: 'sell', size: '0.05', price: '1980.00', tif: 'ioc', reduceOnly: true, leg: 0 });
    // Bought 0.2 at 2000, sold 0.05 at 1980: realized (1980 − 2000) × 0.05 = −1; the rollback's fee only.
    expect(r).toEqual({ venue: 'lighter', closedSize: '0.05', leftSize: '0', realizedPnlUsd: '-1', feesUsd: '0.02', ok: true, reason: 'closed' });
  });

  it('the hedge leg ahead: buys the difference back on Extended, 100 bps over the ask', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose === 'rollback') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const run = runOn(x);
    await filled(run, x, 0, '0.1', '2000.00', '0.2');
    await filled(run, x, 1, '0.2', '2000.00');
    const r = await rollbackUnhedged(run);
    const [o] = rollbacks(x);
    // 2000.10 × 1.01 = 2020.101 → 2020.10 (rounded inward: the limit never passes the cap).
    expect(o!.intent).toMatchObject({ venue: 'extended', side: 'buy', size: '0.1', price: '2020.10', reduceOnly: true, leg: 1 });
    expect(r).toMatchObject({ venue: 'extended', closedSize: '0.1', leftSize: '0', ok: true, reason: 'closed' });
  });

  it('a partial rollback fill then nothing: the rest is left and named', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose !== 'rollback') return;
      n += 1;
      if (n === 1) t.fill(o.intent.clientOrderId, '0.02', o.intent.price);
      t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    await filled(run, x, 1, '0.1', '2000.00', '0.2');
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x).map((o) => o.intent.size)).toEqual(['0.1', '0.08', '0.08']);
    expect(r).toMatchObject({ closedSize: '0.02', leftSize: '0.08', ok: false, reason: 'rollback IOC left a remainder' });
  });

  it('an order of the pair still unresolved: nothing is sent (its fills are not known)', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    // A hedge that rests: not settled.
    const sent = await run.send({ leg: run.plan.hedge, purpose: 'hedge', side: 'sell', size: '0.2', price: '2000.00', tif: 'ioc', reduceOnly: false, effect: 'hedge' });
    expect(sent.kind).toBe('sent');
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toEqual([]);
    expect(r).toMatchObject({ closedSize: '0', leftSize: '0.2', ok: false, reason: 'an order of the pair is unresolved: its fills are not known' });
  });

  it('past the entry deadline: nothing is sent', async () => {
    b = bench();
    const x = b;
    const run = runOn(x, 1_000);
    await filled(run, x, 0, '0.2', '2000.00');
    x.clock.advance(1_000);
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toEqual([]);
    expect(r).toMatchObject({ leftSize: '0.2', ok: false, reason: 'entry deadline passed before the rollback finished' });
  });
});

describe('rollbackUnhedged: what stops it', () => {
  it('no price on the side it takes: nothing sent, named', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    // Selling the excess needs a bid.
    x.venues.lighter.setBook(null, 2000.1);
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toEqual([]);
    expect(r).toMatchObject({ venue: 'lighter', closedSize: '0', leftSize: '0.2', ok: false, reason: 'no book to price the rollback' });
  });

  it('the gate refusing the reduce: nothing sent, its reason', async () => {
    b = bench();
    const x = b;
    const run = runOn(x, 120_000, (c) => (c.effect === 'reduce' ? { allowed: false, reason: 'HALTED' } : { allowed: true }));
    await filled(run, x, 0, '0.2', '2000.00');
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toEqual([]);
    expect(r).toMatchObject({ ok: false, leftSize: '0.2', reason: 'gate: HALTED' });
  });

  it('a rollback IOC whose outcome stays unknown: waited for until the entry deadline, never re-sent', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose === 'rollback') t.lose(o.intent.clientOrderId);
    };
    const run = runOn(x, 20_000);
    await filled(run, x, 0, '0.2', '2000.00');
    await filled(run, x, 1, '0.1', '2000.00', '0.2');
    const r = await settle(x, rollbackUnhedged(run));
    expect(x.clock.monoNow()).toBeGreaterThanOrEqual(20_000);
    expect(x.clock.monoNow()).toBeLessThanOrEqual(20_100);
    const [o] = rollbacks(x);
    expect(rollbacks(x)).toHaveLength(1);
    expect(r).toMatchObject({ closedSize: '0', leftSize: '0.1', ok: false, reason: `rollback IOC ${o!.intent.clientOrderId} did not settle` });
  });

  it('the tries are bounded by hedgeMaxAttemptCount', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose === 'rollback') t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toHaveLength(3);
    expect(r).toMatchObject({ ok: false, leftSize: '0.2', reason: 'rollback IOC left a remainder' });
  });

  it('a second rollback reports only what it closed itself, and the fees of every rollback order of the leg', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.purpose !== 'rollback') return;
      n += 1;
      if (n === 1) t.fill(o.intent.clientOrderId, '0.03', o.intent.price, '0.01');
      if (n >= 4) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price, '0.02');
      else t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    await filled(run, x, 1, '0.1', '2000.00', '0.2');
    const first = await rollbackUnhedged(run);
    expect(first).toMatchObject({ closedSize: '0.03', leftSize: '0.07', ok: false });
    const second = await rollbackUnhedged(run);
    expect(rollbacks(x).map((o) => o.intent.size)).toEqual(['0.1', '0.07', '0.07', '0.07']);
    // Sold 0.03 and 0.07 at 1980 against a buy at 2000: (1980 − 2000) × 0.1 = −2.
    expect(second).toEqual({ venue: 'lighter', closedSize: '0.07', leftSize: '0', realizedPnlUsd: '-2', feesUsd: '0.03', ok: true, reason: 'closed' });
  });
});

describe('rollbackUnhedged: its leg and the other', () => {
  it("each leg is priced on its own market's tick", async () => {
    b = bench();
    const x = b;
    Object.assign(x.venues.extended.meta, { tickSize: '0.1' });
    x.tracker.script = (o, t) => {
      if (o.intent.purpose === 'rollback') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const hedgeAhead = runOn(x);
    await filled(hedgeAhead, x, 0, '0.1', '2000.00', '0.2');
    await filled(hedgeAhead, x, 1, '0.2', '2000.0');
    await rollbackUnhedged(hedgeAhead);
    const makerAhead = runOn(x);
    await filled(makerAhead, x, 0, '0.2', '2000.00');
    await filled(makerAhead, x, 1, '0.1', '2000.0', '0.2');
    await rollbackUnhedged(makerAhead);
    // 2000.10 × 1.01 = 2020.101 → 2020.1 on Extended's 0.1 tick; 2000.00 × 0.99 on Lighter's 0.01.
    expect(rollbacks(x).map((o) => [o.intent.venue, o.intent.price])).toEqual([
      ['extended', '2020.1'],
      ['lighter', '1980.00'],
    ]);
  });

  it('no book on the venue: nothing sent, named', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    x.venues.lighter.book = () => undefined;
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toEqual([]);
    expect(r).toMatchObject({ ok: false, reason: 'no book to price the rollback' });
  });

  it('a late hedge fill evening the legs while the rollback IOC runs: closed, no further try', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    const hedge = await filled(run, x, 1, '0.1', '2000.00', '0.2');
    x.tracker.script = (o, t) => {
      if (o.intent.purpose !== 'rollback') return;
      t.fill(o.intent.clientOrderId, '0.02', o.intent.price);
      t.end(o.intent.clientOrderId, 'ioc-unfilled');
      // The hedge's fill that raced its end arrives now.
      t.fill(hedge, '0.08', '2000.00');
    };
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x)).toHaveLength(1);
    expect(r).toMatchObject({ closedSize: '0.02', leftSize: '0', ok: true, reason: 'closed' });
  });

  it('a late hedge fill putting the other leg ahead: the rollback stops on its own leg and says that leg is done', async () => {
    b = bench();
    const x = b;
    const run = runOn(x);
    await filled(run, x, 0, '0.2', '2000.00');
    const hedge = await filled(run, x, 1, '0.1', '2000.00', '0.2');
    x.tracker.script = (o, t) => {
      if (o.intent.purpose !== 'rollback') return;
      t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      t.fill(hedge, '0.05', '2000.00');
    };
    const r = await rollbackUnhedged(run);
    expect(rollbacks(x).map((o) => [o.intent.venue, o.intent.size])).toEqual([['lighter', '0.1']]);
    // Leg 0 holds 0.1, leg 1 0.15: not this rollback's leg to close.
    expect(r).toMatchObject({ venue: 'lighter', closedSize: '0.1', leftSize: '0', ok: false, reason: 'closed' });
  });
});
