// The Lighter adapter: market metadata over REST (cached an hour, refreshed in the background),
// books and funding over /stream, funding history over REST. Base URLs come from configuration:
// the same code talks to the simulator or to the venue.
import type { z } from 'zod';
import type { VenueId } from '../../domain/venue';
import { LatencyRegistry } from '../../telemetry/histogram';
import type {
  AccountEvent, ActionOutcome, Balance, Fill, FundingPayment, FundingRate, L2Book, MarketMeta, OrderState, PlaceOrder, Position, StreamHealth, VenuePort,
} from '../port';
import { VenueError, VenueParseError } from '../common/errors';
import { VenueHttp } from '../common/http';
import { LIGHTER_PREMIUM_BUCKET, LIGHTER_STANDARD_BUCKET, RateLimiter } from '../common/rate-limit';
import { ResilientSocket } from '../common/ws';
import { LighterBook } from './book';
import { parseSize } from '../common/book-state';
import { LighterSigner, type SignedTx, type SignerKey } from './signer/signer';
import { CANCEL_ALL_TIF, MARGIN_MODE, ORDER_TYPE, TIME_IN_FORCE } from './constants';
import { NonceManager, isInvalidNonce } from './nonces';
import { AuthTokenManager } from './auth-token';
import { clientOrderIndexOf } from './client-ids';
import { accountAllMessage, accountOrdersMessage, accountPositionSchema, orderSchema, ordersResponse, positionFundingResponse, positionFundingSchema, toFill, toFundingPayment, toOrderState, tradeSchema, tradesResponse } from './wire/account';
import { decimalsOf, toScaledInt } from '../../domain/decimal';
import { feeFromPercent, hourlyFromFundingsRow, hourlyFromWsPercent, toMs } from './wire/funding';
import { accountResponse, fundingsResponse, marketStatsMessage, orderBookOrdersResponse, orderBookDetailsResponse, orderBookMessage, type MarketStatsEntry } from './wire/schemas';

const HOUR_MS = 3_600_000;
// Lighter allows 100 subscriptions per connection; stay below it.
const BOOKS_PER_SOCKET = 80;

export interface LighterAdapterOptions {
  readonly restUrl: string;
  readonly wsUrls: readonly string[];
  readonly tier?: 'standard' | 'premium';
  /** The trading account; its balance and positions are public reads on Lighter. */
  readonly accountIndex?: number;
  /** API key for signed transactions and private reads; without it actions are refused. */
  readonly credentials?: { readonly privateKeyHex: string; readonly accountIndex: number; readonly apiKeyIndex: number; readonly chainId: number };
  readonly signer?: LighterSigner;
  readonly orderTimeoutMs?: number;
  readonly latency?: LatencyRegistry;
  readonly metadataTtlMs?: number;
  readonly stallMs?: number;
  readonly now?: () => number;
}

type Listener<T> = (v: T) => void;

export class LighterAdapter implements VenuePort {
  readonly venue: VenueId = 'lighter';
  readonly http: VenueHttp;
  readonly limiter: RateLimiter;
  readonly latency: LatencyRegistry;
  private readonly markets = new Map<string, MarketMeta>();
  private readonly bySymbolIndex = new Map<number, string>();
  private readonly books = new Map<string, LighterBook>();
  private readonly funding = new Map<string, { predicted: FundingRate; settled: FundingRate }>();
  private readonly sockets: ResilientSocket[] = [];
  /** Which books each socket carries (resubscribed after every reconnect). */
  private readonly socketBooks = new Map<ResilientSocket, string[]>();
  private readonly watched: string[] = [];
  private readonly bookListeners = new Set<Listener<L2Book>>();
  private readonly fundingListeners = new Set<Listener<FundingRate>>();
  private readonly accountListeners = new Set<Listener<AccountEvent>>();
  private metadataLoadedAtMs = 0;
  private refreshTimer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  private readonly signer: LighterSigner | null;
  private readonly ownsSigner: boolean;
  private readonly nonces: NonceManager | null;
  private readonly auth: AuthTokenManager | null;
  /** Client order index → our client order id, for fills and readback. */
  private readonly clientIds = new Map<number, string>();
  /** Markets whose account_orders channel we follow (subscribed once we trade there). */
  private readonly orderMarkets = new Set<number>();
  private readonly orderChannels = new Set<number>();
  private readonly seenFills = new Set<number>();
  private readonly seenFunding = new Set<number>();
  parseErrors = 0;

  constructor(private readonly options: LighterAdapterOptions) {
    this.now = options.now ?? Date.now;
    this.latency = options.latency ?? new LatencyRegistry();
    this.limiter = new RateLimiter(options.tier === 'standard' ? LIGHTER_STANDARD_BUCKET : LIGHTER_PREMIUM_BUCKET);
    this.http = new VenueHttp({ venue: 'lighter', baseUrl: options.restUrl, latency: this.latency, limiter: this.limiter, timeoutMs: 10_000 });
    const creds = options.credentials;
    this.ownsSigner = creds !== undefined && options.signer === undefined;
    this.signer = creds === undefined ? null : (options.signer ?? new LighterSigner(this.latency, this.now));
    this.nonces = creds === undefined ? null : new NonceManager(() => this.fetchNonce());
    this.auth = creds === undefined || this.signer === null ? null : new AuthTokenManager((d) => this.signer!.createAuthToken(this.key(), d), this.now);
  }

  private key(): SignerKey {
    const c = this.options.credentials;
    if (c === undefined) throw new VenueError('definitive', 'Lighter credentials are not configured');
    return c;
  }

  private async fetchNonce(): Promise<number> {
    const k = this.key();
    const res = await this.http.request({ path: '/api/v1/nextNonce', query: { account_index: k.accountIndex, api_key_index: k.apiKeyIndex }, route: 'nextNonce', priority: 'order' });
    const n = (res.body as { nonce?: unknown }).nonce;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new VenueParseError('nextNonce: no nonce', res.body);
    return n;
  }

  async start(): Promise<void> {
    await this.loadMarkets();
    // Build the signer's generator table now, not inside the first order's latency.
    this.signer?.warm();
    const ttl = this.options.metadataTtlMs ?? HOUR_MS;
    // Refresh before the cache expires so a reader never waits on an expired cache.
    this.refreshTimer = setInterval(() => void this.refreshMarkets().catch(() => undefined), Math.max(1_000, ttl * 0.9));
    this.refreshTimer.unref?.();
    this.openSocket([], true);
  }

  async stop(): Promise<void> {
    if (this.refreshTimer !== null) clearInterval(this.refreshTimer);
    for (const s of this.sockets.splice(0)) s.close();
    this.limiter.dispose();
    if (this.ownsSigner) await this.signer?.close();
    await this.http.close();
  }

  // ---- metadata ---------------------------------------------------------------------------------

  async loadMarkets(): Promise<readonly MarketMeta[]> {
    if (this.markets.size > 0 && this.now() - this.metadataLoadedAtMs < (this.options.metadataTtlMs ?? HOUR_MS)) return [...this.markets.values()];
    return this.refreshMarkets();
  }

  private async refreshMarkets(): Promise<readonly MarketMeta[]> {
    const res = await this.http.request({ path: '/api/v1/orderBookDetails', query: { market_id: 255, filter: 'perp' }, route: 'orderBookDetails' });
    const parsed = orderBookDetailsResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`orderBookDetails: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    for (const d of parsed.data.order_book_details) {
      const tick = d.price_decimals === 0 ? '1' : `0.${'0'.repeat(d.price_decimals - 1)}1`;
      const step = d.size_decimals === 0 ? '1' : `0.${'0'.repeat(d.size_decimals - 1)}1`;
      this.markets.set(d.symbol, {
        venue: 'lighter',
        symbol: d.symbol,
        venueMarket: d.symbol,
        marketIndex: d.market_id,
        tickSize: tick,
        stepSize: step,
        minSize: d.min_base_amount,
        minNotionalUsd: d.min_quote_amount,
        // IMF is in basis points of 10 000: 200 → 2 % → 50x.
        maxLeverage: d.min_initial_margin_fraction > 0 ? 10_000 / d.min_initial_margin_fraction : 1,
        makerFeeRate: feeFromPercent(d.maker_fee),
        takerFeeRate: feeFromPercent(d.taker_fee),
        fundingIntervalHours: 1,
        active: d.status === 'active',
      });
      this.bySymbolIndex.set(d.market_id, d.symbol);
    }
    this.metadataLoadedAtMs = this.now();
    return [...this.markets.values()];
  }

  market(symbol: string): MarketMeta | undefined {
    return this.markets.get(symbol);
  }

  // ---- books ------------------------------------------------------------------------------------

  watchBooks(symbols: readonly string[]): void {
    const fresh = symbols.filter((s) => this.markets.has(s) && !this.watched.includes(s));
    for (const s of fresh) {
      this.watched.push(s);
      this.books.set(s, new LighterBook('lighter', s));
    }
    // Fill existing sockets up to the per-connection limit, then open new ones.
    let i = 0;
    for (const socket of this.sockets) {
      const subs = this.socketBooks.get(socket)!;
      while (subs.length < BOOKS_PER_SOCKET && i < fresh.length) {
        const sym = fresh[i++]!;
        subs.push(sym);
        if (socket.isOpen()) this.subscribeBook(socket, sym);
      }
    }
    while (i < fresh.length) {
      this.openSocket(fresh.slice(i, i + BOOKS_PER_SOCKET), false);
      i += BOOKS_PER_SOCKET;
    }
  }

  private openSocket(bookSymbols: string[], stats: boolean): void {
    const socket: ResilientSocket = new ResilientSocket({
      venue: 'lighter',
      stream: stats ? 'stream:market_stats' : `stream:books#${this.sockets.length}`,
      endpoints: this.options.wsUrls,
      stallMs: this.options.stallMs ?? 15_000,
      appPing: { intervalMs: 10_000, message: '{"type":"ping"}' },
      onOpen: (s) => {
        if (stats) {
          s.send(JSON.stringify({ type: 'subscribe', channel: 'market_stats/all' }));
          const account = this.options.credentials?.accountIndex ?? this.options.accountIndex;
          if (account !== undefined) s.send(JSON.stringify({ type: 'subscribe', channel: `account_all/${account}` }));
          this.orderChannels.clear();
          void this.resubscribeOrders(s);
        }
        for (const sym of this.socketBooks.get(s) ?? []) this.subscribeBook(s, sym);
      },
      onMessage: (text, t) => this.onMessage(socket, text, t),
      onDown: (kind) => {
        for (const sym of this.socketBooks.get(socket) ?? []) {
          const book = this.books.get(sym);
          if (book === undefined) continue;
          book.markStale(kind === 'stall' ? 'stream stalled' : 'connection lost');
          const snap = book.snapshot();
          for (const cb of this.bookListeners) cb(snap);
        }
      },
    });
    this.socketBooks.set(socket, bookSymbols);
    this.sockets.push(socket);
    socket.start();
  }

  private subscribeBook(socket: ResilientSocket, symbol: string): void {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) return;
    socket.send(JSON.stringify({ type: 'subscribe', channel: `order_book/${m.marketIndex}` }));
  }

  private resync(socket: ResilientSocket, symbol: string): void {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) return;
    socket.noteResync();
    socket.send(JSON.stringify({ type: 'unsubscribe', channel: `order_book/${m.marketIndex}` }));
    socket.send(JSON.stringify({ type: 'subscribe', channel: `order_book/${m.marketIndex}` }));
  }

  /** Marks a book stale and asks for a fresh snapshot, once per staleness: after a gap every
   *  later diff is unusable too, and re-subscribing on each of them would flood the venue. */
  private requestResync(socket: ResilientSocket, book: LighterBook, reason: string): void {
    if (book.staleReason?.startsWith('resyncing') === true) return;
    book.markStale(`resyncing after ${reason}`);
    this.resync(socket, book.symbol);
  }

  private onMessage(socket: ResilientSocket, text: string, receivedAtMs: number): void {
    let raw: { type?: unknown; channel?: unknown };
    try {
      raw = JSON.parse(text) as typeof raw;
    } catch {
      this.parseErrors += 1;
      return;
    }
    if (typeof raw !== 'object' || raw === null) {
      this.parseErrors += 1;
      return;
    }
    if (raw.type === 'ping') {
      socket.send('{"type":"pong"}');
      return;
    }
    if (typeof raw.type !== 'string') {
      this.parseErrors += 1;
      return;
    }
    if (raw.type.endsWith('/order_book')) {
      const channel = typeof raw.channel === 'string' ? raw.channel : '';
      const symbol = this.bySymbolIndex.get(Number(channel.split(':')[1]));
      const msg = orderBookMessage.safeParse(raw);
      const book = symbol === undefined ? undefined : this.books.get(symbol);
      if (book === undefined) return;
      if (!msg.success) {
        this.parseErrors += 1;
        this.requestResync(socket, book, 'malformed frame');
      } else {
        const verdict = book.apply(msg.data, receivedAtMs);
        if (verdict !== 'ok' && verdict !== 'ok-waiting') this.requestResync(socket, book, book.staleReason ?? verdict);
      }
      const snap = book.snapshot();
      for (const cb of this.bookListeners) cb(snap);
      return;
    }
    if (raw.type.endsWith('/account_all')) return this.onAccountAll(raw);
    if (raw.type.endsWith('/account_orders')) return this.onAccountOrders(raw);
    if ((raw as { error?: { code?: number } }).error?.code === 20013) {
      // Expired auth on a private channel: new token, subscribe again.
      this.auth?.invalidate();
      this.orderChannels.clear();
      void this.resubscribeOrders(socket);
      return;
    }
    if (raw.type.endsWith('/market_stats')) {
      const msg = marketStatsMessage.safeParse(raw);
      if (!msg.success) {
        this.parseErrors += 1;
        return;
      }
      const entries: MarketStatsEntry[] = 'symbol' in msg.data.market_stats ? [msg.data.market_stats as MarketStatsEntry] : Object.values(msg.data.market_stats as Record<string, MarketStatsEntry>);
      for (const e of entries) this.onStats(e);
    }
  }

  private emitAccount(e: AccountEvent): void {
    for (const cb of this.accountListeners) cb(e);
  }

  private onAccountAll(raw: unknown): void {
    const msg = accountAllMessage.safeParse(raw);
    if (!msg.success) {
      this.parseErrors += 1;
      return;
    }
    const accountIndex = msg.data.account;
    for (const [mkt, p] of Object.entries(msg.data.positions ?? {})) {
      const pos = accountPositionSchema.safeParse(p);
      if (!pos.success) continue;
      const v = pos.data;
      this.emitAccount({ type: 'position', position: { venue: 'lighter', symbol: this.symbolOfIndex(Number(mkt)), size: Number(v.position) * v.sign, entryPrice: Number(v.avg_entry_price), markPrice: Number(v.position_value) / Math.max(Number(v.position), Number.MIN_VALUE), liquidationPrice: Number(v.liquidation_price) > 0 ? Number(v.liquidation_price) : null, unrealizedPnlUsd: Number(v.unrealized_pnl), leverage: Number(v.initial_margin_fraction) > 0 ? 100 / Number(v.initial_margin_fraction) : null } });
    }
    for (const [mkt, trades] of Object.entries(msg.data.trades ?? {})) {
      for (const t of trades) {
        const p = tradeSchema.safeParse(t);
        if (!p.success || this.seenFills.has(p.data.trade_id)) continue;
        this.seenFills.add(p.data.trade_id);
        this.emitAccount({ type: 'fill', fill: toFill(p.data, this.symbolOfIndex(Number(mkt)), accountIndex, this.clientIds) });
      }
    }
    for (const [mkt, rows] of Object.entries(msg.data.funding_histories ?? {})) {
      for (const r of rows) {
        const p = positionFundingSchema.safeParse(r);
        if (!p.success || this.seenFunding.has(p.data.funding_id)) continue;
        this.seenFunding.add(p.data.funding_id);
        this.emitAccount({ type: 'fundingPayment', payment: toFundingPayment(p.data, this.symbolOfIndex(Number(mkt))) });
      }
    }
  }

  private onAccountOrders(raw: unknown): void {
    const msg = accountOrdersMessage.safeParse(raw);
    if (!msg.success) {
      this.parseErrors += 1;
      return;
    }
    for (const [mkt, orders] of Object.entries(msg.data.orders)) {
      for (const o of orders) {
        const p = orderSchema.safeParse(o);
        if (!p.success) continue;
        this.emitAccount({ type: 'order', order: toOrderState(p.data, this.symbolOfIndex(Number(mkt)), this.clientIds.get(p.data.client_order_index) ?? String(p.data.client_order_index)) });
      }
    }
  }

  /** Follows order updates in a market: the fastest fill signal Lighter offers (auth needed). */
  private async followOrders(marketIndex: number): Promise<void> {
    this.orderMarkets.add(marketIndex);
    const s = this.sockets[0];
    if (s !== undefined && s.isOpen()) await this.resubscribeOrders(s);
  }

  private async resubscribeOrders(socket: ResilientSocket): Promise<void> {
    if (this.auth === null || this.options.credentials === undefined) return;
    const account = this.options.credentials.accountIndex;
    for (const m of this.orderMarkets) {
      if (this.orderChannels.has(m)) continue;
      try {
        const token = await this.auth.get();
        this.orderChannels.add(m);
        socket.send(JSON.stringify({ type: 'subscribe', channel: `account_orders/${m}/${account}`, auth: token }));
      } catch {
        // No token now: the next reconnect or order retries.
      }
    }
  }

  private onStats(e: MarketStatsEntry): void {
    const symbol = this.bySymbolIndex.get(e.market_id) ?? e.symbol;
    let predictedHourly: number;
    let settledHourly: number;
    try {
      predictedHourly = hourlyFromWsPercent(e.current_funding_rate);
      settledHourly = hourlyFromWsPercent(e.funding_rate);
    } catch {
      this.parseErrors += 1;
      return;
    }
    const settledAt = toMs(e.funding_timestamp);
    const mark = Number(e.mark_price);
    const index = Number(e.index_price);
    const predicted: FundingRate = { venue: 'lighter', symbol, hourlyRate: predictedHourly, kind: 'predicted', settlementTimeMs: Math.floor(this.now() / HOUR_MS) * HOUR_MS + HOUR_MS, markPrice: mark, indexPrice: index };
    const settled: FundingRate = { venue: 'lighter', symbol, hourlyRate: settledHourly, kind: 'settled', settlementTimeMs: settledAt, markPrice: mark, indexPrice: index };
    this.funding.set(symbol, { predicted, settled });
    for (const cb of this.fundingListeners) cb(predicted);
  }

  book(symbol: string): L2Book | undefined {
    return this.books.get(symbol)?.snapshot();
  }

  /** A REST snapshot of the book. orderBookOrders lists individual orders (L3), not levels:
   *  they are summed per price here (the Python bot treated each order as a level). */
  async restBook(symbol: string, limit = 100): Promise<{ bids: { price: number; size: number }[]; asks: { price: number; size: number }[] }> {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) throw new VenueError('definitive', `unknown market ${symbol}`);
    const res = await this.http.request({ path: '/api/v1/orderBookOrders', query: { market_id: m.marketIndex, limit }, route: 'orderBookOrders' });
    const parsed = orderBookOrdersResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError('orderBookOrders: bad shape', res.body);
    const levels = (orders: readonly { price: string; remaining_base_amount: string }[], desc: boolean) => {
      const byPrice = new Map<string, bigint>();
      for (const o of orders) byPrice.set(o.price, (byPrice.get(o.price) ?? 0n) + parseSize(o.remaining_base_amount));
      return [...byPrice.entries()].map(([p, sz]) => ({ price: Number(p), size: Number(sz) / 1e12 })).sort((a, b) => (desc ? b.price - a.price : a.price - b.price));
    };
    return { bids: levels(parsed.data.bids, true), asks: levels(parsed.data.asks, false) };
  }

  onBook(cb: (book: L2Book) => void): () => void {
    this.bookListeners.add(cb);
    return () => this.bookListeners.delete(cb);
  }

  // ---- funding ----------------------------------------------------------------------------------

  async currentFunding(): Promise<readonly FundingRate[]> {
    return [...this.funding.values()].flatMap((f) => [f.predicted, f.settled]);
  }

  onFunding(cb: (rate: FundingRate) => void): () => void {
    this.fundingListeners.add(cb);
    return () => this.fundingListeners.delete(cb);
  }

  async fundingHistory(symbol: string, fromMs: number, toMs_: number): Promise<readonly FundingRate[]> {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) throw new VenueError('definitive', `unknown market ${symbol}`);
    const hours = Math.max(1, Math.ceil((toMs_ - fromMs) / HOUR_MS) + 1);
    const res = await this.http.request({
      path: '/api/v1/fundings',
      query: { market_id: m.marketIndex, resolution: '1h', start_timestamp: Math.floor(fromMs / 1000), end_timestamp: Math.floor(toMs_ / 1000), count_back: Math.min(hours, 1000) },
      route: 'fundings',
    });
    const parsed = fundingsResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`fundings: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    return parsed.data.fundings
      .map((r) => ({ venue: 'lighter' as const, symbol, hourlyRate: hourlyFromFundingsRow(r.rate, r.direction), kind: 'settled' as const, settlementTimeMs: toMs(r.timestamp), markPrice: null, indexPrice: null }))
      .filter((r) => r.settlementTimeMs >= fromMs && r.settlementTimeMs <= toMs_);
  }

  // ---- account and orders ---------------------------------------------------------------------

  onAccount(cb: (event: AccountEvent) => void): () => void {
    this.accountListeners.add(cb);
    return () => this.accountListeners.delete(cb);
  }

  /** Signs with the next nonce and submits; maps the reply to accepted / rejected / unknown.
   *  A definitive "invalid nonce" resyncs the count and retries once (nothing was executed);
   *  an ambiguous send is never retried. */
  private async submit(sign: (nonce: number) => Promise<SignedTx>, retry = true): Promise<ActionOutcome> {
    if (this.nonces === null || this.signer === null) return { kind: 'rejected', reason: 'Lighter credentials are not configured', code: 'no-credentials' };
    const outcome = await this.nonces.withNonce<ActionOutcome>(async (nonce) => {
      let signed: SignedTx;
      try {
        signed = await sign(nonce);
      } catch (e) {
        return { result: { kind: 'rejected', reason: `signing failed: ${e instanceof Error ? e.message : String(e)}`, code: 'sign' }, consumed: false };
      }
      let res: { status: number; body: unknown };
      try {
        res = await this.http.request({ method: 'POST', path: '/api/v1/sendTx', form: { tx_type: String(signed.txType), tx_info: signed.txInfo }, route: 'sendTx', priority: 'order', timeoutMs: this.options.orderTimeoutMs ?? 5_000 });
      } catch (e) {
        if (e instanceof VenueError && e.kind === 'not-sent') return { result: { kind: 'rejected', reason: `not sent: ${e.message}`, code: 'not-sent' }, consumed: false };
        // The tx may have been queued: its nonce is spent either way, and only a readback says
        // whether it executed.
        return { result: { kind: 'unknown', cause: e instanceof Error ? e.message : String(e) }, consumed: true };
      }
      const body = (res.body ?? {}) as { code?: unknown; message?: unknown; tx_hash?: unknown };
      if (res.status === 200 && body.code === 200 && typeof body.tx_hash === 'string') return { result: { kind: 'accepted', venueOrderId: null, ackAtMs: this.now() }, consumed: true };
      const message = typeof body.message === 'string' ? body.message : `HTTP ${res.status}`;
      if (isInvalidNonce(message)) this.nonces!.invalidate();
      return { result: { kind: 'rejected', reason: message, code: String(body.code ?? res.status) }, consumed: false };
    });
    if (retry && outcome.kind === 'rejected' && isInvalidNonce(outcome.reason)) return this.submit(sign, false);
    return outcome;
  }

  place(order: PlaceOrder): Promise<ActionOutcome> {
    const m = this.markets.get(order.symbol);
    if (m === undefined || m.marketIndex === null) return Promise.resolve({ kind: 'rejected', reason: `unknown market ${order.symbol}`, code: null });
    let price: number;
    let base: number;
    try {
      // Wire integers: price × 10^price_decimals and size × 10^size_decimals, exactly.
      price = Number(toScaledInt(order.price, decimalsOf(m.tickSize)));
      base = Number(toScaledInt(order.size, decimalsOf(m.stepSize)));
    } catch {
      return Promise.resolve({ kind: 'rejected', reason: `price ${order.price} or size ${order.size} is not on the tick/step grid`, code: 'grid' });
    }
    const clientIndex = clientOrderIndexOf(order.clientOrderId);
    this.clientIds.set(clientIndex, order.clientOrderId);
    void this.followOrders(m.marketIndex);
    const tif = order.type === 'market' || order.tif === 'ioc' ? TIME_IN_FORCE.ioc : order.tif === 'gtt' ? TIME_IN_FORCE.gtt : TIME_IN_FORCE.postOnly;
    // Resting orders always carry an explicit expiry (the signer rejects -1).
    const expiry = tif === TIME_IN_FORCE.ioc ? 0 : (order.expiryMs ?? this.now() + 28 * 24 * HOUR_MS);
    const market = m.marketIndex;
    return this.submit((nonce) =>
      this.signer!.signCreateOrder(this.key(), { marketIndex: market, clientOrderIndex: clientIndex, baseAmount: base, price, isAsk: order.side === 'sell', orderType: order.type === 'market' ? ORDER_TYPE.market : ORDER_TYPE.limit, timeInForce: tif, reduceOnly: order.reduceOnly, triggerPrice: 0, orderExpiry: expiry, nonce }),
    );
  }

  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) return Promise.resolve({ kind: 'rejected', reason: `unknown market ${symbol}`, code: null });
    const market = m.marketIndex;
    return this.submit((nonce) => this.signer!.signCancelOrder(this.key(), market, clientOrderIndexOf(clientOrderId), nonce));
  }

  cancelAll(symbol?: string): Promise<ActionOutcome> {
    // Without a symbol every market of the account; with one, the CancelAllMarketIndex attribute
    // scopes it to that market (venues.md §7.2).
    let marketIndex: number | undefined;
    if (symbol !== undefined) {
      const m = this.markets.get(symbol);
      if (m === undefined || m.marketIndex === null) return Promise.resolve({ kind: 'rejected', reason: `unknown market ${symbol}`, code: null });
      marketIndex = m.marketIndex;
    }
    return this.submit((nonce) => this.signer!.signCancelAll(this.key(), { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0, ...(marketIndex === undefined ? {} : { marketIndex }) }, nonce));
  }

  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    const m = this.markets.get(symbol);
    if (m === undefined || m.marketIndex === null) return Promise.resolve({ kind: 'rejected', reason: `unknown market ${symbol}`, code: null });
    if (!(leverage >= 1 && leverage <= m.maxLeverage)) return Promise.resolve({ kind: 'rejected', reason: `leverage ${leverage} outside 1..${m.maxLeverage}`, code: 'leverage' });
    const market = m.marketIndex;
    return this.submit((nonce) => this.signer!.signUpdateLeverage(this.key(), market, Math.round(10_000 / leverage), MARGIN_MODE.cross, nonce));
  }

  private async privateGet(path: string, query: Record<string, string | number | undefined>, route: string): Promise<unknown> {
    if (this.auth === null) throw new VenueError('definitive', 'Lighter credentials are not configured');
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.auth.get();
      const res = await this.http.request({ path, query, route, headers: { Authorization: token } });
      const code = (res.body as { code?: unknown }).code;
      if (res.status === 401 || code === 20013) {
        this.auth.invalidate(); // expired or refused: refresh once
        continue;
      }
      if (res.status >= 400) throw new VenueError('definitive', `${route}: HTTP ${res.status}`, res.status, res.body, typeof code === 'number' ? code : null);
      return res.body;
    }
    throw new VenueError('definitive', `${route}: auth refused`);
  }

  private symbolOfIndex(index: number): string {
    return this.bySymbolIndex.get(index) ?? String(index);
  }

  async orderByClientId(_symbol: string, clientOrderId: string): Promise<OrderState | null> {
    const k = this.key();
    const idx = clientOrderIndexOf(clientOrderId);
    const body = ordersResponse.safeParse(await this.privateGet('/api/v1/accountOrders', { account_index: k.accountIndex, client_order_indexes: String(idx) }, 'accountOrders'));
    if (!body.success) throw new VenueParseError('accountOrders: bad shape');
    const newest = [...body.data.orders].sort((a, b) => b.timestamp - a.timestamp)[0];
    return newest === undefined ? null : toOrderState(newest, this.symbolOfIndex(newest.market_index), clientOrderId);
  }

  async openOrders(symbol?: string): Promise<readonly OrderState[]> {
    const k = this.key();
    const m = symbol === undefined ? undefined : this.markets.get(symbol);
    const body = ordersResponse.safeParse(await this.privateGet('/api/v1/accountActiveOrders', { account_index: k.accountIndex, market_id: m?.marketIndex ?? undefined }, 'accountActiveOrders'));
    if (!body.success) throw new VenueParseError('accountActiveOrders: bad shape');
    return body.data.orders.map((o) => toOrderState(o, this.symbolOfIndex(o.market_index), this.clientIds.get(o.client_order_index) ?? String(o.client_order_index)));
  }

  /** Pages with next_cursor until the rows are older than `sinceMs` or run out. */
  private async paged<T>(path: string, query: Record<string, string | number | undefined>, route: string, parse: (b: unknown) => { rows: T[]; next: string | undefined }, timeOf: (r: T) => number, sinceMs: number): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const { rows, next } = parse(await this.privateGet(path, { ...query, limit: 100, cursor }, route));
      out.push(...rows);
      if (next === undefined || rows.length === 0 || timeOf(rows[rows.length - 1]!) < sinceMs) break;
      cursor = next;
    }
    return out.filter((r) => timeOf(r) >= sinceMs);
  }

  async fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    const k = this.key();
    const m = symbol === null ? undefined : this.markets.get(symbol);
    const rows = await this.paged('/api/v1/trades', { account_index: k.accountIndex, market_id: m?.marketIndex ?? undefined, sort_by: 'timestamp', sort_dir: 'desc' }, 'trades', (b) => {
      const p = tradesResponse.safeParse(b);
      if (!p.success) throw new VenueParseError('trades: bad shape');
      return { rows: p.data.trades, next: p.data.next_cursor };
    }, (t) => toMs(t.timestamp), sinceMs);
    return rows.map((t) => toFill(t, this.symbolOfIndex(t.market_id), k.accountIndex, this.clientIds));
  }

  async fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    const k = this.key();
    const m = symbol === null ? undefined : this.markets.get(symbol);
    const rows = await this.paged('/api/v1/positionFunding', { account_index: k.accountIndex, market_id: m?.marketIndex ?? undefined }, 'positionFunding', (b) => {
      const p = positionFundingResponse.safeParse(b);
      if (!p.success) throw new VenueParseError('positionFunding: bad shape');
      return { rows: p.data.position_fundings, next: p.data.next_cursor };
    }, (r) => toMs(r.timestamp), sinceMs);
    return rows.map((r) => toFundingPayment(r, this.symbolOfIndex(r.market_id)));
  }

  private async account(): Promise<z.infer<typeof accountResponse>['accounts'][number]> {
    const accountIndex = this.options.credentials?.accountIndex ?? this.options.accountIndex;
    if (accountIndex === undefined) throw new VenueError('definitive', 'Lighter account index is not configured');
    const res = await this.http.request({ path: '/api/v1/account', query: { by: 'index', value: accountIndex }, route: 'account' });
    const parsed = accountResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`account: ${parsed.error.issues[0]?.message ?? 'bad shape'}`, res.body);
    const acc = parsed.data.accounts[0];
    if (acc === undefined) throw new VenueError('definitive', 'account not found');
    return acc;
  }

  async positions(): Promise<readonly Position[]> {
    const acc = await this.account();
    return acc.positions
      .filter((p) => p.sign !== 0 && Number(p.position) !== 0)
      .map((p) => ({
        venue: 'lighter' as const,
        symbol: this.bySymbolIndex.get(p.market_id) ?? p.symbol,
        // Unsigned size plus a sign (venues.md §1.2).
        size: Number(p.position) * p.sign,
        entryPrice: Number(p.avg_entry_price),
        markPrice: Number(p.position_value) / Math.max(Number(p.position), Number.MIN_VALUE),
        liquidationPrice: Number(p.liquidation_price) > 0 ? Number(p.liquidation_price) : null,
        unrealizedPnlUsd: Number(p.unrealized_pnl),
        // initial_margin_fraction is a percent here ("20.00" = 5x).
        leverage: Number(p.initial_margin_fraction) > 0 ? 100 / Number(p.initial_margin_fraction) : null,
      }));
  }

  async balance(): Promise<Balance> {
    const acc = await this.account();
    return { venue: 'lighter', collateralUsd: Number(acc.collateral), equityUsd: Number(acc.total_asset_value), availableUsd: Number(acc.available_balance) };
  }

  health(): readonly StreamHealth[] {
    return this.sockets.map((s) => s.health());
  }
}
