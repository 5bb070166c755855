// The resilient socket: re-subscribes after every reconnect, fails over to the other endpoint
// when one is down, refreshes auth before retrying a refused handshake, and its quality score
// falls with reconnects.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { ResilientSocket } from '../../../src-core/venues/common/ws';
import { pollUntil } from '../../helpers/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function server(onUpgrade?: (reject: (status: number) => boolean) => boolean): Promise<{ url: string; wss: WebSocketServer; http: Server; port: number }> {
  const http = createServer();
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req, socket, head) => {
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\n\r\n`);
      return true;
    };
    if (onUpgrade?.(refuse) === true) return;
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  cleanups.push(async () => {
    for (const c of wss.clients) c.terminate();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  return { url: `ws://127.0.0.1:${port}`, wss, http, port };
}

describe('ResilientSocket', () => {
  it('re-subscribes after a server close and counts the reconnect', async () => {
    const s = await server();
    const subs: string[] = [];
    s.wss.on('connection', (ws: WebSocket) => ws.on('message', (d) => subs.push(d.toString())));
    const sock = new ResilientSocket({ venue: 'lighter', stream: 't', endpoints: [s.url], onOpen: (x) => x.send('sub'), onMessage: () => undefined });
    cleanups.push(() => sock.close());
    sock.start();
    await pollUntil(() => subs.length === 1, { what: 'the first subscription' });
    for (const c of s.wss.clients) c.close(1000, 'lifetime');
    await pollUntil(() => subs.length === 2, { what: 'the re-subscription' });
    expect(sock.health().reconnects).toBe(1);
  });

  it('fails over to the second endpoint when the first refuses connections', async () => {
    const down = await server((reject) => reject(503));
    const up = await server();
    const opened: string[] = [];
    const sock = new ResilientSocket({ venue: 'extended', stream: 't', endpoints: [down.url, up.url], onOpen: (x) => opened.push(x.endpoint), onMessage: () => undefined, random: () => 0 });
    cleanups.push(() => sock.close());
    sock.start();
    await pollUntil(() => opened.includes(up.url), { what: 'the failover' });
    expect(sock.health().endpoint).toBe(up.url);
    expect(sock.qualityScore()).toBeLessThan(100);
  });

  it('refreshes auth before retrying a refused (401) handshake', async () => {
    let token = 'old';
    const s = await server((reject) => (token === 'old' ? reject(401) : false));
    let refreshed = 0;
    let opened = 0;
    const sock = new ResilientSocket({
      venue: 'lighter', stream: 't', endpoints: [s.url], onOpen: () => opened++, onMessage: () => undefined,
      refreshAuth: async () => {
        refreshed += 1;
        token = 'new';
      },
    });
    cleanups.push(() => sock.close());
    sock.start();
    await pollUntil(() => opened === 1, { what: 'the authenticated open' });
    expect(refreshed).toBe(1);
  });
});
