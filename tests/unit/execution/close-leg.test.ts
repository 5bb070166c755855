// One leg's round of a close (close-leg.ts), driven through the pair closer on the scripted venue:
// the maker's expiry and its wait bounded by closeMakerTimeoutMs and the close's deadline, no maker
// without a fresh book or for a remainder below the venue's minimum, the refusals named, and the
// IOC ladder's retries of a send that never reached the book (same rung, growing pauses, bounded).
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketMeta } from '../../../src-core/venues/port';
import { closeBench, drive, exits, isIoc, isMaker, openPair, type CloseBench } from './helpers/close-bench';
import { flush } from './helpers/scripted-tracker';

let x: CloseBench | null = null;
afterEach(() => {
  x?.cleanup();
  x = null;
});

const legOf = (b: CloseBench, venue: string) => exits(b).filter((o) => o.intent.venue === venue);
const failureOf = (r: Awaited<ReturnType<typeof drive>>, venue: string) => r.legs.find((l) => l.venue === venue)?.failure;
/** Changes a venue's market metadata in place (the closer reads it when the close starts). */
const setMeta = (b: CloseBench, venue: 'lighter' | 'extended', over: Partial<MarketMeta>) => Object.assign(b.venues[venue].meta, over);

describe('the maker', () => {
  it('rests with a 10 min expiry for closeMakerTimeoutMs, is cancelled, then the IOC goes at that moment', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.clock.advance(1_000);
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 4_000 }).close(pairSeq, 'normal', 'x'));
    expect(r.outcome).toBe('closed');
    const makers = b.tracker.submitted.filter((s) => s.intent.tif === 'post_only');
    expect(makers.map((s) => s.expiryMs)).toEqual([b.clock.now() - b.clock.monoNow() + 1_000 + 600_000, b.clock.now() - b.clock.monoNow() + 1_000 + 600_000]);
    const iocs = b.tracker.submitted.filter((s) => s.intent.tif === 'ioc');
    expect(iocs.every((s) => !('expiryMs' in s))).toBe(true);
    expect(exits(b).filter(isMaker).map((o) => o.order.state)).toEqual(['canceled', 'canceled']);
    expect(exits(b).filter(isIoc).map((o) => o.sentAtMono)).toEqual([5_000, 5_000]);
    expect(r.legs.map((l) => l.orderCount)).toEqual([2, 2]);
  });

  it('a deadline before the maker timeout ends the maker there: cancelled, no IOC, the leg named open', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (isIoc(o)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 10_000, closeDeadlineMs: 4_000 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b).filter(isIoc)).toEqual([]);
    expect(exits(b).filter(isMaker).map((o) => o.order.state)).toEqual(['canceled', 'canceled']);
    expect(r.outcome).toBe('close-failed');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(4_000);
    expect(r.elapsedMs).toBeLessThanOrEqual(4_050);
    expect(r.legs.map((l) => l.failure)).toEqual(['close deadline passed with the leg open', 'close deadline passed with the leg open']);
  });

  it('a maker that fills while it rests ends the wait at once: no cancel, no IOC', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const p = b.closer({ closeMakerTimeoutMs: 60_000 }).close(pairSeq, 'normal', 'x');
    await flush();
    b.clock.advance(2_000);
    for (const o of exits(b)) b.tracker.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, p);
    expect(r).toMatchObject({ outcome: 'closed', elapsedMs: 2_000 });
    expect(exits(b).map((o) => o.order.state)).toEqual(['filled', 'filled']);
  });

  it('no fresh book: no maker and no IOC on that leg, named; the other leg rests its maker', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.fresh = false;
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter')).toEqual([]);
    expect(legOf(b, 'extended').map((o) => o.intent.tif)).toEqual(['post_only']);
    expect(failureOf(r, 'lighter')).toBe('no fresh lighter book to price the close');
    expect(r.legs.map((l) => l.orderCount)).toEqual([0, 1]);
  });

  it('no book at all, or one with neither side: nothing sent on the leg, named', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.book = () => undefined;
    b.venues.extended.setBook(null, null);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toEqual([]);
    expect(r.legs.map((l) => l.failure)).toEqual(['no fresh lighter book to price the close', 'no fresh extended book to price the close']);
  });

  it('a one-sided book still prices the maker off the side there is', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    // A sell closing the long with no ask: one tick above the bid.
    b.venues.lighter.setBook(2000, null);
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter').map((o) => [o.intent.tif, o.intent.price])).toEqual([['post_only', '2000.01']]);
    expect(r.outcome).toBe('closed');
  });

  it('a remainder below the minimum notional is not rested: the IOC goes first', async () => {
    x = closeBench();
    const b = x;
    // 0.004 ETH × $2000 = $8, under the $10 minimum; Extended's 0.01 step cannot close it at all.
    const pairSeq = await openPair(b, '0.004');
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter').map((o) => [o.intent.tif, o.intent.size, o.intent.price])).toEqual([['ioc', '0.004', '1990.00']]);
    expect(failureOf(r, 'lighter')).toBeNull();
    expect(failureOf(r, 'extended')).toBe('remainder below one extended step (0.01)');
  });

  it('the gate refusing the maker: the leg fails naming the maker, nothing counted as sent', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }, () => ({ allowed: false, reason: 'HALTED' })).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toEqual([]);
    expect(r.legs.map((l) => [l.failure, l.orderCount])).toEqual([
      ['maker gate: HALTED', 0],
      ['maker gate: HALTED', 0],
    ]);
  });

  it('the gate refusing an IOC: the leg fails naming the close IOC', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }, () => ({ allowed: false, reason: 'HALTED' })).close(pairSeq, 'emergency', 'x'));
    expect(r.legs.map((l) => l.failure)).toEqual(['close IOC gate: HALTED', 'close IOC gate: HALTED']);
  });
});

describe('the IOC ladder', () => {
  it('an IOC refused before it reached the book is sent again on the same rung after 250 ms, then 500 ms', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    let n = 0;
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter' && ++n <= 2) t.reject(o.intent.clientOrderId, 'rate-limited');
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000 }).close(pairSeq, 'emergency', 'x'), 50);
    expect(r.outcome).toBe('closed');
    expect(legOf(b, 'lighter').map((o) => [o.intent.price, o.sentAtMono])).toEqual([
      ['1980.00', 0],
      ['1980.00', 250],
      ['1980.00', 750],
    ]);
    expect(r.legs.map((l) => l.orderCount)).toEqual([3, 1]);
  });

  it('a refusal on the book (reduce-only) climbs a rung', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    let n = 0;
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter' && ++n <= 1) t.reject(o.intent.clientOrderId, 'reduce-only');
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer().close(pairSeq, 'emergency', 'x'));
    expect(r.outcome).toBe('closed');
    expect(legOf(b, 'lighter').map((o) => [o.intent.price, o.sentAtMono])).toEqual([
      ['1980.00', 0],
      ['1970.00', 0],
    ]);
  });

  it('refused before matching more than 8 times in a row: the leg fails and says so, the pauses capped at 2 s', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.reject(o.intent.clientOrderId, 'not-sent');
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(failureOf(r, 'lighter')).toBe('close IOC refused before matching 9 times in a row (last: not-sent)');
    const at = legOf(b, 'lighter').map((o) => o.sentAtMono);
    expect(at.slice(1).map((t, i) => t - at[i]!)).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000, 2_000, 2_000]);
    expect(new Set(legOf(b, 'lighter').map((o) => o.intent.price))).toEqual(new Set(['1990.00']));
  });

  it('the ladder spent: the failure names the IOCs, the cap and what is left', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') {
        t.fill(o.intent.clientOrderId, '0.01', o.intent.price);
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
      } else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeRetryMaxCount: 0, closeIocMaxAttemptCount: 2, closeSlippageCapBps: 150 }).close(pairSeq, 'normal', 'x'));
    expect(failureOf(r, 'lighter')).toBe('close ladder spent after 2 IOCs (cap 150 bps), 0.15 left');
    expect(legOf(b, 'lighter').map((o) => o.intent.size)).toEqual(['0.17', '0.16']);
  });

  it('a last rung leaving less than one step ends the leg closed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b, '0.1705');
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') {
        t.fill(o.intent.clientOrderId, '0.1698', o.intent.price);
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
      } else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeRetryMaxCount: 0, closeIocMaxAttemptCount: 1 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter').map((o) => o.intent.size)).toEqual(['0.17']);
    // The 0.0007 left is under one Lighter step: the round ends the leg as closed (no ladder
    // failure), and the close names the leg open with what the ledger holds.
    expect(r.legs[0]).toMatchObject({ leftSize: '0.0007', failure: 'close deadline passed with the leg open' });
  });

  it('a remainder of exactly the venue minimum is sent', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b, '0.01');
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(legOf(b, 'extended').map((o) => o.intent.size)).toEqual(['0.01']);
    expect(r.outcome).toBe('closed');
  });

  it('a remainder of whole steps below the venue minimum is not sent, and is named', async () => {
    x = closeBench();
    const b = x;
    setMeta(b, 'lighter', { minSize: '0.01' });
    const pairSeq = await openPair(b, '0.005');
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(legOf(b, 'lighter')).toEqual([]);
    expect(failureOf(r, 'lighter')).toBe("remainder 0.005 is below lighter's minimum order 0.01");
  });
});
