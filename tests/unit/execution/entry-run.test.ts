// The running entry (entry-run.ts) on its own, over the scripted venue and a manual clock: its
// deadlines, the exact sums of its own pair's fills, what it still has working, the send path
// (gate, size, attempt numbers, the tracker's refusal), the bounded waits and the cancel.
import { afterEach, describe, expect, it } from 'vitest';
import { ATTEMPT_MAX } from '../../../src-core/domain/client-order-id';
import { AttemptCounter } from '../../../src-core/execution/entry-plan';
import type { EntryRun, SendOrder } from '../../../src-core/execution/entry-run';
import { StaticVenue, bench, flush, meta, type Bench } from './helpers/scripted-tracker';
import { advance, entryRun, otherPair, watch } from './helpers/entry-run-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const hedgeOrder = (run: EntryRun, over: Partial<SendOrder> = {}): SendOrder => ({ leg: run.plan.hedge, purpose: 'hedge', side: 'sell', size: '0.1', price: '1998.00', tif: 'ioc', reduceOnly: false, effect: 'hedge', ...over });
const makerOrder = (run: EntryRun, over: Partial<SendOrder> = {}): SendOrder => ({ leg: run.plan.maker, purpose: 'entry', side: 'buy', size: '0.2', price: '2000.00', tif: 'post_only', reduceOnly: false, effect: 'open', ...over });

async function sent(run: EntryRun, o: SendOrder): Promise<string> {
  const r = await run.send(o);
  if (r.kind !== 'sent') throw new Error(r.reason);
  return r.order.intent.clientOrderId;
}

/** An order of another pair, straight to the tracker: never the run's. */
async function foreign(x: Bench, size = '0.1'): Promise<string> {
  const o = await x.tracker.submit({ pair: otherPair(x), intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size, price: '2000', tif: 'post_only', reduceOnly: false }, type: 'limit' });
  return o.intent.clientOrderId;
}

describe('EntryRun', () => {
  it('deadlines: hedging ends the rollback reserve before the final deadline, both at the millisecond', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x, { finalDeadlineMs: 10_000, reserveMs: 3_000 });
    expect(run.deadlineMono).toBe(7_000);
    expect(run.finalDeadlineMono).toBe(10_000);
    expect(run.pairSeq).toBe(run.pair.pairSeq);
    await advance(x, 6_999);
    expect(run.monoNow()).toBe(6_999);
    expect([run.expired(), run.finallyExpired()]).toEqual([false, false]);
    await advance(x, 1);
    expect([run.expired(), run.finallyExpired()]).toEqual([true, false]);
    await advance(x, 2_999);
    expect(run.finallyExpired()).toBe(false);
    await advance(x, 1);
    expect(run.finallyExpired()).toBe(true);
  });

  it('sums its own fills exactly, per leg and purpose; the net of a leg is its opening fills less its rollbacks', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x);
    expect([run.filledOf(0, 'entry'), run.filledOf(1, 'hedge'), run.netOf(0), run.netOf(1)]).toEqual(['0', '0', '0', '0']);
    const m = await sent(run, makerOrder(run));
    x.tracker.fill(m, '0.05', '2000.00');
    x.tracker.fill(m, '0.125', '2000.00');
    const h = await sent(run, hedgeOrder(run, { size: '0.175' }));
    x.tracker.fill(h, '0.17', '1998.00');
    const r0 = await sent(run, { leg: run.plan.maker, purpose: 'rollback', side: 'sell', size: '0.005', price: '1980.00', tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    x.tracker.fill(r0, '0.005', '1980.00');
    const r1 = await sent(run, { leg: run.plan.hedge, purpose: 'rollback', side: 'buy', size: '0.02', price: '2020.00', tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    x.tracker.fill(r1, '0.01', '2020.00');
    expect(run.filledOf(0, 'entry')).toBe('0.175');
    expect(run.filledOf(1, 'hedge')).toBe('0.17');
    expect(run.filledOf(0, 'rollback')).toBe('0.005');
    expect(run.filledOf(1, 'rollback')).toBe('0.01');
    expect(run.filledOf(1, 'entry')).toBe('0');
    expect(run.netOf(0)).toBe('0.170');
    expect(run.netOf(1)).toBe('0.16');
    // Another pair's fill is not ours.
    const f = await foreign(x);
    x.tracker.fill(f, '0.1', '2000');
    expect(run.filledOf(0, 'entry')).toBe('0.175');
  });

  it('tells its fills to listeners after its sums are updated; a removed listener hears nothing', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x);
    const heard: string[] = [];
    const off = run.onPairFill((f) => heard.push(`${f.fill.size}:${run.filledOf(0, 'entry')}`));
    const m = await sent(run, makerOrder(run));
    x.tracker.fill(m, '0.05', '2000.00');
    const f = await foreign(x);
    x.tracker.fill(f, '0.1', '2000');
    expect(heard).toEqual(['0.05:0.05']);
    off();
    x.tracker.fill(m, '0.05', '2000.00');
    expect(heard).toEqual(['0.05:0.05']);
    expect(run.filledOf(0, 'entry')).toBe('0.10');
  });

  it('what still works on a leg and purpose: unsettled orders only, less what filled', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x);
    expect(run.workingOf(1, 'hedge')).toBe('0');
    expect(run.anyUnsettled()).toBe(false);
    const h1 = await sent(run, hedgeOrder(run, { size: '0.1' }));
    const h2 = await sent(run, hedgeOrder(run, { size: '0.05' }));
    x.tracker.fill(h1, '0.03', '1998.00');
    const h3 = await sent(run, hedgeOrder(run, { size: '0.07' }));
    x.tracker.fill(h3, '0.07', '1998.00');
    await sent(run, makerOrder(run));
    await sent(run, { leg: run.plan.hedge, purpose: 'rollback', side: 'buy', size: '0.02', price: '2020.00', tif: 'ioc', reduceOnly: true, effect: 'reduce' });
    // 0.07 left of h1, 0.05 of h2; h3 settled; the maker and the rollback are other purposes.
    expect(run.workingOf(1, 'hedge')).toBe('0.12');
    expect(run.workingOf(0, 'entry')).toBe('0.2');
    expect(run.workingOf(0, 'hedge')).toBe('0');
    expect(run.anyUnsettled()).toBe(true);
    x.tracker.end(h1, 'ioc-unfilled');
    x.tracker.end(h2, 'ioc-unfilled');
    expect(run.workingOf(1, 'hedge')).toBe('0');
  });

  it('anyUnsettled: every order of the run, whatever its leg, until each is settled', async () => {
    b = bench();
    const x = b;
    const { run } = entryRun(x);
    const f = await foreign(x);
    expect(run.anyUnsettled()).toBe(false);
    expect(run.latest(f)!.intent.clientOrderId).toBe(f);
    expect(run.latest('nope')).toBeUndefined();
    const m = await sent(run, makerOrder(run));
    expect(run.anyUnsettled()).toBe(true);
    x.tracker.fill(m, '0.2', '2000.00');
    expect(run.anyUnsettled()).toBe(false);
    expect(run.latest(m)!.order.state).toBe('filled');
  });

  describe('send', () => {
    it('asks the gate with the effect, the leg venue and the pair symbol, then submits the intent as a limit order', async () => {
      b = bench();
      const x = b;
      const { run, gateAsked } = entryRun(x);
      const r = await run.send(makerOrder(run, { expiryMs: 123 }));
      expect(r.kind).toBe('sent');
      const h = await run.send(hedgeOrder(run));
      expect(gateAsked).toEqual([
        { effect: 'open', venue: 'lighter', symbol: 'ETH' },
        { effect: 'hedge', venue: 'extended', symbol: 'ETH' },
      ]);
      expect(x.tracker.submitted[0]).toStrictEqual({
        pair: run.pair,
        intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.2', price: '2000.00', tif: 'post_only', reduceOnly: false },
        type: 'limit',
        expiryMs: 123,
      });
      // No expiry asked: none sent (an IOC leaves it out).
      expect(x.tracker.submitted[1]).toStrictEqual({
        pair: run.pair,
        intent: { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.1', price: '1998.00', tif: 'ioc', reduceOnly: false },
        type: 'limit',
      });
      expect(h.kind === 'sent' && h.order.intent).toMatchObject({ leg: 1, purpose: 'hedge', attempt: 0 });
      // Attempt numbers run per leg and purpose.
      await run.send(hedgeOrder(run, { reduceOnly: true }));
      expect(x.tracker.submitted[2]!.intent).toMatchObject({ attempt: 1, reduceOnly: true });
    });

    it('a gate refusal names its reason, or the effect refused; nothing is submitted', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x, { gate: (c) => (c.effect === 'open' ? { allowed: false, reason: 'HALTED' } : { allowed: false }) });
      expect(await run.send(makerOrder(run))).toEqual({ kind: 'refused', reason: 'gate: HALTED' });
      expect(await run.send(hedgeOrder(run))).toEqual({ kind: 'refused', reason: 'gate: hedge refused' });
      expect(x.tracker.submitted).toEqual([]);
    });

    it('nothing to send for a size of zero or less, and no attempt number is used up', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x);
      expect(await run.send(hedgeOrder(run, { size: '0' }))).toEqual({ kind: 'refused', reason: 'nothing to send' });
      expect(await run.send(hedgeOrder(run, { size: '-0.1' }))).toEqual({ kind: 'refused', reason: 'nothing to send' });
      expect(x.tracker.submitted).toEqual([]);
      expect(run.counter.used(1, 'hedge')).toBe(0);
      await sent(run, hedgeOrder(run, { size: '0.001' }));
      expect(x.tracker.submitted[0]!.intent.attempt).toBe(0);
    });

    it('attempt numbers spent: refused for that leg and purpose, nothing submitted', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x, { counter: AttemptCounter.continuing([{ leg: 1, purpose: 'hedge', attempt: ATTEMPT_MAX }]) });
      expect(await run.send(hedgeOrder(run))).toEqual({ kind: 'refused', reason: 'attempts exhausted for leg 1 hedge' });
      expect(x.tracker.submitted).toEqual([]);
      expect((await run.send(makerOrder(run))).kind).toBe('sent');
    });

    it('the tracker refuses before sending: refused with its message, logged as an error, the run goes on', async () => {
      b = bench();
      const x = b;
      const { run, logs } = entryRun(x);
      x.tracker.beforeSubmit = async () => {
        throw new Error('tracker stopped');
      };
      expect(await run.send(hedgeOrder(run))).toEqual({ kind: 'refused', reason: 'not submitted: tracker stopped' });
      expect(logs.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ msg: 'order not submitted', pairSeq: run.pairSeq, leg: 1, purpose: 'hedge', error: 'Error: tracker stopped' })]);
      x.tracker.beforeSubmit = async () => {
        throw 'no socket';
      };
      expect(await run.send(makerOrder(run))).toEqual({ kind: 'refused', reason: 'not submitted: no socket' });
      expect(run.anyUnsettled()).toBe(false);
    });

    it('keeps the newest record when the stream moved the order on while submit returned', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x);
      // The venue fills the IOC before the submit's answer: submit returns the older record.
      const inner = x.tracker.submit.bind(x.tracker);
      x.tracker.submit = async (req) => {
        const o = await inner(req);
        const stale = { ...o, order: { ...o.order, state: 'accepted' as const, filledSize: '0', fillIds: [] } };
        return stale;
      };
      x.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      const r = await run.send(hedgeOrder(run));
      expect(r.kind === 'sent' && r.order.order.state).toBe('filled');
      expect(run.anyUnsettled()).toBe(false);
    });

    it('wakes whoever waits on the run once an order is sent', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x);
      const w = watch(run.wake.wait(run.deadlineMono));
      await flush();
      expect(w.done).toBe(false);
      await sent(run, makerOrder(run));
      await flush();
      expect(w.done).toBe(true);
      expect(x.clock.monoNow()).toBe(0);
    });
  });

  describe('wake-ups', () => {
    it("its own orders' changes, its own pair's fills and the symbol's books on both venues wake it; others do not", async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x);
      const m = await sent(run, makerOrder(run));
      const f = await foreign(x);
      const woken = async (act: () => void): Promise<boolean> => {
        const w = watch(run.wake.wait(run.deadlineMono));
        await flush();
        act();
        await flush();
        return w.done;
      };
      expect(await woken(() => undefined)).toBe(false);
      expect(await woken(() => x.tracker.end(f, 'canceled-by-us'))).toBe(false);
      expect(await woken(() => x.tracker.reject(m))).toBe(true);
      const h = await sent(run, hedgeOrder(run));
      expect(await woken(() => x.tracker.fill(h, '0.05', '1998.00'))).toBe(true);
      expect(await woken(() => x.venues.lighter.setBook(2000.01, 2000.1))).toBe(true);
      expect(await woken(() => x.venues.extended.setBook(2000.01, 2000.1))).toBe(true);
      run.close();
      expect(await woken(() => x.venues.lighter.setBook(2000.02, 2000.1))).toBe(false);
      expect(await woken(() => x.tracker.fill(h, '0.05', '1998.00'))).toBe(false);
      // Closed: its fills are no longer counted either.
      expect(run.filledOf(1, 'hedge')).toBe('0.05');
    });

    it("another symbol's book does not wake it", async () => {
      b = bench();
      const x = b;
      const btc = new StaticVenue(meta('extended', { symbol: 'BTC' }), 50_000, 50_001);
      const { run } = entryRun({ ...x, venues: { lighter: x.venues.lighter, extended: btc } });
      const w = watch(run.wake.wait(run.deadlineMono));
      await flush();
      btc.setBook(50_002, 50_003);
      await flush();
      expect(w.done).toBe(false);
      x.venues.lighter.setBook(2000.01, 2000.1);
      await flush();
      expect(w.done).toBe(true);
    });
  });

  describe('settle and settleIoc', () => {
    it('settle: resolves once settled, else at the given deadline, never past the final one; the record is kept', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x, { finalDeadlineMs: 10_000, reserveMs: 3_000 });
      const m = await sent(run, makerOrder(run));
      const w = watch(run.settle(m, 2_000));
      await advance(x, 1_000);
      x.tracker.fill(m, '0.2', '2000.00');
      await flush();
      expect(w.done).toBe(true);
      expect(w.value!.order.state).toBe('filled');
      // Not ours: settle still waits for it, bounded by the final deadline, and keeps its record.
      const f = await foreign(x);
      const w2 = watch(run.settle(f, 60_000));
      await advance(x, 8_999);
      expect(w2.done).toBe(false);
      await advance(x, 1);
      expect(w2.done).toBe(true);
      expect(w2.value!.order.state).toBe('accepted');
      expect(run.anyUnsettled()).toBe(true);
    });

    it('settle with a deadline before the final one ends there', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x, { finalDeadlineMs: 10_000, reserveMs: 3_000 });
      const m = await sent(run, makerOrder(run));
      const w = watch(run.settle(m, 2_000));
      await advance(x, 1_999);
      expect(w.done).toBe(false);
      await advance(x, 1);
      expect(w.done).toBe(true);
    });

    it('settleIoc: waits with the settings\' usual wait and recheck interval, never past the final deadline; keeps the record and wakes the run', async () => {
      b = bench();
      const x = b;
      const { run, logs } = entryRun(x, { finalDeadlineMs: 10_000, reserveMs: 3_000, settings: { hedgeAttemptTimeoutMs: 700, inFlightCheckIntervalMs: 400 } });
      let judged = 0;
      x.tracker.verdict = () => {
        judged += 1;
        return null;
      };
      const f = await foreign(x);
      const w = watch(run.settleIoc(f, 60_000));
      await advance(x, 699);
      expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
      await advance(x, 1);
      expect(logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ clientOrderId: f, waitMs: 700 })]);
      x.tracker.lose(f);
      await flush();
      expect(judged).toBe(1);
      await advance(x, 399);
      expect(judged).toBe(1);
      await advance(x, 1);
      expect(judged).toBe(2);
      const waiting = watch(run.wake.wait(60_000));
      await advance(x, 10_000 - 1_100 - 1);
      expect(w.done).toBe(false);
      await advance(x, 1);
      expect(w.done).toBe(true);
      expect(w.value!.order.state).toBe('lost');
      // The lost record is kept as the run's, and whoever waits on the run is woken.
      expect(run.anyUnsettled()).toBe(true);
      expect(waiting.done).toBe(true);
    });

    it('settleIoc with a deadline before the final one ends there', async () => {
      b = bench();
      const x = b;
      const { run } = entryRun(x, { finalDeadlineMs: 10_000, reserveMs: 3_000 });
      const h = await sent(run, hedgeOrder(run));
      const w = watch(run.settleIoc(h, 5_000));
      await advance(x, 4_999);
      expect(w.done).toBe(false);
      await advance(x, 1);
      expect(w.done).toBe(true);
    });
  });

  describe('cancel', () => {
    it('asks the gate with the order\'s venue, then cancels; the record is kept', async () => {
      b = bench();
      const x = b;
      const { run, gateAsked } = entryRun(x);
      const m = await sent(run, makerOrder(run));
      x.tracker.onCancel = () => undefined;
      await run.cancel(m);
      expect(gateAsked.at(-1)).toEqual({ effect: 'cancel', venue: 'lighter', symbol: 'ETH' });
      expect(run.latest(m)!.order.state).toBe('pending-cancel');
      // Already pending a cancel: not asked again.
      const asked = gateAsked.length;
      await run.cancel(m);
      expect(gateAsked).toHaveLength(asked);
      // Not ours but known to the tracker: cancelled, its record kept by the run.
      const f = await foreign(x);
      await run.cancel(f);
      expect(run.anyUnsettled()).toBe(true);
      expect(gateAsked.at(-1)).toEqual({ effect: 'cancel', venue: 'lighter', symbol: 'ETH' });
    });

    it('a closed or unknown order: nothing asked, nothing sent', async () => {
      b = bench();
      const x = b;
      const { run, gateAsked, logs } = entryRun(x);
      const h = await sent(run, hedgeOrder(run));
      x.tracker.end(h, 'ioc-unfilled');
      const asked = gateAsked.length;
      await run.cancel(h);
      await run.cancel('unknown');
      expect(gateAsked).toHaveLength(asked);
      expect(logs.filter((l) => l.level === 'warn')).toEqual([]);
    });

    it('refused by the gate: logged, the order keeps working', async () => {
      b = bench();
      const x = b;
      const { run, logs } = entryRun(x, { gate: (c) => (c.effect === 'cancel' ? { allowed: false, reason: 'frozen' } : { allowed: true }) });
      const m = await sent(run, makerOrder(run));
      await run.cancel(m);
      expect(run.latest(m)!.order.state).toBe('accepted');
      expect(logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ msg: 'cancel refused by the gate', clientOrderId: m, reason: 'frozen' })]);
    });

    it('the tracker refuses the cancel: logged, not thrown', async () => {
      b = bench();
      const x = b;
      const { run, logs } = entryRun(x);
      const m = await sent(run, makerOrder(run));
      x.tracker.cancel = async () => {
        throw new Error('order closed');
      };
      await run.cancel(m);
      expect(logs.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ msg: 'cancel not sent', clientOrderId: m, error: 'Error: order closed' })]);
    });
  });
});
