// The Lighter adapter: both halves of the venue port composed from one-purpose parts — market
// data (market-data.ts, books.ts), the private stream (account-stream.ts), actions (actions.ts)
// and readback (readback.ts) — over one HTTP pool, one rate limiter and one auth token manager.
import type { VenueId } from '../../domain/venue';
import { LatencyRegistry } from '../../telemetry/histogram';
import type {
  AccountEvent, ActionOutcome, Balance, CancelScope, Fill, FundingPayment, FundingRate, FundingRejection, L2Book, MarketMeta, OrderState, PlaceOrder, Position, Readback, StreamHealth, VenueAdapter, VenueCapabilities, VenueDiagnostics,
} from '../port';
import { VenueHttp } from '../common/http';
import { LIGHTER_PREMIUM_BUCKET, LIGHTER_STANDARD_BUCKET, RateLimiter } from '../common/rate-limit';
import { LighterAccountStream } from './account-stream';
import { LIGHTER_CAPABILITIES, LighterActions } from './actions';
import { AuthTokenManager } from './auth-token';
import { LighterMarketData } from './market-data';
import { MarketTable, type LighterAdapterOptions, type LighterContext } from './options';
import { LighterReadback } from './readback';
import { LighterSigner } from './signer/signer';

export type { LighterAdapterOptions } from './options';

export class LighterAdapter implements VenueAdapter {
  readonly venue: VenueId = 'lighter';
  readonly capabilities: VenueCapabilities = LIGHTER_CAPABILITIES;
  readonly diagnostics: VenueDiagnostics;
  readonly http: VenueHttp;
  readonly limiter: RateLimiter;
  readonly latency: LatencyRegistry;
  readonly data: LighterMarketData;
  readonly account: LighterAccountStream;
  readonly actions: LighterActions;
  readonly readback: LighterReadback;
  private readonly signer: LighterSigner | null;
  private readonly ownsSigner: boolean;

  constructor(options: LighterAdapterOptions) {
    const now = options.now ?? Date.now;
    this.latency = options.latency ?? new LatencyRegistry();
    this.limiter = new RateLimiter(options.tier === 'standard' ? LIGHTER_STANDARD_BUCKET : LIGHTER_PREMIUM_BUCKET);
    this.http = new VenueHttp({ venue: 'lighter', baseUrl: options.restUrl, latency: this.latency, limiter: this.limiter, timeoutMs: 10_000 });
    const creds = options.credentials;
    this.ownsSigner = creds !== undefined && options.signer === undefined;
    this.signer = creds === undefined ? null : (options.signer ?? new LighterSigner(this.latency, now));
    const signer = this.signer;
    const auth = creds === undefined || signer === null ? null : new AuthTokenManager((d) => signer.createAuthToken(creds, d), now);
    const ctx: LighterContext = { options, http: this.http, limiter: this.limiter, latency: this.latency, now, markets: new MarketTable(), auth, accountIndex: creds?.accountIndex ?? options.accountIndex };
    this.data = new LighterMarketData(ctx);
    this.account = new LighterAccountStream(ctx);
    this.actions = new LighterActions(ctx, signer, (m) => this.account.follow(m));
    this.readback = new LighterReadback(ctx);
    this.diagnostics = { latency: () => this.latency.snapshot(), rateLimit: () => this.limiter.state(), pool: () => this.http.poolStats() };
  }

  async start(): Promise<void> {
    await this.data.start();
    // Build the signer's generator table now, not inside the first order's latency.
    this.signer?.warm();
    await this.account.start();
  }

  async stop(): Promise<void> {
    this.data.stop();
    this.account.stop();
    this.limiter.dispose();
    if (this.ownsSigner) await this.signer?.close();
    await this.http.close();
  }

  // ---- market data --------------------------------------------------------------------------
  loadMarkets(): Promise<readonly MarketMeta[]> {
    return this.data.loadMarkets();
  }
  market(symbol: string): MarketMeta | undefined {
    return this.data.market(symbol);
  }
  watchBooks(symbols: readonly string[]): void {
    this.data.books.watch(symbols);
  }
  book(symbol: string): L2Book | undefined {
    return this.data.books.book(symbol);
  }
  onBook(cb: (book: L2Book) => void): () => void {
    return this.data.bookListeners.add(cb);
  }
  currentFunding(): Promise<readonly FundingRate[]> {
    return Promise.resolve(this.data.currentFunding());
  }
  onFunding(cb: (rate: FundingRate) => void): () => void {
    return this.data.fundingListeners.add(cb);
  }
  onFundingRejected(cb: (r: FundingRejection) => void): () => void {
    return this.data.rejectionListeners.add(cb);
  }
  fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]> {
    return this.data.fundingHistory(symbol, fromMs, toMs);
  }
  restBook(symbol: string, limit?: number): ReturnType<LighterMarketData['restBook']> {
    return this.data.restBook(symbol, limit);
  }
  health(): readonly StreamHealth[] {
    return [...this.data.books.health(), ...this.account.health()];
  }
  /** Parse errors over every stream (the same figures as health()). */
  get parseErrors(): number {
    return this.health().reduce((s, h) => s + h.parseErrors, 0);
  }

  // ---- trading ------------------------------------------------------------------------------
  onAccount(cb: (event: AccountEvent) => void): () => void {
    return this.account.listeners.add(cb);
  }
  place(order: PlaceOrder): Promise<ActionOutcome> {
    return this.actions.place(order);
  }
  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    return this.actions.cancel(symbol, clientOrderId);
  }
  cancelAll(scope: CancelScope): Promise<ActionOutcome> {
    return this.actions.cancelAll(scope);
  }
  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    return this.actions.setLeverage(symbol, leverage);
  }
  deadManSwitch(countdownMs: number | null): Promise<ActionOutcome> {
    return this.actions.deadManSwitch(countdownMs);
  }
  orderByClientId(symbol: string, clientOrderId: string, txHash?: string | null): Promise<Readback> {
    return this.readback.orderByClientId(symbol, clientOrderId, txHash);
  }
  openOrders(symbol?: string): Promise<readonly OrderState[]> {
    return this.readback.openOrders(symbol);
  }
  fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    return this.readback.fills(symbol, sinceMs);
  }
  fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    return this.readback.fundingPayments(symbol, sinceMs);
  }
  positions(): Promise<readonly Position[]> {
    return this.readback.positions();
  }
  balance(): Promise<Balance> {
    return this.readback.balance();
  }
}
