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

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 17, controlPort: null, rateLimits: true });
});
afterAll(async () => {
  await sim.close();
});

describe('rate limiting with a priority lane', () => {
  it('an order queued behind 1,000 market-data requests goes out next, and nothing draws a 429', async () => {
    const limiter = new RateLimiter(EXTENDED_BUCKET);
    const http = new VenueHttp({ venue: 'extended', baseUrl: sim.extended.restUrl, headers: { 'User-Agent': 'test' }, limiter });
    const order: string[] = [];
    const statuses: number[] = [];
    const data = Array.from({ length: 1_000 }, (_v, i) =>
      http.request({ path: '/info/markets', query: { market: 'ETH-USD' }, route: 'info/markets' }).then((r) => {
        statuses.push(r.status);
        order.push(`data${i}`);
      }),
    );
    // Let the data lane fill and drain its share of the budget first.
    await new Promise((r) => setTimeout(r, 50));
    const queuedBefore = limiter.state().queued;
    await limiter.acquire('user/order', 'order');
    order.push('ORDER');
    // The order was granted while data requests were still queued: it jumped the queue.
    expect(queuedBefore).toBeGreaterThan(0);
    expect(limiter.state().queued).toBeGreaterThan(0);
    // The simulator enforces 1,000/min: the limiter kept data under it (the rest stay queued).
    await Promise.race([Promise.all(data), new Promise((r) => setTimeout(r, 1_500))]);
    expect(statuses.length).toBeGreaterThan(500);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(limiter.state().warning).toBe(true);
    limiter.dispose();
    await http.close();
  });

  it('weights routes as the venue does and reserves budget for orders', () => {
    let now = 0;
    const limiter = new RateLimiter(LIGHTER_PREMIUM_BUCKET, () => now);
    expect(limiter.weightOf('sendTx')).toBe(6);
    expect(limiter.weightOf('trades')).toBe(600);
    expect(limiter.weightOf('orderBooks')).toBe(300);
    const granted: string[] = [];
    // 64 default-weight data requests use 19 200 of 24 000; the 20 % order reserve (4 800) is left.
    for (let i = 0; i < 70; i++) void limiter.acquire('orderBooks', 'data').then(() => granted.push('data'));
    void limiter.acquire('sendTx', 'order').then(() => granted.push('order'));
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(granted.filter((g) => g === 'data')).toHaveLength(64);
        expect(granted).toContain('order');
        expect(limiter.state().queued).toBe(6);
        now = 60_000; // a minute later the bucket has refilled
        limiter.dispose();
        resolve();
      }, 20);
    });
  });
});

describe('connection pool', () => {
  let server: Server;
  let port = 0;
  const sockets = new Set<unknown>();
  let peak = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      }, 20);
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
    let sawPending = 0;
    const results = Array.from({ length: 100 }, () => http.request({ path: '/x', route: 'x' }));
    await new Promise((r) => setTimeout(r, 10));
    const stats = http.poolStats();
    sawPending = stats.pending;
    const done = await Promise.all(results);
    expect(done.every((r) => r.status === 200)).toBe(true);
    expect(peak).toBeLessThanOrEqual(10);
    expect(peak).toBeGreaterThan(1);
    expect(sawPending).toBeGreaterThan(0);
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
