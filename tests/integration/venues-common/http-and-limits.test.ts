// Adapter plumbing under load: a burst of 1,000 market-data requests does not delay an order,
// our own traffic never draws a 429 at the configured tier, and 100 concurrent requests to one
// origin use at most the configured connections, visible in the pool telemetry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { VenueHttp } from '../../../src-core/venues/common/http';
import { EXTENDED_BUCKET, LIGHTER_PREMIUM_BUCKET, RateLimiter } from '../../../src-core/venues/common/rate-limit';
import { backoffMs } from '../../../src-core/venues/common/ws';
import { classifyNetworkError } from '../../../src-core/venues/common/errors';
import { pollUntil } from '../../helpers/wait';

const T0 = Date.UTC(2026, 10, 24);

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 17, controlPort: null, rateLimits: true });
});
afterAll(async () => {
  await sim.close();
});

describe('rate limiting with a priority lane', () => {
  it('an order queued behind 1,000 market-data requests is granted next, from the reserve', async () => {
    // The limiter's clock stands still: no refill, so exactly the data budget (1,000 a minute
    // less the 20 % order reserve) is granted and the rest stays queued, however slow the machine.
    const limiter = new RateLimiter(EXTENDED_BUCKET, () => T0);
    let dataGranted = 0;
    for (let i = 0; i < 1_000; i++) void limiter.acquire('info/markets', 'data').then(() => (dataGranted += 1));
    expect(limiter.state().queued).toBe(200);
    let orderGranted = false;
    void limiter.acquire('user/order', 'order').then(() => (orderGranted = true));
    await pollUntil(() => orderGranted && dataGranted === 800, { what: 'the order and 800 data grants' });
    // The order went out while the 200 data requests were still queued: it jumped the queue.
    expect(limiter.state().queued).toBe(200);
    expect(limiter.state().warning).toBe(true);
    limiter.dispose();
  });

  it('requests through the client wait for the limiter, and what it lets out draws no 429', async () => {
    // The same bucket shape scaled to 100 a minute, so a busy machine answers it quickly.
    const limiter = new RateLimiter({ ...EXTENDED_BUCKET, perMinute: 100 }, () => T0);
    const http = new VenueHttp({ venue: 'extended', baseUrl: sim.extended.restUrl, headers: { 'User-Agent': 'test' }, limiter, timeoutMs: 60_000 });
    const statuses: number[] = [];
    const errors: unknown[] = [];
    for (let i = 0; i < 100; i++) void http.request({ path: '/info/markets', query: { market: 'ETH-USD' }, route: 'info/markets' }).then((r) => statuses.push(r.status), (e: unknown) => errors.push(e));
    expect(limiter.state().queued).toBe(20);
    await pollUntil(() => statuses.length + errors.length === 80, { what: '80 answers' });
    expect(errors).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(limiter.state().queued).toBe(20);
    limiter.dispose();
    await http.close();
  });

  it('weights routes as the venue does and reserves budget for orders', async () => {
    let now = 0;
    const limiter = new RateLimiter(LIGHTER_PREMIUM_BUCKET, () => now);
    expect(limiter.weightOf('sendTx')).toBe(6);
    expect(limiter.weightOf('trades')).toBe(600);
    expect(limiter.weightOf('orderBooks')).toBe(300);
    const granted: string[] = [];
    // 64 default-weight data requests use 19 200 of 24 000; the 20 % order reserve (4 800) is left.
    for (let i = 0; i < 70; i++) void limiter.acquire('orderBooks', 'data').then(() => granted.push('data'));
    void limiter.acquire('sendTx', 'order').then(() => granted.push('order'));
    await pollUntil(() => granted.length === 65, { what: '64 data grants and the order' });
    expect(granted.filter((g) => g === 'data')).toHaveLength(64);
    expect(granted).toContain('order');
    expect(limiter.state().queued).toBe(6);
    now = 60_000; // a minute later the bucket has refilled: the six queued requests go out
    void limiter.acquire('orderBooks', 'data').then(() => granted.push('data'));
    await pollUntil(() => granted.length === 72, { what: 'the refilled grants' });
    expect(limiter.state().queued).toBe(0);
    limiter.dispose();
  });
});

describe('bulk reads spend a share of the budget, behind everything else', () => {
  it('a backfill burst takes at most half a minute of Lighter budget and never delays data or orders', async () => {
    let now = 0;
    const limiter = new RateLimiter(LIGHTER_PREMIUM_BUCKET, () => now);
    const granted: string[] = [];
    // 134 history asks of weight 300 (a first backfill of every market): 40 200, more than the
    // whole 24 000 a minute. The bulk share (half: 12 000 in any rolling minute) lets 40 go.
    for (let i = 0; i < 134; i++) void limiter.acquire('fundings', 'bulk').then(() => granted.push('bulk'));
    await pollUntil(() => granted.length === 40, { what: '40 bulk grants' });
    expect(limiter.state().queued).toBe(94);
    expect(limiter.state()).toMatchObject({ usedFraction: 0.5, demandFraction: 0 });
    // A position read and an order arrive behind the queued backfill: both go at once.
    void limiter.acquire('account', 'data').then(() => granted.push('data'));
    void limiter.acquire('sendTx', 'order').then(() => granted.push('order'));
    await pollUntil(() => granted.includes('data') && granted.includes('order'), { what: 'the data read and the order' });
    expect(granted.filter((g) => g === 'bulk')).toHaveLength(40);
    // The share is a rolling minute: half a minute later no bulk ask has left it, so none goes;
    // once the first 40 are a minute old, 40 more go.
    now = 30_000;
    void limiter.acquire('account', 'data').then(() => granted.push('data'));
    await pollUntil(() => granted.filter((g) => g === 'data').length === 2, { what: 'the second data read' });
    expect(granted.filter((g) => g === 'bulk')).toHaveLength(40);
    now = 60_001;
    void limiter.acquire('account', 'data').then(() => granted.push('data'));
    await pollUntil(() => granted.filter((g) => g === 'bulk').length === 80, { what: '40 more bulk grants' });
    expect(limiter.state().queued).toBe(54);
    // In that minute's window the backfill spent 40 × 300 = 12 000: the entry gate (90 %) stays open.
    expect(limiter.state().usedFraction).toBeLessThan(0.6);
    limiter.dispose();
  });

  it('data queued behind bulk goes first; bulk waits for the data floor as data does', async () => {
    let now = T0;
    const limiter = new RateLimiter({ ...EXTENDED_BUCKET, perMinute: 100 }, () => now);
    const granted: string[] = [];
    // 50 bulk asks fill the bulk share; 60 data asks then use what is left above the 20 % reserve.
    for (let i = 0; i < 60; i++) void limiter.acquire('info/funding', 'bulk').then(() => granted.push('bulk'));
    for (let i = 0; i < 40; i++) void limiter.acquire('info/markets', 'data').then(() => granted.push('data'));
    await pollUntil(() => granted.length === 80, { what: '80 grants' });
    expect(granted.filter((g) => g === 'bulk')).toHaveLength(50);
    expect(granted.filter((g) => g === 'data')).toHaveLength(30);
    // The queue holds the ten data asks ahead of the ten bulk ones.
    void limiter.acquire('user/order', 'order').then(() => granted.push('order'));
    await pollUntil(() => granted.includes('order'), { what: 'the order' });
    expect(limiter.state().queued).toBe(20);
    // Twelve seconds refill 20: the ten data asks go, and no bulk one (its minute's share is spent).
    granted.length = 0;
    now = T0 + 12_000;
    void limiter.acquire('info/markets', 'data').then(() => granted.push('data'));
    await pollUntil(() => granted.filter((g) => g === 'data').length === 11, { what: 'the refilled data grants' });
    // (The new ask's own callback runs last: it was attached after its grant.)
    expect(granted.slice(0, 10)).toEqual(Array(10).fill('data'));
    expect(granted.filter((g) => g === 'data')).toHaveLength(11);
    expect(granted.filter((g) => g === 'bulk')).toHaveLength(0);
    limiter.dispose();
  });
});

describe('connection pool', () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<unknown>();
  let peak = 0;
  // Answers are held until the test releases them, so the pool is observed while it is full.
  let held: (() => void)[] | null = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      const answer = () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      };
      if (held === null) answer();
      else held.push(answer);
    });
    server.on('connection', (s) => {
      sockets.add(s);
      peak = Math.max(peak, sockets.size);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('100 concurrent requests use at most the configured connections and all complete', async () => {
    const http = new VenueHttp({ venue: 'lighter', baseUrl: `http://127.0.0.1:${port}`, connectionsPerOrigin: 10 });
    const results = Array.from({ length: 100 }, () => http.request({ path: '/x', route: 'x' }));
    // Ten requests reach the server and wait there; the other ninety queue in the pool.
    await pollUntil(() => held!.length === 10, { what: 'ten requests at the server' });
    const stats = http.poolStats();
    const sawPending = stats.pending;
    const release = held!;
    held = null;
    for (const answer of release) answer();
    const done = await Promise.all(results);
    expect(done.every((r) => r.status === 200)).toBe(true);
    expect(peak).toBeLessThanOrEqual(10);
    expect(peak).toBeGreaterThan(1);
    expect(sawPending).toBe(90);
    expect(stats.connected).toBeLessThanOrEqual(10);
    expect(http.latency.snapshot()['lighter.rest.x']!.count).toBe(100);
    await http.close();
  });
});

describe('error and backoff classification', () => {
  it('types network errors by whether the request may have been sent', () => {
    expect(classifyNetworkError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })).kind).toBe('not-sent');
    expect(classifyNetworkError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).kind).toBe('ambiguous');
    expect(classifyNetworkError(new Error('timeout')).kind).toBe('ambiguous');
  });

  it('chooses the reconnect delay by failure kind', () => {
    const mid = () => 0.5;
    expect(backoffMs('server-close', 1, mid)).toBeLessThan(250);
    expect(backoffMs('stall', 3, mid)).toBeLessThan(250);
    expect(backoffMs('network', 1, mid)).toBeLessThan(1_000);
    expect(backoffMs('network', 6, mid)).toBeGreaterThan(backoffMs('network', 1, mid));
    expect(backoffMs('network', 20, mid)).toBeLessThanOrEqual(8_000);
    expect(backoffMs('rate-limit', 1, mid)).toBeGreaterThanOrEqual(30_000);
    expect(backoffMs('auth', 1, mid)).toBeLessThan(1_500);
  });
});
