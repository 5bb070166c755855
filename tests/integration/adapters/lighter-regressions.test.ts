// Regression tests for the Lighter protocol defects, each through real loopback sockets against
// the simulator (or a scripted socket where the venue's bytes must be exact), asserting what a
// client of the adapter sees.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { fromIncrements } from '../../../src-core/domain/decimal';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import { VenueError } from '../../../src-core/venues/common/errors';
import { FIRST_DIFF_GRACE_MS } from '../../../src-core/venues/lighter/book';
import { until } from '../trading-port/harness';
import { lighterHarness, type LighterHarness } from '../trading-port/lighter-harness';
import { orderOf } from '../trading-port/scenarios';

let h: LighterHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HOUR = 3_600_000;

/** Book resyncs over the public sockets (a book may ride on the market_stats socket). */
function bookResyncs(a: LighterAdapter): number {
  return a.health().filter((s) => s.stream !== 'stream:account').reduce((n, s) => n + s.resyncs, 0);
}

async function restingBuy(x: LighterHarness, id = x.nextClientId()) {
  const price = x.restingPrice('ETH', 'buy');
  const out = await x.adapter.place({ symbol: 'ETH', side: 'buy', size: x.size('ETH', price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: x.clock.nowMs() + HOUR });
  return { id, out };
}

describe('Lighter protocol regressions', () => {
  it('regression: WS error frame {"error":{code,message}} without type refreshes auth (20013) and resubscribes account_orders', async () => {
    h = await lighterHarness();
    h.sim.lighter.state.quirks.expireAuthOnce = 1;
    const { id, out } = await restingBuy(h);
    expect(out.kind).toBe('accepted');
    // The order's own update reaches the client only through a (re)subscribed account_orders.
    await until(() => h!.events.some((e) => e.type === 'order' && e.order.clientOrderId === id && e.order.status === 'open'), (x) => x, { h, advanceMs: 200, what: 'order event after auth refresh' });
    expect(h.adapter.account.authRefreshes).toBe(1);
    expect(h.adapter.health().find((s) => s.stream === 'stream:account')!.parseErrors).toBe(0);
  });

  it('regression: REST /fundings rate is percent: history equals the stream values', async () => {
    h = await lighterHarness();
    h.advance(3 * HOUR);
    const settled = await until(async () => (await h!.adapter.currentFunding()).find((f) => f.symbol === 'ETH' && f.kind === 'settled'), (f) => f !== undefined && f.settlementTimeMs > h!.clock.nowMs() - HOUR, { h, advanceMs: 60_000, what: 'a settled rate on the stream' });
    const history = await h.adapter.fundingHistory('ETH', settled!.settlementTimeMs - 2 * HOUR, settled!.settlementTimeMs);
    const row = history.find((r) => r.settlementTimeMs === settled!.settlementTimeMs);
    expect(row).toBeDefined();
    // The stream has 6 decimals of percent (5e-9 per hour of rounding); a ×100 unit error is 1e-5 away.
    expect(Math.abs(row!.hourlyRate - settled!.hourlyRate)).toBeLessThan(1e-8);
  });

  it('regression: a first diff that does not chain to the snapshot is re-based within the grace window, no resubscribe loop', async () => {
    h = await lighterHarness({ sim: { stepMs: 1_000 } });
    // Every subscribe's first diff breaks the chain: treating it as a gap would loop for ever.
    h.sim.lighter.state.quirks.nonChainingFirstDiff = 5;
    h.adapter.watchBooks(['ETH']);
    await until(() => h!.adapter.book('ETH'), (b) => b?.fresh === true, { what: 'snapshot' });
    const subscribedSeq = h.adapter.book('ETH')!.venueSeq;
    await until(() => h!.adapter.book('ETH')!, (b) => b.venueSeq > subscribedSeq && b.fresh, { h, advanceMs: 1_000, what: 'first diff applied' });
    expect(h.adapter.data.books.rebases('ETH')).toBe(1);
    expect(bookResyncs(h.adapter)).toBe(0);
    // And the book is the engine's book.
    const m = h.sim.engine.market('lighter', 'ETH')!;
    await until(() => {
      const eng = h!.sim.engine.book('lighter', 'ETH');
      const ours = h!.adapter.book('ETH')!;
      return ours.venueSeq === eng.seq && ours.bids.slice(0, 5).every((l, i) => l.price === Number(fromIncrements(BigInt(eng.bids[i]![0]), m.tickSize)) && Math.abs(l.size - Number(fromIncrements(BigInt(eng.bids[i]![1]), m.stepSize))) < 1e-9);
    }, (x) => x, { what: 'book equal to the engine book' });
    expect(h.adapter.book('ETH')!.fresh).toBe(true);
  });

  it('regression: a non-chaining first diff after the grace window still resyncs', async () => {
    h = await lighterHarness({ sim: { stepMs: 60_000 } });
    h.sim.lighter.state.quirks.nonChainingFirstDiff = 1;
    h.adapter.watchBooks(['ETH']);
    await until(() => h!.adapter.book('ETH'), (b) => b?.fresh === true, { what: 'snapshot' });
    // The first change comes with the next model step, a minute on: beyond the grace.
    expect(60_000).toBeGreaterThan(FIRST_DIFF_GRACE_MS);
    await until(() => bookResyncs(h!.adapter), (r) => r >= 1, { h, advanceMs: 20_000, what: 'a resync' });
    await until(() => h!.adapter.book('ETH')!, (b) => b.fresh, { h, advanceMs: 1_000, what: 'fresh after resync' });
    expect(h.adapter.data.books.rebases('ETH')).toBe(0);
  });

  for (const ignore of [false, true]) {
    it(`regression: /fundings paging by count_back gives a complete 30-day history without duplicates (venue ${ignore ? 'ignores' : 'honours'} start/end)`, async () => {
      h = await lighterHarness();
      h.sim.lighter.state.quirks.fundingsIgnoreWindow = ignore;
      // A window that ends ten days ago: a venue that ignores start/end answers from now back.
      const to = Math.floor((h.clock.nowMs() - 10 * 24 * HOUR) / HOUR) * HOUR;
      const from = to - 30 * 24 * HOUR;
      const rows = await h.adapter.fundingHistory('ETH', from, to);
      const times = rows.map((r) => r.settlementTimeMs);
      expect(new Set(times).size).toBe(times.length);
      expect(times.length).toBe(30 * 24 + 1);
      expect(times[0]).toBe(from);
      expect(times[times.length - 1]).toBe(to);
    });
  }

  it('regression: an ambiguous send carries the tx hash and resolves by hash lookup, nothing re-sent', async () => {
    h = await lighterHarness({ adapter: { orderTimeoutMs: 300 } });
    h.sim.faults.setResponseDelay('lighter', 'sendTx', 1_500);
    const before = h.sim.lighter.state.counters.sendTx;
    const { id, out } = await restingBuy(h);
    h.sim.faults.setResponseDelay('lighter', 'sendTx', 0);
    if (out.kind !== 'unknown') throw new Error(`expected unknown, got ${out.kind}`);
    expect(out.txHash).toMatch(/^[0-9a-f]{80}$/);
    h.advance(1_000);
    const r = await until(() => h!.adapter.orderByClientId('ETH', id, out.txHash), (x) => x.kind === 'found', { h, advanceMs: 200, what: 'found by hash' });
    expect(r.kind === 'found' && r.order.status).toBe('open');
    expect(h.sim.lighter.state.counters.sendTx - before).toBe(1);
    // A tx that never reached the chain (acknowledged, dropped, expired) is not-found as of now.
    h.sim.faults.dropSendTx('lighter', 1);
    const dropped = await restingBuy(h);
    if (dropped.out.kind !== 'accepted') throw new Error('expected accepted');
    h.advance(11 * 60_000);
    const gone = await h.adapter.orderByClientId('ETH', dropped.id, dropped.out.txHash);
    expect(gone).toEqual({ kind: 'not-found', queriedAtMs: h.clock.nowMs() });
    // A hash the venue never saw: not-found too.
    expect((await h.adapter.orderByClientId('ETH', h.nextClientId(), 'ab'.repeat(40))).kind).toBe('not-found');
    // The hash is looked up first: when that query fails, the readback fails (never "not found").
    h.sim.faults.failHttp('lighter', 1, 503, false, 'tx');
    await expect(h.adapter.orderByClientId('ETH', id, out.txHash)).rejects.toBeInstanceOf(VenueError);
  });

  it('regression: a readable-but-unexpected 2xx to sendTx is unknown and its nonce is never reused', async () => {
    h = await lighterHarness();
    h.sim.lighter.state.quirks.unexpectedSendTxReply = 1;
    const counters = h.sim.lighter.state.counters;
    const first = await restingBuy(h);
    expect(first.out.kind).toBe('unknown');
    const second = await restingBuy(h);
    expect(second.out.kind).toBe('accepted');
    expect(counters.sendTx).toBe(2);
    expect(counters.refusals).toEqual([]);
    await orderOf(h, first.id, (o) => o.status === 'open');
    await orderOf(h, second.id, (o) => o.status === 'open');
  });

  it('regression: Standard per-type limits: UpdateLeverage 1/min refused locally, and by the venue with 429', async () => {
    h = await lighterHarness({ sim: { lighterTier: 'standard' }, adapter: { tier: 'standard' } });
    const counters = h.sim.lighter.state.counters;
    expect((await h.adapter.setLeverage('ETH', 5)).kind).toBe('accepted');
    const local = await h.adapter.setLeverage('ETH', 4);
    expect(local).toMatchObject({ kind: 'rejected', reason: 'rate-limited', retryable: true });
    expect(counters.sendTx).toBe(1);
    // A client without the local limit gets the venue's refusal.
    const other = await h.restart();
    (other.actions.txLimits as unknown as { tier: string }).tier = 'premium';
    const venue = await other.setLeverage('ETH', 3);
    expect(venue).toMatchObject({ kind: 'rejected', reason: 'rate-limited', retryable: true });
    expect(counters.refusals).toEqual([23000]);
    h.advance(61_000);
    expect((await other.setLeverage('ETH', 3)).kind).toBe('accepted');
  });

  it('regression: 10,000 malformed account frames are counted parse errors with a resync; the stream keeps working', async () => {
    h = await lighterHarness();
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as { port: number }).port;
    const account = h.sim.demo.lighter.accountIndex;
    const junk = ['null', '{"data":{"orders":5}}', '{"data":{"trades":{}}}', '{"type":"update/account_orders","orders":5}', '{"type":"update/account_all","account":"x"}', `{"type":"update/account_all","account":${account},"trades":{"0":[{"trade_id":"a"}]}}`, `{"type":"update/account_all","account":${account},"positions":{"0":{"sign":7}}}`, '[1,2]', '{{', `{"type":"update/account_orders","orders":{"0":[{"order_index":1}]}}`];
    let subscribes = 0;
    wss.on('connection', (ws: WebSocket) => {
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as { type: string; channel: string };
        if (msg.type !== 'subscribe' || msg.channel !== `account_all/${account}`) return;
        subscribes += 1;
        if (subscribes > 1) {
          ws.send(JSON.stringify({ type: 'subscribed/account_all', account, channel: `account_all:${account}`, positions: { '0': { sign: -1, position: '1.5000', avg_entry_price: '3000.00', position_value: '4500.000000', unrealized_pnl: '0.000000', liquidation_price: '0', initial_margin_fraction: '20.00' } } }));
          return;
        }
        for (let i = 0; i < 10_000; i++) ws.send(junk[i % junk.length]!);
      });
    });
    const a = new LighterAdapter({ restUrl: h.sim.lighter.restUrl, wsUrls: [`ws://127.0.0.1:${port}`], accountIndex: account });
    const positions: string[] = [];
    a.onAccount((e) => e.type === 'position' && positions.push(e.position.size));
    await a.start();
    try {
      const health = await until(() => a.health().find((s) => s.stream === 'stream:account')!, (s) => s.parseErrors >= 10_000, { what: '10,000 parse errors' });
      expect(health.resyncs).toBe(1);
      await until(() => positions, (p) => p.includes('-1.5000'), { what: 'the snapshot after the resync' });
    } finally {
      await a.stop();
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    }
  });
});

describe('Lighter market metadata and public trades', () => {
  it('fees come from the account (accountLimits fee ticks, 1e6 = 100 %): Premium 0.0040 % / 0.0280 %, Standard 0 / 0', async () => {
    h = await lighterHarness();
    expect(h.adapter.market('ETH')).toMatchObject({ makerFeeRate: 0.00004, takerFeeRate: 0.00028, status: 'active', marketIndex: 0 });
    await h.close();
    h = await lighterHarness({ sim: { lighterTier: 'standard' }, adapter: { tier: 'standard' } });
    expect(h.adapter.market('ETH')).toMatchObject({ makerFeeRate: 0, takerFeeRate: 0 });
  });

  it('public trades: REST recentTrades and the WS trade/{m} channel carry a fill', async () => {
    h = await lighterHarness();
    const ws = new WebSocket(h.sim.lighter.wsUrl);
    const frames: { type?: string; trades?: unknown[] }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString()) as { type?: string }));
    await new Promise<void>((r) => ws.once('open', () => r()));
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'trade/0' }));
    await until(() => frames.some((f) => f.type === 'subscribed/trade'), (x) => x, { what: 'subscribed/trade' });
    const price = h.crossingPrice('ETH', 'buy');
    expect((await h.adapter.place({ symbol: 'ETH', side: 'buy', size: h.size('ETH', price), price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: h.nextClientId() })).kind).toBe('accepted');
    await until(() => frames.filter((f) => f.type === 'update/trade'), (f) => f.length > 0, { h, advanceMs: 200, what: 'update/trade' });
    const res = await fetch(`${h.sim.lighter.restUrl}/api/v1/recentTrades?market_id=0&limit=10`);
    const body = (await res.json()) as { code: number; trades: { market_id: number; size: string; price: string }[] };
    expect(body.code).toBe(200);
    expect(body.trades.length).toBeGreaterThan(0);
    expect(body.trades[0]).toMatchObject({ market_id: 0 });
    ws.close();
  });
});
