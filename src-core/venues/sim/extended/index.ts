// The Extended face: REST under /api/v1 and path-based streams under /stream.extended.exchange/v1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { SimEngine } from '../engine/engine';
import type { FaultInjector } from '../faults/faults';
import { EXTENDED_DEFAULT, WindowLimiter } from '../faults/rate-limit';
import { sendJson } from '../http-util';
import { closeFace, FACE_KEEP_ALIVE_MS, wireDisconnectFaults } from '../face-server';
import { errEnvelope } from './render';
import { createExtendedRest } from './rest';
import { ExtendedState, type ExtendedWireOptions } from './state';
import type { ExtendedNetwork } from '../../extended/constants';
import { ExtendedConnection, type ExtendedWsOptions, type StreamTarget } from './ws';
import { listen } from '../listen';

export const STREAM_PREFIX = '/stream.extended.exchange/v1';

export interface ExtendedFaceOptions {
  readonly engine: SimEngine;
  readonly faults: FaultInjector;
  readonly port?: number;
  readonly host?: string;
  readonly rateLimit?: 'off' | 'on';
  readonly ws?: Partial<ExtendedWsOptions>;
  /** Which signing domain and expiry cap the venue enforces (default testnet). */
  readonly network?: ExtendedNetwork;
  readonly wire?: ExtendedWireOptions;
}

export interface ExtendedFace {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly state: ExtendedState;
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startExtendedFace(options: ExtendedFaceOptions): Promise<ExtendedFace> {
  const { engine, faults } = options;
  const state = new ExtendedState(engine, options.network ?? 'testnet', options.wire ?? {});
  const limiter = options.rateLimit === 'on' ? new WindowLimiter(EXTENDED_DEFAULT, () => engine.clock.nowMs()) : null;
  const gate = { faults, limiter };
  const rest = createExtendedRest(state, gate);
  const server: Server = createServer((req, res) => {
    if (faults.isDown('extended')) return sendJson(res, 503, errEnvelope(503, 'service unavailable'));
    void rest(req, res);
  });
  server.keepAliveTimeout = FACE_KEEP_ALIVE_MS;
  const wsOpts: ExtendedWsOptions = { snapshotEveryMs: 60_000, pingIntervalMs: 15_000, pongTimeoutMs: 10_000, ...options.ws };
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    if (faults.isDown('extended')) return refuse('503 Service Unavailable');
    if (faults.take429('extended', 'stream')) return refuse('429 Too Many Requests');
    if (!url.pathname.startsWith(STREAM_PREFIX + '/')) return refuse('404 Not Found');
    const parts = url.pathname.slice(STREAM_PREFIX.length + 1).split('/');
    let target: StreamTarget | null = null;
    const market = parts[1] === undefined ? undefined : state.byName.get(decodeURIComponent(parts[1]));
    if (parts[0] === 'orderbooks' && parts.length === 1) target = { kind: 'orderbook', market: null, depth1: url.searchParams.get('depth') === '1' };
    else if (parts[0] === 'orderbooks' && market !== undefined) target = { kind: 'orderbook', market, depth1: url.searchParams.get('depth') === '1' };
    else if (parts[0] === 'funding' && market !== undefined) target = { kind: 'funding', market };
    else if (parts[0] === 'account' && parts.length === 1) {
      const key = req.headers['x-api-key'];
      const account = typeof key === 'string' ? state.accountsByKey.get(key) : undefined;
      if (account === undefined) return refuse('401 Unauthorized');
      target = { kind: 'account', account };
    }
    if (target === null) return refuse('404 Not Found');
    const t = target;
    wss.handleUpgrade(req, socket, head, (ws) => new ExtendedConnection(ws, state, gate, t, wsOpts));
  });
  const unwire = wireDisconnectFaults('extended', engine, faults, wss);
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1', 'Extended simulator');
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}/api/v1`,
    wsUrl: `ws://127.0.0.1:${port}${STREAM_PREFIX}`,
    state,
    connectionCount: () => wss.clients.size,
    close: () => {
      state.dispose();
      return closeFace(server, wss, unwire);
    },
  };
}
