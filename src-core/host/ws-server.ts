// The headless transport: the built renderer over HTTP and the contract over one WebSocket,
// both on 127.0.0.1 behind the per-run token (see http-guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { err, type Result } from '../api/envelope';
import { MAX_FRAME_BYTES, readableId, requestFrameSchema, type ServerFrame } from '../api/wire';
import type { Core } from './core';
import { CONTENT_SECURITY_POLICY, checkRequest, newToken, tokenCookieName } from './http-guard';
import { readStatic } from './static-files';
import { ClientOutbox, DEFAULT_BACKPRESSURE, type BackpressureLimits, type ClientStats } from './ws-backpressure';

export interface HostServerOptions {
  readonly core: Core;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  /** Per-client send limits and the client cap (ws-backpressure.ts); tests shrink them. */
  readonly backpressure?: Partial<BackpressureLimits>;
  /** Slow-header defence: a request must deliver its headers, and all of itself, this fast. */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Monotonic clock for the laggard deadline (performance.now by default). */
  readonly monotonicNowMs?: () => number;
}

// A loopback browser sends its headers in microseconds; a client still sending them after 5 s
// holds a socket for nothing (slowloris). Node's defaults are 60 s and 300 s, and it only looks
// every 30 s (connectionsCheckingInterval), so both are set here.
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

export interface HostServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The token cookie's name, bound to this instance's port (http-guard.ts). */
  readonly cookieName: string;
  readonly wsUrl: string;
  clientCount(): number;
  /** Per connected client: unsent bytes and held (coalesced) events. */
  clientStats(): ClientStats[];
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

async function answer(core: Core, data: RawData, isBinary: boolean): Promise<ServerFrame> {
  if (isBinary) return { id: null, result: err('BAD_REQUEST', 'binary frames are not accepted') };
  let raw: unknown;
  try {
    raw = JSON.parse(data.toString());
  } catch {
    return { id: null, result: err('BAD_REQUEST', 'frame is not JSON') };
  }
  const frame = requestFrameSchema.safeParse(raw);
  if (!frame.success) {
    return { id: readableId(raw), result: err('BAD_REQUEST', 'frame must be {id, kind, channel, payload}') };
  }
  const { id, kind, channel, payload } = frame.data;
  let result: Result<unknown>;
  try {
    result = await core.dispatcher.call(kind, channel, payload);
  } catch {
    result = err('INTERNAL', 'dispatch failed');
  }
  return { id, result };
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = options.token ?? newToken();
  const { core } = options;
  let port = 0;

  const limits: BackpressureLimits = { ...DEFAULT_BACKPRESSURE, ...options.backpressure };
  const monotonicNowMs = options.monotonicNowMs ?? (() => performance.now());
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  const serverOptions = { headersTimeout, requestTimeout, connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))) };

  const server = createServer(serverOptions, (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      const verdict = checkRequest(req, port, token);
      if (!verdict.ok) return send(res, verdict.status, verdict.reason);
      const file = await readStatic(options.rendererDir, req.url ?? '/');
      if (file === null) return send(res, 404, 'not found');
      // The token moves from the URL into an HttpOnly cookie so the page's assets, a reload (the
      // renderer drops ?token from the address bar) and the WebSocket authenticate with it.
      const cookie = `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      send(res, 200, file.body, file.contentType, { 'Set-Cookie': cookie });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const outboxes = new Map<WebSocket, ClientOutbox>();
  const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, port, token);
    const status = url.pathname !== '/api' ? 404 : !verdict.ok ? verdict.status : outboxes.size >= limits.maxClients ? 503 : null;
    if (status !== null) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // handleUpgrade completes synchronously (no verifyClient), so the count above is never stale.
  wss.on('connection', (ws: WebSocket) => {
    const outbox = new ClientOutbox(ws, limits);
    outboxes.set(ws, outbox);
    ws.on('close', () => outboxes.delete(ws));
    ws.on('error', () => undefined); // oversize frames and resets close the socket; never crash
    ws.on('message', (data, isBinary) => {
      void answer(core, data, isBinary).then((frame) => outbox.sendReply(JSON.stringify(frame)));
    });
  });

  const unsubscribe = core.events.subscribeAll((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies ServerFrame);
    for (const outbox of outboxes.values()) outbox.sendEvent(event, text);
  });
  const checker = setInterval(() => {
    const nowMs = monotonicNowMs();
    for (const outbox of outboxes.values()) outbox.check(nowMs);
  }, limits.checkIntervalMs);
  checker.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    wsUrl: `ws://127.0.0.1:${port}/api?token=${token}`,
    port,
    token,
    cookieName: tokenCookieName(port),
    clientCount: () => wss.clients.size,
    clientStats: () => [...outboxes.values()].map((o) => o.stats()),
    async close() {
      unsubscribe();
      clearInterval(checker);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
