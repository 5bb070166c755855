// The venue port assembled from an adapter's one-purpose parts. Both adapters are composed the
// same way (market data, actions, readback, an account-event listener set), so the delegation
// from the port's methods to those parts is written once, here; an adapter adds only its own
// construction, start/stop and stream health.
import type { VenueId } from '../../domain/venue';
import type {
  AccountEvent, ActionOutcome, Balance, CancelScope, Fill, FundingPayment, FundingRate, FundingRejection, L2Book, MarketMeta, OrderState, PlaceOrder, Position, Readback, StreamHealth, TradingPort, VenueAdapter, VenueCapabilities, VenueDiagnostics,
} from '../port';
import type { LatencyRegistry } from '../../telemetry/histogram';
import type { VenueHttp } from './http';
import type { Listeners } from './listeners';
import type { RateLimiter } from './rate-limit';

export interface MarketDataParts {
  loadMarkets(): Promise<readonly MarketMeta[]>;
  market(symbol: string): MarketMeta | undefined;
  readonly books: { watch(symbols: readonly string[]): void; book(symbol: string): L2Book | undefined };
  readonly bookListeners: Listeners<L2Book>;
  readonly fundingListeners: Listeners<FundingRate>;
  readonly rejectionListeners: Listeners<FundingRejection>;
  currentFunding(): readonly FundingRate[];
  refreshFunding(symbol: string): Promise<void>;
  fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]>;
}

export type ActionParts = Pick<TradingPort, 'place' | 'cancel' | 'cancelAll' | 'setLeverage' | 'deadManSwitch'>;
export type ReadbackParts = Pick<TradingPort, 'orderByClientId' | 'openOrders' | 'fills' | 'fundingPayments' | 'positions' | 'balance'>;

export interface AdapterParts {
  readonly marketData: MarketDataParts;
  readonly actions: ActionParts;
  readonly readback: ReadbackParts;
  readonly accountListeners: Listeners<AccountEvent>;
}

/** The I/O an adapter owns: one HTTP pool, one rate limiter, one latency registry. */
export interface AdapterIo {
  readonly latency: LatencyRegistry;
  readonly limiter: RateLimiter;
  readonly http: VenueHttp;
}

export abstract class ComposedAdapter implements VenueAdapter {
  readonly latency: LatencyRegistry;
  readonly limiter: RateLimiter;
  readonly http: VenueHttp;
  readonly diagnostics: VenueDiagnostics;
  protected abstract readonly parts: AdapterParts;

  protected constructor(
    readonly venue: VenueId,
    readonly capabilities: VenueCapabilities,
    io: AdapterIo,
  ) {
    this.latency = io.latency;
    this.limiter = io.limiter;
    this.http = io.http;
    this.diagnostics = { latency: () => this.latency.snapshot(), rateLimit: () => this.limiter.state(), pool: () => this.http.poolStats() };
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;
  abstract health(): readonly StreamHealth[];
  abstract reconnectStreams(): void;

  /** Frames refused on every stream (the same figures as health(); the fuzz tests read it). */
  get parseErrors(): number {
    return this.health().reduce((n, h) => n + h.parseErrors, 0);
  }

  // ---- market data ----------------------------------------------------------------------------
  loadMarkets(): Promise<readonly MarketMeta[]> {
    return this.parts.marketData.loadMarkets();
  }
  market(symbol: string): MarketMeta | undefined {
    return this.parts.marketData.market(symbol);
  }
  watchBooks(symbols: readonly string[]): void {
    this.parts.marketData.books.watch(symbols);
  }
  book(symbol: string): L2Book | undefined {
    return this.parts.marketData.books.book(symbol);
  }
  onBook(cb: (book: L2Book) => void): () => void {
    return this.parts.marketData.bookListeners.add(cb);
  }
  currentFunding(): Promise<readonly FundingRate[]> {
    return Promise.resolve(this.parts.marketData.currentFunding());
  }
  onFunding(cb: (rate: FundingRate) => void): () => void {
    return this.parts.marketData.fundingListeners.add(cb);
  }
  onFundingRejected(cb: (r: FundingRejection) => void): () => void {
    return this.parts.marketData.rejectionListeners.add(cb);
  }
  refreshFunding(symbol: string): Promise<void> {
    return this.parts.marketData.refreshFunding(symbol);
  }

  fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]> {
    return this.parts.marketData.fundingHistory(symbol, fromMs, toMs);
  }

  // ---- trading --------------------------------------------------------------------------------
  onAccount(cb: (event: AccountEvent) => void): () => void {
    return this.parts.accountListeners.add(cb);
  }
  place(order: PlaceOrder, durable?: Promise<void>): Promise<ActionOutcome> {
    return this.parts.actions.place(order, durable);
  }
  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    return this.parts.actions.cancel(symbol, clientOrderId);
  }
  cancelAll(scope: CancelScope): Promise<ActionOutcome> {
    return this.parts.actions.cancelAll(scope);
  }
  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome> {
    return this.parts.actions.setLeverage(symbol, leverage);
  }
  deadManSwitch(countdownMs: number | null): Promise<ActionOutcome> {
    return this.parts.actions.deadManSwitch(countdownMs);
  }
  orderByClientId(symbol: string, clientOrderId: string, txHash?: string | null): Promise<Readback> {
    return this.parts.readback.orderByClientId(symbol, clientOrderId, txHash);
  }
  openOrders(symbol?: string): Promise<readonly OrderState[]> {
    return this.parts.readback.openOrders(symbol);
  }
  fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    return this.parts.readback.fills(symbol, sinceMs);
  }
  fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    return this.parts.readback.fundingPayments(symbol, sinceMs);
  }
  positions(): Promise<readonly Position[]> {
    return this.parts.readback.positions();
  }
  balance(): Promise<Balance> {
    return this.parts.readback.balance();
  }
}
