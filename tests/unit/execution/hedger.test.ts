// The hedger (hedger.ts) on its own, over a hand-built EntryRun on the scripted venue and a
// manual clock: which fills it hedges, the exact hedgeable size, the IOC it sends (side, size,
// price off the hedge book's taker touch, tif, purpose), the ladder and its resets, the book it
// falls back on, the rests too small to send, and each way it fails (and stops the entry).
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { HEDGE_RETRY_PAUSE_MS, Hedger, neverReachedBook } from '../../../src-core/execution/hedger';
import { belowMinimum } from '../../../src-core/execution/maker-leg';
import { newOrder, type OrderRecord } from '../../../src-core/execution/order-fsm';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { bench, flush, meta, type Bench } from './helpers/scripted-tracker';
import { advance, entryRun, watch, type RunOptions } from './helpers/entry-run-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const hedges = (x: Bench) => x.tracker.ordersOf((o) => o.intent.leg === 1 && o.intent.purpose === 'hedge');
const fillAll = (o: TrackedOrder, t: Bench['tracker']) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);

/** A run with a resting maker order (0.2) on the bench; `fill` fills part of it. */
async function withMaker(x: Bench, o: RunOptions = {}) {
  const r = entryRun(x, o);
  const { run } = r;
  const sent = await run.send({ leg: run.plan.maker, purpose: 'entry', side: run.plan.maker.side, size: run.pair.targetSize, price: '2000.00', tif: 'post_only', reduceOnly: false, effect: 'open' });
  if (sent.kind !== 'sent') throw new Error(sent.reason);
  const makerId = sent.order.intent.clientOrderId;
  const fill = async (size: string) => {
    x.tracker.fill(makerId, size, '2000.00');
    await flush();
  };
  return { ...r, makerId, fill };
}

function rec(over: Partial<OrderRecord>): TrackedOrder {
  return { intent: {} as TrackedOrder['intent'], order: { ...newOrder('c', '1'), ...over }, sentAtMono: 0 };
}

describe('neverReachedBook', () => {
  it('rejected, nothing filled, for a reason that says the book never saw it', () => {
    for (const why of ['rate-limited', 'not-sent', 'invalid-nonce', 'never-arrived'] as const) expect(neverReachedBook(rec({ state: 'rejected', rejectReason: why }))).toBe(true);
    expect(neverReachedBook(rec({ state: 'rejected', rejectReason: 'post-only-would-cross' }))).toBe(false);
    expect(neverReachedBook(rec({ state: 'rejected', rejectReason: null }))).toBe(false);
    expect(neverReachedBook(rec({ state: 'canceled', rejectReason: 'rate-limited' }))).toBe(false);
    expect(neverReachedBook(rec({ state: 'rejected', rejectReason: 'rate-limited', filledSize: '0.1' }))).toBe(false);
  });
});

describe('belowMinimum', () => {
  it('below the minimum size or the minimum notional; at either minimum it is sendable', () => {
    expect(belowMinimum('0.01', '1000', '0.01', '10')).toBe(false);
    expect(belowMinimum('0.009', '5000', '0.01', '10')).toBe(true);
    expect(belowMinimum('0.01', '999.99', '0.01', '10')).toBe(true);
    expect(belowMinimum('0.02', '2000', '0.01', '10')).toBe(false);
  });
});

describe('Hedger', () => {
  it('hedges each maker fill as it arrives: sells on the hedge venue at the bid less the first rung, IOC, for exactly the fill', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) fillAll(o, t);
    };
    const { run, fill, gateAsked } = await withMaker(x);
    const h = new Hedger(run);
    await fill('0.05');
    expect(hedges(x).map((o) => o.intent)).toEqual([
      expect.objectContaining({ leg: 1, venue: 'extended', purpose: 'hedge', side: 'sell', size: '0.05', price: '1998.00', tif: 'ioc', reduceOnly: false, attempt: 0 }),
    ]);
    expect(gateAsked.at(-1)).toEqual({ effect: 'hedge', venue: 'extended', symbol: 'ETH' });
    await fill('0.07');
    expect(hedges(x).map((o) => o.intent.size)).toEqual(['0.05', '0.07']);
    expect(h.attempts).toEqual([
      { clientOrderId: hedges(x)[0]!.intent.clientOrderId, size: '0.05', price: '1998.00', bps: '10', filled: '0.05' },
      { clientOrderId: hedges(x)[1]!.intent.clientOrderId, size: '0.07', price: '1998.00', bps: '10', filled: '0.07' },
    ]);
    await h.idle();
    expect(h.failed).toBeNull();
    expect(run.stopReason).toBeNull();
    expect(run.netOf(1)).toBe('0.12');
  });

  it('a maker on the short venue: the hedge buys at the ask plus the rung', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) fillAll(o, t);
    };
    const { run, fill } = await withMaker(x, { longVenue: 'extended' });
    new Hedger(run);
    await fill('0.1');
    // 2000.10 × 1.001 = 2002.1001 → 2002.10.
    expect(hedges(x).map((o) => [o.intent.side, o.intent.price, o.intent.size])).toEqual([['buy', '2002.10', '0.10']]);
  });

  it('hedgeable: the maker net less the hedge fills and what hedges still working may fill, floored to the hedge step', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x);
    const h = new Hedger(run);
    expect(h.hedgeable()).toBe('0');
    // The hedge IOCs rest (the script does nothing): the first stays working.
    await fill('0.125');
    expect(hedges(x).map((o) => o.intent.size)).toEqual(['0.12']);
    // 0.005 open: less than one 0.01 step.
    expect(h.hedgeable()).toBe('0.00');
    x.tracker.fill(hedges(x)[0]!.intent.clientOrderId, '0.05', '1998.00');
    expect(h.hedgeable()).toBe('0.00');
    await fill('0.015');
    // 0.14 filled on the maker, 0.05 hedged, 0.07 still working: 0.02.
    expect(h.hedgeable()).toBe('0.02');
    h.stop();
  });

  it('nothing hedgeable when the hedge leg is ahead or level', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x);
    const s = await run.send({ leg: run.plan.hedge, purpose: 'hedge', side: 'sell', size: '0.1', price: '1998.00', tif: 'ioc', reduceOnly: false, effect: 'hedge' });
    if (s.kind === 'sent') x.tracker.fill(s.order.intent.clientOrderId, '0.1', '1998.00');
    const h = new Hedger(run);
    expect(h.hedgeable()).toBe('0');
    const m = await run.send({ leg: run.plan.maker, purpose: 'entry', side: 'buy', size: '0.2', price: '2000.00', tif: 'post_only', reduceOnly: false, effect: 'open' });
    if (m.kind === 'sent') x.tracker.fill(m.order.intent.clientOrderId, '0.1', '2000.00');
    await flush();
    expect(h.hedgeable()).toBe('0');
    expect(hedges(x)).toHaveLength(1);
  });

  it('only maker entry fills kick it: hedge or rollback fills do not; idle sends what a kick missed', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1 && o.intent.purpose === 'hedge') fillAll(o, t);
    };
    const { run, fill } = await withMaker(x);
    // A fill before the hedger exists is not heard.
    await fill('0.1');
    const h = new Hedger(run);
    const rb = await run.send({ leg: run.plan.maker, purpose: 'rollback', side: 'sell', size: '0.01', price: '1980.00', tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    if (rb.kind === 'sent') x.tracker.fill(rb.order.intent.clientOrderId, '0.01', '1980.00');
    const other = await run.send({ leg: run.plan.hedge, purpose: 'rollback', side: 'buy', size: '0.02', price: '2020.00', tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    if (other.kind === 'sent') x.tracker.fill(other.order.intent.clientOrderId, '0.01', '2020.00');
    await flush();
    expect(hedges(x)).toEqual([]);
    await h.idle();
    // 0.1 − 0.01 rolled back on the maker, + 0.01 bought back on the hedge: 0.09 − (−0.01) = 0.10.
    expect(hedges(x).map((o) => o.intent.size)).toEqual(['0.10']);
    expect(h.failed).toBeNull();
  });

  it('a fill landing at any moment while a hedge round winds down is hedged without waiting for idle', async () => {
    // The fill arrives a varying number of microtask turns after the hedge IOC's fill: before the
    // round looks again, while it stops, or after it stopped. Each time it must be hedged.
    for (let turns = 0; turns < 16; turns += 1) {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.leg === 1) fillAll(o, t);
      };
      const { run, fill, makerId } = await withMaker(x);
      new Hedger(run);
      let late = true;
      x.tracker.onFill((f) => {
        if (f.intent.leg !== 1 || !late) return;
        late = false;
        void (async () => {
          for (let i = 0; i < turns; i += 1) await Promise.resolve();
          x.tracker.fill(makerId, '0.01', '2000.00');
        })();
      });
      await fill('0.05');
      expect({ turns, hedged: run.netOf(1) }).toEqual({ turns, hedged: '0.06' });
      b.cleanup();
      b = null;
    }
  });

  it('idle with nothing to hedge resolves at once and sends nothing', async () => {
    b = bench();
    const x = b;
    const { run } = await withMaker(x);
    const h = new Hedger(run);
    const w = watch(h.idle());
    await flush();
    expect(w.done).toBe(true);
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBeNull();
  });

  it('idle waits for the hedge under way to settle', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x);
    const h = new Hedger(run);
    await fill('0.1');
    const w = watch(h.idle());
    await advance(x, 1_000);
    expect(w.done).toBe(false);
    fillAll(hedges(x)[0]!, x.tracker);
    await flush();
    expect(w.done).toBe(true);
    expect(hedges(x)).toHaveLength(1);
  });

  it('stopped: later maker fills are not hedged', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x);
    const h = new Hedger(run);
    h.stop();
    await fill('0.1');
    expect(hedges(x)).toEqual([]);
  });

  it('a remainder too small to send waits for more fills, then the whole is hedged', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) fillAll(o, t);
    };
    const { run, fill } = await withMaker(x, { markets: { hedge: meta('extended', { minNotionalUsd: '50' }) } });
    const h = new Hedger(run);
    // 0.02 × 1998 = 39.96 USD, under 50: nothing sent, no failure, idle returns.
    await fill('0.02');
    expect(hedges(x)).toEqual([]);
    const w = watch(h.idle());
    await flush();
    expect(w.done).toBe(true);
    expect(h.failed).toBeNull();
    await fill('0.01');
    // 0.03 × 1998 = 59.94.
    expect(hedges(x).map((o) => o.intent.size)).toEqual(['0.03']);
  });

  it('an IOC remainder climbs the ladder with exactly what is left; a full fill starts the next hedge at the first rung', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1) t.fill(o.intent.clientOrderId, '0.04', o.intent.price);
      if (n === 1 || n === 3) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      else fillAll(o, t);
    };
    const { run, fill } = await withMaker(x, { settings: { hedgeSlippageStartBps: 10, hedgeSlippageStepBps: 5, hedgeSlippageCapBps: 30 } });
    const h = new Hedger(run);
    await fill('0.1');
    await fill('0.05');
    expect(hedges(x).map((o) => [o.intent.size, o.intent.price])).toEqual([
      ['0.10', '1998.00'],
      ['0.06', '1997.00'],
      ['0.05', '1998.00'],
      ['0.05', '1997.00'],
    ]);
    expect(h.attempts.map((a) => [a.bps, a.filled])).toEqual([
      ['10', '0.04'],
      ['15', '0.06'],
      ['10', '0'],
      ['15', '0.05'],
    ]);
    expect(h.failed).toBeNull();
  });

  it('the ladder spent: fails after hedgeMaxAttemptCount tries, stops the entry and wakes it', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const { run, fill } = await withMaker(x, { settings: { hedgeMaxAttemptCount: 2 } });
    const h = new Hedger(run);
    const woken = watch(run.wake.wait(run.deadlineMono));
    await flush();
    expect(woken.done).toBe(false);
    await fill('0.1');
    expect(hedges(x)).toHaveLength(2);
    expect(h.failed).toBe('hedge ladder spent after 2 attempts');
    expect(run.stopReason).toBe('hedge failed: hedge ladder spent after 2 attempts');
    expect(woken.done).toBe(true);
    // Failed: later fills are not hedged, idle returns at once.
    await fill('0.05');
    await h.idle();
    expect(hedges(x)).toHaveLength(2);
    expect(h.failed).toBe('hedge ladder spent after 2 attempts');
  });

  it('a failure keeps a stop reason the entry already had', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const { run, fill } = await withMaker(x, { settings: { hedgeMaxAttemptCount: 1 } });
    const h = new Hedger(run);
    run.stopReason = 'cancelled by the user';
    await fill('0.1');
    expect(h.failed).toBe('hedge ladder spent after 1 attempts');
    expect(run.stopReason).toBe('cancelled by the user');
  });

  it('the gate refuses the hedge: fails with its reason', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x, { gate: (c) => (c.effect === 'hedge' ? { allowed: false, reason: 'breaker' } : { allowed: true }) });
    const h = new Hedger(run);
    await fill('0.1');
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBe('gate: breaker');
    expect(run.stopReason).toBe('hedge failed: gate: breaker');
  });

  it('a fill past the hedging deadline: fails, nothing sent', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x, { finalDeadlineMs: 10_000, reserveMs: 2_000 });
    const h = new Hedger(run);
    await advance(x, 8_000);
    await fill('0.1');
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBe('entry deadline passed with fills unhedged');
  });

  it('a rest below one hedge step is no failure, even past the deadline or with no book (the rollback takes it)', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x, { finalDeadlineMs: 10_000, reserveMs: 2_000 });
    const h = new Hedger(run);
    x.venues.extended.fresh = false;
    await fill('0.005');
    expect(h.failed).toBeNull();
    await advance(x, 8_000);
    await fill('0.004');
    await h.idle();
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBeNull();
    expect(run.stopReason).toBeNull();
  });

  it('idle past the hedging deadline returns without sending', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x, { finalDeadlineMs: 10_000, reserveMs: 2_000 });
    await fill('0.1');
    const h = new Hedger(run);
    await advance(x, 8_000);
    await h.idle();
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBeNull();
  });

  it('no hedge book ever: fails, nothing sent', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x);
    x.venues.extended.fresh = false;
    const h = new Hedger(run);
    await fill('0.1');
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBe('no hedge-side book to price the hedge');
  });

  it('no book of the symbol on the hedge venue: fails, nothing sent', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x);
    x.venues.extended.book = () => undefined;
    const h = new Hedger(run);
    await fill('0.1');
    expect(hedges(x)).toEqual([]);
    expect(h.failed).toBe('no hedge-side book to price the hedge');
  });

  it('a full fill while more maker fills came in: the same round hedges them from the first rung, and the refusal pause starts over', async () => {
    b = bench();
    const x = b;
    let n = 0;
    let makerId = '';
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      else if (n === 2 || n === 4) t.reject(o.intent.clientOrderId, 'rate-limited');
      else {
        fillAll(o, t);
        // More of the maker fills while this hedge is out: the round goes on with it.
        if (n === 3) t.fill(makerId, '0.03', '2000.00');
      }
    };
    const m = await withMaker(x);
    makerId = m.makerId;
    new Hedger(m.run);
    await m.fill('0.1');
    expect(hedges(x)).toHaveLength(2);
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    // n3 filled at rung 1 (after n1's end); the 0.03 goes out at rung 0, refused (n4), and
    // is tried again after the first pause, not a doubled one.
    expect(hedges(x).map((o) => [o.intent.size, o.intent.price])).toEqual([
      ['0.10', '1998.00'],
      ['0.10', '1997.00'],
      ['0.10', '1997.00'],
      ['0.03', '1998.00'],
    ]);
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    expect(hedges(x)).toHaveLength(5);
    expect(hedges(x)[4]!.intent).toMatchObject({ size: '0.03', price: '1998.00' });
    expect(m.run.netOf(1)).toBe('0.13');
  });

  it('a stale or one-sided hedge book later: the ladder prices off the last fresh touch', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1) {
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
        // The book moves and goes stale: not a price to trust.
        x.venues.extended.fresh = false;
        x.venues.extended.setBook(1900, 1900.1);
      } else if (n === 2) {
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
        x.venues.extended.fresh = true;
        x.venues.extended.setBook(null, 1900.1);
      } else fillAll(o, t);
    };
    const { run, fill } = await withMaker(x);
    const h = new Hedger(run);
    await fill('0.1');
    expect(hedges(x).map((o) => o.intent.price)).toEqual(['1998.00', '1997.00', '1996.00']);
    expect(h.failed).toBeNull();
  });

  it('a fresh book is used as soon as it comes back', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1) {
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
        x.venues.extended.setBook(1990, 1990.1);
      } else fillAll(o, t);
    };
    const { run, fill } = await withMaker(x);
    new Hedger(run);
    await fill('0.1');
    // 1990 × (1 − 0.0015) = 1987.015 → 1987.02 (a sell rounds up, toward the touch).
    expect(hedges(x).map((o) => o.intent.price)).toEqual(['1998.00', '1987.02']);
  });

  it('a hedge IOC unresolved at the hedging deadline (not the final one): fails naming it, never re-sent', async () => {
    b = bench();
    const x = b;
    const { run, fill } = await withMaker(x, { finalDeadlineMs: 20_000, reserveMs: 5_000 });
    const h = new Hedger(run);
    await fill('0.1');
    const [hedge] = hedges(x);
    const w = watch(h.idle());
    await advance(x, 14_999);
    expect(w.done).toBe(false);
    expect(h.failed).toBeNull();
    await advance(x, 1);
    expect(w.done).toBe(true);
    expect(h.failed).toBe(`hedge IOC ${hedge!.intent.clientOrderId} unresolved (accepted) at the hedging deadline`);
    expect(h.attempts).toEqual([{ clientOrderId: hedge!.intent.clientOrderId, size: '0.10', price: '1998.00', bps: '10', filled: '0' }]);
    expect(hedges(x)).toHaveLength(1);
  });

  it('a refusal before matching retries on the same rung; a full fill resets the pause for the next refusal', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1 || n === 2 || n === 4) t.reject(o.intent.clientOrderId, 'rate-limited');
      else fillAll(o, t);
    };
    const { run, fill } = await withMaker(x);
    const h = new Hedger(run);
    await fill('0.1');
    expect(hedges(x)).toHaveLength(1);
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    expect(hedges(x)).toHaveLength(2);
    // The second refusal in a row pauses twice as long.
    await advance(x, 2 * HEDGE_RETRY_PAUSE_MS - 1);
    expect(hedges(x)).toHaveLength(2);
    await advance(x, 1);
    expect(hedges(x)).toHaveLength(3);
    expect(hedges(x)[2]!.order.state).toBe('filled');
    // A new fill, refused once: the pause is the first one again.
    await fill('0.05');
    expect(hedges(x)).toHaveLength(4);
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    expect(hedges(x)).toHaveLength(5);
    expect(hedges(x).map((o) => o.intent.price)).toEqual(['1998.00', '1998.00', '1998.00', '1998.00', '1998.00']);
    expect(h.failed).toBeNull();
  });

  it('a refusal before matching after a ladder step keeps that rung; a plain end climbs', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (o.intent.leg !== 1) return;
      n += 1;
      if (n === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
      else if (n === 2) t.reject(o.intent.clientOrderId, 'not-sent');
      else if (n === 3) t.reject(o.intent.clientOrderId, 'other');
      else fillAll(o, t);
    };
    const { run, fill } = await withMaker(x, { settings: { hedgeMaxAttemptCount: 5 } });
    new Hedger(run);
    await fill('0.1');
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    expect(hedges(x).map((o) => o.intent.price)).toEqual(['1998.00', '1997.00', '1997.00', '1996.00']);
  });

  it('refusals before matching are cut short by the hedging deadline: fails as expired', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.reject(o.intent.clientOrderId, 'rate-limited');
    };
    const { run, fill } = await withMaker(x, { finalDeadlineMs: 10_000, reserveMs: 9_600 });
    const h = new Hedger(run);
    await fill('0.1');
    // Pauses 250 then 500: the second is cut at the hedging deadline (400).
    await advance(x, HEDGE_RETRY_PAUSE_MS);
    expect(hedges(x)).toHaveLength(2);
    await advance(x, 149);
    expect(h.failed).toBeNull();
    await advance(x, 1);
    expect(h.failed).toBe('entry deadline passed with fills unhedged');
    expect(hedges(x)).toHaveLength(2);
  });

  it('uses the settings ladder: start, step and cap', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (o.intent.leg === 1) t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const { run, fill } = await withMaker(x, { settings: { ...tradingDefaults, hedgeSlippageStartBps: 20, hedgeSlippageStepBps: 20, hedgeSlippageCapBps: 50, hedgeMaxAttemptCount: 4 } });
    const h = new Hedger(run);
    await fill('0.1');
    expect(h.attempts.map((a) => [a.bps, a.price])).toEqual([
      ['20', '1996.00'],
      ['40', '1992.00'],
      ['50', '1990.00'],
      ['50', '1990.00'],
    ]);
  });
});

