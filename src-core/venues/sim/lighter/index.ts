// The Lighter face: REST under /api/v1 and the /stream WebSocket on one loopback port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { SimEngine } from '../engine/engine';
import type { FaultInjector } from '../faults/faults';
import { LIGHTER_PREMIUM, LIGHTER_STANDARD, WindowLimiter } from '../faults/rate-limit';
import { sendJson } from '../http-util';
import { closeFace, FACE_KEEP_ALIVE_MS, wireDisconnectFaults } from '../face-server';
import { createLighterRest } from './rest';
import { LighterState } from './state';
import { LighterConnection, type LighterWsOptions } from './ws';
import { listen } from '../listen';

export interface LighterFaceOptions {
  readonly engine: SimEngine;
  readonly faults: FaultInjector;
  readonly port?: number;
  readonly host?: string;
  readonly txDelayMs?: number;
  readonly rateLimit?: 'off' | 'standard' | 'premium';
  readonly ws?: Partial<LighterWsOptions>;
  /** Chain id signatures are checked against (300, testnet, by default; mainnet is 304). */
  readonly chainId?: number;
}

export interface LighterFace {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly state: LighterState;
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startLighterFace(options: LighterFaceOptions): Promise<LighterFace> {
  const { engine, faults } = options;
  const state = new LighterState(engine, options.chainId ?? 300);
  const txDelayMs = options.txDelayMs ?? 30;
  const limiter = options.rateLimit === undefined || options.rateLimit === 'off' ? null : new WindowLimiter(options.rateLimit === 'premium' ? LIGHTER_PREMIUM : LIGHTER_STANDARD, () => engine.clock.nowMs());
  const gate = { faults, limiter };
  const rest = createLighterRest(state, gate, txDelayMs);
  const server: Server = createServer((req, res) => {
    if (faults.isDown('lighter')) return sendJson(res, 503, { code: 29500, message: 'service unavailable' });
    void rest(req, res);
  });
  server.keepAliveTimeout = FACE_KEEP_ALIVE_MS;
  const wsOpts: LighterWsOptions = { bookIntervalMs: 50, statsIntervalMs: 250, pingIntervalMs: 30_000, maxConnectionMs: 24 * 3_600_000, txDelayMs, ...options.ws };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (faults.isDown('lighter')) return socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
    if (path !== '/stream') return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    if (faults.take429('lighter', 'stream')) return socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => new LighterConnection(ws, state, gate, wsOpts));
  });
  const unwire = wireDisconnectFaults('lighter', engine, faults, wss);
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1', 'Lighter simulator');
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/stream`,
    state,
    connectionCount: () => wss.clients.size,
    close: () => closeFace(server, wss, unwire),
  };
}
