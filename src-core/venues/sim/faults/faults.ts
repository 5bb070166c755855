// Network-level fault injection shared by both faces. Tests drive it in-process; the app and
// the CLI drive it through the loopback control endpoint. Every fault is off by default and
// most are counted ("the next N requests"), so a test states exactly what it injects.
import type { VenueId } from '../../../domain/venue';

export interface HttpFault {
  /** Only requests to this route get the fault (undefined = any route). */
  readonly route?: string;
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

export type WsMangle = 'gap' | 'duplicate' | 'reorder';

/** A market's trading status as a venue reports it (Extended: ACTIVE, REDUCE_ONLY, DELISTED,
 *  PRELISTED; venues.md §7.3). Markets are ACTIVE unless a test or the control endpoint says. */
export const SIM_MARKET_STATUSES = ['ACTIVE', 'REDUCE_ONLY', 'DELISTED', 'PRELISTED'] as const;
export type SimMarketStatus = (typeof SIM_MARKET_STATUSES)[number];

interface VenueFaults {
  latency: Map<string, { ms: number; jitterMs: number }>;
  responseDelay: Map<string, number>;
  http: HttpFault[];
  tooManyRequests: { route: string | undefined }[];
  down: boolean;
  stalled: boolean;
  wsMangles: WsMangle[];
  dropSendTx: number;
  disconnectEveryMs: number | null;
  fundingPaymentScale: number;
}

const HTML_PROXY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>';

export class FaultInjector {
  private readonly byVenue: Record<VenueId, VenueFaults> = { lighter: fresh(), extended: fresh() };
  private readonly disconnectListeners = new Set<(venue: VenueId) => void>();
  private readonly marketStatuses = new Map<string, SimMarketStatus>();
  private random: () => number = Math.random;

  constructor(random?: () => number) {
    if (random !== undefined) this.random = random;
  }

  /** Delay for a route ("*" for every route), in ms. */
  setLatency(venue: VenueId, route: string, ms: number, jitterMs = 0): void {
    this.byVenue[venue].latency.set(route, { ms, jitterMs });
  }

  latencyMs(venue: VenueId, route: string): number {
    const l = this.byVenue[venue].latency.get(route) ?? this.byVenue[venue].latency.get('*');
    if (l === undefined) return 0;
    return Math.max(0, l.ms + (l.jitterMs === 0 ? 0 : (this.random() * 2 - 1) * l.jitterMs));
  }

  /** The request is executed at once but its answer is held back: what a client sees as a
   *  timeout after the venue already acted (the ambiguous case). */
  setResponseDelay(venue: VenueId, route: string, ms: number): void {
    this.byVenue[venue].responseDelay.set(route, ms);
  }

  responseDelayMs(venue: VenueId, route: string): number {
    return this.byVenue[venue].responseDelay.get(route) ?? this.byVenue[venue].responseDelay.get('*') ?? 0;
  }

  /** The next `count` HTTP requests answer with a 5xx; `html` gives a proxy error page. */
  failHttp(venue: VenueId, count: number, status = 503, html = false, route?: string): void {
    const base: HttpFault = html
      ? { status, body: HTML_PROXY_PAGE, contentType: 'text/html' }
      : { status, body: JSON.stringify({ error: 'service unavailable' }), contentType: 'application/json' };
    const fault: HttpFault = route === undefined ? base : { ...base, route };
    for (let i = 0; i < count; i++) this.byVenue[venue].http.push(fault);
  }

  /** Queues an exact response (e.g. Lighter's HTTP 400 with code 29500). */
  queueHttp(venue: VenueId, fault: HttpFault): void {
    this.byVenue[venue].http.push(fault);
  }

  nextHttpFault(venue: VenueId, route: string): HttpFault | null {
    const q = this.byVenue[venue].http;
    const i = q.findIndex((f) => f.route === undefined || f.route === route);
    return i < 0 ? null : q.splice(i, 1)[0]!;
  }

  /** The next `count` requests get 429 regardless of the rate limiter. */
  burst429(venue: VenueId, count: number, route?: string): void {
    for (let i = 0; i < count; i++) this.byVenue[venue].tooManyRequests.push({ route });
  }

  take429(venue: VenueId, route?: string): boolean {
    const q = this.byVenue[venue].tooManyRequests;
    const i = q.findIndex((f) => f.route === undefined || f.route === route);
    if (i < 0) return false;
    q.splice(i, 1);
    return true;
  }

  setDown(venue: VenueId, down: boolean): void {
    this.byVenue[venue].down = down;
    if (down) this.disconnect(venue);
  }

  isDown(venue: VenueId): boolean {
    return this.byVenue[venue].down;
  }

  /** Connections stay open but no data is sent. */
  setStalled(venue: VenueId, stalled: boolean): void {
    this.byVenue[venue].stalled = stalled;
  }

  isStalled(venue: VenueId): boolean {
    return this.byVenue[venue].stalled;
  }

  /** Closes every WebSocket of the venue now. */
  disconnect(venue: VenueId): void {
    for (const cb of this.disconnectListeners) cb(venue);
  }

  disconnectEvery(venue: VenueId, ms: number | null): void {
    this.byVenue[venue].disconnectEveryMs = ms;
  }

  disconnectInterval(venue: VenueId): number | null {
    return this.byVenue[venue].disconnectEveryMs;
  }

  onDisconnect(cb: (venue: VenueId) => void): () => void {
    this.disconnectListeners.add(cb);
    return () => this.disconnectListeners.delete(cb);
  }

  /** The next book messages are mangled: a skipped sequence, a repeat, or two swapped. */
  mangleBooks(venue: VenueId, kind: WsMangle, count = 1): void {
    for (let i = 0; i < count; i++) this.byVenue[venue].wsMangles.push(kind);
  }

  nextMangle(venue: VenueId): WsMangle | null {
    return this.byVenue[venue].wsMangles.shift() ?? null;
  }

  /** The next `count` sendTx are acknowledged but never executed (they expire). */
  dropSendTx(venue: VenueId, count: number): void {
    this.byVenue[venue].dropSendTx += count;
  }

  takeDroppedSendTx(venue: VenueId): boolean {
    const f = this.byVenue[venue];
    if (f.dropSendTx <= 0) return false;
    f.dropSendTx -= 1;
    return true;
  }

  setMarketStatus(venue: VenueId, symbol: string, status: SimMarketStatus): void {
    this.marketStatuses.set(`${venue}:${symbol}`, status);
  }

  marketStatus(venue: VenueId, symbol: string): SimMarketStatus {
    return this.marketStatuses.get(`${venue}:${symbol}`) ?? 'ACTIVE';
  }

  /** Funding payments pay `scale` × the cash the published rate implies (size × mark × rate),
   *  while the rate the venue publishes (stats, history, the payment row) stays as it is: the
   *  unit inconsistency the funding-unit tripwire must catch (×100 = percent vs decimal). */
  setFundingPaymentScale(venue: VenueId, scale: number): void {
    if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`funding payment scale must be a positive number, got ${scale}`);
    this.byVenue[venue].fundingPaymentScale = scale;
  }

  fundingPaymentScale(venue: VenueId): number {
    return this.byVenue[venue].fundingPaymentScale;
  }

  reset(venue?: VenueId): void {
    for (const v of venue === undefined ? (['lighter', 'extended'] as const) : [venue]) this.byVenue[v] = fresh();
  }
}

function fresh(): VenueFaults {
  return { latency: new Map(), responseDelay: new Map(), http: [], tooManyRequests: [], down: false, stalled: false, wsMangles: [], dropSendTx: 0, disconnectEveryMs: null, fundingPaymentScale: 1 };
}
