// HTTP to a venue over undici: one pool per origin, sized like the Python bot's premium profile
// (200 connections total, 100 per origin), keep-alive 5 minutes, DNS answers cached 30 minutes,
// a timeout per call, typed errors, and per-route latency into the telemetry histograms.
import { Agent, interceptors, type Dispatcher } from 'undici';
import { LatencyRegistry } from '../../telemetry/histogram';
import { classifyNetworkError, VenueError } from './errors';
import type { Priority, RateLimiter } from './rate-limit';

export interface HttpOptions {
  readonly venue: string;
  readonly baseUrl: string;
  readonly connectionsPerOrigin?: number;
  readonly keepAliveMs?: number;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly latency?: LatencyRegistry;
  readonly limiter?: RateLimiter;
}

export interface HttpRequest {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | readonly (string | number)[] | undefined>>;
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Route name for latency and rate-limit weights ("orderBooks", "sendTx"). */
  readonly route: string;
  readonly priority?: Priority;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly latencyMs: number;
}

export interface PoolStats {
  readonly connected: number;
  readonly free: number;
  readonly pending: number;
  readonly running: number;
  readonly size: number;
}

export class VenueHttp {
  private readonly agent: Agent;
  private readonly dispatcher: Dispatcher;
  readonly latency: LatencyRegistry;

  constructor(private readonly options: HttpOptions) {
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? 100,
      keepAliveTimeout: options.keepAliveMs ?? 300_000,
      keepAliveMaxTimeout: options.keepAliveMs ?? 300_000,
    });
    this.dispatcher = this.agent.compose(interceptors.dns({ maxTTL: 30 * 60_000 }));
    this.latency = options.latency ?? new LatencyRegistry();
  }

  poolStats(): PoolStats {
    let connected = 0;
    let free = 0;
    let pending = 0;
    let running = 0;
    let size = 0;
    for (const s of Object.values(this.agent.stats) as { connected: number; free: number; pending: number; running: number; size: number }[]) {
      connected += s.connected;
      free += s.free;
      pending += s.pending;
      running += s.running;
      size += s.size;
    }
    return { connected, free, pending, running, size };
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    await this.options.limiter?.acquire(req.route, req.priority ?? 'data');
    const url = new URL(this.options.baseUrl.replace(/\/$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
      else url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = { ...this.options.headers, ...req.headers };
    let body: string | undefined;
    if (req.form !== undefined) {
      body = new URLSearchParams(req.form as Record<string, string>).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const timeout = req.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    const t0 = performance.now();
    let status: number;
    let text: string;
    try {
      const res = await this.dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: req.method ?? 'GET',
        headers,
        ...(body === undefined ? {} : { body }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: AbortSignal.timeout(timeout),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (e) {
      this.latency.get(`${this.options.venue}.rest.${req.route}`).record(performance.now() - t0);
      throw classifyNetworkError(e);
    }
    const latencyMs = performance.now() - t0;
    this.latency.get(`${this.options.venue}.rest.${req.route}`).record(latencyMs);
    let parsed: unknown = undefined;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // An HTML proxy error page or a truncated body: the status line still decides.
      parsed = undefined;
    }
    if (status >= 500) throw new VenueError('ambiguous', `${req.route}: HTTP ${status}`, status, parsed ?? text.slice(0, 200));
    if (parsed === undefined) throw new VenueError('definitive', `${req.route}: HTTP ${status} with a non-JSON body`, status, text.slice(0, 200));
    return { status, body: parsed, text, latencyMs };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
