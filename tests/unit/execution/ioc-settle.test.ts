// Waiting for an IOC to settle (ioc-settle.ts) on its own, over the scripted venue and a manual
// clock: what counts as settled (closed and every reported fill received), the usual wait and
// its warning, the wait to the end for a slow one (never re-sent), and the verdicts asked on a
// lost one every recheck interval until the end.
import { afterEach, describe, expect, it } from 'vitest';
import { settled, settleIoc } from '../../../src-core/execution/ioc-settle';
import { applyOrderEvent, newOrder, type OrderEvent, type OrderRecord } from '../../../src-core/execution/order-fsm';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { createLogger } from '../../../src-core/telemetry/log';
import { bench, flush, type Bench } from './helpers/scripted-tracker';
import { advance, otherPair, watch, type LogLine } from './helpers/entry-run-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const USUAL = 1_000;
const RECHECK = 300;

function record(events: OrderEvent[]): TrackedOrder {
  let o: OrderRecord = newOrder('c1', '1');
  for (const e of events) {
    const r = applyOrderEvent(o, e);
    if (!r.ok) throw r.error;
    o = r.order;
  }
  return { intent: {} as TrackedOrder['intent'], order: o, sentAtMono: 0 };
}

const ACCEPT: OrderEvent = { kind: 'accept', stage: 'live', venueOrderId: 'v1', txHash: null };

/** An IOC of another pair sent straight to the scripted tracker, and settleIoc's deps over it. */
async function ioc(x: Bench) {
  const logs: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as LogLine) });
  const o = await x.tracker.submit({ pair: otherPair(x), intent: { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.1', price: '2000', tif: 'ioc', reduceOnly: false }, type: 'limit' });
  const id = o.intent.clientOrderId;
  const warned = () => logs.filter((l) => l.level === 'warn');
  return { id, deps: { tracker: x.tracker, clock: x.clock, log }, warned };
}

describe('settled', () => {
  it('closed with every reported fill received; working, or closed with fills still to fetch, is not', () => {
    expect(settled(record([{ kind: 'submit' }, ACCEPT]))).toBe(false);
    expect(settled(record([{ kind: 'submit' }, ACCEPT, { kind: 'fill', venueFillId: 'f1', size: '1' }]))).toBe(true);
    expect(settled(record([{ kind: 'submit' }, { kind: 'reject', reason: 'rate-limited' }]))).toBe(true);
    // The venue says filled, the fill itself has not reached us: closed, not settled.
    const reported = record([{ kind: 'submit' }, ACCEPT, { kind: 'readback', found: true, status: 'filled', filledSize: '1', venueOrderId: 'v1', endReason: null }]);
    expect(reported.order.state).toBe('filled');
    expect(settled(reported)).toBe(false);
    const partial = record([{ kind: 'submit' }, ACCEPT, { kind: 'fill', venueFillId: 'f1', size: '0.4' }, { kind: 'readback', found: true, status: 'canceled', filledSize: '0.4', venueOrderId: 'v1', endReason: 'ioc-unfilled' }]);
    expect(settled(partial)).toBe(true);
    // A working order with nothing missing is still not settled.
    const working = record([{ kind: 'submit' }, ACCEPT, { kind: 'readback', found: true, status: 'open', filledSize: '0', venueOrderId: 'v1', endReason: null }]);
    expect(settled(working)).toBe(false);
  });
});

describe('settleIoc', () => {
  it('an IOC that settles at once resolves at once, with no warning', async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const { id, deps, warned } = await ioc(x);
    // Judging asks the venue: a settled IOC is never judged.
    let judgeCalls = 0;
    const judge = x.tracker.judgeLost.bind(x.tracker);
    x.tracker.judgeLost = (c) => {
      judgeCalls += 1;
      return judge(c);
    };
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('filled');
    expect(warned()).toEqual([]);
    expect(judgeCalls).toBe(0);
  });

  it('settled within the usual wait: resolves when it settles, no warning', async () => {
    b = bench();
    const x = b;
    const { id, deps, warned } = await ioc(x);
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, USUAL - 1);
    expect(w.done).toBe(false);
    x.tracker.end(id, 'ioc-unfilled');
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order).toMatchObject({ state: 'canceled', endReason: 'ioc-unfilled' });
    expect(warned()).toEqual([]);
    expect(x.clock.monoNow()).toBe(USUAL - 1);
  });

  it('slower than usual: warns once with the order and the usual wait, waits on (never re-sent) and resolves when it settles', async () => {
    b = bench();
    const x = b;
    const { id, deps, warned } = await ioc(x);
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, USUAL - 1);
    expect(warned()).toEqual([]);
    await advance(x, 1);
    expect(warned()).toEqual([expect.objectContaining({ msg: 'IOC not settled in the usual time: waiting for its resolution (never re-sent)', clientOrderId: id, state: 'accepted', waitMs: USUAL })]);
    await advance(x, 5_000);
    expect(w.done).toBe(false);
    x.tracker.fill(id, '0.1', '2000');
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('filled');
    expect(x.tracker.submitted).toHaveLength(1);
    expect(warned()).toHaveLength(1);
  });

  it('never settles: resolves at the end exactly, with the order as it is then', async () => {
    b = bench();
    const x = b;
    const { id, deps } = await ioc(x);
    const w = watch(settleIoc(deps, id, 4_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, 3_999);
    expect(w.done).toBe(false);
    await advance(x, 1);
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('accepted');
  });

  it('an end before the usual wait: resolves at the end, with no warning', async () => {
    b = bench();
    const x = b;
    const { id, deps, warned } = await ioc(x);
    const w = watch(settleIoc(deps, id, 400, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, 399);
    expect(w.done).toBe(false);
    await advance(x, 1);
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('accepted');
    expect(warned()).toEqual([]);
  });

  it('an end already passed: resolves at once, nothing judged, no warning', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return null;
    };
    x.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const { id, deps, warned } = await ioc(x);
    const w = watch(settleIoc(deps, id, 0, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('lost');
    expect(judged).toBe(0);
    expect(warned()).toEqual([]);
  });

  it('lost, judged never arrived: settles unfilled at once', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return 'never-arrived';
    };
    x.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const { id, deps, warned } = await ioc(x);
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order).toMatchObject({ state: 'rejected', rejectReason: 'never-arrived', filledSize: '0' });
    expect(judged).toBe(1);
    expect(warned()).toEqual([]);
  });

  it('lost in the usual wait: judged then, not at its end', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return 'never-arrived';
    };
    const { id, deps } = await ioc(x);
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, 200);
    x.tracker.lose(id);
    await flush();
    expect(judged).toBe(1);
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('rejected');
    expect(x.clock.monoNow()).toBe(200);
  });

  it('lost with no verdict: judged again every recheck interval until the end, then returned lost', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return null;
    };
    x.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const { id, deps } = await ioc(x);
    const w = watch(settleIoc(deps, id, 1_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await flush();
    expect(judged).toBe(1);
    await advance(x, RECHECK - 1);
    expect(judged).toBe(1);
    await advance(x, 1);
    expect(judged).toBe(2);
    await advance(x, RECHECK);
    expect(judged).toBe(3);
    // 900: the next look would be at 1200, past the end: the wait ends at 1000 with no more verdicts.
    await advance(x, RECHECK);
    expect(judged).toBe(4);
    expect(w.done).toBe(false);
    await advance(x, 99);
    expect(w.done).toBe(false);
    await advance(x, 1);
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('lost');
    expect(judged).toBe(4);
    expect(x.tracker.submitted).toHaveLength(1);
  });

  it('lost with no verdict, then a late fill: resolved by the fill, between two looks', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return null;
    };
    x.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
    const { id, deps } = await ioc(x);
    const w = watch(settleIoc(deps, id, 10_000, { usualWaitMs: USUAL, recheckMs: RECHECK }));
    await advance(x, 100);
    expect(w.done).toBe(false);
    x.tracker.fill(id, '0.1', '2000');
    await flush();
    expect(w.done).toBe(true);
    expect(w.value!.order.state).toBe('filled');
    expect(judged).toBe(1);
  });
});
