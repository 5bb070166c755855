// The faults not covered elsewhere, observed from the client side, and a fuzz of malformed
// requests: each gets the venue's error shape and the simulator keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { collect, createOrderTx, lighterGet, lighterToken, manualSim, sendTx, T0 } from './helpers';
import { pollUntil, wsBarrier } from '../../helpers/wait';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 13, controlPort: 0, txDelayMs: 0, rateLimits: false });
});
afterAll(async () => {
  await sim.close();
});

describe('faults seen from a client', () => {
  it('sendTx accepted but never executed: a client sees its twin fill while it stays pending, then fails at ExpiredAt', async () => {
    // A manual clock: the speed bump and ExpiredAt are simulated time, never wall time.
    const { sim: m, clock } = await manualSim(31);
    try {
      const nonceOf = async () => (await lighterGet(m, `/api/v1/nextNonce?account_index=${m.demo.lighter.accountIndex}&api_key_index=3`)).body.nonce as number;
      const txStatus = async (hash: string) => (await lighterGet(m, `/api/v1/tx?by=hash&value=${hash}`)).body.status;
      const ordersOf = async (coi: number) => (await lighterGet(m, `/api/v1/accountOrders?account_index=${m.demo.lighter.accountIndex}&client_order_indexes=${coi}`, lighterToken(m, clock.nowMs()))).body.orders as { status: string }[];
      const expiredAt = clock.nowMs() + 60_000;
      const price = m.engine.book('lighter', 'ETH').bestAsk()! + 100;
      m.faults.dropSendTx('lighter', 1);
      const first = await nonceOf();
      // Two identical crossing orders; only the first is dropped. Both get the same 200 answer.
      const dropped = await sendTx(m, 14, createOrderTx(m, first, { ClientOrderIndex: 777, Price: price, BaseAmount: 10_000, ExpiredAt: expiredAt }, clock.nowMs()));
      const twin = await sendTx(m, 14, createOrderTx(m, first + 1, { ClientOrderIndex: 778, Price: price, BaseAmount: 10_000, ExpiredAt: expiredAt }, clock.nowMs()));
      expect([dropped.body.code, twin.body.code]).toEqual([200, 200]);
      const droppedHash = String(dropped.body.tx_hash);
      const twinHash = String(twin.body.tx_hash);
      // The dropped tx still consumed its nonce, as the venue's sequencer does.
      expect(await nonceOf()).toBe(first + 2);

      clock.advance(1_000); // past the speed bump, well before ExpiredAt
      expect(await txStatus(twinHash)).toBe(2);
      expect(await ordersOf(778)).toHaveLength(1);
      expect(await txStatus(droppedHash)).toBe(1);
      expect(await ordersOf(777)).toEqual([]);

      clock.advance(expiredAt - clock.nowMs()); // ExpiredAt reached: the pending tx is failed
      expect(await txStatus(droppedHash)).toBe(0);
      expect(await ordersOf(777)).toEqual([]);
      expect(await txStatus(twinHash)).toBe(2);
    } finally {
      await m.close();
    }
  });

  it('adds latency with jitter to a route, seen as a slower answer', async () => {
    sim.faults.setLatency('extended', '/api/v1/info/markets', 150, 20);
    const t0 = performance.now();
    const r = await fetch(`${sim.extended.restUrl}/info/markets?market=ETH-USD`, { headers: { 'User-Agent': 't' } });
    const slow = performance.now() - t0;
    sim.faults.setLatency('extended', '/api/v1/info/markets', 0);
    expect(r.status).toBe(200);
    // A lower bound only (150 ms less the 20 ms jitter, less timer slack): load can only add to it.
    expect(slow).toBeGreaterThanOrEqual(125);
  });

  it('forces a post-only rejection even when the order would not cross', async () => {
    sim.faults.reset();
    sim.engine.faults.forcePostOnlyReject.lighter = 1;
    const now = Date.now();
    const next = (await lighterGet(sim, `/api/v1/nextNonce?account_index=${sim.demo.lighter.accountIndex}&api_key_index=3`)).body.nonce as number;
    const b = sim.engine.book('lighter', 'ETH');
    // A bid well below the best bid: it would rest, yet the fault cancels it as post-only.
    expect((await sendTx(sim, 14, createOrderTx(sim, next, { ClientOrderIndex: 4242, Price: b.bestBid()! - 500, BaseAmount: 10_000, TimeInForce: 2, OrderExpiry: now + 3_600_000 }, now))).body.code).toBe(200);
    // The order executes after the speed bump: poll the client's view until it exists.
    const orders = await pollUntil(async () => (await lighterGet(sim, `/api/v1/accountOrders?account_index=${sim.demo.lighter.accountIndex}&client_order_indexes=4242`, lighterToken(sim, Date.now()))).body.orders as { status: string }[], { until: (o) => o.length > 0, what: 'order 4242 to be visible' });
    expect(orders[0]!.status).toBe('canceled-post-only');
  });

  it('venue rate limits answer 429 when enabled, weighted per route', async () => {
    const limited = await startSimulator({ seed: 14, controlPort: null, rateLimits: true });
    try {
      // Premium: 24 000 weighted per minute, 300 for a default route: the 81st call is refused.
      const codes: number[] = [];
      for (let i = 0; i < 81; i++) codes.push((await fetch(`${limited.lighter.restUrl}/api/v1/orderBooks`)).status);
      expect(codes.slice(0, 80).every((c) => c === 200)).toBe(true);
      expect(codes[80]).toBe(429);
      const body = await (await fetch(`${limited.lighter.restUrl}/api/v1/orderBooks`)).json();
      expect(body).toMatchObject({ code: 23000 });
    } finally {
      await limited.close();
    }
  });

  it('the loopback control endpoint drives the same faults', async () => {
    const { url, headers } = sim.control!;
    const bad = await fetch(`${url}/faults/burst429`, { method: 'POST', headers, body: '{"venue":"nowhere","count":1}' });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${url}/faults/burst429`, { method: 'POST', headers, body: '{"venue":"extended","count":1}' });
    expect(ok.status).toBe(200);
    const r = await fetch(`${sim.extended.restUrl}/info/markets`, { headers: { 'User-Agent': 't' } });
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ status: 'ERROR' });
  });

  it('closes a Lighter stream at its 24-hour lifetime, on the simulated clock', async () => {
    // Hour-long model steps so advancing a day takes 24 steps, not thousands.
    const clock = new ManualClock(T0);
    const day = await startSimulator({ seed: 15, clock, controlPort: null, stepMs: 3_600_000, lighterWs: { bookIntervalMs: 3_600_000, statsIntervalMs: 3_600_000 } });
    try {
      const { ws, messages } = await collect(day.lighter.wsUrl);
      let closeCode: number | null = null;
      ws.on('close', (c) => (closeCode = c));
      await pollUntil(() => messages.length > 0, { what: 'the connected frame' });
      clock.advance(24 * 3_600_000 - 1);
      await wsBarrier(ws); // everything the server did before the ping has reached us
      expect(closeCode).toBeNull();
      clock.advance(1);
      expect(await pollUntil(() => closeCode, { what: 'the lifetime close' })).toBe(1000);
    } finally {
      await day.close();
    }
  });

  it('answers JSON ping with pong and reports error frames for bad subscriptions', async () => {
    const ws = new WebSocket(sim.lighter.wsUrl);
    const msgs: { type?: string; error?: { code: number } }[] = [];
    ws.on('message', (d) => msgs.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send('{"type":"ping"}');
    ws.send('{"type":"subscribe","channel":"order_book/9999"}');
    ws.send('{"type":"subscribe","channel":"order_book/0"}');
    ws.send('{"type":"subscribe","channel":"order_book/0"}');
    ws.send('not json');
    ws.send(`{"type":"subscribe","channel":"account_orders/0/${sim.demo.lighter.accountIndex}"}`);
    await pollUntil(() => msgs.length >= 6, { what: 'six replies' });
    expect(msgs.some((m) => m.type === 'pong')).toBe(true);
    const codes = msgs.filter((m) => m.error !== undefined).map((m) => m.error!.code);
    expect(codes).toEqual(expect.arrayContaining([30005, 30003, 30000, 20001]));
    ws.close();
  });
});

describe('malformed requests never crash the simulator', () => {
  it('fuzzes both REST faces and keeps serving with the venue error shapes', async () => {
    const paths = fc.constantFrom('/api/v1/sendTx', '/api/v1/sendTxBatch', '/api/v1/orderBookOrders', '/api/v1/fundings', '/api/v1/account', '/api/v1/positionFunding', '/api/v1/trades');
    const bodies = fc.oneof(fc.string(), fc.json(), fc.constant('tx_type=14&tx_info={'), fc.constant('tx_types=[1,2]&tx_infos=x'), fc.constant('tx_type=abc'));
    const queries = fc.oneof(fc.constant(''), fc.constant('?market_id=-1'), fc.constant('?market_id=abc&limit=99999'), fc.constant('?by=index&value=1e9'), fc.constant('?account_index=x&limit=0'));
    const samples = fc.sample(fc.tuple(paths, bodies, queries), { numRuns: 300, seed: 1 });
    for (const [path, body, query] of samples) {
      const post = path.startsWith('/api/v1/send');
      const res = await fetch(`${sim.lighter.restUrl}${path}${query}`, post ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body } : {});
      expect([200, 400, 401, 404, 405, 413]).toContain(res.status);
      const json = (await res.json()) as { code: number };
      expect(typeof json.code).toBe('number');
    }
    const extBodies = fc.sample(fc.oneof(fc.string(), fc.json(), fc.constant('{"id":1}'), fc.constant('{"market":"ETH-USD","qty":-1}')), { numRuns: 200, seed: 2 });
    for (const body of extBodies) {
      const res = await fetch(`${sim.extended.restUrl}/user/order`, { method: 'POST', headers: { 'User-Agent': 't', 'X-Api-Key': sim.demo.extended.apiKey, 'Content-Type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ status: 'ERROR', error: { code: expect.any(Number) } });
    }
    const huge = await fetch(`${sim.lighter.restUrl}/api/v1/sendTx`, { method: 'POST', body: 'x'.repeat(200_000) }).catch(() => null);
    expect(huge === null || huge.status === 413).toBe(true);
    // Still serving.
    expect((await lighterGet(sim, '/api/v1/orderBooks')).status).toBe(200);
  });
});
