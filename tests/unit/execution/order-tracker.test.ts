// The LiveOrderTracker in unit form: the real tracker, FSM and ledger file, with the venue a
// scripted port (helpers/scripted-port.ts) and time a manual clock, so every send, cancel,
// readback, stream event, restart and stop is pinned exactly. The same behaviours over the
// simulator's sockets: tests/integration/execution/order-tracker.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import { TrackerError } from '../../../src-core/execution/order-tracker';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import type { ActionOutcome } from '../../../src-core/venues/port';
import { flush } from './helpers/scripted-tracker';
import { ACCEPTED_LIVE, ACCEPTED_QUEUED, trackerBench, venueFill, venueOrder, type TrackerBench } from './helpers/scripted-port';

let benches: TrackerBench[] = [];
afterEach(() => {
  for (const b of benches) b.close();
  benches = [];
});
function bench(opts: Parameters<typeof trackerBench>[0] = {}): TrackerBench {
  const b = trackerBench(opts);
  benches.push(b);
  return b;
}

const UNKNOWN: ActionOutcome = { kind: 'unknown', cause: 'timeout', txHash: null };
const states = (os: readonly TrackedOrder[]) => os.map((o) => o.order.state);

/** The refusal's code; its message must name what was refused (`about`). */
async function refusal(p: Promise<unknown>, about: string): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TrackerError);
    expect((err as TrackerError).message).toContain(about);
    return (err as TrackerError).code;
  }
  throw new Error('expected a TrackerError');
}

describe('submit', () => {
  it('persists the intent as submitted before its one send, sends exactly the intent, and applies a live ack', async () => {
    const b = bench();
    let stateAtSend: string | undefined;
    b.ports.lighter.placeAnswer = async (o) => {
      stateAtSend = b.ledger.orderState(b.ledger.intentByClientOrderId(o.clientOrderId)!.intentId)!.state;
      return ACCEPTED_LIVE;
    };
    b.clock.advance(7);
    const o = await b.tracker.submit(b.request({ side: 'sell', size: '0.25', price: '3100.5', tif: 'post_only', reduceOnly: true }, 99_000));
    expect(stateAtSend).toBe('submitted');
    expect(b.ports.lighter.calls).toEqual([
      { method: 'place', args: [{ symbol: 'ETH', side: 'sell', size: '0.25', price: '3100.5', type: 'limit', tif: 'post_only', reduceOnly: true, clientOrderId: o.intent.clientOrderId, expiryMs: 99_000 }] },
    ]);
    expect(b.ports.extended.calls).toEqual([]);
    expect(o.order.state).toBe('accepted');
    expect(o.order.acceptedStage).toBe('live');
    expect(o.order.venueOrderId).toBe('v1');
    expect(o.sentAtMono).toBe(7);
    expect(o.intent.createdAtMs).toBe(b.clock.now());
    expect(states(b.orders)).toEqual(['submitted', 'accepted']);
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('accepted');
    expect(b.stateLog(o.intent.intentId)).toEqual(['submit:submit', 'place:accept-live']);
    expect(b.logged('warn')).toEqual([]);
    // A live order needs no checks: nothing is queried however long it rests.
    b.clock.advance(60_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(0);
  });

  it('no expiry unless the request has one', async () => {
    const b = bench();
    await b.tracker.submit(b.request());
    expect(Object.keys(b.ports.lighter.calls[0]!.args[0] as object)).not.toContain('expiryMs');
  });

  it('sends on the intent’s own venue', async () => {
    const b = bench();
    await b.tracker.submit(b.request({ venue: 'extended' }));
    expect(b.ports.extended.count('place')).toBe(1);
    expect(b.ports.lighter.count('place')).toBe(0);
  });

  it('a rejected send ends rejected, with the reason', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ({ kind: 'rejected', reason: 'insufficient-margin', retryable: false, venueCode: null, venueMessage: 'no' });
    const o = await b.tracker.submit(b.request());
    expect(o.order.state).toBe('rejected');
    expect(o.order.rejectReason).toBe('insufficient-margin');
  });

  it('an adapter that throws is an unknown outcome: stays submitted, logged with the cause, never re-sent', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => {
      throw new Error('socket hang up');
    };
    const o = await b.tracker.submit(b.request());
    expect(o.order.state).toBe('submitted');
    expect(o.order.unknownSends).toBe(1);
    expect(b.logs.find((l) => l.msg === 'order send outcome unknown: resolving by query')).toMatchObject({ level: 'warn', cause: 'socket hang up', clientOrderId: o.intent.clientOrderId, venue: 'lighter' });
    b.clock.advance(30_000);
    await flush();
    expect(b.ports.lighter.count('place')).toBe(1);
  });

  it('a thrown non-Error is an unknown outcome too', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = () => Promise.reject('bare string');
    await b.tracker.submit(b.request());
    expect(b.logs.find((l) => l.msg === 'order send outcome unknown: resolving by query')).toMatchObject({ cause: 'bare string' });
  });

  it('refused while stopped, and for a venue without a port: nothing sent', async () => {
    const b = bench();
    const req = b.request();
    b.tracker.stop();
    expect(await refusal(b.tracker.submit(req), 'stopped')).toBe('stopped');
    expect(b.ledger.intentByClientOrderId(b.ledger.intentsOfPair(req.pair.pairSeq)[0]?.clientOrderId ?? '0')).toBeNull();
    const c = bench();
    const r = c.request();
    const ports = c.ports as unknown as Record<string, unknown>;
    delete ports.lighter;
    expect(await refusal(c.tracker.submit(r), 'no trading port for lighter')).toBe('no-port');
    expect(c.ports.extended.calls).toEqual([]);
  });

  it('stopped during the send: returns what it had and writes nothing more', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => {
      b.tracker.stop();
      return ACCEPTED_LIVE;
    };
    const o = await b.tracker.submit(b.request());
    expect(o.order.state).toBe('submitted');
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('submitted');
  });

  it('an accepted txHash is stored on the intent', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ({ ...ACCEPTED_LIVE, txHash: 'ab'.repeat(40) });
    const o = await b.tracker.submit(b.request());
    expect(o.intent.txHash).toBe('ab'.repeat(40));
    expect(b.ledger.intentByClientOrderId(o.intent.clientOrderId)!.txHash).toBe('ab'.repeat(40));
  });
});

describe('in-flight checks through the tracker', () => {
  it('queued ack: first query at the threshold, then every interval; not found past the grace maxRetries times → lost', async () => {
    const b = bench({ graceMs: 2_500 });
    b.ports.lighter.placeAnswer = async () => {
      b.clock.advance(600);
      return ACCEPTED_QUEUED;
    };
    const o = await b.tracker.submit(b.request());
    expect(o.order.state).toBe('accepted');
    b.clock.advance(1_399); // threshold 2 000 after the send at 0
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(0);
    b.clock.advance(1);
    await flush();
    expect(b.ports.lighter.calls.filter((c) => c.method === 'orderByClientId')).toEqual([{ method: 'orderByClientId', args: ['ETH', o.intent.clientOrderId, null] }]);
    // Grace runs from the ack (600) to 3 100: the not-founds at 2 000 and 3 000 do not count.
    for (let i = 0; i < 3; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('accepted');
    b.clock.advance(1_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(5);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    expect(b.logs.find((l) => l.msg === 'order lost: in-flight checks exhausted, handed to reconciliation')).toMatchObject({ level: 'warn', notFoundChecks: 3 });
    expect(b.stateLog(o.intent.intentId)).toEqual(['submit:submit', 'place:accept-queued', 'in-flight:lost']);
    b.clock.advance(10_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(5);
    expect(b.ports.lighter.count('place')).toBe(1);
  });

  it('a found readback resolves the order and ends the checks', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    b.clock.advance(2_000);
    await flush();
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('accepted');
    b.clock.advance(10_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(1);
  });

  it('a readback that shows fills we lack fetches them, from the intent’s time less the skew', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o, { status: 'partially-filled', filledSize: '0.2' }), queriedAtMs: 0 });
    b.ports.lighter.fillList = async () => [venueFill(o, 'f1', '0.2'), venueFill(o, 'x', '0.1', { clientOrderId: '123' })];
    b.clock.advance(2_000);
    await flush();
    expect(b.ports.lighter.calls.filter((c) => c.method === 'fills')).toEqual([{ method: 'fills', args: ['ETH', o.intent.createdAtMs - 60_000] }]);
    expect(b.fills.map((f) => f.fill.venueFillId)).toEqual(['f1']);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.filledSize).toBe('0.2');
  });

  it('a readback that matches our fills fetches nothing', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    b.clock.advance(2_000);
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(0);
  });
});

describe('cancel', () => {
  it('refuses an unknown order; a closed order is returned without a send', async () => {
    const b = bench();
    expect(await refusal(b.tracker.cancel('42'), 'no tracked order 42')).toBe('unknown-order');
    b.ports.lighter.placeAnswer = async () => ({ kind: 'rejected', reason: 'other', retryable: false, venueCode: null, venueMessage: '' });
    const o = await b.tracker.submit(b.request());
    expect((await b.tracker.cancel(o.intent.clientOrderId)).order.state).toBe('rejected');
    expect(b.ports.lighter.count('cancel')).toBe(0);
    b.tracker.stop();
    expect(await refusal(b.tracker.cancel(o.intent.clientOrderId), 'stopped')).toBe('stopped');
  });

  it('an accepted cancel leaves it pending-cancel with cancel checks; the stream’s end closes it and sweeps for ghost fills', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    const c = await b.tracker.cancel(o.intent.clientOrderId);
    expect(b.ports.lighter.calls.filter((x) => x.method === 'cancel')).toEqual([{ method: 'cancel', args: ['ETH', o.intent.clientOrderId] }]);
    expect(c.order.state).toBe('pending-cancel');
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('pending-cancel');
    expect(b.stateLog(o.intent.intentId).at(-1)).toBe('cancel:cancel-requested');
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'canceled', endReason: 'canceled-by-us' }) });
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('canceled');
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(1);
  });

  it('a rejected cancel resumes the order', async () => {
    const b = bench();
    b.ports.lighter.cancelAnswer = async () => ({ kind: 'rejected', reason: 'unknown-order', retryable: false, venueCode: null, venueMessage: '' });
    const o = await b.tracker.submit(b.request());
    expect((await b.tracker.cancel(o.intent.clientOrderId)).order.state).toBe('accepted');
    expect(b.stateLog(o.intent.intentId).slice(-2)).toEqual(['cancel:cancel-requested', 'cancel:cancel-rejected']);
  });

  it('an unknown cancel counts an unknown send and keeps the order’s own tx hash', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ({ ...ACCEPTED_LIVE, txHash: 'aa'.repeat(40) });
    b.ports.lighter.cancelAnswer = async () => ({ kind: 'unknown', cause: 'x', txHash: 'cc'.repeat(40) });
    const o = await b.tracker.submit(b.request());
    const c = await b.tracker.cancel(o.intent.clientOrderId);
    expect(c.order.state).toBe('pending-cancel');
    expect(c.order.unknownSends).toBe(1);
    expect(c.order.txHash).toBe('aa'.repeat(40));
    expect(b.ledger.intentByClientOrderId(o.intent.clientOrderId)!.txHash).toBe('aa'.repeat(40));
  });

  it('a cancel that throws is unknown too', async () => {
    const b = bench();
    b.ports.lighter.cancelAnswer = async () => {
      throw new Error('down');
    };
    const o = await b.tracker.submit(b.request());
    expect((await b.tracker.cancel(o.intent.clientOrderId)).order.unknownSends).toBe(1);
    const d = bench();
    d.ports.lighter.cancelAnswer = () => Promise.reject('bare');
    const p = await d.tracker.submit(d.request());
    expect((await d.tracker.cancel(p.intent.clientOrderId)).order.unknownSends).toBe(1);
  });

  it('stopped while the cancel is out: nothing applied', async () => {
    const b = bench();
    b.ports.lighter.cancelAnswer = async () => {
      b.tracker.stop();
      return { kind: 'rejected', reason: 'unknown-order', retryable: false, venueCode: null, venueMessage: '' };
    };
    const o = await b.tracker.submit(b.request());
    expect((await b.tracker.cancel(o.intent.clientOrderId)).order.state).toBe('pending-cancel');
  });

  it('a stuck cancel (found live every check) is sent once more, and no more', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    await b.tracker.cancel(o.intent.clientOrderId);
    for (let i = 0; i < 4; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('orderByClientId')).toBe(3);
    expect(b.ports.lighter.count('cancel')).toBe(2);
    expect(b.logs.find((l) => l.msg === 'cancel not applied after the in-flight checks: requesting it once more')).toMatchObject({ level: 'warn', foundChecks: 3 });
    for (let i = 0; i < 12; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('cancel')).toBe(2);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('pending-cancel');
  });

  it('a cancel stuck after two requests is handed to reconciliation once, never re-sent', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    await b.tracker.cancel(o.intent.clientOrderId);
    await b.tracker.cancel(o.intent.clientOrderId);
    for (let i = 0; i < 12; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('cancel')).toBe(2);
    expect(b.logs.filter((l) => l.msg === 'order stuck in flight, handed to reconciliation')).toEqual([expect.objectContaining({ level: 'error', state: 'pending-cancel', foundChecks: 3 })]);
    expect(b.logged('warn')).not.toContain('cancel not applied after the in-flight checks: requesting it once more');
  });

  it('a lost order may be cancelled: the cancel goes out, the order stays lost', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    for (let i = 0; i < 6; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    const c = await b.tracker.cancel(o.intent.clientOrderId);
    expect(b.ports.lighter.count('cancel')).toBe(1);
    expect(c.order.state).toBe('lost');
  });
});

/** An IOC sent with an unknown outcome and never found: lost after the checks. */
async function lostIoc(b: TrackerBench) {
  b.ports.lighter.placeAnswer = async () => UNKNOWN;
  const o = await b.tracker.submit(b.request({ tif: 'ioc' }));
  for (let i = 0; i < 6; i += 1) {
    b.clock.advance(1_000);
    await flush();
  }
  expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
  return o;
}

describe('judgeLost', () => {
  it('unknown order refused; an order that is not lost is returned as it is, nothing read', async () => {
    const b = bench();
    expect(await refusal(b.tracker.judgeLost('9'), 'no tracked order 9')).toBe('unknown-order');
    const o = await b.tracker.submit(b.request({ tif: 'ioc' }));
    expect((await b.tracker.judgeLost(o.intent.clientOrderId)).order.state).toBe('accepted');
    expect(b.ports.lighter.count('fills')).toBe(0);
    expect(b.logged('info')).toEqual([]);
  });

  it('a lost IOC with no fill and a matching position is rejected never-arrived', async () => {
    const b = bench({ graceMs: 0 });
    const o = await lostIoc(b);
    const j = await b.tracker.judgeLost(o.intent.clientOrderId);
    expect(j.order.state).toBe('rejected');
    expect(j.order.rejectReason).toBe('never-arrived');
    expect(b.logs.find((l) => l.msg === 'lost order judged never arrived: rejected, nothing filled')).toMatchObject({ level: 'warn', clientOrderId: o.intent.clientOrderId, venue: 'lighter', evidence: expect.stringContaining('no fill of it on lighter') });
    expect(b.stateLog(o.intent.intentId).at(-1)).toBe('verdict:reject');
  });

  it('no verdict: stays lost, logged', async () => {
    const b = bench({ graceMs: 0 });
    const o = await lostIoc(b);
    b.ports.lighter.positionList = async () => [{ venue: 'lighter', symbol: 'ETH', size: '0.5', entryPrice: 1, markPrice: 1, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: null }];
    expect((await b.tracker.judgeLost(o.intent.clientOrderId)).order.state).toBe('lost');
    expect(b.logs.find((l) => l.msg === 'lost order: no verdict yet')).toMatchObject({ level: 'info', clientOrderId: o.intent.clientOrderId, venue: 'lighter', why: expect.stringContaining('venue position 0.5') });
  });

  it('stopped: no verdict read, or none applied', async () => {
    const b = bench({ graceMs: 0 });
    const o = await lostIoc(b);
    b.ports.lighter.positionList = async () => {
      b.tracker.stop();
      return [];
    };
    expect((await b.tracker.judgeLost(o.intent.clientOrderId)).order.state).toBe('lost');
    const fillsRead = b.ports.lighter.count('fills');
    expect((await b.tracker.judgeLost(o.intent.clientOrderId)).order.state).toBe('lost');
    expect(b.ports.lighter.count('fills')).toBe(fillsRead);
  });
});

describe('get and waitFor', () => {
  it('get: undefined for an unknown id', () => {
    const b = bench();
    expect(b.tracker.get('1')).toBeUndefined();
  });

  it('waitFor: refuses an unknown id; answers at once when done, stopped, or past the deadline', async () => {
    const b = bench();
    await expect(b.tracker.waitFor('1', () => true, 10)).rejects.toMatchObject({ code: 'unknown-order', message: 'no tracked order 1' });
    const o = await b.tracker.submit(b.request());
    const id = o.intent.clientOrderId;
    expect((await b.tracker.waitFor(id, (x) => x.order.state === 'accepted', 1_000)).order.state).toBe('accepted');
    expect((await b.tracker.waitFor(id, () => false, 0)).order.state).toBe('accepted');
  });

  it('waitFor: resolves on the change that makes it done, else at the deadline with the order as it is', async () => {
    const b = bench();
    b.clock.advance(10_000);
    const o = await b.tracker.submit(b.request());
    const id = o.intent.clientOrderId;
    let filled: TrackedOrder | undefined;
    let timedOut: TrackedOrder | undefined;
    void b.tracker.waitFor(id, (x) => x.order.state === 'filled', 15_000).then((x) => (filled = x));
    void b.tracker.waitFor(id, (x) => x.order.state === 'canceled', 11_000).then((x) => (timedOut = x));
    b.clock.advance(999);
    await flush();
    expect(timedOut).toBeUndefined();
    b.clock.advance(1);
    await flush();
    expect(timedOut?.order.state).toBe('accepted');
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f0', '0.1') });
    await flush();
    expect(filled).toBeUndefined();
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.4') });
    await flush();
    expect(filled?.order.state).toBe('filled');
  });

  it('stop resolves every waiter with the order as it is', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    let got: TrackedOrder | undefined;
    void b.tracker.waitFor(o.intent.clientOrderId, () => false, 1e9).then((x) => (got = x));
    b.tracker.stop();
    await flush();
    expect(got?.order.state).toBe('accepted');
    const w = await b.tracker.waitFor(o.intent.clientOrderId, () => false, 1e9);
    expect(w.order.state).toBe('accepted');
  });
});

describe('listeners', () => {
  it('unsubscribe stops the calls; a throwing listener is logged and the others still hear', async () => {
    const b = bench();
    const heard: string[] = [];
    const fillsHeard: string[] = [];
    b.tracker.onOrder(() => {
      throw new Error('listener bug');
    });
    b.tracker.onFill(() => {
      throw new Error('fill listener bug');
    });
    const off = b.tracker.onOrder((o) => heard.push(o.order.state));
    const offFill = b.tracker.onFill((f) => fillsHeard.push(f.fill.venueFillId));
    const o = await b.tracker.submit(b.request());
    expect(heard).toEqual(['submitted', 'accepted']);
    expect(b.logs.find((l) => l.msg === 'order listener threw')).toMatchObject({ level: 'error', error: 'listener bug' });
    off();
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.1') });
    expect(fillsHeard).toEqual(['f1']);
    expect(b.logs.find((l) => l.msg === 'fill listener threw')).toMatchObject({ level: 'error', error: 'fill listener bug' });
    offFill();
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f2', '0.1') });
    expect(heard).toEqual(['submitted', 'accepted']);
    expect(fillsHeard).toEqual(['f1']);
    expect(b.fills.map((f) => f.fill.venueFillId)).toEqual(['f1', 'f2']);
  });
});

describe('account stream', () => {
  it('a fill of ours: recorded once with its state, told once with the time it was received', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.clock.advance(321);
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    expect(b.fills).toHaveLength(1);
    expect(b.fills[0]).toMatchObject({ receivedAtMono: 321, intent: { clientOrderId: o.intent.clientOrderId } });
    expect(b.ledger.fillsOfIntent(o.intent.intentId)).toHaveLength(1);
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('partially-filled');
    expect(b.stateLog(o.intent.intentId)).toEqual(['submit:submit', 'place:accept-live', 'fill:fill-partial']);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.filledSize).toBe('0.2');
    expect(states(b.orders)).toEqual(['submitted', 'accepted', 'partially-filled']);
  });

  it('a fill on another venue’s stream is an anomaly: nothing recorded', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.extended.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    expect(b.logs.filter((l) => l.level === 'error')).toEqual([expect.objectContaining({ msg: 'fill from one venue on another venue’s stream (anomaly)', venue: 'extended', fillVenue: 'lighter', venueFillId: 'f1' })]);
    expect(b.ledger.fillsOfIntent(o.intent.intentId)).toHaveLength(0);
    expect(b.fills).toHaveLength(0);
  });

  it('a fill the FSM refuses (a rejected order) is recorded and told, logged as an anomaly', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ({ kind: 'rejected', reason: 'other', retryable: false, venueCode: null, venueMessage: '' });
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    expect(b.logs.find((l) => l.msg === 'fill recorded but refused by the order FSM (anomaly for reconciliation)')).toMatchObject({
      level: 'error',
      clientOrderId: o.intent.clientOrderId,
      state: 'rejected',
      venueFillId: 'f1',
      error: 'order event fill-partial is not allowed in state rejected',
    });
    expect(b.fills).toHaveLength(1);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('rejected');
  });

  it('a fill with another epoch’s client id is not ours: recorded, not told, no anomaly', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    const other = encodeClientOrderId({ epoch: (b.ledger.epoch + 1) % 4096, pairSeq: 1, leg: 0, purpose: 'entry', attempt: 0 });
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2', { clientOrderId: other }) });
    expect(b.fills).toHaveLength(0);
    expect(b.logged('error')).toEqual([]);
  });

  it('a fill without a client id is not ours: recorded, not told', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2', { clientOrderId: null }) });
    expect(b.fills).toHaveLength(0);
    expect(b.logged('error')).toEqual([]);
  });

  it('an order update for another venue’s order is ignored; ours is applied', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.extended.emit({ type: 'order', order: venueOrder(o, { venue: 'extended', status: 'canceled', endReason: 'canceled-by-us' }) });
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('accepted');
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'canceled', endReason: 'expired' }) });
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('canceled');
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('canceled');
  });

  it('an update the FSM refuses is logged and changes nothing', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ({ kind: 'rejected', reason: 'other', retryable: false, venueCode: null, venueMessage: '' });
    const o = await b.tracker.submit(b.request());
    const told = b.orders.length;
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'open' }) });
    expect(b.logs.find((l) => l.msg === 'order event refused by the FSM')).toMatchObject({ level: 'warn', source: 'stream', state: 'rejected' });
    expect(b.orders).toHaveLength(told);
  });

  it('a second cancel request changes nothing and tells nobody; the cancel is sent again', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    await b.tracker.cancel(o.intent.clientOrderId);
    const told = b.orders.length;
    await b.tracker.cancel(o.intent.clientOrderId);
    expect(b.orders).toHaveLength(told);
    expect(b.ports.lighter.count('cancel')).toBe(2);
  });

  it('resubscribed: reads back the open orders of that venue only; down: logged', async () => {
    const b = bench();
    const open = await b.tracker.submit(b.request());
    b.ports.lighter.placeAnswer = async () => ({ kind: 'rejected', reason: 'other', retryable: false, venueCode: null, venueMessage: '' });
    await b.tracker.submit(b.request());
    await b.tracker.submit(b.request({ venue: 'extended' }));
    b.ports.lighter.emit({ type: 'stream', stream: { stream: 'account', state: 'down', atMs: 0 } });
    expect(b.logs.find((l) => l.msg === 'account stream down: orders are read back when it resubscribes')).toMatchObject({ level: 'info', venue: 'lighter', stream: 'account' });
    expect(b.ports.lighter.count('orderByClientId')).toBe(0);
    b.ports.lighter.emit({ type: 'stream', stream: { stream: 'account', state: 'resubscribed', atMs: 0 } });
    await flush();
    expect(b.ports.lighter.calls.filter((c) => c.method === 'orderByClientId').map((c) => c.args[1])).toEqual([open.intent.clientOrderId]);
    expect(b.ports.extended.count('orderByClientId')).toBe(0);
  });

  it('resubscribed during the send: not read back before place() returned', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => {
      b.ports.lighter.emit({ type: 'stream', stream: { stream: 'account', state: 'resubscribed', atMs: 0 } });
      await flush();
      return ACCEPTED_LIVE;
    };
    await b.tracker.submit(b.request());
    expect(b.ports.lighter.count('orderByClientId')).toBe(0);
  });

  it('events that are not about orders change nothing; after stop nothing is heard', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    const told = b.orders.length;
    b.ports.lighter.emit({ type: 'balance', balance: { venue: 'lighter', collateralUsd: '1', equityUsd: '1', availableUsd: '1' } });
    expect(b.orders).toHaveLength(told);
    expect(b.ports.lighter.listenerCount).toBe(1);
    b.tracker.stop();
    b.tracker.stop();
    expect(b.ports.lighter.listenerCount).toBe(0);
    expect(b.ports.extended.listenerCount).toBe(0);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('accepted');
  });

  it('a handler failure is logged, never thrown at the adapter', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    // A client id of our epoch whose stored intent contradicts it: the ledger throws.
    b.ledger.intentByClientOrderId = () => {
      throw new Error('disk');
    };
    expect(() => b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { clientOrderId: '1' }) })).not.toThrow();
    expect(b.logs.find((l) => l.msg === 'account event not processed')).toMatchObject({ level: 'error', type: 'order', venue: 'lighter', error: 'disk' });
  });

  it('an event of a closed order of ours that is not tracked (before a restart) is loaded from the ledger', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'canceled', endReason: 'canceled-by-us' }) });
    const t2 = b.restart();
    expect(t2.get(o.intent.clientOrderId)).toBeUndefined();
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'late', '0.1') });
    expect(t2.get(o.intent.clientOrderId)!.order.filledSize).toBe('0.1');
    expect(t2.get(o.intent.clientOrderId)!.order.state).toBe('canceled');
    expect(b.logged('error')).toEqual([]);
    // Not an order of that venue: another stream's report of its id is not loaded.
    const t3 = b.restart();
    b.ports.extended.emit({ type: 'order', order: venueOrder(o, { venue: 'extended' }) });
    expect(t3.get(o.intent.clientOrderId)).toBeUndefined();
  });
});

describe('restore', () => {
  it('an order sent before the restart is restored, aged by the wall clock, and read back once at once', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.clock.advance(1_500);
    const t2 = b.restart();
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    const before = b.ports.lighter.count('orderByClientId');
    const restored = await t2.restore();
    expect(restored.map((x) => [x.intent.clientOrderId, x.order.state])).toEqual([[o.intent.clientOrderId, 'accepted']]);
    expect(b.logged('warn')).not.toContain('stored filled size disagrees with the stored fills: using the fills');
    expect(restored[0]!.sentAtMono).toBe(0);
    expect(b.ports.lighter.count('orderByClientId')).toBe(before + 1);
    expect(await t2.restore()).toEqual([]);
    t2.stop();
    expect(await refusal(t2.restore(), 'stopped')).toBe('stopped');
  });

  it('a send dated in the future is aged 0, not negative', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    b.clock.advance(5_000);
    const req = b.request();
    await b.tracker.submit(req);
    const t2 = b.restart();
    const [r] = await t2.restore();
    expect(r!.sentAtMono).toBe(5_000);
  });

  it('a lost order gets one more round of checks after a restart', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request({ tif: 'gtt' }));
    for (let i = 0; i < 6; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    const t2 = b.restart();
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    const [r] = await t2.restore();
    expect(r!.order.state).toBe('accepted');
  });

  it('stored fills win over a stored filled size that lags them', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    // A crash between the fill's write and its state's write.
    b.ledger.recordFill(venueFill(o, 'f1', '0.2'));
    const t2 = b.restart();
    const [r] = await t2.restore();
    expect(r!.order.filledSize).toBe('0.2');
    expect(r!.order.fillIds).toEqual(['f1']);
    expect(b.logs.find((l) => l.msg === 'stored filled size disagrees with the stored fills: using the fills')).toMatchObject({ level: 'warn', clientOrderId: o.intent.clientOrderId, stored: '0', fills: '0.2' });
    // The fill re-delivered after the restart is a duplicate: not told again.
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    expect(b.fills).toHaveLength(0);
  });

  it('an order already tracked is not restored twice', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    expect((await b.tracker.restore()).map((x) => x.intent.clientOrderId)).not.toContain(o.intent.clientOrderId);
  });
});

describe('fills fetch', () => {
  it('one fetch at a time per order; a request meanwhile runs once more after it; a failed fetch is logged', async () => {
    const b = bench();
    let release: () => void = () => undefined;
    b.ports.lighter.fillList = () => new Promise((r) => (release = () => r([])));
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o, { status: 'partially-filled', filledSize: '0.2' }), queriedAtMs: 0 });
    b.clock.advance(2_000);
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(1);
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'canceled', filledSize: '0.2', endReason: 'canceled-by-us' }) });
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(1);
    b.ports.lighter.fillList = async () => {
      throw new Error('fills down');
    };
    release();
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(2);
    expect(b.logs.find((l) => l.msg === 'fills fetch failed')).toMatchObject({ level: 'warn', error: 'fills down', clientOrderId: o.intent.clientOrderId });
    b.clock.advance(10_000);
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(2);
  });

  it('fetched fills already applied are not taken twice', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(o, 'f1', '0.2') });
    b.ports.lighter.fillList = async () => [venueFill(o, 'f1', '0.2'), venueFill(o, 'f2', '0.1')];
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'canceled', endReason: 'canceled-by-us', filledSize: '0.3' }) });
    await flush();
    expect(b.fills.map((f) => f.fill.venueFillId)).toEqual(['f1', 'f2']);
    expect(b.logged('debug')).not.toContain('fill re-delivered: already recorded');
  });

  it('stopped while fetching: nothing taken in', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.fillList = async () => {
      b.tracker.stop();
      return [venueFill(o, 'f1', '0.2')];
    };
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'expired', endReason: 'expired' }) });
    await flush();
    expect(b.fills).toHaveLength(0);
  });
});

describe('more edges', () => {
  it('an unknown send after a slow place: no ack time, so the grace runs from the send', async () => {
    const b = bench({ graceMs: 2_500 });
    b.ports.lighter.placeAnswer = async () => {
      b.clock.advance(600);
      return UNKNOWN;
    };
    const o = await b.tracker.submit(b.request());
    // Counts from max(0 + 2 000, 0 + 2 500) = 2 500 (from 3 100 had the slow reply been an ack).
    // The manual clock has reached each step's end when a readback answers: the checks land at
    // 2 600, 3 600 and 4 600, all three count.
    for (let i = 0; i < 5; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('orderByClientId')).toBe(3);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    expect(b.stateLog(o.intent.intentId)).toEqual(['submit:submit', 'place:send-unknown', 'in-flight:lost']);
  });

  it('an order that ends expired, or becomes lost, is swept for fills; a late fill of a canceled order is not swept again', async () => {
    const b = bench({ graceMs: 0 });
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'expired', endReason: 'expired' }) });
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(1);
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const q = await b.tracker.submit(b.request());
    for (let i = 0; i < 6; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(q.intent.clientOrderId)!.order.state).toBe('lost');
    expect(b.ports.lighter.count('fills')).toBe(2);
    b.ports.lighter.placeAnswer = async () => ACCEPTED_LIVE;
    const c = await b.tracker.submit(b.request());
    b.ports.lighter.emit({ type: 'order', order: venueOrder(c, { status: 'canceled', endReason: 'canceled-by-us' }) });
    await flush();
    expect(b.ports.lighter.count('fills')).toBe(3);
    b.ports.lighter.emit({ type: 'fill', fill: venueFill(c, 'late', '0.1') });
    await flush();
    expect(b.tracker.get(c.intent.clientOrderId)!.order.state).toBe('canceled');
    expect(b.ports.lighter.count('fills')).toBe(3);
  });

  it('a readback that returns after stop applies nothing', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => {
      b.tracker.stop();
      return { kind: 'found', order: venueOrder(o), queriedAtMs: 0 };
    };
    b.clock.advance(2_000);
    await flush();
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('submitted');
    expect(b.ledger.orderState(o.intent.intentId)!.state).toBe('submitted');
  });

  it('a restored lost order not found again keeps its round of checks, then is lost again', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request({ tif: 'gtt' }));
    for (let i = 0; i < 6; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    const t2 = b.restart();
    const before = b.ports.lighter.count('orderByClientId');
    await t2.restore();
    expect(b.ports.lighter.count('orderByClientId')).toBe(before + 1);
    for (let i = 0; i < 6; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('orderByClientId')).toBe(before + 3);
    expect(b.logs.filter((l) => l.msg === 'order lost: in-flight checks exhausted, handed to reconciliation')).toHaveLength(2);
  });

  it('a restored order that is not lost gets no lost round once it is lost', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    const t2 = b.restart();
    await t2.restore();
    for (let i = 0; i < 10; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(t2.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    const n = b.ports.lighter.count('orderByClientId');
    b.clock.advance(10_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(n);
  });
});

describe('in-flight runner (tracker-inflight.ts)', () => {
  it('a readback that throws is a failed check, never not-found: logged, retried each interval, never lost', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => {
      throw new Error('venue down');
    };
    for (let i = 0; i < 10; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('orderByClientId')).toBe(9);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('submitted');
    expect(b.logs.find((l) => l.msg === 'order readback failed')).toMatchObject({ level: 'warn', clientOrderId: o.intent.clientOrderId, venue: 'lighter', error: 'venue down' });
    b.ports.lighter.readback = () => Promise.reject('bare');
    b.clock.advance(1_000);
    await flush();
    expect(b.logs.filter((l) => l.msg === 'order readback failed').at(-1)).toMatchObject({ error: 'bare' });
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    b.clock.advance(1_000);
    await flush();
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('accepted');
  });

  it('one readback at a time: asks meanwhile share it', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    let answer: () => void = () => undefined;
    b.ports.lighter.readback = () => new Promise((r) => (answer = () => r({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 })));
    const resub = () => b.ports.lighter.emit({ type: 'stream', stream: { stream: 'account', state: 'resubscribed', atMs: 0 } });
    resub();
    resub();
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(1);
    answer();
    await flush();
    resub();
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(2);
  });

  it('cancel checks run from the cancel request, not from the send', async () => {
    const b = bench();
    const o = await b.tracker.submit(b.request());
    b.clock.advance(5_000);
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o), queriedAtMs: 0 });
    await b.tracker.cancel(o.intent.clientOrderId);
    b.clock.advance(1_999);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(0);
    b.clock.advance(1);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(1);
  });

  it('a send in flight that is cancelled starts cancel checks afresh: earlier not-founds do not count', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    for (let i = 0; i < 3; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    // Two not-founds counted for the send (2 000, 3 000); one more would make it lost.
    expect(b.ports.lighter.count('orderByClientId')).toBe(2);
    await b.tracker.cancel(o.intent.clientOrderId);
    b.clock.advance(1_000);
    await flush();
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('pending-cancel');
    expect(b.ports.lighter.count('orderByClientId')).toBe(2);
    for (let i = 0; i < 5; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
    expect(b.ports.lighter.count('orderByClientId')).toBe(5);
  });

  it('a change that keeps the kind of checks keeps their schedule', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    b.clock.advance(1_500);
    // The stream says only queued: still the send's checks (same kind), on the same schedule.
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'pending' }) });
    expect(b.tracker.get(o.intent.clientOrderId)!.order).toMatchObject({ state: 'accepted', acceptedStage: 'queued' });
    b.clock.advance(500);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(1);
  });

  it('a send found queued every check is stuck: handed to reconciliation once, never cancelled', async () => {
    const b = bench();
    b.ports.lighter.placeAnswer = async () => ACCEPTED_QUEUED;
    const o = await b.tracker.submit(b.request());
    b.ports.lighter.readback = async () => ({ kind: 'found', order: venueOrder(o, { status: 'pending' }), queriedAtMs: 0 });
    for (let i = 0; i < 8; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('cancel')).toBe(0);
    expect(b.logs.filter((l) => l.msg === 'order stuck in flight, handed to reconciliation')).toEqual([expect.objectContaining({ state: 'accepted', foundChecks: 3 })]);
    expect(b.stateLog(o.intent.intentId)).toEqual(['submit:submit', 'place:accept-queued', 'readback:found-pending', 'readback:found-pending', 'readback:found-pending']);
    // A readback after it (the stream came back) does not hand it over again.
    b.ports.lighter.emit({ type: 'stream', stream: { stream: 'account', state: 'resubscribed', atMs: 0 } });
    await flush();
    expect(b.logs.filter((l) => l.msg === 'order stuck in flight, handed to reconciliation')).toHaveLength(1);
  });

  it('a change that keeps a send in flight keeps the checks already counted', async () => {
    const b = bench({ graceMs: 0 });
    b.ports.lighter.placeAnswer = async () => UNKNOWN;
    const o = await b.tracker.submit(b.request());
    for (let i = 0; i < 3; i += 1) {
      b.clock.advance(1_000);
      await flush();
    }
    expect(b.ports.lighter.count('orderByClientId')).toBe(2);
    // The stream says only queued: still a send in flight, with its two not-founds counted.
    b.ports.lighter.emit({ type: 'order', order: venueOrder(o, { status: 'pending' }) });
    expect(b.tracker.get(o.intent.clientOrderId)!.order).toMatchObject({ state: 'accepted', acceptedStage: 'queued' });
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(2);
    b.clock.advance(1_000);
    await flush();
    expect(b.ports.lighter.count('orderByClientId')).toBe(3);
    expect(b.tracker.get(o.intent.clientOrderId)!.order.state).toBe('lost');
  });
});
