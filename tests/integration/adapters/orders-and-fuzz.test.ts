// The port's promises under faults: ambiguous sends end `unknown` and are resolved by readback
// (never re-sent); post-only rejections are definitive; a ghost fill is found by position and
// fill readback; malformed frames and bodies give typed parse errors and never crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import { VenueError } from '../../../src-core/venues/common/errors';
import { roundToIncrement, toScaledInt } from '../../../src-core/domain/decimal';
import { encodeClientOrderId } from '../../../src-core/domain/client-order-id';


const micro = (usd: string) => toScaledInt(usd, 6);

let sim: Simulator;
let ext: ExtendedAdapter;
let pair = 1;
const cid = () => encodeClientOrderId({ epoch: 9, pairSeq: pair++, leg: 1, purpose: 'hedge', attempt: 0 });

beforeAll(async () => {
  sim = await startSimulator({ seed: 9, controlPort: null });
  const d = sim.demo.extended;
  ext = new ExtendedAdapter({ restUrl: sim.extended.restUrl, wsUrls: [sim.extended.wsUrl], network: 'testnet', credentials: { apiKey: d.apiKey, vault: d.vault, starkPrivateKey: d.starkPrivateKey, starkPublicKey: d.starkPublicKey }, orderTimeoutMs: 1_500 });
  await ext.start();
  ext.watchBooks(['ETH', 'BTC']);
  // A bounded wait for the first snapshot (beforeAll cannot use expect.poll).
  for (let i = 0; i < 400 && ext.book('ETH')?.fresh !== true; i++) await new Promise((r) => setTimeout(r, 25));
});

afterAll(async () => {
  await ext?.stop();
  await sim?.close();
});

function takerPrice(side: 'buy' | 'sell'): string {
  const b = ext.book('ETH')!;
  const m = ext.market('ETH')!;
  const px = side === 'buy' ? b.asks[0]!.price * 1.002 : b.bids[0]!.price * 0.998;
  return roundToIncrement(px, m.tickSize, side === 'buy' ? 'ceil' : 'floor');
}

const statusOf = async (id: string) => {
  const r = await ext.orderByClientId('ETH', id);
  return r.kind === 'found' ? r.order.status : 'not-found';
};

describe('Extended order outcomes', () => {
  it('an order whose acknowledgement times out is unknown, then resolved by readback', async () => {
    sim.faults.setResponseDelay('extended', '/api/v1/user/order', 4_000);
    const id = cid();
    const outcome = await ext.place({ symbol: 'ETH', side: 'buy', size: '0.010', price: takerPrice('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: id });
    expect(outcome.kind).toBe('unknown');
    sim.faults.setResponseDelay('extended', '/api/v1/user/order', 0);
    // The venue did receive it: readback by externalId finds the order (no re-send needed).
    await expect.poll(() => statusOf(id), { timeout: 5_000 }).toBe('filled');
  });

  it('a post-only order that would cross is acknowledged, then ends post-only-would-cross', async () => {
    const id = cid();
    const events: string[] = [];
    const off = ext.onAccount((e) => e.type === 'order' && e.order.clientOrderId === id && events.push(`${e.order.status}:${e.order.endReason}:${e.order.venueReason}`));
    const outcome = await ext.place({ symbol: 'ETH', side: 'buy', size: '0.010', price: takerPrice('buy'), type: 'limit', tif: 'post_only', reduceOnly: false, clientOrderId: id });
    expect(outcome).toMatchObject({ kind: 'accepted', stage: 'queued' });
    await expect.poll(() => events, { timeout: 5_000 }).toContain('rejected:post-only-would-cross:POST_ONLY_FAILED');
    expect(await statusOf(id)).toBe('rejected');
    off();
  });

  it('an off-grid size is refused before sending', async () => {
    const outcome = await ext.place({ symbol: 'ETH', side: 'buy', size: '0.0015', price: takerPrice('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: cid() });
    expect(outcome).toMatchObject({ kind: 'rejected', reason: 'off-grid', venueCode: null });
  });

  it('a ghost fill (reported canceled while the position changed) is found by position and fill readback', async () => {
    const b = ext.book('ETH')!;
    const m = ext.market('ETH')!;
    const restPx = roundToIncrement(b.bids[0]!.price * 0.99, m.tickSize, 'floor');
    const id = cid();
    expect((await ext.place({ symbol: 'ETH', side: 'buy', size: '0.020', price: restPx, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id })).kind).toBe('accepted');
    await expect.poll(() => statusOf(id), { timeout: 5_000 }).toBe('open');
    const sizeOf = async () => (await ext.positions()).find((p) => p.symbol === 'ETH')?.size ?? '0';
    const before = await sizeOf();
    const fillsBefore = (await ext.fills('ETH', 0)).length;
    sim.engine.faults.ghostFillOnCancel.extended = 1;
    expect((await ext.cancel('ETH', id)).kind).toBe('accepted');
    const r = await ext.orderByClientId('ETH', id);
    expect(r.kind === 'found' && r.order.status).toBe('canceled');
    expect(r.kind === 'found' && r.order.filledSize).toBe('0.000');
    const after = await sizeOf();
    expect(micro(after) - micro(before)).toBe(20_000n);
    const fills = await ext.fills('ETH', 0);
    expect(fills.length).toBe(fillsBefore + 1);
    expect(fills.filter((f) => f.clientOrderId === id).length).toBe(1);
  });

  it('429 and 5xx HTML pages are typed, not parsed as data', async () => {
    sim.faults.burst429('extended', 1, '/api/v1/user/order');
    const r = await ext.place({ symbol: 'ETH', side: 'buy', size: '0.010', price: takerPrice('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: cid() });
    expect(r).toMatchObject({ kind: 'rejected', reason: 'rate-limited', retryable: true, venueCode: '429' });
    sim.faults.failHttp('extended', 1, 502, true, '/api/v1/user/positions');
    await expect(ext.positions()).rejects.toMatchObject({ kind: 'ambiguous', status: 502 });
    sim.faults.failHttp('extended', 1, 503, true, '/api/v1/user/order');
    const u = await ext.place({ symbol: 'ETH', side: 'buy', size: '0.010', price: takerPrice('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: cid() });
    expect(u.kind).toBe('unknown');
  });

  it('a venue that goes down refuses with not-sent or ambiguous errors and comes back', async () => {
    sim.faults.setDown('extended', true);
    await expect(ext.balance()).rejects.toBeInstanceOf(VenueError);
    sim.faults.setDown('extended', false);
    expect(micro((await ext.balance()).availableUsd)).toBeGreaterThan(0n);
  });
});

describe('malformed frames and bodies', () => {
  it('10,000 malformed frames give parse errors, mark books stale and never crash', async () => {
    // A hostile "venue" on loopback that first sends a good snapshot, then garbage.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as { port: number }).port;
    const junk: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      switch (i % 8) {
        case 0: junk.push('not json'); break;
        case 1: junk.push('{"type":"update/order_book","channel":"order_book:0","offset":' + (10 + i) + ',"order_book":{"asks":[{"price":"x","size":"1"}],"bids":[],"nonce":2,"begin_nonce":1}}'); break;
        case 2: junk.push('{"type":"update/order_book","channel":"order_book:0"}'); break;
        case 3: junk.push('[]'); break;
        case 4: junk.push('{"type":"update/market_stats","channel":"market_stats:all","market_stats":{"0":{"current_funding_rate":"NaN"}}}'); break;
        case 5: junk.push('null'); break;
        case 6: junk.push('{"type":42}'); break;
        default: junk.push('{"type":"update/order_book","channel":"order_book:0","offset":1,"order_book":{"asks":[],"bids":[{"price":"1","size":"-5"}],"nonce":1,"begin_nonce":"a"}}');
      }
    }
    let sent = false;
    wss.on('connection', (ws: WebSocket) => {
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as { type: string; channel: string };
        if (msg.type !== 'subscribe' || msg.channel !== 'order_book/0' || sent) return;
        sent = true;
        ws.send(JSON.stringify({ type: 'subscribed/order_book', channel: 'order_book:0', offset: 1, order_book: { asks: [{ price: '3301.00', size: '1.0' }], bids: [{ price: '3300.00', size: '1.0' }], nonce: 1, begin_nonce: 1 } }));
        for (const j of junk) ws.send(j);
      });
    });
    const adapter = new LighterAdapter({ restUrl: sim.lighter.restUrl, wsUrls: [`ws://127.0.0.1:${port}`] });
    await adapter.start();
    adapter.watchBooks(['ETH']);
    await expect.poll(() => adapter.parseErrors, { timeout: 10_000 }).toBeGreaterThanOrEqual(8_000);
    expect(adapter.book('ETH')?.fresh).toBe(false);
    await adapter.stop();
    await new Promise<void>((r) => wss.close(() => r()));
  });

  it('10,000 malformed Extended frames give parse errors, mark books stale and never crash', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as { port: number }).port;
    let connections = 0;
    wss.on('connection', (ws: WebSocket) => {
      connections += 1;
      if (connections > 1) return; // later reconnects get silence
      ws.send(JSON.stringify({ type: 'SNAPSHOT', data: { m: 'ETH-USD', b: [{ p: '3300', q: '1' }], a: [{ p: '3301', q: '1' }] }, ts: 1_795_000_000_000, seq: 1 }));
      for (let i = 0; i < 10_000; i++) {
        switch (i % 5) {
          case 0: ws.send('{{{'); break;
          case 1: ws.send(JSON.stringify({ type: 'DELTA', data: { m: 'ETH-USD', b: [{ p: 'NaN', q: 'x' }], a: [] }, ts: 1, seq: 2 + i })); break;
          case 2: ws.send(JSON.stringify({ type: 'DELTA', data: { m: 'ETH-USD' }, seq: 'x' })); break;
          case 3: ws.send('42'); break;
          default: ws.send(JSON.stringify({ type: 'WHAT', data: null }));
        }
      }
    });
    const adapter = new ExtendedAdapter({ restUrl: sim.extended.restUrl, wsUrls: [`ws://127.0.0.1:${port}`], network: 'testnet' });
    await adapter.start();
    adapter.watchBooks(['ETH']);
    await expect.poll(() => adapter.parseErrors, { timeout: 10_000 }).toBeGreaterThanOrEqual(9_000);
    expect(adapter.book('ETH')?.fresh).toBe(false);
    await adapter.stop();
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  });

  it('a malformed REST body is a typed parse error', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"code":200,"order_book_details":[{"symbol":5}]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const adapter = new LighterAdapter({ restUrl: `http://127.0.0.1:${port}`, wsUrls: [`ws://127.0.0.1:${port}`] });
    await expect(adapter.loadMarkets()).rejects.toMatchObject({ kind: 'parse' });
    await adapter.stop();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
});
