// Loopback control endpoint for the app and the CLI: POST /faults/<name> with a JSON body drives
// the same fault API the tests call in-process. Bound to 127.0.0.1 only, and every request must
// pass control-auth.ts (per-run token, loopback Host, no Origin, JSON content type).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { SimEngine } from './engine/engine';
import type { SimClock } from './engine/clock';
import { ManualClock } from './engine/clock';
import { SIM_MARKET_STATUSES, type FaultInjector, type SimMarketStatus, type WsMangle } from './faults/faults';
import type { VenueId } from '../../domain/venue';
import { readBody, sendJson } from './http-util';
import { checkControlRequest, newControlToken } from './control-auth';
import { listen } from './listen';

export interface ControlServer {
  /** Base URL (no token): POST `${url}/faults/<command>`. */
  readonly url: string;
  /** This run's token; sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** The headers every POST needs: the token and the JSON content type. */
  readonly headers: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

const venue = z.enum(['lighter', 'extended']);

export const CONTROL_COMMANDS = {
  latency: z.object({ venue, route: z.string().default('*'), ms: z.number().min(0).max(120_000), jitterMs: z.number().min(0).default(0) }),
  responseDelay: z.object({ venue, route: z.string().default('*'), ms: z.number().min(0).max(120_000) }),
  disconnect: z.object({ venue }),
  disconnectEvery: z.object({ venue, ms: z.number().min(100).nullable() }),
  mangleBooks: z.object({ venue, kind: z.enum(['gap', 'duplicate', 'reorder']), count: z.number().int().min(1).max(1000).default(1) }),
  stall: z.object({ venue, stalled: z.boolean() }),
  burst429: z.object({ venue, count: z.number().int().min(1).max(100_000), route: z.string().optional() }),
  failHttp: z.object({ venue, count: z.number().int().min(1).max(10_000), status: z.number().int().min(500).max(599).default(503), html: z.boolean().default(false), route: z.string().optional() }),
  down: z.object({ venue, down: z.boolean() }),
  dropSendTx: z.object({ venue, count: z.number().int().min(1).max(1000) }),
  ghostFill: z.object({ venue, count: z.number().int().min(1).max(1000).default(1) }),
  postOnlyReject: z.object({ venue, count: z.number().int().min(1).max(1000).default(1) }),
  partialFill: z.object({ venue, fraction: z.number().gt(0).lt(1) }),
  fundingSpike: z.object({ venue, symbol: z.string(), hourlyRate: z.number().min(-0.05).max(0.05).nullable() }),
  fundingFlip: z.object({ venue, symbol: z.string() }),
  marketStatus: z.object({ venue, symbol: z.string(), status: z.enum(SIM_MARKET_STATUSES) }),
  fundingPaymentScale: z.object({ venue, scale: z.number().positive().max(10_000) }),
  // The account as the engine knows it (Lighter's account index, Extended's account id) and
  // either a share of the position or an exact size in the market's steps.
  liquidate: z
    .object({ venue, account: z.string().regex(/^\d+$/), symbol: z.string(), fraction: z.number().gt(0).max(1).optional(), sizeSteps: z.number().int().min(1).optional() })
    .refine((x) => (x.fraction === undefined) !== (x.sizeSteps === undefined), { message: 'give exactly one of fraction and sizeSteps' }),
  advanceClock: z.object({ ms: z.number().int().min(0).max(30 * 86_400_000) }),
  reset: z.object({ venue: venue.optional() }),
} as const;

export type ControlCommand = keyof typeof CONTROL_COMMANDS;

export function applyControl(name: ControlCommand, args: Record<string, unknown>, engine: SimEngine, faults: FaultInjector, clock: SimClock): void {
  // Every field any command takes; each case reads only the ones its schema validated.
  const a = args as {
    venue: VenueId; route: string; ms: number; jitterMs: number; kind: WsMangle; count: number; stalled: boolean;
    status: number; html: boolean; down: boolean; fraction: number; symbol: string; hourlyRate: number | null; scale: number;
  };
  if (name === 'marketStatus') return faults.setMarketStatus(a.venue, a.symbol, (args as { status: SimMarketStatus }).status);
  if (name === 'liquidate') return liquidate(engine, args as z.infer<(typeof CONTROL_COMMANDS)['liquidate']>);
  switch (name) {
    case 'latency':
      return faults.setLatency(a.venue, a.route, a.ms, a.jitterMs);
    case 'responseDelay':
      return faults.setResponseDelay(a.venue, a.route, a.ms);
    case 'disconnect':
      return faults.disconnect(a.venue);
    case 'disconnectEvery':
      return faults.disconnectEvery(a.venue, a.ms as number | null);
    case 'mangleBooks':
      return faults.mangleBooks(a.venue, a.kind, a.count);
    case 'stall':
      return faults.setStalled(a.venue, a.stalled);
    case 'burst429':
      return faults.burst429(a.venue, a.count, a.route);
    case 'failHttp':
      return faults.failHttp(a.venue, a.count, a.status, a.html, a.route);
    case 'down':
      return faults.setDown(a.venue, a.down);
    case 'dropSendTx':
      return faults.dropSendTx(a.venue, a.count);
    case 'ghostFill':
      engine.faults.ghostFillOnCancel[a.venue] += a.count;
      return;
    case 'postOnlyReject':
      engine.faults.forcePostOnlyReject[a.venue] += a.count;
      return;
    case 'partialFill':
      engine.faults.forcePartialFraction[a.venue] = a.fraction;
      return;
    case 'fundingSpike':
      return engine.model.pinFunding(a.venue, a.symbol, a.hourlyRate);
    case 'fundingFlip':
      return engine.model.flipFunding(a.venue, a.symbol);
    case 'fundingPaymentScale':
      return faults.setFundingPaymentScale(a.venue, a.scale);
    case 'advanceClock':
      if (!(clock instanceof ManualClock)) throw new Error('the simulator runs on real time');
      return clock.advance(a.ms);
    case 'reset':
      return faults.reset(a.venue);
  }
}

/** A refused liquidation (no such account, a flat position, a size above it) is the caller's
 *  error: thrown, so the endpoint answers 400 and nothing changed. */
function liquidate(engine: SimEngine, a: z.infer<(typeof CONTROL_COMMANDS)['liquidate']>): void {
  const r = engine.liquidatePartially({ venue: a.venue, accountId: a.account, symbol: a.symbol, ...(a.fraction === undefined ? {} : { fraction: a.fraction }), ...(a.sizeSteps === undefined ? {} : { sizeSteps: a.sizeSteps }) });
  if (!r.ok) throw new Error(`liquidate refused (${r.code}): ${r.message}`);
}

export async function startControlServer(options: { engine: SimEngine; faults: FaultInjector; clock: SimClock; port: number; token?: string }): Promise<ControlServer> {
  const token = options.token ?? newControlToken();
  let port = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const verdict = checkControlRequest(req, port, token);
      if (!verdict.ok) return sendJson(res, verdict.status, { error: verdict.error });
      const m = /^\/faults\/([A-Za-z0-9]+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      if (req.method === 'GET' && new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/') return sendJson(res, 200, { commands: Object.keys(CONTROL_COMMANDS) });
      if (req.method !== 'POST' || m === null || !Object.hasOwn(CONTROL_COMMANDS, m[1]!)) return sendJson(res, 404, { error: 'POST /faults/<command>; GET / lists them' });
      const name = m[1] as ControlCommand;
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req)) || '{}');
      } catch {
        return sendJson(res, 400, { error: 'body is not JSON' });
      }
      const parsed = CONTROL_COMMANDS[name].safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      try {
        applyControl(name, parsed.data as Record<string, unknown>, options.engine, options.faults, options.clock);
      } catch (e) {
        return sendJson(res, 400, { error: e instanceof Error ? e.message : String(e) });
      }
      sendJson(res, 200, { ok: true });
    })();
  });
  await listen(server, options.port, '127.0.0.1', 'simulator control');
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
