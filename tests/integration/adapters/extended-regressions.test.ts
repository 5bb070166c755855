// Extended protocol defects, one regression test each, over real loopback sockets against the
// simulator (or a hostile loopback server where the simulator cannot misbehave that way),
// asserting what a client of the port sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import { FUNDING_POLL_PER_MARKET_MS } from '../../../src-core/venues/extended/constants';
import type { AccountEvent, L2Book, PlaceOrder } from '../../../src-core/venues/port';
import type { OrderState } from '../../../src-core/venues/port';
import { toIncrements } from '../../../src-core/domain/decimal';
import { extendedHarness, type ExtendedHarness } from '../trading-port/extended-harness';
import { scenarios } from '../trading-port/scenarios';
import { collect, extendedFetch, signedExtendedOrder } from '../sim/helpers';

const POLL = { timeout: 30_000, interval: 20 } as const;

let h: ExtendedHarness;
beforeAll(async () => {
  h = await extendedHarness();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

const order = (over: Partial<PlaceOrder> & Pick<PlaceOrder, 'side' | 'price'>): PlaceOrder => ({ symbol: 'ETH', size: h.size('ETH', over.price), type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: h.nextClientId(), ...over });
const resting = (side: 'buy' | 'sell') => h.restingPrice('ETH', side);
const crossing = (side: 'buy' | 'sell') => h.crossingPrice('ETH', side);

/** The last state the account stream reported for one of our orders, once `ok` holds. */
async function streamed(id: string, ok: (o: OrderState) => boolean): Promise<OrderState> {
  const last = () => {
    let found: OrderState | undefined;
    for (const e of h.events) if (e.type === 'order' && e.order.clientOrderId === id) found = e.order;
    return found;
  };
  await expect.poll(() => { const o = last(); return o !== undefined && ok(o); }, POLL).toBe(true);
  return last()!;
}

async function hostileServer(onConnection: (ws: WebSocket, n: number, path: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let n = 0;
  wss.on('connection', (ws, req) => onConnection(ws, ++n, req.url ?? '/'));
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

describe('Extended regressions', () => {
  it('regression: orders are signed for the configured network (SN_MAIN on mainnet)', async () => {
    const main = await extendedHarness({ sim: { extendedNetwork: 'mainnet' }, adapter: { network: 'mainnet' } });
    try {
      const px = main.restingPrice('ETH', 'buy');
      const ok = await main.adapter.place({ symbol: 'ETH', side: 'buy', size: main.size('ETH', px), price: px, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: main.nextClientId() });
      expect(ok.kind).toBe('accepted');
    } finally {
      await main.close();
    }
    // The same mainnet signature against a venue that verifies on SN_SEPOLIA is refused.
    const wrong = h.makeAdapter({ network: 'mainnet' });
    await wrong.start();
    try {
      // An expiry both networks accept, so the signature is what the venue judges.
      const r = await wrong.place(order({ side: 'buy', price: resting('buy'), expiryMs: h.clock.nowMs() + 86_400_000 }));
      expect(r).toMatchObject({ kind: 'rejected', venueCode: '1101' });
    } finally {
      await wrong.stop();
    }
  });

  it('regression: q-only book deltas that repeat or swap never leave a wrong size on a fresh book', async () => {
    const frame = (type: string, seq: number, b: { p: string; q: string }[]) => JSON.stringify({ type, data: { m: 'ETH-USD', b, a: [{ p: '3400', q: type === 'SNAPSHOT' ? '1' : '0' }].filter((l) => l.q !== '0') }, ts: 1_795_000_000_000 + seq, seq });
    const server = await hostileServer((ws, n) => {
      if (n === 1) {
        ws.send(frame('SNAPSHOT', 1, [{ p: '3300', q: '3' }]));
        ws.send(frame('DELTA', 2, [{ p: '3300', q: '2' }])); // 3 + 2 = 5
        ws.send(frame('DELTA', 2, [{ p: '3300', q: '2' }])); // the same delta again: not 7
      } else if (n === 2) {
        ws.send(frame('SNAPSHOT', 1, [{ p: '3300', q: '3' }]));
        ws.send(frame('DELTA', 3, [{ p: '3300', q: '-1' }])); // swapped with seq 2
        ws.send(frame('DELTA', 2, [{ p: '3300', q: '4' }]));
      } else {
        ws.send(frame('SNAPSHOT', 1, [{ p: '3300', q: '6' }]));
      }
    });
    const adapter = new ExtendedAdapter({ restUrl: h.sim.extended.restUrl, wsUrls: [server.url], network: 'testnet' });
    const fresh: number[] = [];
    adapter.onBook((b: L2Book) => {
      if (b.symbol === 'ETH' && b.fresh) fresh.push(b.bids[0]?.size ?? 0);
    });
    try {
      await adapter.start();
      adapter.watchBooks(['ETH']);
      await expect.poll(() => fresh.includes(6), POLL).toBe(true);
      // Only sizes a correct client could show: 3 (snapshot), 5 (3+2), 2 (3-1: applied before the
      // swap was seen... never, seq 3 after 1 is a gap) and the final snapshot's 6.
      expect(fresh.filter((s) => s !== 3 && s !== 5 && s !== 6)).toEqual([]);
      expect(adapter.book('ETH')).toMatchObject({ fresh: true, bids: [{ price: 3300, size: 6 }] });
    } finally {
      await adapter.stop();
      await server.close();
    }
  });

  it('regression: fills on the account stream carry the client id (trades have only orderId)', async () => {
    const fillsOf = (id: string) => h.events.filter((e) => e.type === 'fill' && e.fill.clientOrderId === id).length;
    // A maker filled by someone else: its order event came first.
    const px = h.touchPrice('ETH', 'buy');
    const maker = order({ side: 'buy', price: px });
    expect((await h.adapter.place(maker)).kind).toBe('accepted');
    await streamed(maker.clientOrderId, (o) => o.status === 'open');
    const m = h.adapter.market('ETH')!;
    h.counterpartyTake('ETH', 'buy', px, Number(toIncrements(maker.size, m.stepSize, 'exact')));
    await expect.poll(() => fillsOf(maker.clientOrderId), POLL).toBeGreaterThan(0);
    // A taker whose TRADE frame may outrun its first ORDER frame: resolved by order id.
    const taker = order({ side: 'sell', price: crossing('sell'), tif: 'ioc', reduceOnly: true, size: maker.size });
    expect((await h.adapter.place(taker)).kind).toBe('accepted');
    await expect.poll(() => fillsOf(taker.clientOrderId), POLL).toBeGreaterThan(0);
    expect(h.events.filter((e) => e.type === 'fill' && e.fill.clientOrderId === null)).toEqual([]);
  });

  it('regression: funding-payment rows without an id are keyed by market and paid time', async () => {
    const buy = order({ side: 'buy', price: crossing('buy'), tif: 'ioc' });
    expect((await h.adapter.place(buy)).kind).toBe('accepted');
    await streamed(buy.clientOrderId, (o) => o.status === 'filled');
    h.advance(h.sim.engine.fundingIntervalMs);
    // The simulator omits `id` on this face (extendedWire.omitFundingPaymentId).
    const raw = await extendedFetch(h.sim, '/user/funding/history?market=ETH-USD');
    expect((raw.body.data as Record<string, unknown>[])[0]).not.toHaveProperty('id');
    await expect.poll(async () => (await h.adapter.fundingPayments('ETH', 0)).length, POLL).toBeGreaterThan(0);
    const pays = await h.adapter.fundingPayments('ETH', 0);
    for (const p of pays) expect(p.venuePaymentId).toBe(`ETH-USD:${p.settlementTimeMs}`);
    expect(new Set(pays.map((p) => p.venuePaymentId)).size).toBe(pays.length);
    await h.adapter.place(order({ side: 'sell', price: crossing('sell'), tif: 'ioc', reduceOnly: true, size: buy.size }));
  });

  it('regression: a closed position arrives as the full position model and parses to size "0"', async () => {
    const d = h.sim.demo.extended;
    const { ws, messages } = await collect(`${h.sim.extended.wsUrl}/account`, { 'User-Agent': 't', 'X-Api-Key': d.apiKey });
    try {
      const buy = order({ side: 'buy', price: crossing('buy'), tif: 'ioc' });
      expect((await h.adapter.place(buy)).kind).toBe('accepted');
      await streamed(buy.clientOrderId, (o) => o.status === 'filled');
      const from = h.events.length;
      const sell = order({ side: 'sell', price: crossing('sell'), tif: 'ioc', reduceOnly: true, size: buy.size });
      expect((await h.adapter.place(sell)).kind).toBe('accepted');
      await expect.poll(() => h.events.slice(from).some((e: AccountEvent) => e.type === 'position' && e.position.symbol === 'ETH' && e.position.size === '0'), POLL).toBe(true);
      const closed = () => messages.flatMap((m) => ((m as { data?: { positions?: Record<string, unknown>[] } }).data?.positions ?? [])).find((p) => p.status === 'CLOSED');
      await expect.poll(() => closed() !== undefined, POLL).toBe(true);
      for (const key of ['id', 'accountId', 'market', 'status', 'side', 'leverage', 'size', 'value', 'openPrice', 'markPrice', 'liquidationPrice', 'unrealisedPnl', 'realisedPnl', 'createdAt', 'updatedAt']) expect(closed()).toHaveProperty(key);
    } finally {
      ws.close();
    }
  });

  it('regression: market status is mapped and respected (reduce-only, delisted) by the port and the venue', async () => {
    try {
      h.sim.faults.setMarketStatus('extended', 'ETH', 'REDUCE_ONLY');
      await h.adapter.marketData.refresh();
      expect(h.adapter.market('ETH')?.status).toBe('reduce-only');
      const r = await h.adapter.place(order({ side: 'buy', price: resting('buy') }));
      // Refused before signing: no venue code.
      expect(r).toMatchObject({ kind: 'rejected', reason: 'market-closed', venueCode: null });
      // The venue enforces it too.
      const body = signedExtendedOrder(h.sim, { market: 'ETH-USD', side: 'BUY', qty: h.size('ETH', resting('buy')), price: resting('buy'), feeRate: '0.000250' }, h.clock.nowMs());
      const direct = await extendedFetch(h.sim, '/user/order', { method: 'POST', body });
      expect(direct.status).toBe(400);
      expect(direct.body).toMatchObject({ status: 'ERROR', error: { code: 1013 } });
      h.sim.faults.setMarketStatus('extended', 'ETH', 'DELISTED');
      await h.adapter.marketData.refresh();
      expect(h.adapter.market('ETH')?.status).toBe('delisted');
      expect(await h.adapter.place(order({ side: 'sell', price: resting('sell'), reduceOnly: true }))).toMatchObject({ kind: 'rejected', reason: 'market-closed' });
    } finally {
      h.sim.faults.setMarketStatus('extended', 'ETH', 'ACTIVE');
      await h.adapter.marketData.refresh();
    }
    expect(h.adapter.market('ETH')?.status).toBe('active');
  });

  it('regression: the signed fee is a plain decimal string, never exponent notation', async () => {
    h.sim.extended.state.feeOverrides.set('ETH-USD', { maker: '0', taker: '0.0000001' });
    try {
      await h.adapter.marketData.refresh();
      const o = order({ side: 'buy', price: resting('buy') });
      expect(await h.adapter.place(o)).toMatchObject({ kind: 'accepted' });
      await h.adapter.cancel('ETH', o.clientOrderId);
    } finally {
      h.sim.extended.state.feeOverrides.delete('ETH-USD');
      await h.adapter.marketData.refresh();
    }
  });

  it('regression: the default expiry is within the configured network cap (testnet 28 days)', async () => {
    const o = order({ side: 'buy', price: resting('buy') });
    expect(await h.adapter.place(o)).toMatchObject({ kind: 'accepted' });
    const raw = await extendedFetch(h.sim, `/user/orders/external/${o.clientOrderId}`);
    const expiry = (raw.body.data as { expiryTime: number }[])[0]!.expiryTime;
    expect(expiry - h.clock.nowMs()).toBeLessThanOrEqual(28 * 86_400_000);
    expect(expiry - h.clock.nowMs()).toBeGreaterThan(86_400_000);
    await h.adapter.cancel('ETH', o.clientOrderId);
  });

  it('regression: funding is polled per market at most once a minute, never the whole market list', async () => {
    const a = h.makeAdapter();
    await a.start();
    try {
      const markets = (await a.loadMarkets()).length;
      const count = (route: string) => a.diagnostics.latency()[`extended.rest.${route}`]?.count ?? 0;
      expect(count('info/markets')).toBe(1); // the metadata load
      const minutes = 3;
      const tickMs = Math.ceil(FUNDING_POLL_PER_MARKET_MS / markets);
      for (let i = 1; i <= minutes * markets; i++) {
        h.advance(tickMs);
        await expect.poll(() => count('info/markets/stats'), POLL).toBeGreaterThanOrEqual(i);
      }
      // Exactly one request per market per simulated minute, the list never re-read.
      expect(count('info/markets/stats')).toBeLessThanOrEqual(minutes * markets);
      expect(count('info/markets')).toBe(1);
    } finally {
      await a.stop();
    }
  });

  it('regression: the dead-man switch cancels resting orders when not renewed, not while renewed', () => scenarios.deadManSwitch(h));

  it('regression: 10,000 malformed account frames are counted, trigger a resync, and the process stays up', async () => {
    const shapes = ['null', '{"data":{"orders":5}}', '{"data":{"trades":{}}}', '{"type":"ORDER","data":{"orders":[null]}}', '{"type":"TRADE","data":{"trades":[{"id":"x"}]}}', '{{{', '42', '{"type":"BALANCE","data":{"balance":5}}', '{"type":"POSITION","data":{"positions":"x"}}', '{"type":1}'];
    const server = await hostileServer((ws, _n, path) => {
      if (!path.endsWith('/account')) return;
      for (let i = 0; i < 10_000; i++) ws.send(shapes[i % shapes.length]!);
    });
    const adapter = h.makeAdapter({ wsUrls: [server.url] });
    const balances: AccountEvent[] = [];
    adapter.onAccount((e) => e.type === 'balance' && balances.push(e));
    try {
      await adapter.start();
      const accountHealth = () => adapter.health().find((s) => s.stream === 'account');
      await expect.poll(() => accountHealth()?.parseErrors ?? 0, POLL).toBe(10_000);
      expect(adapter.accountResyncs).toBeGreaterThanOrEqual(1);
      // The resync re-read the account over REST and reported it.
      await expect.poll(() => balances.length, POLL).toBeGreaterThan(0);
      expect((await adapter.balance()).venue).toBe('extended');
    } finally {
      await adapter.stop();
      await server.close();
    }
  });
});
