// The Extended adapter: metadata and funding over REST, every book over one path-based stream
// (seq per connection: any gap rebuilds all books by reconnecting), the account stream, and
// signed orders (Stark signature over the in-house settlement hash) with readback by externalId.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { VenueId } from '../../domain/venue';
import { LatencyRegistry } from '../../telemetry/histogram';
import type {
  AccountEvent, ActionOutcome, Balance, Fill, FundingPayment, FundingRate, L2Book, MarketMeta, OrderState, OrderStatus, PlaceOrder, Position, StreamHealth, VenuePort,
} from '../port';
import { VenueError, VenueParseError } from '../common/errors';
import { VenueHttp } from '../common/http';
import { EXTENDED_BUCKET, RateLimiter } from '../common/rate-limit';
import { ResilientSocket } from '../common/ws';
import { ExtendedBook } from './book';
import { buildSignedOrder, type L2Config } from './signing/order';
import { EXTENDED_DOMAIN_TESTNET, type StarknetDomain } from './signing/order-hash';
import { hourlyFromExtended, nextFundingTimeMs, symbolOf } from './wire/funding';
import { balanceSchema, bookMessage, envelope, errorEnvelope, feeRow, fundingHistoryRow, fundingPaymentSchema, marketSchema, orderSchema, positionSchema, tradeSchema } from './wire/schemas';

const HOUR_MS = 3_600_000;
const USER_AGENT = 'Fundingbot/0.1 (+extended adapter)';
/** Resting makers default to 30 days: never the SDK's silent one-hour expiry. */
const DEFAULT_EXPIRY_MS = 30 * 24 * HOUR_MS;

export interface ExtendedCredentials {
  readonly apiKey: string;
  readonly vault: number;
  readonly starkPrivateKey: string;
  readonly starkPublicKey: string;
}

export interface ExtendedAdapterOptions {
  readonly restUrl: string;
  readonly wsUrls: readonly string[];
  readonly credentials?: ExtendedCredentials;
  readonly domain?: StarknetDomain;
  readonly latency?: LatencyRegistry;
  readonly metadataTtlMs?: number;
  readonly fundingPollMs?: number;
  readonly stallMs?: number;
  readonly orderTimeoutMs?: number;
  readonly now?: () => number;
}

interface MarketInfo {
  readonly meta: MarketMeta;
  readonly l2: L2Config;
}

export class ExtendedAdapter implements VenuePort {
  readonly venue: VenueId = 'extended';
  readonly http: VenueHttp;
  readonly limiter: RateLimiter;
  readonly latency: LatencyRegistry;
  private readonly markets = new Map<string, MarketInfo>();
  private readonly books = new Map<string, ExtendedBook>();
  private readonly watched = new Set<string>();
  private readonly funding = new Map<string, FundingRate>();
  private readonly settled = new Map<string, FundingRate>();
  private bookSocket: ResilientSocket | null = null;
  private accountSocket: ResilientSocket | null = null;
  private lastSeq = 0;
  /** A reconnect for fresh snapshots is under way: don't ask again for every frame. */
  private rebuildRequested = false;
  private readonly bookListeners = new Set<(b: L2Book) => void>();
  private readonly fundingListeners = new Set<(r: FundingRate) => void>();
  private readonly accountListeners = new Set<(e: AccountEvent) => void>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private metadataLoadedAtMs = 0;
  private feesLoaded = false;
  private readonly now: () => number;
  parseErrors = 0;

  constructor(private readonly options: ExtendedAdapterOptions) {
    this.now = options.now ?? Date.now;
    this.latency = options.latency ?? new LatencyRegistry();
    this.limiter = new RateLimiter(EXTENDED_BUCKET);
    const headers: Record<string, string> = { 'User-Agent': USER_AGENT };
    if (options.credentials !== undefined) headers['X-Api-Key'] = options.credentials.apiKey;
    this.http = new VenueHttp({ venue: 'extended', baseUrl: options.restUrl, headers, latency: this.latency, limiter: this.limiter, timeoutMs: 10_000 });
  }

  async start(): Promise<void> {
    await this.loadMarkets();
    const ttl = this.options.metadataTtlMs ?? HOUR_MS;
    this.timers.push(setInterval(() => void this.refreshMarkets().catch(() => undefined), Math.max(1_000, ttl * 0.9)));
    this.timers.push(setInterval(() => void this.pollFunding().catch(() => undefined), this.options.fundingPollMs ?? 500));
    for (const t of this.timers) t.unref?.();
    this.openBookSocket();
    if (this.options.credentials !== undefined) this.openAccountSocket();
  }

  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    this.bookSocket?.close();
    this.accountSocket?.close();
    this.limiter.dispose();
    await this.http.close();
  }

  private async get<T extends z.ZodType>(path: string, schema: T, route: string, query?: Record<string, string | number | readonly (string | number)[] | undefined>): Promise<{ data: z.infer<T>; cursor: number | null; count: number }> {
    const res = await this.http.request({ path, route, ...(query === undefined ? {} : { query }) });
    if (res.status >= 400) throw this.venueError(route, res.status, res.body);
    const parsed = envelope(schema).safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`${route}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, res.body);
    const body = parsed.data as { data: z.infer<T>; pagination?: { cursor: number; count: number } };
    const p = body.pagination;
    return { data: body.data, cursor: p === undefined || p.cursor === 0 ? null : p.cursor, count: p?.count ?? 0 };
  }

  private venueError(route: string, status: number, body: unknown): VenueError {
    const e = errorEnvelope.safeParse(body);
    return new VenueError('definitive', `${route}: HTTP ${status}${e.success ? ` ${e.data.error.code} ${e.data.error.message}` : ''}`, status, body, e.success ? e.data.error.code : null);
  }

  // ---- metadata and funding ---------------------------------------------------------------------

  async loadMarkets(): Promise<readonly MarketMeta[]> {
    if (this.markets.size > 0 && this.now() - this.metadataLoadedAtMs < (this.options.metadataTtlMs ?? HOUR_MS)) return [...this.markets.values()].map((m) => m.meta);
    return this.refreshMarkets();
  }

  private async refreshMarkets(): Promise<readonly MarketMeta[]> {
    const { data } = await this.get('/info/markets', z.array(marketSchema), 'info/markets');
    const fees = new Map<string, { maker: number; taker: number }>();
    if (this.options.credentials !== undefined) {
      const f = await this.get('/user/fees', z.array(feeRow), 'user/fees');
      for (const row of f.data) fees.set(row.market, { maker: Number(row.makerFeeRate), taker: Number(row.takerFeeRate) });
      this.feesLoaded = true;
    }
    for (const m of data) {
      const symbol = symbolOf(m.name);
      const fee = fees.get(m.name) ?? { maker: 0, taker: 0.00025 };
      this.markets.set(symbol, {
        meta: {
          venue: 'extended',
          symbol,
          venueMarket: m.name,
          marketIndex: null,
          tickSize: m.tradingConfig.minPriceChange,
          stepSize: m.tradingConfig.minOrderSizeChange,
          minSize: m.tradingConfig.minOrderSize,
          minNotionalUsd: '0',
          maxLeverage: Number(m.tradingConfig.maxLeverage),
          makerFeeRate: fee.maker,
          takerFeeRate: fee.taker,
          fundingIntervalHours: 1,
          active: m.active,
        },
        l2: { syntheticId: m.l2Config.syntheticId, syntheticResolution: m.l2Config.syntheticResolution, collateralId: m.l2Config.collateralId, collateralResolution: m.l2Config.collateralResolution },
      });
      this.onStats(symbol, m.marketStats.fundingRate, m.marketStats.nextFundingRate, m.marketStats.markPrice, m.marketStats.indexPrice);
    }
    this.metadataLoadedAtMs = this.now();
    return [...this.markets.values()].map((m) => m.meta);
  }

  private async pollFunding(): Promise<void> {
    const { data } = await this.get('/info/markets', z.array(marketSchema), 'info/markets');
    for (const m of data) this.onStats(symbolOf(m.name), m.marketStats.fundingRate, m.marketStats.nextFundingRate, m.marketStats.markPrice, m.marketStats.indexPrice);
  }

  private onStats(symbol: string, rate: string, next: number, mark: string, index: string): void {
    let rate_: FundingRate;
    try {
      rate_ = { venue: 'extended', symbol, hourlyRate: hourlyFromExtended(rate), kind: 'predicted', settlementTimeMs: nextFundingTimeMs(next), markPrice: Number(mark), indexPrice: Number(index) };
    } catch {
      this.parseErrors += 1;
      return;
    }
    this.funding.set(symbol, rate_);
    for (const cb of this.fundingListeners) cb(rate_);
  }

  market(symbol: string): MarketMeta | undefined {
    return this.markets.get(symbol)?.meta;
  }

  async currentFunding(): Promise<readonly FundingRate[]> {
    return [...this.funding.values(), ...this.settled.values()];
  }

  onFunding(cb: (rate: FundingRate) => void): () => void {
    this.fundingListeners.add(cb);
    return () => this.fundingListeners.delete(cb);
  }

  /** Pages through every cursor: the Python bot once lost 37 % of the rows reading one page. */
  async fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]> {
    const m = this.markets.get(symbol);
    if (m === undefined) throw new VenueError('definitive', `unknown market ${symbol}`);
    const rows: FundingRate[] = [];
    let cursor: number | null = null;
    for (let page = 0; page < 1_000; page++) {
      const r: { data: z.infer<typeof fundingHistoryRow>[]; cursor: number | null } = await this.get(`/info/${encodeURIComponent(m.meta.venueMarket)}/funding`, z.array(fundingHistoryRow), 'info/funding', { startTime: fromMs, endTime: toMs, limit: 1000, ...(cursor === null ? {} : { cursor }) });
      for (const row of r.data) rows.push({ venue: 'extended', symbol, hourlyRate: hourlyFromExtended(row.f), kind: 'settled', settlementTimeMs: row.T, markPrice: null, indexPrice: null });
      if (r.cursor === null || r.data.length === 0) break;
      cursor = r.cursor;
    }
    rows.sort((a, b) => a.settlementTimeMs - b.settlementTimeMs);
    const last = rows[rows.length - 1];
    if (last !== undefined) this.settled.set(symbol, last);
    return rows;
  }

  // ---- books ------------------------------------------------------------------------------------

  watchBooks(symbols: readonly string[]): void {
    for (const s of symbols) {
      if (!this.markets.has(s) || this.watched.has(s)) continue;
      this.watched.add(s);
      this.books.set(s, new ExtendedBook('extended', s));
    }
  }

  private openBookSocket(): void {
    const socket: ResilientSocket = new ResilientSocket({
      venue: 'extended',
      stream: 'orderbooks',
      endpoints: this.options.wsUrls.map((u) => `${u.replace(/\/$/, '')}/orderbooks`),
      headers: () => ({ 'User-Agent': USER_AGENT }),
      stallMs: this.options.stallMs ?? 15_000,
      onOpen: () => {
        this.lastSeq = 0;
        this.rebuildRequested = false;
      },
      onMessage: (text, t) => this.onBookFrame(socket, text, t),
      onDown: (kind) => {
        for (const b of this.books.values()) {
          b.markStale(kind === 'stall' ? 'stream stalled' : 'connection lost');
          this.emitBook(b);
        }
      },
    });
    this.bookSocket = socket;
    socket.start();
  }

  private onBookFrame(socket: ResilientSocket, text: string, receivedAtMs: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.parseErrors += 1;
      return;
    }
    const msg = bookMessage.safeParse(raw);
    if (!msg.success) {
      this.parseErrors += 1;
      const m = typeof raw === 'object' && raw !== null ? (raw as { data?: { m?: unknown } }).data?.m : undefined;
      const book = typeof m === 'string' ? this.books.get(symbolOf(m)) : undefined;
      if (book !== undefined) {
        book.markStale('malformed frame');
        this.emitBook(book);
      }
      return;
    }
    const { seq } = msg.data;
    if (this.lastSeq !== 0 && seq !== this.lastSeq + 1) {
      // seq counts this connection's messages across all markets: a gap, a repeat or a swap
      // anywhere invalidates every book. Reconnecting yields fresh SNAPSHOTs (venues.md §2.5).
      for (const b of this.books.values()) {
        b.markStale(seq <= this.lastSeq ? `duplicate or out-of-order seq ${seq}` : `seq gap: expected ${this.lastSeq + 1}, got ${seq}`);
        this.emitBook(b);
      }
      socket.noteResync();
      this.lastSeq = 0;
      socket.reconnect('server-close');
      return;
    }
    this.lastSeq = seq;
    const book = this.books.get(symbolOf(msg.data.data.m));
    if (book === undefined) return;
    const verdict = book.apply(msg.data, receivedAtMs);
    // A delta for a book with no valid snapshot (after a stall or a broken frame) can never make
    // it whole: only a new connection brings snapshots (venues.md §2.5).
    if ((verdict === 'negative' || verdict === 'crossed' || verdict === 'not-ready') && !this.rebuildRequested) {
      this.rebuildRequested = true;
      socket.noteResync();
      this.lastSeq = 0;
      socket.reconnect('server-close');
    }
    this.emitBook(book);
  }

  private emitBook(book: ExtendedBook): void {
    const snap = book.snapshot();
    for (const cb of this.bookListeners) cb(snap);
  }

  book(symbol: string): L2Book | undefined {
    return this.books.get(symbol)?.snapshot();
  }

  onBook(cb: (book: L2Book) => void): () => void {
    this.bookListeners.add(cb);
    return () => this.bookListeners.delete(cb);
  }

  // ---- account ------------------------------------------------------------------------------------

  private requireCredentials(): ExtendedCredentials {
    if (this.options.credentials === undefined) throw new VenueError('definitive', 'Extended credentials are not configured');
    return this.options.credentials;
  }

  private openAccountSocket(): void {
    const creds = this.requireCredentials();
    const socket = new ResilientSocket({
      venue: 'extended',
      stream: 'account',
      endpoints: this.options.wsUrls.map((u) => `${u.replace(/\/$/, '')}/account`),
      headers: () => ({ 'User-Agent': USER_AGENT, 'X-Api-Key': creds.apiKey }),
      onOpen: () => undefined,
      onMessage: (text) => this.onAccountFrame(text),
    });
    this.accountSocket = socket;
    socket.start();
  }

  private onAccountFrame(text: string): void {
    let raw: { type?: unknown; data?: { orders?: unknown[]; trades?: unknown[]; positions?: unknown[]; balance?: unknown } };
    try {
      raw = JSON.parse(text) as typeof raw;
    } catch {
      this.parseErrors += 1;
      return;
    }
    const emit = (e: AccountEvent) => {
      for (const cb of this.accountListeners) cb(e);
    };
    for (const o of raw.data?.orders ?? []) {
      const p = orderSchema.safeParse(o);
      if (p.success) emit({ type: 'order', order: this.toOrderState(p.data) });
      else this.parseErrors += 1;
    }
    for (const t of raw.data?.trades ?? []) {
      const p = tradeSchema.safeParse(t);
      if (p.success) emit({ type: 'fill', fill: this.toFill(p.data) });
      else this.parseErrors += 1;
    }
    for (const pos of raw.data?.positions ?? []) {
      const p = positionSchema.safeParse(pos);
      if (p.success) emit({ type: 'position', position: this.toPosition(p.data) });
      else this.parseErrors += 1;
    }
    if (raw.data?.balance !== undefined) {
      const b = balanceSchema.safeParse(raw.data.balance);
      if (b.success) emit({ type: 'balance', balance: { venue: 'extended', collateralUsd: Number(b.data.balance), equityUsd: Number(b.data.equity), availableUsd: Number(b.data.availableForTrade) } });
      else this.parseErrors += 1;
    }
  }

  onAccount(cb: (event: AccountEvent) => void): () => void {
    this.accountListeners.add(cb);
    return () => this.accountListeners.delete(cb);
  }

  private toOrderState(o: z.infer<typeof orderSchema>): OrderState {
    const status: OrderStatus = (() => {
      switch (o.status) {
        case 'NEW':
        case 'PARTIALLY_FILLED':
        case 'UNTRIGGERED':
        case 'TRIGGERED':
          return 'open';
        case 'FILLED':
          return 'filled';
        case 'CANCELLED':
          return 'canceled';
        case 'EXPIRED':
          return 'expired';
        case 'REJECTED':
          return 'rejected';
        default:
          // An unknown status is never assumed to be open: treat it as still in flight.
          return 'pending';
      }
    })();
    return {
      venue: 'extended',
      symbol: symbolOf(o.market),
      clientOrderId: o.externalId,
      venueOrderId: String(o.id),
      side: o.side === 'BUY' ? 'buy' : 'sell',
      status,
      reason: o.statusReason ?? null,
      price: o.price,
      size: o.qty,
      filledSize: o.filledQty ?? '0',
      avgFillPrice: o.averagePrice === undefined ? null : Number(o.averagePrice),
      reduceOnly: o.reduceOnly,
      updatedAtMs: o.updatedTime,
    };
  }

  private toFill(t: z.infer<typeof tradeSchema>): Fill {
    return { venue: 'extended', symbol: symbolOf(t.market), venueFillId: String(t.id), venueOrderId: String(t.orderId), clientOrderId: null, side: t.side === 'BUY' ? 'buy' : 'sell', size: t.qty, price: t.price, feeUsd: Number(t.fee), isMaker: !t.isTaker, timeMs: t.createdTime };
  }

  private toPosition(p: z.infer<typeof positionSchema>): Position {
    const size = Number(p.size);
    return {
      venue: 'extended',
      symbol: symbolOf(p.market),
      size: p.status === 'CLOSED' ? 0 : p.side === 'LONG' ? size : -size,
      entryPrice: Number(p.openPrice ?? 0),
      markPrice: Number(p.markPrice ?? 0),
      liquidationPrice: p.liquidationPrice === undefined ? null : Number(p.liquidationPrice),
      unrealizedPnlUsd: Number(p.unrealisedPnl ?? 0),
      leverage: p.leverage === undefined ? null : Number(p.leverage),
    };
  }

  async place(order: PlaceOrder): Promise<ActionOutcome> {
    const creds = this.requireCredentials();
    const m = this.markets.get(order.symbol);
    if (m === undefined) return { kind: 'rejected', reason: `unknown market ${order.symbol}`, code: null };
    if (!this.feesLoaded) await this.refreshMarkets();
    const body = buildSignedOrder(
      {
        externalId: order.clientOrderId,
        market: m.meta.venueMarket,
        side: order.side === 'buy' ? 'BUY' : 'SELL',
        qty: order.size,
        price: order.price,
        timeInForce: order.tif === 'ioc' || order.type === 'market' ? 'IOC' : 'GTT',
        postOnly: order.tif === 'post_only',
        reduceOnly: order.reduceOnly,
        expiryEpochMillis: order.expiryMs ?? this.now() + DEFAULT_EXPIRY_MS,
        // The signed fee is a maximum: the taker rate, even for post-only orders.
        feeRate: m.meta.takerFeeRate.toString(),
        nonce: randomInt(1, 2 ** 31 - 1),
      },
      m.l2,
      { vault: creds.vault, privateKey: creds.starkPrivateKey, publicKey: creds.starkPublicKey },
      this.options.domain ?? EXTENDED_DOMAIN_TESTNET,
    );
    return this.action('user/order', () => this.http.request({ method: 'POST', path: '/user/order', json: body, route: 'user/order', priority: 'order', timeoutMs: this.options.orderTimeoutMs ?? 5_000 }), (data) => {
      const ack = z.object({ id: z.number() }).safeParse(data);
      return ack.success ? String(ack.data.id) : null;
    });
  }

  /** Maps a send to accepted / rejected / unknown. Anything after the bytes may have left is unknown. */
  private async action(route: string, send: () => Promise<{ status: number; body: unknown }>, idOf: (data: unknown) => string | null = () => null): Promise<ActionOutcome> {
    let res: { status: number; body: unknown };
    try {
      res = await send();
    } catch (e) {
      if (e instanceof VenueError && e.kind === 'not-sent') return { kind: 'rejected', reason: `not sent: ${e.message}`, code: 'not-sent' };
      return { kind: 'unknown', cause: e instanceof Error ? e.message : String(e) };
    }
    if (res.status === 429) return { kind: 'rejected', reason: 'rate limited', code: '429' };
    if (res.status >= 400) {
      const e = errorEnvelope.safeParse(res.body);
      return { kind: 'rejected', reason: e.success ? e.data.error.message : `HTTP ${res.status}`, code: e.success ? String(e.data.error.code) : String(res.status) };
    }
    const ok = envelope(z.unknown()).safeParse(res.body);
    if (!ok.success) return { kind: 'unknown', cause: `${route}: unreadable acknowledgement` };
    return { kind: 'accepted', venueOrderId: idOf(ok.data.data), ackAtMs: this.now() };
  }

  cancel(_symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    return this.action('user/order', () => this.http.request({ method: 'DELETE', path: '/user/order', query: { externalId: clientOrderId }, route: 'user/order', priority: 'order' }));
  }

  cancelAll(symbol?: string): Promise<ActionOutcome> {
    const m = symbol === undefined ? undefined : this.markets.get(symbol);
    return this.action('user/order/massCancel', () => this.http.request({ method: 'POST', path: '/user/order/massCancel', json: m === undefined ? { cancelAll: true } : { markets: [m.meta.venueMarket] }, route: 'user/order/massCancel', priority: 'order' }));
  }

  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    const m = this.markets.get(symbol);
    if (m === undefined) return Promise.resolve({ kind: 'rejected', reason: `unknown market ${symbol}`, code: null });
    return this.action('user/leverage', () => this.http.request({ method: 'PATCH', path: '/user/leverage', json: { market: m.meta.venueMarket, leverage: String(leverage) }, route: 'user/leverage', priority: 'order' }));
  }

  async orderByClientId(_symbol: string, clientOrderId: string): Promise<OrderState | null> {
    this.requireCredentials();
    const { data } = await this.get(`/user/orders/external/${encodeURIComponent(clientOrderId)}`, z.array(orderSchema), 'user/orders/external');
    const newest = [...data].sort((a, b) => b.updatedTime - a.updatedTime)[0];
    return newest === undefined ? null : this.toOrderState(newest);
  }

  async openOrders(symbol?: string): Promise<readonly OrderState[]> {
    this.requireCredentials();
    const m = symbol === undefined ? undefined : this.markets.get(symbol);
    const { data } = await this.get('/user/orders', z.array(orderSchema), 'user/orders', m === undefined ? undefined : { market: m.meta.venueMarket });
    return data.map((o) => this.toOrderState(o));
  }

  private async allPages<T extends z.ZodType>(path: string, schema: T, route: string, query: Record<string, string | number | readonly string[] | undefined>): Promise<z.infer<T>[]> {
    const out: z.infer<T>[] = [];
    let cursor: number | null = null;
    for (let page = 0; page < 10_000; page++) {
      const r: { data: z.infer<T>[]; cursor: number | null } = await this.get(path, z.array(schema), route, { ...query, limit: 100, ...(cursor === null ? {} : { cursor }) });
      out.push(...r.data);
      if (r.cursor === null || r.data.length === 0) break;
      cursor = r.cursor;
    }
    return out;
  }

  async fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    this.requireCredentials();
    const m = symbol === null ? undefined : this.markets.get(symbol);
    const rows = await this.allPages('/user/trades', tradeSchema, 'user/trades', { market: m?.meta.venueMarket });
    return rows.map((t) => this.toFill(t)).filter((f) => f.timeMs >= sinceMs);
  }

  async fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    this.requireCredentials();
    const m = symbol === null ? undefined : this.markets.get(symbol);
    const rows = await this.allPages('/user/funding/history', fundingPaymentSchema, 'user/funding/history', { market: m?.meta.venueMarket, fromTime: sinceMs });
    return rows
      .filter((p) => p.paidTime >= sinceMs)
      .map((p) => ({
        venue: 'extended' as const,
        symbol: symbolOf(p.market),
        venuePaymentId: String(p.id),
        settlementTimeMs: p.paidTime,
        cashUsd: Number(p.fundingFee),
        hourlyRate: p.fundingRate === undefined ? Number.NaN : hourlyFromExtended(p.fundingRate),
        positionSide: p.side === 'LONG' ? ('long' as const) : ('short' as const),
        positionSize: Number(p.size),
      }));
  }

  async positions(): Promise<readonly Position[]> {
    this.requireCredentials();
    const { data } = await this.get('/user/positions', z.array(positionSchema), 'user/positions');
    return data.map((p) => this.toPosition(p));
  }

  async balance(): Promise<Balance> {
    this.requireCredentials();
    const { data } = await this.get('/user/balance', balanceSchema, 'user/balance');
    return { venue: 'extended', collateralUsd: Number(data.balance), equityUsd: Number(data.equity), availableUsd: Number(data.availableForTrade) };
  }

  health(): readonly StreamHealth[] {
    return [this.bookSocket, this.accountSocket].filter((s): s is ResilientSocket => s !== null).map((s) => s.health());
  }
}

