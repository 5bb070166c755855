// The pair rebalancer over the scripted venue (real FSM, real ledger, manual clock): it reads
// both venues' live positions, trades the excess on the larger leg with one reduce-only IOC at the
// hedge slippage cap from the touch (purpose 'rebalance', attempts from the ledger), and sends
// nothing when the gate, the book, the market, the attempts or an unresolved order of the pair say
// no; an IOC whose outcome stays unknown is waited for until the entry's budget, never re-sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { SubmitRequest } from '../../../src-core/execution/tracker-types';
import type { L2Book } from '../../../src-core/venues/port';
import { settle } from './helpers/drive';
import { flush } from './helpers/scripted-tracker';
import { openPair, position, rebalanceBench, type RebalanceBench } from './helpers/rebalance-bench';

let x: RebalanceBench | null = null;
afterEach(() => {
  x?.cleanup();
  x = null;
});

const rebalances = (b: RebalanceBench) => b.tracker.ordersOf((o) => o.intent.purpose === 'rebalance');
const fillAll = (b: RebalanceBench) => {
  b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
};

describe('a trade', () => {
  it('the Extended short cut to 0.15: sells 0.05 on Lighter, reduce-only, 30 bps under the bid; then balanced', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    fillAll(b);
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'liquidation'));
    const [o] = rebalances(b);
    // 2000.00 × (1 − 0.003) = 1994.00.
    expect(o!.intent).toMatchObject({ leg: 0, venue: 'lighter', purpose: 'rebalance', attempt: 0, side: 'sell', size: '0.050', price: '1994.00', tif: 'ioc', reduceOnly: true, pairSeq });
    expect((b.tracker.submitted[0] as SubmitRequest).type).toBe('limit');
    expect(r).toMatchObject({ outcome: 'traded', clientOrderId: o!.intent.clientOrderId, price: '1994.00', settled: true, filledSize: '0.050', orderState: 'filled' });
    if (r.outcome !== 'traded') throw new Error(r.outcome);
    expect(r.need).toMatchObject({ kind: 'trade', leg: 0, venue: 'lighter', side: 'sell' });
    expect(r.after).toMatchObject({ kind: 'balanced' });
    expect(b.gateCalls).toEqual([{ effect: 'reduce', venue: 'lighter', symbol: 'ETH' }]);
    // A rebalance neither opens nor closes the pair.
    expect(b.ledger.pairRecord(pairSeq)!.state).toBe('open');
    expect(b.logged('info')).toEqual(['rebalance sent']);
    expect(b.logged('warn')).toEqual([]);
    expect(b.logs.find((l) => l.msg === 'rebalance sent')).toMatchObject({ pairSeq, reason: 'liquidation', clientOrderId: o!.intent.clientOrderId, venue: 'lighter', side: 'sell', price: '1994.00' });
  });

  it('the Lighter long cut to 0.1: buys 0.1 back on Extended, 30 bps over the ask, on its tick toward the touch', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.offset = '-0.1';
    fillAll(b);
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'liquidation'));
    // 2000.10 × 1.003 = 2006.1003 → 2006.10.
    expect(rebalances(b).map((o) => [o.intent.leg, o.intent.venue, o.intent.side, o.intent.size, o.intent.price, o.intent.reduceOnly])).toEqual([[1, 'extended', 'buy', '0.10', '2006.10', true]]);
    expect(r).toMatchObject({ outcome: 'traded', settled: true, filledSize: '0.10', after: { kind: 'balanced' } });
  });

  it('the cap comes from the settings', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    fillAll(b);
    await settle(b, b.rebalancer({ hedgeSlippageCapBps: 100 }).rebalance(pairSeq, 'x'));
    expect(rebalances(b).map((o) => o.intent.price)).toEqual(['1980.00']);
  });

  it('a partial fill: traded, settled, its exact fill, and a fresh need from the venues after it', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.1';
    b.tracker.script = (o, t) => {
      t.fill(o.intent.clientOrderId, '0.04', o.intent.price);
      t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'traded', settled: true, filledSize: '0.04', orderState: 'canceled', after: { kind: 'trade', venue: 'lighter', side: 'sell', size: '0.060' } });
    // Both venues were read again for `after`.
    expect([b.venues.lighter.reads, b.venues.extended.reads]).toEqual([2, 2]);
  });

  it('attempt numbers continue from the ledger per leg: a second rebalance of leg 0 is attempt 1', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.1';
    b.tracker.script = (o, t) => {
      t.fill(o.intent.clientOrderId, '0.05', o.intent.price);
      t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const rb = b.rebalancer();
    await settle(b, rb.rebalance(pairSeq, 'x'));
    await settle(b, rb.rebalance(pairSeq, 'x'));
    b.venues.extended.offset = '0';
    b.venues.lighter.offset = '-0.05';
    await settle(b, rb.rebalance(pairSeq, 'x'));
    expect(rebalances(b).map((o) => [o.intent.leg, o.intent.attempt])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('attempts spent on the leg: refused, nothing sent', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const pair = b.ledger.pairRecord(pairSeq)!.pair;
    b.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'ioc-unfilled');
    await b.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'rebalance', attempt: 255, side: 'sell', size: '0.01', price: '1994.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.venues.extended.offset = '0.05';
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: 'rebalance attempts exhausted for leg 0', need: { kind: 'trade', leg: 0 } });
    expect(rebalances(b)).toHaveLength(1);
  });

  it('attempt 254 used: the next is the last one, 255', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const pair = b.ledger.pairRecord(pairSeq)!.pair;
    b.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'ioc-unfilled');
    await b.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'rebalance', attempt: 254, side: 'sell', size: '0.01', price: '1994.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    // Other legs' and other purposes' attempts do not count.
    await b.tracker.submit({ pair, intent: { leg: 1, venue: 'extended', purpose: 'rebalance', attempt: 255, side: 'buy', size: '0.01', price: '2006.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.venues.extended.offset = '0.05';
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r.outcome).toBe('traded');
    expect(rebalances(b).filter((o) => o.intent.leg === 0).map((o) => o.intent.attempt)).toEqual([254, 255]);
  });
});

describe('an IOC whose outcome stays unknown', () => {
  it('is waited for until the entry budget, never re-sent; the next rebalance refuses while it is unresolved', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const rb = b.rebalancer({ entryDeadlineMs: 30_000 });
    const start = b.clock.monoNow();
    const r = await settle(b, rb.rebalance(pairSeq, 'x'));
    expect(b.clock.monoNow() - start).toBeGreaterThanOrEqual(30_000);
    expect(b.clock.monoNow() - start).toBeLessThanOrEqual(30_100);
    expect(r).toMatchObject({ outcome: 'traded', settled: false, filledSize: '0', orderState: 'lost', after: null });
    expect(b.logged('warn')).toContain('rebalance IOC not settled: left to the tracker, never re-sent');
    const id = rebalances(b)[0]!.intent.clientOrderId;
    const again = await settle(b, rb.rebalance(pairSeq, 'x'));
    expect(again).toEqual({ outcome: 'refused', reason: `order ${id} of the pair is unresolved: its fills are not known`, need: null });
    expect(rebalances(b)).toHaveLength(1);
  });

  it('a lost IOC judged never arrived no longer blocks: the next rebalance trades', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const rb = b.rebalancer({ entryDeadlineMs: 10_000 });
    await settle(b, rb.rebalance(pairSeq, 'x'));
    b.tracker.verdict = () => 'never-arrived';
    fillAll(b);
    const r = await settle(b, rb.rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'traded', settled: true });
    expect(rebalances(b).map((o) => o.order.state)).toEqual(['rejected', 'filled']);
  });

  it('an IOC the tracker does not know (a restart\'s) blocks; it is not judged', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const pair = b.ledger.pairRecord(pairSeq)!.pair;
    const i = b.ledger.recordIntent(pair, { leg: 0, venue: 'lighter', purpose: 'rebalance', attempt: 0, side: 'sell', size: '0.05', price: '1994.00', tif: 'ioc', reduceOnly: true, createdAtMs: 0, txHash: null });
    b.venues.extended.offset = '0.05';
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toEqual({ outcome: 'refused', reason: `order ${i.clientOrderId} of the pair is unresolved: its fills are not known`, need: null });
  });

  it('a lost resting order is not judged as an IOC: it blocks', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const pair = b.ledger.pairRecord(pairSeq)!.pair;
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const lost = await b.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'exit', attempt: 0, side: 'sell', size: '0.2', price: '2000.10', tif: 'post_only', reduceOnly: true }, type: 'limit' });
    b.tracker.verdict = () => 'never-arrived';
    b.venues.extended.offset = '0.05';
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: `order ${lost.intent.clientOrderId} of the pair is unresolved: its fills are not known` });
    expect(rebalances(b)).toEqual([]);
  });

  it('an open order the tracker does not know blocks; one of another pair does not', async () => {
    x = rebalanceBench();
    const b = x;
    const other = await openPair(b);
    const pairSeq = await openPair(b);
    // Written to the ledger, never tracked (a restart's): not closed there, so unresolved.
    const otherPair = b.ledger.pairRecord(other)!.pair;
    b.ledger.recordIntent(otherPair, { leg: 0, venue: 'lighter', purpose: 'exit', attempt: 0, side: 'sell', size: '0.2', price: '2000.10', tif: 'post_only', reduceOnly: true, createdAtMs: 0, txHash: null });
    b.venues.extended.offset = '0.05';
    fillAll(b);
    expect((await settle(b, b.rebalancer().rebalance(pairSeq, 'x'))).outcome).toBe('traded');
    const r = await settle(b, b.rebalancer().rebalance(other, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/^order .+ of the pair is unresolved/) });
  });
});

describe('nothing sent', () => {
  it('one rebalance of a pair at a time; the next may run once it ended', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    const rb = b.rebalancer();
    const first = rb.rebalance(pairSeq, 'x');
    expect(await rb.rebalance(pairSeq, 'y')).toEqual({ outcome: 'refused', reason: 'a rebalance of this pair is running', need: null });
    b.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'ioc-unfilled');
    await settle(b, first);
    expect((await settle(b, rb.rebalance(pairSeq, 'z'))).outcome).toBe('traded');
    expect(rebalances(b)).toHaveLength(2);
  });

  it('legs equal: not needed', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'not-needed', need: { kind: 'balanced' } });
    expect(b.gateCalls).toEqual([]);
  });

  it('an excess below the venue minimum: untradeable, logged', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    // 0.004 ETH ≈ $8: beyond 1 % of 0.2 and $2, but under Lighter's $10 minimum notional.
    b.venues.extended.offset = '0.004';
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'untradeable', need: { kind: 'untradeable', venue: 'lighter' } });
    expect(b.logged('warn')).toEqual(['pair legs differ but the excess cannot be traded']);
    expect(rebalances(b)).toEqual([]);
  });

  it('no such pair: unknown', async () => {
    x = rebalanceBench();
    const b = x;
    const rb = b.rebalancer();
    expect(await rb.rebalance(7, 'x')).toEqual({ outcome: 'unknown', need: { kind: 'unknown', cause: 'no-pair', why: 'no pair 7' } });
    expect(await rb.check(7)).toEqual({ kind: 'unknown', cause: 'no-pair', why: 'no pair 7' });
  });

  it('a failed position query is never flat: unknown, logged, nothing sent', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.failWith = new Error('HTTP 503');
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toEqual({ outcome: 'unknown', need: { kind: 'unknown', cause: 'query-failed', why: 'positions not read (extended: HTTP 503)' } });
    expect(b.logged('warn')).toEqual(['rebalance: positions not known, nothing sent']);
    expect(b.venues.lighter.reads).toBe(1);
    b.venues.lighter.failWith = 'socket closed';
    expect(await b.rebalancer().check(pairSeq)).toMatchObject({ why: 'positions not read (lighter: socket closed; extended: HTTP 503)' });
    expect(rebalances(b)).toEqual([]);
  });

  it('a market absent from a venue that answered is flat there: the other leg is the excess', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.listed = [position('extended', 'BTC', '-1')];
    const n = await b.rebalancer().check(pairSeq);
    expect(n).toMatchObject({ kind: 'trade', leg: 0, venue: 'lighter', side: 'sell', longSize: '0.2', shortSize: '0' });
  });

  it('the pair not open or broken, one leg only, both legs on one venue, or no market: unknown', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    const rb = b.rebalancer();
    b.ledger.setPairState(pairSeq, 'broken', 0);
    expect((await rb.check(pairSeq)).kind).toBe('balanced');
    b.ledger.setPairState(pairSeq, 'closing', 0);
    expect(await rb.check(pairSeq)).toEqual({ kind: 'unknown', cause: 'pair-state', why: `pair ${pairSeq} is closing` });
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'unknown', need: { cause: 'pair-state' } });

    const one = b.ledger.allocatePairSeq();
    const pair = { pairSeq: one, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: '0.2', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 0 };
    b.ledger.recordIntent(pair, { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.2', price: '2000', tif: 'ioc', reduceOnly: false, createdAtMs: 0, txHash: null });
    b.ledger.setPairState(one, 'open', 0);
    expect(await rb.check(one)).toEqual({ kind: 'unknown', cause: 'no-pair', why: `pair ${one} does not have one leg on each venue` });
    const only1 = b.ledger.allocatePairSeq();
    b.ledger.recordIntent({ ...pair, pairSeq: only1 }, { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.2', price: '2000', tif: 'ioc', reduceOnly: false, createdAtMs: 0, txHash: null });
    b.ledger.setPairState(only1, 'open', 0);
    expect(await rb.check(only1)).toMatchObject({ cause: 'no-pair' });
    b.ledger.recordIntent(pair, { leg: 1, venue: 'lighter', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.2', price: '2000', tif: 'ioc', reduceOnly: false, createdAtMs: 0, txHash: null });
    expect(await rb.check(one)).toMatchObject({ cause: 'no-pair' });

    b.venues.extended.marketGoneAfter = 0;
    expect(await rb.check(pairSeq)).toMatchObject({ kind: 'unknown', cause: 'pair-state' });
    b.ledger.setPairState(pairSeq, 'open', 0);
    expect(await rb.check(pairSeq)).toEqual({ kind: 'unknown', cause: 'no-market', why: 'no ETH market metadata on extended' });
    b.venues.lighter.marketGoneAfter = 0;
    expect(await rb.check(pairSeq)).toMatchObject({ why: 'no ETH market metadata on lighter, extended' });
    b.venues.extended.marketGoneAfter = null;
    expect(await rb.check(pairSeq)).toMatchObject({ cause: 'no-market', why: 'no ETH market metadata on lighter' });
    expect(b.venues.lighter.reads + b.venues.extended.reads).toBe(2);
  });

  it('the gate refusing: refused with its reason, nothing sent', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    const r = await settle(b, b.rebalancer({}, () => ({ allowed: false, reason: 'HALTED' })).rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: 'gate: HALTED', need: { kind: 'trade' } });
    const r2 = await settle(b, b.rebalancer({}, () => ({ allowed: false })).rebalance(pairSeq, 'x'));
    expect(r2).toMatchObject({ outcome: 'refused', reason: 'gate: reduce refused' });
    expect(rebalances(b)).toEqual([]);
  });

  it('the market gone by the time of the trade: refused', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    // The need read it once; the trade's read finds none.
    b.venues.lighter.marketGoneAfter = 1;
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: 'no ETH market metadata on lighter', need: { kind: 'trade' } });
    expect(rebalances(b)).toEqual([]);
  });

  it('no fresh book, an empty side, or a bad price: refused, nothing sent', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    const rb = b.rebalancer();
    b.venues.lighter.fresh = false;
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'refused', reason: 'no fresh lighter book to price the rebalance' });
    b.venues.lighter.fresh = true;
    const real = b.venues.lighter.book.bind(b.venues.lighter);
    b.venues.lighter.book = () => undefined;
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'refused', reason: 'no fresh lighter book to price the rebalance' });
    b.venues.lighter.book = real;
    b.venues.lighter.setBook(null, 2000.1);
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'refused', reason: 'the lighter book has no bids' });
    b.venues.lighter.setBook(-1, 2000.1);
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'refused', reason: 'rebalance price: price must be positive and finite, got -1' });
    b.venues.extended.offset = '0';
    b.venues.lighter.offset = '-0.05';
    b.venues.extended.setBook(2000, null);
    expect(await settle(b, rb.rebalance(pairSeq, 'x'))).toMatchObject({ outcome: 'refused', reason: 'the extended book has no asks' });
    expect(rebalances(b)).toEqual([]);
  });

  it('the tracker refusing the submit: refused with its message, logged', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    b.tracker.beforeSubmit = async () => {
      throw new Error('tracker stopped');
    };
    const r = await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(r).toMatchObject({ outcome: 'refused', reason: 'not submitted: tracker stopped', need: { kind: 'trade' } });
    expect(b.logged('error')).toEqual(['rebalance not submitted']);
    b.tracker.beforeSubmit = () => Promise.reject('duplicate id');
    expect(await settle(b, b.rebalancer().rebalance(pairSeq, 'x'))).toMatchObject({ reason: 'not submitted: duplicate id' });
  });
});

describe('waits and logs', () => {
  it('an IOC with no answer is logged after hedgeAttemptTimeoutMs and still waited for', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    b.tracker.script = () => undefined;
    const p = b.rebalancer({ entryDeadlineMs: 30_000, hedgeAttemptTimeoutMs: 4_000 }).rebalance(pairSeq, 'x');
    const warned = () => b.logs.find((l) => l.msg === 'IOC not settled in the usual time: waiting for its resolution (never re-sent)');
    await flush();
    b.clock.advance(3_999);
    await flush();
    expect(warned()).toBeUndefined();
    b.clock.advance(1);
    await flush();
    const id = rebalances(b)[0]!.intent.clientOrderId;
    expect(warned()).toMatchObject({ clientOrderId: id, state: 'accepted', waitMs: 4_000 });
    b.tracker.fill(id, '0.050', '1994.00');
    expect(await settle(b, p)).toMatchObject({ outcome: 'traded', settled: true, filledSize: '0.050' });
  });

  it('a lost IOC is judged again every inFlightCheckIntervalMs until the budget', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const at: number[] = [];
    b.tracker.verdict = () => {
      at.push(b.clock.monoNow());
      return null;
    };
    const r = await settle(b, b.rebalancer({ entryDeadlineMs: 30_000, inFlightCheckIntervalMs: 5_000 }).rebalance(pairSeq, 'x'), 50);
    expect(at).toEqual([0, 5_000, 10_000, 15_000, 20_000, 25_000]);
    expect(r).toMatchObject({ outcome: 'traded', settled: false, orderState: 'lost' });
    expect(b.logs.find((l) => l.msg === 'rebalance IOC not settled: left to the tracker, never re-sent')).toMatchObject({ clientOrderId: rebalances(b)[0]!.intent.clientOrderId, state: 'lost' });
  });

  it('the warnings carry what an operator needs', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.004';
    await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(b.logs.find((l) => l.msg === 'pair legs differ but the excess cannot be traded')).toMatchObject({ pairSeq, venue: 'lighter', size: expect.any(String), deltaBase: '0.004', why: expect.any(String) });
    b.venues.extended.failWith = new Error('HTTP 503');
    await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(b.logs.find((l) => l.msg === 'rebalance: positions not known, nothing sent')).toMatchObject({ pairSeq, cause: 'query-failed', why: 'positions not read (extended: HTTP 503)' });
    b.venues.extended.failWith = null;
    b.venues.extended.offset = '0.05';
    b.tracker.beforeSubmit = async () => {
      throw new Error('tracker stopped');
    };
    await settle(b, b.rebalancer().rebalance(pairSeq, 'x'));
    expect(b.logs.find((l) => l.msg === 'rebalance not submitted')).toMatchObject({ pairSeq, error: 'Error: tracker stopped' });
  });

  it('a bug while pricing is thrown, not reported as a refusal, and the pair can be rebalanced again', async () => {
    x = rebalanceBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.offset = '0.05';
    const real = b.venues.lighter.book.bind(b.venues.lighter);
    b.venues.lighter.book = () => ({ fresh: true }) as L2Book;
    const rb = b.rebalancer();
    await expect(settle(b, rb.rebalance(pairSeq, 'x'))).rejects.toThrow(TypeError);
    b.venues.lighter.book = real;
    fillAll(b);
    expect((await settle(b, rb.rebalance(pairSeq, 'x'))).outcome).toBe('traded');
  });
});
