// The pair closer's bounds and loud failures (close.ts) on the scripted venue: the pause between
// rounds and the deadline that stops them, the emergency's short wait for an earlier order, an
// order the tracker does not know judged by the ledger's state, a missing market or a bug
// mid-close failing loudly (alarm hook, pair state, log), and what the report and the ledger say.
import { afterEach, describe, expect, it } from 'vitest';
import { closeBench, drive, exits, isIoc, openPair, pairState, type CloseBench } from './helpers/close-bench';

let x: CloseBench | null = null;
afterEach(() => {
  x?.cleanup();
  x = null;
});

const legOf = (b: CloseBench, venue: string) => exits(b).filter((o) => o.intent.venue === venue);
const msgs = (b: CloseBench, level: string) => b.logs.filter((l) => l.level === level).map((l) => l.msg);

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
