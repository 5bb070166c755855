// A client that stops reading must not grow the host's memory: its unsent bytes stay near the
// high-water mark (events past it are coalesced), it is terminated once over the mark for the
// laggard time (on the host's injected monotonic clock), the client count is capped, and a client
// that never finishes its headers is cut off.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import type WebSocket from 'ws';
import { startHost, type RunningHost } from '../../helpers/host';
import { connectClient, type TestClient } from '../../helpers/ws-client';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const HIGH_WATER = 64 * 1024;
const LAGGARD_MS = 10_000;

let host: RunningHost | null = null;
let clients: TestClient[] = [];
let cleanup: () => void = () => undefined;
let clockMs = 0;

async function start(server: Parameters<typeof startHost>[2] = {}): Promise<RunningHost> {
  const t = tempDir();
  cleanup = t.cleanup;
  clockMs = 0;
  host = await startHost(t.dir, {}, { backpressure: { highWaterBytes: HIGH_WATER, hardLimitBytes: 4 * HIGH_WATER, laggardMs: LAGGARD_MS, checkIntervalMs: 10, maxClients: 8 }, monotonicNowMs: () => clockMs, ...server });
  return host;
}

afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  clients = [];
  await host?.stop();
  host = null;
  cleanup();
});

/** The client's TCP socket stops being read: the kernel buffers fill and the host's grow. */
function pause(ws: WebSocket): void {
  (ws as unknown as { _socket: Socket })._socket.pause();
}
function resume(ws: WebSocket): void {
  (ws as unknown as { _socket: Socket })._socket.resume();
}

/** Emits settings.changed `count` times, the last one carrying `lastHeartbeatMs`. */
function flood(h: RunningHost, count: number, lastHeartbeatMs: number): number {
  const base = h.core.settings();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const heartbeatIntervalMs = i === count - 1 ? lastHeartbeatMs : 100 + (i % 1000);
    const payload = { ...base, app: { heartbeatIntervalMs } };
    bytes += JSON.stringify({ event: 'settings.changed', payload }).length;
    h.core.events.emit('settings.changed', payload);
  }
  return bytes;
}

describe('headless host backpressure', () => {
  it('keeps a paused client near the high-water mark, then hands it only the newest state', async () => {
    const h = await start();
    const slow = await connectClient(h.server.wsUrl);
    clients.push(slow);
    pause(slow.ws);
    const frameBytes = JSON.stringify({ event: 'settings.changed', payload: h.core.settings() }).length + 64;
    let emittedBytes = 0;
    let maxBuffered = 0;
    // Flood until the kernel's socket buffers are full and the host starts holding events.
    await pollUntil(() => {
      emittedBytes += flood(h, 200, 4_242);
      const s = h.server.clientStats()[0]!;
      maxBuffered = Math.max(maxBuffered, s.bufferedBytes);
      return s.heldEvents > 0 && emittedBytes > 16 * HIGH_WATER;
    }, { what: 'the host to hold events for the paused client' });
    // Then many times the mark more: none of it may be queued.
    for (let i = 0; i < 20; i++) {
      emittedBytes += flood(h, 200, 4_242);
      maxBuffered = Math.max(maxBuffered, h.server.clientStats()[0]!.bufferedBytes);
    }
    expect(emittedBytes).toBeGreaterThan(40 * HIGH_WATER);
    expect(maxBuffered).toBeLessThanOrEqual(HIGH_WATER + frameBytes);
    const stats = h.server.clientStats()[0]!;
    expect(stats.heldEvents).toBe(1); // one event name, one held payload
    expect(stats.coalescedEvents).toBeGreaterThan(1000);

    resume(slow.ws);
    await pollUntil(() => slow.events.some((e) => e.event === 'settings.changed' && (e.payload as { app: { heartbeatIntervalMs: number } }).app.heartbeatIntervalMs === 4_242), { what: 'the newest settings after catching up' });
    expect(h.server.clientCount()).toBe(1);
  });

  it('terminates a client over the mark for the laggard time, and only that client', async () => {
    const h = await start();
    const slow = await connectClient(h.server.wsUrl);
    const reader = await connectClient(h.server.wsUrl);
    clients.push(slow, reader);
    pause(slow.ws);
    await pollUntil(() => {
      flood(h, 200, 7_777);
      return h.server.clientStats()[0]!.heldEvents > 0;
    }, { what: 'the paused client over the mark' });
    // Over the mark, but not yet for the laggard time: kept.
    await pollUntil(() => h.server.clientStats()[0]!.bufferedBytes >= HIGH_WATER);
    clockMs += LAGGARD_MS - 1;
    await pollUntil(() => reader.events.some((e) => e.event === 'settings.changed' && (e.payload as { app: { heartbeatIntervalMs: number } }).app.heartbeatIntervalMs === 7_777));
    expect(h.server.clientCount()).toBe(2);
    // The kernel may still take a few bytes and let the buffer dip under the mark (which restarts
    // the laggard time), so the flood goes on while the clock moves past the deadline.
    await pollUntil(
      () => {
        flood(h, 50, 7_777);
        clockMs += LAGGARD_MS / 4;
        return h.server.clientCount() === 1;
      },
      { what: 'the laggard terminated' },
    );
    expect((await reader.call('query', 'app.info', {})).ok).toBe(true);
  });

  it('refuses connections beyond the client cap with 503, and admits one once a slot frees', async () => {
    const h = await start({ backpressure: { maxClients: 2 } });
    const a = await connectClient(h.server.wsUrl);
    const b = await connectClient(h.server.wsUrl);
    clients.push(a, b);
    await expect(connectClient(h.server.wsUrl)).rejects.toThrow(/503/);
    await a.close();
    await pollUntil(() => h.server.clientCount() === 1);
    const c = await connectClient(h.server.wsUrl);
    clients.push(c);
    expect((await c.call('query', 'app.info', {})).ok).toBe(true);
  });

  it('cuts off a client that never finishes its request headers', async () => {
    const h = await start({ headersTimeoutMs: 200 });
    const socket = connect(h.server.port, '127.0.0.1');
    let closed = false;
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(`GET /?token=${h.server.token} HTTP/1.1\r\nHost: 127.0.0.1:${h.server.port}\r\nX-Slow: `);
    await pollUntil(() => closed, { what: 'the slow-header socket closed by the host' });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
