// Regression: one malformed frame on a private stream ended the process, because a handler
// that threw escaped the socket's message callback and nothing caught it. The socket now
// counts the throw as a parse error and keeps streaming. Also: a stream that is not open can
// never show a green quality score, whatever its history.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { NOT_OPEN_MAX_SCORE, ResilientSocket } from '../../../src-core/venues/common/ws';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function echoServer(): Promise<{ url: string; wss: WebSocketServer }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  cleanups.push(async () => {
    for (const c of wss.clients) c.terminate();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  return { url: `ws://127.0.0.1:${(http.address() as { port: number }).port}`, wss };
}

describe('ResilientSocket guards its callbacks', () => {
  it('regression: a handler that throws on a frame is counted, and later frames still arrive', async () => {
    const s = await echoServer();
    s.wss.on('connection', (ws) => {
      ws.send('null');
      ws.send('{"data":{"orders":5}}');
      ws.send('{"ok":true}');
    });
    const good: string[] = [];
    const sock = new ResilientSocket({
      venue: 'extended', stream: 'account', endpoints: [s.url], onOpen: () => undefined,
      onMessage: (text) => {
        const v = JSON.parse(text) as { data?: { orders?: unknown[] }; ok?: boolean } | null;
        // The unguarded shape-trusting code that crashed: null.data, then (5).forEach.
        for (const o of v!.data?.orders ?? []) good.push(String(o));
        if (v!.ok === true) good.push('ok');
      },
    });
    cleanups.push(() => sock.close());
    sock.start();
    await expect.poll(() => good, { timeout: 20_000 }).toEqual(['ok']);
    expect(sock.health().parseErrors).toBe(2);
    expect(sock.health().state).toBe('open');
  });

  it('a throwing onOpen or onDown does not stop reconnecting', async () => {
    const s = await echoServer();
    let opens = 0;
    const sock = new ResilientSocket({
      venue: 'lighter', stream: 't', endpoints: [s.url], random: () => 0, onMessage: () => undefined,
      onOpen: () => {
        opens += 1;
        throw new Error('subscribe failed');
      },
      onDown: () => {
        throw new Error('listener failed');
      },
    });
    cleanups.push(() => sock.close());
    sock.start();
    await expect.poll(() => opens, { timeout: 20_000 }).toBe(1);
    for (const c of s.wss.clients) c.close(1000, 'bye');
    await expect.poll(() => opens, { timeout: 20_000 }).toBe(2);
    expect(sock.health().parseErrors).toBeGreaterThanOrEqual(3);
  });

  it('regression: a stream that is down or backing off cannot show a green quality score', async () => {
    const s = await echoServer();
    let t = 0;
    // Read the score at the moment the stream goes down (state is already 'backoff' there), so
    // the assertion does not race the reconnect.
    const whileDown: { state: string; score: number }[] = [];
    const sock: ResilientSocket = new ResilientSocket({
      venue: 'lighter', stream: 't', endpoints: [s.url], now: () => t, onOpen: () => undefined, onMessage: () => undefined,
      onDown: () => whileDown.push({ state: sock.health().state, score: sock.health().qualityScore }),
    });
    cleanups.push(() => sock.close());
    sock.start();
    await expect.poll(() => sock.health().state, { timeout: 20_000 }).toBe('open');
    t = 3_600_000; // an hour of perfect uptime
    expect(sock.qualityScore()).toBeGreaterThan(90);
    for (const c of s.wss.clients) c.terminate();
    await expect.poll(() => whileDown.length, { timeout: 20_000 }).toBe(1);
    expect(whileDown[0]!.state).toBe('backoff');
    expect(whileDown[0]!.score).toBeLessThanOrEqual(NOT_OPEN_MAX_SCORE);
  });
});
