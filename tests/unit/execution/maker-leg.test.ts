// The maker leg (maker-leg.ts) on its own, over a hand-built EntryRun on the scripted venue and a
// manual clock: the post-only order it sends (side, price off the book, size, expiry), its
// reprices and their budget, the time budget at the millisecond, the stop, the cancels that do
// not come back, and the taker escalation (price, size, refusals, outcome).
import { afterEach, describe, expect, it } from 'vitest';
import { runMakerLeg, type MakerLegOptions } from '../../../src-core/execution/maker-leg';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { bench, flush, meta, type Bench } from './helpers/scripted-tracker';
import { advance, entryRun, watch, type RunOptions } from './helpers/entry-run-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const OPTS: MakerLegOptions = { repriceToleranceTicks: 0, improveTicks: 0 };
const leg0 = (x: Bench) => x.tracker.ordersOf((o) => o.intent.leg === 0);
const postOnly = (x: Bench) => x.tracker.ordersOf((o) => o.intent.leg === 0 && o.intent.tif === 'post_only');
const fillAll = (o: TrackedOrder, t: Bench['tracker']) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);

/** Starts the maker leg on a hand-built run; `abort` by default (no escalation) unless set. */
async function start(x: Bench, o: RunOptions = {}, opts: MakerLegOptions = OPTS) {
  const r = entryRun(x, { ...o, settings: { makerBudgetExhausted: 'abort', ...o.settings } });
  const leg = watch(runMakerLeg(r.run, opts));
  await flush();
  return { ...r, leg };
}

async function ended(leg: { done: boolean; p: Promise<unknown> }) {
  await flush();
  expect(leg.done).toBe(true);
  return leg.p;
}

describe('runMakerLeg', () => {
  it('one post-only buy joining the bid for the whole target, expiring 10 min out; filled', async () => {
    b = bench();
    const x = b;
    await advance(x, 1_234);
    const { leg, gateAsked } = await start(x);
    expect(x.tracker.submitted).toStrictEqual([
      expect.objectContaining({
        intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.2', price: '2000.00', tif: 'post_only', reduceOnly: false },
        type: 'limit',
        expiryMs: x.clock.now() + 600_000,
      }),
    ]);
    expect(gateAsked).toEqual([{ effect: 'open', venue: 'lighter', symbol: 'ETH' }]);
    expect(leg.done).toBe(false);
    x.tracker.fill(postOnly(x)[0]!.intent.clientOrderId, '0.05', '2000.00');
    await flush();
    expect(leg.done).toBe(false);
    x.tracker.fill(postOnly(x)[0]!.intent.clientOrderId, '0.15', '2000.00');
    expect(await ended(leg)).toEqual({ kind: 'filled' });
    expect(leg0(x)).toHaveLength(1);
  });

  it('a longer entry deadline sets the expiry; a sell joins the ask; improveTicks steps inside the spread', async () => {
    b = bench();
    const x = b;
    x.venues.lighter.setBook(2000, 2000.5);
    x.tracker.script = fillAll;
    const { leg } = await start(x, { longVenue: 'extended', settings: { entryDeadlineMs: 900_000 } }, { repriceToleranceTicks: 0, improveTicks: 2 });
    expect(x.tracker.submitted[0]!.expiryMs).toBe(x.clock.now() + 900_000);
    expect(x.tracker.submitted[0]!.intent).toMatchObject({ side: 'sell', price: '2000.48' });
    expect(await ended(leg)).toEqual({ kind: 'filled' });
  });

  it('already filled before it starts: nothing is sent', async () => {
    b = bench();
    const x = b;
    const r = entryRun(x);
    const s = await r.run.send({ leg: r.run.plan.maker, purpose: 'entry', side: 'buy', size: '0.2', price: '2000.00', tif: 'ioc', reduceOnly: false, effect: 'open' });
    if (s.kind === 'sent') fillAll(s.order, x.tracker);
    expect(await runMakerLeg(r.run, OPTS)).toEqual({ kind: 'filled' });
    expect(x.tracker.submitted).toHaveLength(1);
  });

  it('stopped before it starts: nothing sent', async () => {
    b = bench();
    const x = b;
    const r = entryRun(x);
    r.run.stopReason = 'cancelled by the user';
    expect(await runMakerLeg(r.run, OPTS)).toEqual({ kind: 'stopped', reason: 'cancelled by the user' });
    expect(x.tracker.submitted).toEqual([]);
  });

  it('stopped while resting: the order is cancelled (gate asked), its fills stay, stopped', async () => {
    b = bench();
    const x = b;
    const { run, leg, gateAsked } = await start(x);
    const [o] = postOnly(x);
    x.tracker.fill(o!.intent.clientOrderId, '0.05', '2000.00');
    await flush();
    run.stopReason = 'hedge failed: x';
    run.wake.poke();
    expect(await ended(leg)).toEqual({ kind: 'stopped', reason: 'hedge failed: x' });
    expect(gateAsked.at(-1)).toEqual({ effect: 'cancel', venue: 'lighter', symbol: 'ETH' });
    expect(x.tracker.get(o!.intent.clientOrderId)!.order).toMatchObject({ state: 'canceled', filledSize: '0.05' });
    expect(leg0(x)).toHaveLength(1);
  });

  it('stopped, and the cancel is never confirmed: unresolved at the hedging deadline', async () => {
    b = bench();
    const x = b;
    x.tracker.onCancel = () => undefined;
    const { run, leg } = await start(x, { finalDeadlineMs: 20_000, reserveMs: 5_000 });
    run.stopReason = 'stop';
    run.wake.poke();
    await advance(x, 14_999);
    expect(leg.done).toBe(false);
    await advance(x, 1);
    expect(await ended(leg)).toEqual({ kind: 'unresolved', clientOrderId: postOnly(x)[0]!.intent.clientOrderId });
  });

  describe('orders the venue ends', () => {
    it('post-only refusals use up the reprices, each new order priced off the book then', async () => {
      b = bench();
      const x = b;
      let n = 0;
      x.tracker.script = (o, t) => {
        n += 1;
        t.reject(o.intent.clientOrderId);
        x.venues.lighter.setBook(2000 + n / 100, 2000.1);
      };
      const { leg } = await start(x, { settings: { makerMaxRepriceCount: 2 } });
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'post-only refused, no reprices left' });
      expect(postOnly(x).map((o) => [o.intent.price, o.intent.attempt])).toEqual([
        ['2000.00', 0],
        ['2000.01', 1],
        ['2000.02', 2],
      ]);
    });

    it("Lighter's post-only cancel counts as a refusal; a venue's other end is named as such", async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'post-only-would-cross');
      const { leg } = await start(x, { settings: { makerMaxRepriceCount: 1 } });
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'post-only refused, no reprices left' });
      expect(postOnly(x)).toHaveLength(2);
      b.cleanup();
      b = bench();
      const y = b;
      y.tracker.script = (o, t) => t.end(o.intent.clientOrderId, 'self-trade');
      const second = await start(y, { settings: { makerMaxRepriceCount: 0 } });
      expect(await ended(second.leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker order ended, no reprices left' });
      expect(postOnly(y)).toHaveLength(1);
    });

    it('ended by the venue after a partial fill: the next order is for exactly the rest', async () => {
      b = bench();
      const x = b;
      let n = 0;
      x.tracker.script = (o, t) => {
        n += 1;
        if (n === 1) {
          t.fill(o.intent.clientOrderId, '0.08', o.intent.price);
          t.end(o.intent.clientOrderId, 'other');
        }
      };
      const { leg } = await start(x);
      expect(postOnly(x).map((o) => o.intent.size)).toEqual(['0.2', '0.12']);
      fillAll(postOnly(x)[1]!, x.tracker);
      expect(await ended(leg)).toEqual({ kind: 'filled' });
    });

    it('an order that ends filled by the venue: filled, no other order', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x);
      const [o] = postOnly(x);
      x.tracker.fill(o!.intent.clientOrderId, '0.2', '2000.00');
      expect(await ended(leg)).toEqual({ kind: 'filled' });
      expect(leg0(x)).toHaveLength(1);
    });
  });

  describe('the time budget', () => {
    it('ends at makerTimeoutMs on the monotonic clock, not before: the order is cancelled', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000 } });
      await advance(x, 4_999);
      expect(leg.done).toBe(false);
      await advance(x, 1);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent' });
      expect(postOnly(x)[0]!.order.state).toBe('canceled');
    });

    it('filled while its cancel at the end of the budget was on the way: filled', async () => {
      b = bench();
      const x = b;
      x.tracker.onCancel = (o, t) => fillAll(o, t);
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000 } });
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'filled' });
      expect(leg0(x)).toHaveLength(1);
    });

    it('never past the hedging deadline', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { finalDeadlineMs: 10_000, reserveMs: 2_000, settings: { makerTimeoutMs: 30_000 } });
      await advance(x, 7_999);
      expect(leg.done).toBe(false);
      await advance(x, 1);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent' });
    });

    it('a refusal once the budget is spent: no new order', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000 } });
      // The send of the replacement would come after the budget: nothing more is sent.
      await advance(x, 5_000);
      expect(await ended(leg)).toMatchObject({ kind: 'exhausted' });
      expect(postOnly(x)).toHaveLength(1);
    });

    it('no fresh book to price the order: it waits for one, within the budget', async () => {
      b = bench();
      const x = b;
      x.venues.lighter.fresh = false;
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000 } });
      expect(x.tracker.submitted).toEqual([]);
      await advance(x, 1_000);
      x.venues.lighter.fresh = true;
      x.venues.lighter.setBook(2000.02, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => o.intent.price)).toEqual(['2000.02']);
      expect(leg.done).toBe(false);
    });

    it('no book before the budget ends: exhausted, nothing sent', async () => {
      b = bench();
      const x = b;
      x.venues.lighter.setBook(null, null);
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000 } });
      await advance(x, 4_999);
      expect(leg.done).toBe(false);
      await advance(x, 1);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent' });
      expect(x.tracker.submitted).toEqual([]);
    });
  });

  describe('reprices', () => {
    it('a book that moves away beyond the tolerance: cancel, then a new order at the new touch', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, {}, { repriceToleranceTicks: 1, improveTicks: 0 });
      x.venues.lighter.setBook(2000.01, 2000.1);
      await flush();
      expect(postOnly(x)).toHaveLength(1);
      x.venues.lighter.setBook(2000.02, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => [o.intent.price, o.intent.attempt, o.order.state])).toEqual([
        ['2000.00', 0, 'canceled'],
        ['2000.02', 1, 'accepted'],
      ]);
      fillAll(postOnly(x)[1]!, x.tracker);
      expect(await ended(leg)).toEqual({ kind: 'filled' });
    });

    it('a stale book is not followed', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x);
      x.venues.lighter.fresh = false;
      x.venues.lighter.setBook(2000.05, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => o.order.state)).toEqual(['accepted']);
      x.venues.lighter.fresh = true;
      x.venues.lighter.setBook(2000.05, 2000.1);
      await flush();
      expect(postOnly(x)).toHaveLength(2);
      expect(leg.done).toBe(false);
    });

    it('no book of the symbol while resting: it stays and waits', async () => {
      b = bench();
      const x = b;
      const { run, leg } = await start(x);
      const book = x.venues.lighter.book.bind(x.venues.lighter);
      x.venues.lighter.book = () => undefined;
      run.wake.poke();
      await flush();
      expect(postOnly(x).map((o) => o.order.state)).toEqual(['accepted']);
      expect(leg.done).toBe(false);
      x.venues.lighter.book = book;
      x.venues.lighter.setBook(2000.05, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => o.intent.price)).toEqual(['2000.00', '2000.05']);
    });

    it('no book of the symbol to price the first order: it waits for one', async () => {
      b = bench();
      const x = b;
      const book = x.venues.lighter.book.bind(x.venues.lighter);
      x.venues.lighter.book = () => undefined;
      const { leg } = await start(x);
      expect(x.tracker.submitted).toEqual([]);
      expect(leg.done).toBe(false);
      x.venues.lighter.book = book;
      x.venues.lighter.setBook(2000.02, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => o.intent.price)).toEqual(['2000.02']);
    });

    it('an order the venue has not acknowledged is not repriced until it is', async () => {
      b = bench();
      const x = b;
      x.tracker.acceptOnSubmit = false;
      const { leg } = await start(x);
      const [o] = postOnly(x);
      x.venues.lighter.setBook(2000.05, 2000.1);
      await flush();
      expect(postOnly(x)).toHaveLength(1);
      x.tracker.acceptOnSubmit = true;
      x.tracker.accept(o!.intent.clientOrderId);
      await flush();
      expect(postOnly(x).map((p) => p.intent.price)).toEqual(['2000.00', '2000.05']);
      expect(leg.done).toBe(false);
    });

    it('no reprice left when the book moves away: exhausted, the order cancelled', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { settings: { makerMaxRepriceCount: 1 } });
      x.venues.lighter.setBook(2000.01, 2000.1);
      await flush();
      x.venues.lighter.setBook(2000.02, 2000.1);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'book moved away, no reprices left' });
      expect(postOnly(x).map((o) => [o.intent.price, o.order.state])).toEqual([
        ['2000.00', 'canceled'],
        ['2000.01', 'canceled'],
      ]);
    });

    it('the reprice cancel is never confirmed: unresolved at the hedging deadline, nothing re-sent', async () => {
      b = bench();
      const x = b;
      x.tracker.onCancel = () => undefined;
      const { leg } = await start(x, { finalDeadlineMs: 20_000, reserveMs: 5_000 });
      x.venues.lighter.setBook(2000.01, 2000.1);
      await advance(x, 14_999);
      expect(leg.done).toBe(false);
      await advance(x, 1);
      expect(await ended(leg)).toEqual({ kind: 'unresolved', clientOrderId: postOnly(x)[0]!.intent.clientOrderId });
      expect(postOnly(x)).toHaveLength(1);
    });

    it('filled while its reprice cancel was on the way: filled, no new order', async () => {
      b = bench();
      const x = b;
      x.tracker.onCancel = (o, t) => fillAll(o, t);
      const { leg } = await start(x);
      x.venues.lighter.setBook(2000.01, 2000.1);
      expect(await ended(leg)).toEqual({ kind: 'filled' });
      expect(postOnly(x)).toHaveLength(1);
    });

    it('partly filled before the reprice: the new order is for the rest', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x);
      x.tracker.fill(postOnly(x)[0]!.intent.clientOrderId, '0.07', '2000.00');
      await flush();
      x.venues.lighter.setBook(2000.01, 2000.1);
      await flush();
      expect(postOnly(x).map((o) => o.intent.size)).toEqual(['0.2', '0.13']);
      expect(leg.done).toBe(false);
    });
  });

  describe('refusals', () => {
    it('a remainder below the maker venue minimum is not sent', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { targetSize: '0.004' });
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: "remainder 0.004 is below the maker venue's minimum" });
      expect(x.tracker.submitted).toEqual([]);
    });

    it('the gate refuses the order: stopped with its reason', async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { gate: () => ({ allowed: false, reason: 'limit reached' }) });
      expect(await ended(leg)).toEqual({ kind: 'stopped', reason: 'gate: limit reached' });
      expect(x.tracker.submitted).toEqual([]);
    });
  });

  describe('taker escalation', () => {
    async function escalating(x: Bench, o: RunOptions = {}) {
      const r = await start(x, { ...o, settings: { makerTimeoutMs: 5_000, makerBudgetExhausted: 'escalate-taker', ...o.settings } });
      return r;
    }
    const iocs = (x: Bench) => x.tracker.ordersOf((o) => o.intent.leg === 0 && o.intent.tif === 'ioc');

    it('a buy: one IOC for the rest at the ask plus maxSlippageBps; filled', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.tif === 'ioc') fillAll(o, t);
      };
      const { leg, gateAsked } = await escalating(x, { settings: { maxSlippageBps: 15 } });
      x.tracker.fill(postOnly(x)[0]!.intent.clientOrderId, '0.05', '2000.00');
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'filled' });
      // 2000.10 × 1.0015 = 2003.10015 → 2003.10.
      expect(iocs(x).map((o) => o.intent)).toEqual([expect.objectContaining({ side: 'buy', size: '0.15', price: '2003.10', purpose: 'entry', attempt: 1, reduceOnly: false, venue: 'lighter' })]);
      expect(x.tracker.submitted.at(-1)!.expiryMs).toBeUndefined();
      expect(gateAsked.at(-1)).toEqual({ effect: 'open', venue: 'lighter', symbol: 'ETH' });
    });

    it('a sell: at the bid less maxSlippageBps; a partial fill is exhausted, escalated, naming what filled', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.tif !== 'ioc') return;
        t.fill(o.intent.clientOrderId, '0.09', o.intent.price);
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
      };
      const { leg } = await escalating(x, { longVenue: 'extended', settings: { maxSlippageBps: 20 } });
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: true, reason: 'maker time budget spent; taker escalation filled 0.09 of 0.2' });
      // 2000.00 × 0.998 = 1996.00.
      expect(iocs(x).map((o) => [o.intent.side, o.intent.price, o.intent.size])).toEqual([['sell', '1996.00', '0.2']]);
    });

    it('an escalation that fills nothing is exhausted, escalated', async () => {
      b = bench();
      const x = b;
      x.tracker.script = (o, t) => {
        if (o.intent.tif === 'ioc') t.end(o.intent.clientOrderId, 'ioc-unfilled');
      };
      const { leg } = await escalating(x);
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: true, reason: 'maker time budget spent; taker escalation filled 0 of 0.2' });
    });

    it('no fresh book to escalate against: nothing sent', async () => {
      b = bench();
      const x = b;
      const { leg } = await escalating(x);
      x.venues.lighter.fresh = false;
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent; no book to escalate against' });
      expect(iocs(x)).toEqual([]);
    });

    it('no book of the symbol to escalate against: nothing sent', async () => {
      b = bench();
      const x = b;
      const { leg } = await escalating(x);
      x.venues.lighter.book = () => undefined;
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent; no book to escalate against' });
      expect(iocs(x)).toEqual([]);
    });

    it('a remainder below the minimum at the escalation price: nothing sent', async () => {
      b = bench();
      const x = b;
      // A sell of 0.2: 400.02 USD at the maker's 2000.10, 399.70 at the escalation's 1998.50.
      const { leg } = await escalating(x, { longVenue: 'extended', markets: { maker: meta('lighter', { minNotionalUsd: '400' }) }, settings: { maxSlippageBps: 7.5 } });
      expect(postOnly(x)).toHaveLength(1);
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: "maker time budget spent; remainder 0.2 is below the venue's minimum" });
      expect(iocs(x)).toEqual([]);
    });

    it('the gate refuses the escalation: exhausted, naming the refusal', async () => {
      b = bench();
      const x = b;
      let opens = 0;
      const { leg } = await escalating(x, { gate: (c) => (c.effect !== 'open' || (opens += 1) === 1 ? { allowed: true } : { allowed: false, reason: 'halted' }) });
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent; escalation gate: halted' });
      expect(iocs(x)).toEqual([]);
    });

    it('an escalation IOC that never settles: unresolved at the hedging deadline', async () => {
      b = bench();
      const x = b;
      const { leg } = await escalating(x, { finalDeadlineMs: 20_000, reserveMs: 5_000 });
      await advance(x, 5_000);
      expect(iocs(x)).toHaveLength(1);
      await advance(x, 9_999);
      expect(leg.done).toBe(false);
      await advance(x, 1);
      expect(await ended(leg)).toEqual({ kind: 'unresolved', clientOrderId: iocs(x)[0]!.intent.clientOrderId });
    });

    it("'abort' sends no IOC", async () => {
      b = bench();
      const x = b;
      const { leg } = await start(x, { settings: { makerTimeoutMs: 5_000, makerBudgetExhausted: 'abort' } });
      await advance(x, 5_000);
      expect(await ended(leg)).toEqual({ kind: 'exhausted', escalated: false, reason: 'maker time budget spent' });
      expect(iocs(x)).toEqual([]);
    });
  });
});

