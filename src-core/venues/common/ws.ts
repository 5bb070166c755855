// A venue WebSocket that stays up: reconnects with a delay chosen by *why* it dropped (a
// rate-limit refusal waits long, a network blip retries fast, an auth refusal refreshes the token
// first, a server's scheduled close such as Lighter's 24-hour one reconnects at once), detects
// silent stalls, re-subscribes through onOpen after every reconnect, scores its own quality and
// fails over to the best-scored endpoint when several are configured.
import WebSocket from 'ws';
import type { StreamHealth, StreamState } from '../port';
import type { VenueId } from '../../domain/venue';
import { LatencyHistogram } from '../../telemetry/histogram';

export type FailureKind = 'rate-limit' | 'auth' | 'server-close' | 'network' | 'stall';

export interface ResilientSocketOptions {
  readonly venue: VenueId;
  readonly stream: string;
  readonly endpoints: readonly string[];
  readonly headers?: () => Record<string, string>;
  /** Called on every (re)connect: subscribe here. */
  readonly onOpen: (socket: ResilientSocket) => void;
  readonly onMessage: (text: string, receivedAtMs: number) => void;
  readonly onDown?: (kind: FailureKind) => void;
  readonly refreshAuth?: () => Promise<void>;
  /** No frame for this long while open ⇒ reconnect. */
  readonly stallMs?: number;
  /** An application-level ping some venues expect besides protocol pings (Lighter: ~10 s). */
  readonly appPing?: { readonly intervalMs: number; readonly message: string };
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Backoff by failure kind, with full jitter; `attempt` counts consecutive failures. */
export function backoffMs(kind: FailureKind, attempt: number, random: () => number = Math.random): number {
  switch (kind) {
    case 'server-close':
    case 'stall':
      return Math.floor(random() * 250);
    case 'auth':
      return 500 + Math.floor(random() * 500);
    case 'network': {
      const cap = Math.min(8_000, 250 * 2 ** Math.min(attempt, 5));
      return Math.floor(cap / 2 + (random() * cap) / 2);
    }
    case 'rate-limit':
      return 30_000 + Math.floor(random() * 30_000);
  }
}

/** The highest score a stream that is not open can show (the health view shows anything below 50 as red). */
export const NOT_OPEN_MAX_SCORE = 40;

interface EndpointStats {
  failures: number;
  connects: number;
}

export class ResilientSocket {
  private ws: WebSocket | null = null;
  private state: StreamState = 'closed';
  private closedByUs = false;
  private attempt = 0;
  private endpointIndex = 0;
  private readonly endpointStats: EndpointStats[];
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private stallTimer: ReturnType<typeof setInterval> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastFrameMs: number | null = null;
  private readonly startedMs: number;
  private connectedSinceMs: number | null = null;
  private connectedTotalMs = 0;
  private readonly reconnectTimes: number[] = [];
  private resyncs = 0;
  private reconnects = 0;
  private parseErrors = 0;
  readonly gaps = new LatencyHistogram();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ResilientSocketOptions) {
    if (options.endpoints.length === 0) throw new Error('at least one endpoint is required');
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.startedMs = this.now();
    this.endpointStats = options.endpoints.map(() => ({ failures: 0, connects: 0 }));
  }

  get endpoint(): string {
    return this.options.endpoints[this.endpointIndex]!;
  }

  start(): void {
    this.closedByUs = false;
    this.connect();
    const ping = this.options.appPing;
    if (ping !== undefined && this.pingTimer === null) {
      this.pingTimer = setInterval(() => this.send(ping.message), ping.intervalMs);
      this.pingTimer.unref?.();
    }
    const stallMs = this.options.stallMs ?? 0;
    if (stallMs > 0 && this.stallTimer === null) {
      this.stallTimer = setInterval(() => {
        if (this.state === 'open' && this.lastFrameMs !== null && this.now() - this.lastFrameMs > stallMs) {
          this.state = 'stalled';
          this.fail('stall');
        }
      }, Math.max(50, Math.floor(stallMs / 4)));
      this.stallTimer.unref?.();
    }
  }

  send(text: string): boolean {
    if (this.ws === null || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  /** Runs a venue callback; a throw is counted, never propagated into the socket's events. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch {
      this.parseErrors += 1;
    }
  }

  /** The venue layer reports each frame it could not use. */
  noteParseError(): void {
    this.parseErrors += 1;
  }

  /** The venue layer reports each book resync: it lowers the quality score. */
  noteResync(): void {
    this.resyncs += 1;
  }

  /** Forces a reconnect now (e.g. Extended's answer to a sequence gap). */
  reconnect(kind: FailureKind = 'server-close'): void {
    this.fail(kind);
  }

  private connect(): void {
    if (this.closedByUs) return;
    this.state = 'connecting';
    const ws = new WebSocket(this.endpoint, { headers: this.options.headers?.() ?? {}, handshakeTimeout: 10_000 });
    this.ws = ws;
    let failed = false;
    const failOnce = (kind: FailureKind) => {
      if (failed || this.ws !== ws) return;
      failed = true;
      this.fail(kind);
    };
    // A replaced socket can still deliver frames it had buffered: they belong to a stream that is
    // gone, so every handler first checks it is still the current socket.
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.state = 'open';
      this.attempt = 0;
      this.endpointStats[this.endpointIndex]!.connects += 1;
      this.endpointStats[this.endpointIndex]!.failures = 0;
      this.connectedSinceMs = this.now();
      this.lastFrameMs = this.now();
      this.guard(() => this.options.onOpen(this));
    });
    ws.on('message', (data) => {
      if (this.ws !== ws) return;
      const t = this.now();
      if (this.lastFrameMs !== null) this.gaps.record(t - this.lastFrameMs);
      this.lastFrameMs = t;
      // A handler that throws on one frame must not end the process (nothing above catches a
      // socket callback): it counts as a parse error and the stream carries on.
      this.guard(() => this.options.onMessage(data.toString(), t));
    });
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      failOnce(status === 429 ? 'rate-limit' : status === 401 || status === 403 ? 'auth' : 'network');
      ws.terminate();
    });
    ws.on('close', (code) => failOnce(code === 1000 || code === 1001 ? 'server-close' : code === 1008 ? 'rate-limit' : 'network'));
    ws.on('error', () => failOnce('network'));
  }

  private fail(kind: FailureKind): void {
    if (this.connectedSinceMs !== null) {
      this.connectedTotalMs += this.now() - this.connectedSinceMs;
      this.connectedSinceMs = null;
    }
    const old = this.ws;
    this.ws = null;
    old?.removeAllListeners('close');
    old?.on('error', () => undefined);
    if (old !== null && old.readyState !== WebSocket.CLOSED) old.terminate();
    if (this.closedByUs) {
      this.state = 'closed';
      return;
    }
    this.state = 'backoff';
    this.guard(() => this.options.onDown?.(kind));
    this.attempt += 1;
    this.reconnects += 1;
    this.reconnectTimes.push(this.now());
    const stats = this.endpointStats[this.endpointIndex]!;
    if (kind === 'network' || kind === 'rate-limit') stats.failures += 1;
    // Fail over after two straight failures to the endpoint with the fewest recent failures.
    if (this.options.endpoints.length > 1 && stats.failures >= 2) {
      let best = this.endpointIndex;
      for (let i = 0; i < this.endpointStats.length; i++) if (this.endpointStats[i]!.failures < this.endpointStats[best]!.failures) best = i;
      if (best === this.endpointIndex) best = (this.endpointIndex + 1) % this.options.endpoints.length;
      this.endpointIndex = best;
    }
    const delay = backoffMs(kind, this.attempt, this.random);
    const go = () => {
      this.reconnectTimer = null;
      this.connect();
    };
    this.reconnectTimer = setTimeout(() => {
      if (kind === 'auth' && this.options.refreshAuth !== undefined) void this.options.refreshAuth().finally(go);
      else go();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  /** 0-100 from uptime, the p99 gap between frames, reconnects per hour and resyncs. */
  qualityScore(): number {
    const t = this.now();
    const lifeMs = Math.max(1, t - this.startedMs);
    const up = this.connectedTotalMs + (this.connectedSinceMs === null ? 0 : t - this.connectedSinceMs);
    const uptime = Math.min(1, up / lifeMs);
    const hourAgo = t - 3_600_000;
    const perHour = this.reconnectTimes.filter((x) => x > hourAgo).length;
    const p99 = this.gaps.quantile(0.99);
    const gapScore = p99 <= 1_000 ? 1 : p99 >= 30_000 ? 0 : 1 - (p99 - 1_000) / 29_000;
    const reconnectScore = Math.max(0, 1 - perHour / 30);
    const resyncScore = Math.max(0, 1 - this.resyncs / 50);
    const score = Math.round(100 * (0.45 * uptime + 0.2 * gapScore + 0.25 * reconnectScore + 0.1 * resyncScore));
    // Freshness and quality must agree: a stream that is down, backing off, stalled or still
    // connecting carries no data now, whatever its history, so it can never show green.
    return this.state === 'open' ? score : Math.min(score, NOT_OPEN_MAX_SCORE);
  }

  health(): StreamHealth {
    return {
      venue: this.options.venue,
      stream: this.options.stream,
      endpoint: this.endpoint,
      state: this.state,
      qualityScore: this.qualityScore(),
      lastFrameAgeMs: this.lastFrameMs === null ? null : this.now() - this.lastFrameMs,
      reconnects: this.reconnects,
      resyncs: this.resyncs,
      parseErrors: this.parseErrors,
    };
  }

  isOpen(): boolean {
    return this.state === 'open';
  }

  close(): void {
    this.closedByUs = true;
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    if (this.stallTimer !== null) clearInterval(this.stallTimer);
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.reconnectTimer = null;
    this.stallTimer = null;
    this.pingTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws !== null) {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
    }
    this.state = 'closed';
  }
}
