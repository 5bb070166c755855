// The faults not covered elsewhere, observed from the client side, and a fuzz of malformed
// requests: each gets the venue's error shape and the simulator keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { createOrderTx, lighterGet, lighterToken, manualSim, sendTx } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 13, controlPort: 0, txDelayMs: 0, rateLimits: false });
});
afterAll(async () => {
  await sim.close();
});

describe('faults seen from a client', () => {
  it('sendTx accepted but never executed: pending, then failed after ExpiredAt; nothing placed', async () => {
    // On the simulator's manual clock: the deadline passes by advancing it, not by waiting.
    const { sim: m, clock } = await manualSim(13);
    try {
      m.faults.dropSendTx('lighter', 1);
      const now = clock.nowMs();
      const next = (await lighterGet(m, `/api/v1/nextNonce?account_index=${m.demo.lighter.accountIndex}&api_key_index=3`)).body.nonce as number;
      const b = m.engine.book('lighter', 'ETH');
      const r = await sendTx(m, 14, createOrderTx(m, next, { ClientOrderIndex: 777, Price: b.bestAsk()! + 100, BaseAmount: 10_000, ExpiredAt: now + 300_000 }, now));
      expect(r.body.code).toBe(200);
      const hash = String(r.body.tx_hash);
      expect((await lighterGet(m, `/api/v1/tx?by=hash&value=${hash}`)).body.status).toBe(1);
      clock.advance(300_001);
      expect((await lighterGet(m, `/api/v1/tx?by=hash&value=${hash}`)).body.status).toBe(0);
      const q = await lighterGet(m, `/api/v1/accountOrders?account_index=${m.demo.lighter.accountIndex}&client_order_indexes=777`, lighterToken(m, clock.nowMs()));
      expect(q.body.orders).toEqual([]);
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
    await new Promise((r) => setTimeout(r, 50));
    const q = await lighterGet(sim, `/api/v1/accountOrders?account_index=${sim.demo.lighter.accountIndex}&client_order_indexes=4242`, lighterToken(sim, Date.now()));
    expect((q.body.orders as { status: string }[])[0]?.status).toBe('canceled-post-only');
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
    const url = sim.control!.url;
    const bad = await fetch(`${url}/faults/burst429`, { method: 'POST', body: '{"venue":"nowhere","count":1}' });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${url}/faults/burst429`, { method: 'POST', body: '{"venue":"extended","count":1}' });
    expect(ok.status).toBe(200);
    const r = await fetch(`${sim.extended.restUrl}/info/markets`, { headers: { 'User-Agent': 't' } });
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ status: 'ERROR' });
  });

  it("closes a Lighter stream at its lifetime (the 24-hour close, time-compressed)", async () => {
    const short = await startSimulator({ seed: 15, controlPort: null, lighterWs: { maxConnectionMs: 300 } });
    try {
      const ws = new WebSocket(short.lighter.wsUrl);
      const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
      expect(code).toBe(1000);
    } finally {
      await short.close();
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
    await expect.poll(() => msgs.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(6);
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
