// The headless transport: the built renderer over HTTP and the contract over one WebSocket,
// both on 127.0.0.1 behind the per-run token (see http-guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { err, type Result } from '../api/envelope';
import { MAX_FRAME_BYTES, readableId, requestFrameSchema, type ServerFrame } from '../api/wire';
import type { Core } from './core';
import { CONTENT_SECURITY_POLICY, TOKEN_COOKIE, checkRequest, newToken } from './http-guard';
import { readStatic } from './static-files';

export interface HostServerOptions {
  readonly core: Core;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
}

export interface HostServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly wsUrl: string;
  clientCount(): number;
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

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
      const verdict = checkRequest(req, port, token);
      if (!verdict.ok) return send(res, verdict.status, verdict.reason);
      const file = await readStatic(options.rendererDir, req.url ?? '/');
      if (file === null) return send(res, 404, 'not found');
      // The token moves from the URL into an HttpOnly cookie so the page's assets load with it.
      const cookie = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      send(res, 200, file.body, file.contentType, { 'Set-Cookie': cookie });
    })().catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(req, port, token);
    if (url.pathname !== '/api' || !verdict.ok) {
      const status = url.pathname !== '/api' ? 404 : verdict.ok ? 200 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('error', () => undefined); // oversize frames and resets close the socket; never crash
    ws.on('message', (data, isBinary) => {
      void answer(core, data, isBinary).then((frame) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      });
    });
  });

  const unsubscribe = core.events.subscribeAll((event, payload) => {
    const text = JSON.stringify({ event, payload } satisfies ServerFrame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text);
  });

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
    clientCount: () => wss.clients.size,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
