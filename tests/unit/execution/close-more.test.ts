// The pair closer's bounds and loud failures (close.ts) on the scripted venue: the pause between
// rounds and the deadline that stops them, the emergency's short wait for an earlier order, an
// order the tracker does not know judged by the ledger's state, a missing market or a bug
// mid-close failing loudly (alarm hook, pair state, log), and what the report and the ledger say.
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import type { EntryGate } from '../../../src-core/execution/entry-types';
import { closeBench, drive, exits, isIoc, isMaker, openPair, pairState, type CloseBench } from './helpers/close-bench';
import { flush } from './helpers/scripted-tracker';

let x: CloseBench | null = null;
afterEach(() => {
  x?.cleanup();
  x = null;
});

const legOf = (b: CloseBench, venue: string) => exits(b).filter((o) => o.intent.venue === venue);
const msgs = (b: CloseBench, level: string) => b.logs.filter((l) => l.level === level).map((l) => l.msg);
const closeReason = (b: CloseBench, pairSeq: number) => new LedgerQueries(b.db).pair(pairSeq)?.closeReason;
const fillAll = (b: CloseBench) => {
  b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
};

describe('rounds', () => {
  it('a leg still open waits closeRetryPauseMs before its next round', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeIocMaxAttemptCount: 1, closeRetryMaxCount: 2, closeRetryPauseMs: 5_000 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'extended').map((o) => o.sentAtMono)).toEqual([0, 5_000, 10_000]);
    expect(r).toMatchObject({ outcome: 'close-failed', rounds: 3 });
    expect(r.legs[1]).toMatchObject({ orderCount: 3, closedSize: '0.00', leftSize: '0.17', failure: 'close ladder spent after 1 IOCs (cap 200 bps), 0.17 left' });
    expect(r.detail).toBe('extended 0.17 left: close ladder spent after 1 IOCs (cap 200 bps), 0.17 left');
    expect(msgs(b, 'warn')).toEqual(['close round left the leg open', 'close round left the leg open', 'close round left the leg open']);
    expect(b.logs.find((l) => l.msg === 'close round left the leg open')).toMatchObject({ pairSeq, venue: 'extended', reason: 'close ladder spent after 1 IOCs (cap 200 bps), 0.17 left' });
  });

  it('the deadline stops the rounds: no round starts after it', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeIocMaxAttemptCount: 1, closeRetryMaxCount: 5, closeRetryPauseMs: 5_000, closeDeadlineMs: 7_000 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'extended').map((o) => o.sentAtMono)).toEqual([0, 5_000]);
    expect(r.rounds).toBe(2);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(7_000);
    expect(r.elapsedMs).toBeLessThanOrEqual(7_050);
  });

  it('the report times the close from its own start, and the ledger says why the pair closed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.clock.advance(5_000);
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'max hold'));
    expect(r).toEqual({ pairSeq, urgency: 'normal', reason: 'max hold', outcome: 'closed', detail: 'both legs flat', rounds: 1, elapsedMs: 0, legs: expect.any(Array) });
    expect(pairState(b, pairSeq)).toBe('closed');
  });

  it("a close that was under way before a restart ('closing') is closed again", async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.ledger.setPairState(pairSeq, 'closing', 0);
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'emergency', 'x'));
    expect(r.outcome).toBe('closed');
    expect(exits(b)).toHaveLength(2);
  });
});

describe('earlier orders of the pair', () => {
  it('emergency: an earlier IOC whose outcome is unknown is waited for a position read\'s time only, then the other leg goes', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2020.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000, positionQueryTimeoutMs: 2_000, closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(legOf(b, 'lighter').map((o) => [o.intent.tif, o.sentAtMono])).toEqual([['ioc', 2_000]]);
    expect(r.legs.map((l) => l.failure)).toEqual([null, 'an earlier order of the leg is unresolved: nothing sent beside it']);
  });

  it('normal: an earlier IOC is waited for up to the close deadline, then the close fails without sending', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2020.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    const r = await drive(b, b.closer({ closeDeadlineMs: 9_000, positionQueryTimeoutMs: 2_000 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toHaveLength(1);
    expect(r.rounds).toBe(1);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(9_000);
    expect(r.legs.map((l) => l.failure)).toEqual([expect.stringMatching(/^the other leg is unknown: nothing sent \(an order of leg 1 is unresolved\)$/), 'an earlier order of the leg is unresolved: nothing sent beside it']);
  });

  it('an order the tracker does not know (a restart\'s) that the ledger holds open: nothing sent beside it', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.ledger.recordIntent(stored.pair, { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true, createdAtMs: 0, txHash: null });
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(legOf(b, 'extended')).toEqual([]);
    expect(legOf(b, 'lighter').filter(isIoc)).toHaveLength(1);
    expect(r.legs.map((l) => [l.venue, l.failure])).toEqual([
      ['lighter', null],
      ['extended', 'an earlier order of the leg is unresolved: nothing sent beside it'],
    ]);
  });

  it('one the tracker does not know that the ledger holds closed does not block', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    const i = b.ledger.recordIntent(stored.pair, { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true, createdAtMs: 0, txHash: null });
    b.ledger.recordOrderState(i.intentId, { state: 'canceled', acceptedStage: 'live', venueOrderId: 'v9', filledSize: '0', venueFilledSize: null, rejectReason: null, endReason: 'canceled-by-us', unknownSends: 0 }, 'test', 0);
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(r.outcome).toBe('closed');
    expect(legOf(b, 'extended').filter((o) => o.intent.attempt > 0)).toHaveLength(1);
  });
});

describe('loud failures', () => {
  it('no market for a leg: close-failed at once, nothing sent, the risk hook told', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    Object.assign(b.venues.extended.meta, { symbol: 'BTC' });
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toEqual([]);
    expect(r).toMatchObject({ outcome: 'close-failed', detail: 'no extended market for ETH', rounds: 0, legs: [] });
    expect(pairState(b, pairSeq)).toBe('close-failed');
    expect(b.failures).toEqual([{ pairSeq, symbol: 'ETH', venues: ['extended'], reason: 'no extended market for ETH', atMs: b.clock.now() }]);
    expect(msgs(b, 'error')).toEqual(['close failed: a leg is still open']);
  });

  it('a bug mid-close fails the close with its message (never dropped), logged', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.book = () => {
      throw new Error('book feed crashed');
    };
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'emergency', 'x'));
    expect(r.outcome).toBe('close-failed');
    expect(r.legs[1]).toMatchObject({ venue: 'extended', leftSize: '0.17', failure: 'close failed unexpectedly: book feed crashed' });
    expect(b.logs.find((l) => l.msg === 'close failed unexpectedly')).toMatchObject({ level: 'error', pairSeq, error: 'Error: book feed crashed' });
    expect(b.failures.map((f) => f.venues)).toEqual([['extended']]);
  });

  it('a thrown non-Error is named as it is', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.book = () => {
      throw 'feed gone';
    };
    const r = await drive(b, b.closer().close(pairSeq, 'emergency', 'x'));
    expect(r.legs[1]!.failure).toBe('close failed unexpectedly: feed gone');
  });

  it('the venue holding less than the ledger is logged with both sizes', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.ledgerNet = () => '0.12';
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(b.logs.find((l) => l.msg === 'venue position smaller than the ledger: closing what the venue holds')).toMatchObject({ level: 'warn', pairSeq, venue: 'lighter', ledger: '0.17', venuePosition: '0.12' });
  });

  it('close-failed tells the risk hook the pair, symbol, open venues and why', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0, closeIocMaxAttemptCount: 1 }).close(pairSeq, 'emergency', 'x'));
    expect(b.failures).toEqual([{ pairSeq, symbol: 'ETH', venues: ['extended'], reason: r.detail, atMs: b.clock.now() }]);
    expect(r.detail).toBe('extended 0.17 left: close ladder spent after 1 IOCs (cap 200 bps), 0.17 left');
    expect(b.logs.find((l) => l.msg === 'close failed: a leg is still open')).toMatchObject({ pairSeq, detail: r.detail });
  });
});

describe('the record a close leaves', () => {
  it('the pair is closing while the close runs, then closed, each with its reason; nothing warned, no listener left', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const listeners = b.tracker.listenerCount;
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const p = b.closer({ closeMakerTimeoutMs: 0 }).close(pairSeq, 'emergency', 'delta bound');
    expect(pairState(b, pairSeq)).toBe('closing');
    expect(closeReason(b, pairSeq)).toBe('closing (emergency): delta bound');
    const r = await drive(b, p);
    expect(r.outcome).toBe('closed');
    expect(closeReason(b, pairSeq)).toBe('closed (emergency): delta bound');
    expect(b.logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(b.tracker.listenerCount).toBe(listeners);
  });

  it('a failed close records why, every open leg in the detail', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }, () => ({ allowed: false, reason: 'HALTED' })).close(pairSeq, 'normal', 'x'));
    expect(r.detail).toBe('lighter 0.17 left: maker gate: HALTED; extended 0.17 left: maker gate: HALTED');
    expect(closeReason(b, pairSeq)).toBe(`close failed (normal): ${r.detail}`);
  });

  it('a refused close: an empty report', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.ledger.setPairState(pairSeq, 'opening', 0);
    const c = b.closer();
    expect(await c.close(pairSeq, 'normal', 'x')).toEqual({ pairSeq, urgency: 'normal', reason: 'x', outcome: 'refused', detail: `pair ${pairSeq} is opening`, rounds: 0, legs: [], elapsedMs: 0 });
    expect(await c.close(99, 'normal', 'x')).toEqual({ pairSeq: 99, urgency: 'normal', reason: 'x', outcome: 'refused', detail: 'no pair 99', rounds: 0, legs: [], elapsedMs: 0 });
  });
});

describe('a second call while a close runs', () => {
  it('normal on normal: nothing changes', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    fillAll(b);
    const c = b.closer();
    const p = c.close(pairSeq, 'normal', 'max hold');
    expect(c.close(pairSeq, 'normal', 'again')).toBe(p);
    const r = await drive(b, p);
    expect(r).toMatchObject({ urgency: 'normal', reason: 'max hold' });
    expect(exits(b).every(isMaker)).toBe(true);
  });

  it('emergency on emergency: nothing changes', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    fillAll(b);
    const c = b.closer();
    const p = c.close(pairSeq, 'emergency', 'delta bound');
    expect(c.close(pairSeq, 'emergency', 'again')).toBe(p);
    expect((await drive(b, p)).reason).toBe('delta bound');
  });

  it('an emergency at once, before the round sent anything: no maker at all, IOCs at the emergency slippage', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const c = b.closer();
    const p = c.close(pairSeq, 'normal', 'max hold');
    c.close(pairSeq, 'emergency', 'delta bound');
    const r = await drive(b, p);
    expect(r.outcome).toBe('closed');
    expect(exits(b).map((o) => [o.intent.tif, o.intent.price])).toEqual([
      ['ioc', '1980.00'],
      ['ioc', '2020.11'],
    ]);
  });

  it('the emergency brings the deadline forward: a leg that cannot close ends at emergencyDeadlineMs from then', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    // Nothing ever fills: makers rest, IOCs end unfilled.
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const c = b.closer({ closeMakerTimeoutMs: 60_000, emergencyDeadlineMs: 5_000, closeRetryPauseMs: 500, closeRetryMaxCount: 20 });
    const p = c.close(pairSeq, 'normal', 'max hold');
    await flush();
    b.clock.advance(1_000);
    c.close(pairSeq, 'emergency', 'delta bound');
    const r = await drive(b, p);
    expect(r.outcome).toBe('close-failed');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(6_000);
    expect(r.elapsedMs).toBeLessThanOrEqual(6_050);
  });
});

describe('more earlier orders', () => {
  it('an earlier IOC still working is waited for, never cancelled; the runs log names the close', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = () => undefined;
    const earlier = await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2020.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    const cancelled: string[] = [];
    b.tracker.onCancel = (o) => cancelled.push(o.intent.clientOrderId);
    fillAll(b);
    const p = b.closer({ closeIocTimeoutMs: 1_500 }).close(pairSeq, 'emergency', 'x');
    await flush();
    b.clock.advance(1_500);
    await flush();
    // The IOC usually settles within closeIocTimeoutMs: a slower one is logged, still waited for.
    expect(b.logs.find((l) => l.msg === 'IOC not settled in the usual time: waiting for its resolution (never re-sent)')).toMatchObject({ pairSeq, part: 'close', clientOrderId: earlier.intent.clientOrderId, waitMs: 1_500 });
    b.tracker.fill(earlier.intent.clientOrderId, '0.17', '2020.00');
    const r = await drive(b, p);
    expect(cancelled).toEqual([]);
    expect(r.outcome).toBe('closed');
    expect(exits(b).filter((o) => o.intent.venue === 'extended')).toHaveLength(1);
  });

  it('an earlier IOC judged never arrived settles at once: both legs close in the first round', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2020.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.tracker.verdict = () => 'never-arrived';
    fillAll(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
    expect(exits(b).filter(isIoc).map((o) => [o.intent.venue, o.sentAtMono, o.order.state])).toEqual([
      ['extended', 0, 'rejected'],
      ['lighter', 0, 'filled'],
      ['extended', 0, 'filled'],
    ]);
  });

  it('an earlier resting order that is lost is judged like an IOC, not cancelled: never arrived, the close goes on at once', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true }, type: 'limit' });
    b.tracker.verdict = () => 'never-arrived';
    const cancelled: string[] = [];
    b.tracker.onCancel = (o) => cancelled.push(o.intent.clientOrderId);
    fillAll(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(cancelled).toEqual([]);
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
    expect(exits(b).filter(isIoc).map((o) => [o.intent.venue, o.sentAtMono])).toEqual([
      ['lighter', 0],
      ['extended', 0],
    ]);
  });

  it('an earlier resting maker is cancelled and the close goes on in the same round', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = () => undefined;
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true }, type: 'limit' });
    fillAll(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
  });

  it('legs already flat with an order the ledger holds open: nothing sent, retried, named', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    // Both legs closed by an earlier close, then one more order that the tracker does not know.
    fillAll(b);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 0, venue: 'lighter', purpose: 'exit', attempt: 0, side: 'sell', size: '0.17', price: '1990.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2010.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.ledger.recordIntent(stored.pair, { leg: 1, venue: 'extended', purpose: 'exit', attempt: 1, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true, createdAtMs: 0, txHash: null });
    const before = b.tracker.submitted.length;
    const r = await drive(b, b.closer({ closeRetryMaxCount: 1 }).close(pairSeq, 'normal', 'x'));
    expect(b.tracker.submitted.length).toBe(before);
    expect(r).toMatchObject({ outcome: 'close-failed', rounds: 2 });
    expect(r.legs.map((l) => [l.venue, l.leftSize, l.failure])).toEqual([
      ['lighter', '0', null],
      ['extended', '0', 'an earlier order of the leg is unresolved: nothing sent beside it'],
    ]);
    expect([b.venues.lighter.positionReads, b.venues.extended.positionReads]).toEqual([0, 0]);
  });

  it('a flat pair closes in one round without reading a position', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    fillAll(b);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 0, venue: 'lighter', purpose: 'exit', attempt: 0, side: 'sell', size: '0.17', price: '1990.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2010.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
    expect([b.venues.lighter.positionReads, b.venues.extended.positionReads]).toEqual([0, 0]);
  });
});

describe('position reads, more', () => {
  it('a leg closed in the first round is not read again', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeIocMaxAttemptCount: 1, closeRetryMaxCount: 2 }).close(pairSeq, 'normal', 'x'));
    expect([b.venues.lighter.positionReads, b.venues.extended.positionReads]).toEqual([1, 3]);
  });

  it('a read that never answers ends at positionQueryTimeoutMs; the other leg is not sent on either, each failure named', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.positions = () => new Promise(() => undefined);
    fillAll(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0, positionQueryTimeoutMs: 2_500 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toEqual([]);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(2_500);
    expect(r.elapsedMs).toBeLessThanOrEqual(2_550);
    const why = r.legs[0]!.failure!;
    expect(why).toMatch(/lighter/);
    expect(r.legs[1]!.failure).toBe(`the other leg is unknown: nothing sent (${why})`);
  });

  it('a failed read names itself on its leg and the other leg names it as the cause', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.failReads = Infinity;
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    const why = r.legs[1]!.failure!;
    expect(why).toMatch(/^extended position read failed: HTTP 503/);
    expect(r.legs[0]!.failure).toBe(`the other leg is unknown: nothing sent (${why})`);
  });
});

describe('a second round', () => {
  it('closes what the first round left, counting only the fills since (the round before filled some)', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    let n = 0;
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') return t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      n += 1;
      if (n === 1) {
        t.fill(o.intent.clientOrderId, '0.07', o.intent.price);
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
      } else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeIocMaxAttemptCount: 1, closeRetryMaxCount: 1 }).close(pairSeq, 'normal', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 2 });
    expect(exits(b).filter((o) => o.intent.venue === 'extended').map((o) => o.intent.size)).toEqual(['0.17', '0.1']);
  });

  it('an IOC that stays unknown: the leg names the order, never re-sent', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'extended') t.lose(o.intent.clientOrderId);
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000, closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    const [lost] = exits(b).filter((o) => o.intent.venue === 'extended');
    expect(r.legs[1]!.failure).toBe(`order ${lost!.intent.clientOrderId} unresolved at the close deadline (never re-sent)`);
  });

  it('a maker whose cancel is never confirmed: the leg names the maker', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.onCancel = () => undefined;
    const r = await drive(b, b.closer({ closeDeadlineMs: 10_000, closeMakerTimeoutMs: 1_000, closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    const ids = exits(b).filter(isMaker).map((o) => o.intent.clientOrderId);
    expect(r.legs.map((l) => l.failure)).toEqual(ids.map((id) => `order ${id} unresolved at the close deadline (never re-sent)`));
  });
});

describe('each leg on its own once the other is flat', () => {
  it('normal close, the flat leg with an order the ledger holds open: the open leg is closed all the same', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    fillAll(b);
    await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2010.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    b.ledger.recordIntent(stored.pair, { leg: 1, venue: 'extended', purpose: 'exit', attempt: 1, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true, createdAtMs: 0, txHash: null });
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter').map((o) => [o.intent.tif, o.order.state])).toEqual([['post_only', 'filled']]);
    expect(r.legs.map((l) => [l.venue, l.leftSize])).toEqual([
      ['lighter', '0'],
      ['extended', '0'],
    ]);
  });

  it('a fill landing while the position is read leaves the leg flat: nothing is sent on it', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const stored = b.ledger.pairRecord(pairSeq)!;
    // An earlier close IOC on Lighter that ended unfilled; its fill arrives late, during the read.
    b.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'ioc-unfilled');
    const earlier = await b.tracker.submit({ pair: stored.pair, intent: { leg: 0, venue: 'lighter', purpose: 'exit', attempt: 0, side: 'sell', size: '0.17', price: '1990.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
    const read = b.venues.lighter.positions.bind(b.venues.lighter);
    b.venues.lighter.positions = async () => {
      const p = await read();
      if (b.venues.lighter.positionReads === 1) b.tracker.fill(earlier.intent.clientOrderId, '0.17', '1990.00');
      return p;
    };
    fillAll(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(legOf(b, 'lighter')).toHaveLength(1);
    expect(r).toMatchObject({ outcome: 'closed' });
  });
});

describe('the gate', () => {
  it("is asked 'reduce' for every order of the close", async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const asked: string[] = [];
    const gate: EntryGate = (c) => {
      asked.push(`${c.effect} ${c.venue}`);
      return { allowed: true };
    };
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    await drive(b, b.closer({ closeMakerTimeoutMs: 1_000 }, gate).close(pairSeq, 'normal', 'x'));
    expect(asked).toEqual(['reduce lighter', 'reduce extended', 'cancel lighter', 'cancel extended', 'reduce lighter', 'reduce extended']);
  });
});
