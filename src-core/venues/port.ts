// The venue port: the one shape every adapter presents to the core (docs/ARCHITECTURE.md, "The
// venue port"), in two halves. The market-data half (metadata, books, funding) is read-only; the
// trading half (account stream, actions, readback) moves money. An adapter implements both; paper
// mode will pair a real market-data half with a local trading half. Nothing above `venues/` ever
// sees a venue field name or unit.
//
// Units: prices in quote currency (USD), sizes in base units, rates as signed hourly decimals
// (long pays when positive), fees as decimal fractions of notional (0.0002 = 2 bps), times in ms.
// Money and sizes the ledger keeps (fills, fees, funding cash, positions, balances) are exact
// decimal strings converted from the venue's own bytes with no float in between; plain numbers
// are kept only for read-only analytics (books, marks, rates) where speed matters.

import type { PositionSide, Side, VenueId } from '../domain/venue';
import type { StreamState, TimeInForce } from '../domain/enums';
import type { LatencySnapshot } from '../telemetry/histogram';
import type { RateLimiterState } from './common/rate-limit';
import type { PoolStats } from './common/http';

export type { StreamState, TimeInForce } from '../domain/enums';

// ---- market-data half -----------------------------------------------------------------------------

/** A market's trading status, normalised. Extended: ACTIVE, REDUCE_ONLY, DELISTED, PRELISTED
 *  (venues.md §7.3); Lighter: "active" / "inactive" on orderBookDetails. */
export type MarketStatus = 'active' | 'reduce-only' | 'delisted' | 'prelisted';

export interface MarketMeta {
  readonly venue: VenueId;
  /** Canonical base symbol, same on both venues ("ETH"). */
  readonly symbol: string;
  /** The venue's own market name ("ETH" on Lighter, "ETH-USD" on Extended). */
  readonly venueMarket: string;
  /** Lighter's numeric market index (0 is ETH: never test it for truthiness); null on Extended. */
  readonly marketIndex: number | null;
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minSize: string;
  readonly minNotionalUsd: string;
  readonly maxLeverage: number;
  /** The account's own rates where the venue says them, else the venue's published default. */
  readonly makerFeeRate: number;
  readonly takerFeeRate: number;
  readonly fundingIntervalHours: number;
  /** New entries only on 'active'; 'reduce-only' allows closing; 'delisted'/'prelisted' nothing. */
  readonly status: MarketStatus;
}

export interface BookLevel {
  readonly price: number;
  readonly size: number;
}

export interface L2Book {
  readonly venue: VenueId;
  readonly symbol: string;
  /** Best first: bids descending, asks ascending. */
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** The venue's own sequence (Lighter nonce, Extended seq) of the last applied message. */
  readonly venueSeq: number;
  /** The venue's timestamp of the last applied message (ms). */
  readonly venueTimeMs: number;
  readonly receivedAtMs: number;
  /** False after a gap, duplicate, crossed book or parse error until a resync completes. */
  readonly fresh: boolean;
  readonly staleReason: string | null;
}

export type FundingKind = 'predicted' | 'settled';

export interface FundingRate {
  readonly venue: VenueId;
  readonly symbol: string;
  /** Signed hourly decimal, long-pays-positive. */
  readonly hourlyRate: number;
  readonly kind: FundingKind;
  /** Settlement this rate belongs to (settled) or will be paid at (predicted), ms. */
  readonly settlementTimeMs: number;
  readonly markPrice: number | null;
  readonly indexPrice: number | null;
}

/** A funding value the adapter refused as implausible (beyond the venue's cap, a unit trap):
 *  surfaced, counted and shown, never silently frozen at the last good value. */
export interface FundingRejection {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly raw: string;
  readonly reason: string;
  readonly atMs: number;
}

export interface StreamHealth {
  readonly venue: VenueId;
  readonly stream: string;
  readonly endpoint: string;
  readonly state: StreamState;
  /** 0..100 from uptime, message-gap p99, reconnects per hour and resyncs; a stream that is not
   *  open scores at most 40 so it can never show green. */
  readonly qualityScore: number;
  readonly lastFrameAgeMs: number | null;
  readonly reconnects: number;
  readonly resyncs: number;
  /** Frames (or handler calls) that failed validation. */
  readonly parseErrors: number;
}

/** Latency, limits and pools for the health view, without reaching into adapter classes. */
export interface VenueDiagnostics {
  latency(): Readonly<Record<string, LatencySnapshot>>;
  rateLimit(): RateLimiterState;
  pool(): PoolStats;
}

export interface MarketDataPort {
  readonly venue: VenueId;
  start(): Promise<void>;
  stop(): Promise<void>;

  /** Cached for an hour and refreshed in the background. */
  loadMarkets(): Promise<readonly MarketMeta[]>;
  market(symbol: string): MarketMeta | undefined;

  watchBooks(symbols: readonly string[]): void;
  book(symbol: string): L2Book | undefined;
  onBook(cb: (book: L2Book) => void): () => void;

  currentFunding(): Promise<readonly FundingRate[]>;
  /** Reads one market's current funding now instead of at the next poll (an entry re-validates on
   *  the rate as of now). Extended: one stats request; Lighter pushes market_stats on its stream,
   *  so the held rate is already current. The new rate reaches onFunding listeners before this
   *  resolves; a failed read throws. */
  refreshFunding(symbol: string): Promise<void>;
  onFunding(cb: (rate: FundingRate) => void): () => void;
  onFundingRejected(cb: (r: FundingRejection) => void): () => void;
  /** Settled hourly rates in [fromMs, toMs]. A bulk read: its requests spend at most the
   *  adapter limiter's bulk share and wait behind every order and data request. */
  fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]>;

  health(): readonly StreamHealth[];
  readonly diagnostics: VenueDiagnostics;
}

// ---- trading half ---------------------------------------------------------------------------------

export type OrderType = 'limit' | 'market';

export interface PlaceOrder {
  readonly symbol: string;
  readonly side: Side;
  /** Exact decimal strings, already multiples of step and tick (refused as 'off-grid' if not). */
  readonly size: string;
  /** For market orders: the worst acceptable price. */
  readonly price: string;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  /** A ClientOrderId (domain/client-order-id.ts) rendered as a decimal string: used verbatim as
   *  Lighter's client_order_index and Extended's externalId. */
  readonly clientOrderId: string;
  /** Absolute expiry (ms) for resting orders; adapters never rely on SDK defaults. */
  readonly expiryMs?: number;
}

/** Why a venue refused an action, meaning the same on both venues. */
export const REJECT_REASONS = [
  'post-only-would-cross',
  'reduce-only',
  'insufficient-margin',
  'rate-limited',
  'off-grid',
  'below-minimum',
  'price-band',
  'duplicate-client-id',
  'invalid-nonce',
  'market-closed',
  'unknown-order',
  'unsupported',
  'not-sent',
  'no-credentials',
  'other',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type ActionOutcome =
  | {
      readonly kind: 'accepted';
      /** 'queued': the venue took it but has not applied it yet (Lighter's speed bump, Extended's
       *  asynchronous matching): the account stream or a readback says what became of it.
       *  'live': the reply itself says it is on the book / applied. */
      readonly stage: 'queued' | 'live';
      readonly venueOrderId: string | null;
      /** Lighter: the signed tx hash (80 hex), computed before the send. */
      readonly txHash: string | null;
      readonly ackAtMs: number;
    }
  | {
      readonly kind: 'rejected';
      readonly reason: RejectReason;
      /** True when the same request may succeed later unchanged (rate limit, not sent). */
      readonly retryable: boolean;
      readonly venueCode: string | null;
      readonly venueMessage: string;
    }
  | {
      /** The request may have reached the venue: resolve by readback (or by txHash), never by
       *  re-sending. */
      readonly kind: 'unknown';
      readonly cause: string;
      readonly txHash: string | null;
    };

/** 'pending': sent, not yet known to the book (queued, or not yet visible). */
export type OrderStatus = 'pending' | 'open' | 'partially-filled' | 'filled' | 'canceled' | 'rejected' | 'expired';

/** Why an order ended, meaning the same on both venues (a post-only failure is 'canceled' on
 *  Lighter and 'REJECTED' on Extended: both are 'post-only-would-cross' here). */
export const ORDER_END_REASONS = [
  'filled',
  'canceled-by-us',
  'post-only-would-cross',
  'reduce-only',
  'ioc-unfilled',
  'expired',
  'self-trade',
  'insufficient-margin',
  'replaced',
  'liquidation',
  'market-closed',
  'price-band',
  'other',
] as const;
export type OrderEndReason = (typeof ORDER_END_REASONS)[number];

export interface OrderState {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly side: Side;
  readonly status: OrderStatus;
  /** Set for terminal statuses (filled / canceled / rejected / expired), else null. */
  readonly endReason: OrderEndReason | null;
  /** The venue's own status or reason (Lighter "canceled-post-only", Extended "POST_ONLY_FAILED"). */
  readonly venueReason: string | null;
  readonly price: string;
  readonly size: string;
  readonly filledSize: string;
  readonly avgFillPrice: number | null;
  readonly reduceOnly: boolean;
  readonly updatedAtMs: number;
}

export interface Fill {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly venueFillId: string;
  readonly venueOrderId: string;
  /** Our client order id when the order is ours and known, else null. */
  readonly clientOrderId: string | null;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  /** Exact; positive = paid, negative = rebate received. */
  readonly feeUsd: string;
  readonly isMaker: boolean;
  readonly timeMs: number;
}

export interface FundingPayment {
  readonly venue: VenueId;
  readonly symbol: string;
  /** The venue's id, or `${market}:${settlementTimeMs}` where the venue sends none (Extended). */
  readonly venuePaymentId: string;
  readonly settlementTimeMs: number;
  /** Exact signed cash: positive = received. */
  readonly cashUsd: string;
  /** Signed hourly decimal as the venue reported it with the payment; null if not reported. */
  readonly hourlyRate: number | null;
  readonly positionSide: PositionSide;
  /** Exact, unsigned. */
  readonly positionSize: string;
  /** Mark the venue used, if it says (Extended); otherwise null. */
  readonly markPrice: number | null;
}

export interface Position {
  readonly venue: VenueId;
  readonly symbol: string;
  /** Exact signed base size: positive long, negative short, "0" flat. */
  readonly size: string;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly liquidationPrice: number | null;
  readonly unrealizedPnlUsd: number;
  readonly leverage: number | null;
}

export interface Balance {
  readonly venue: VenueId;
  /** Exact decimal strings. */
  readonly collateralUsd: string;
  readonly equityUsd: string;
  readonly availableUsd: string;
}

/** A private stream went down (events may have been missed: reconcile before trusting state)
 *  or came back with its subscriptions renewed (the snapshot it sends follows). */
export interface AccountStreamEvent {
  readonly stream: string;
  readonly state: 'down' | 'resubscribed';
  readonly atMs: number;
}

export type AccountEvent =
  | { readonly type: 'order'; readonly order: OrderState }
  | { readonly type: 'fill'; readonly fill: Fill }
  | { readonly type: 'position'; readonly position: Position }
  | { readonly type: 'balance'; readonly balance: Balance }
  | { readonly type: 'fundingPayment'; readonly payment: FundingPayment }
  | { readonly type: 'stream'; readonly stream: AccountStreamEvent };

/** A single-order readback. A failed query throws (VenueError): it is never 'not-found'. */
export type Readback =
  | { readonly kind: 'found'; readonly order: OrderState; readonly queriedAtMs: number }
  | { readonly kind: 'not-found'; readonly queriedAtMs: number };

export type CancelScope = { readonly kind: 'symbol'; readonly symbol: string } | { readonly kind: 'all' };

/** What a venue can do, as data, so the core adapts without venue checks in its logic. */
export interface VenueCapabilities {
  /** 'queued': a cancel's ack means "will be applied" (Lighter txs, Extended's async engine). */
  readonly cancel: 'synchronous' | 'queued';
  /** Whether cancelAll can be scoped to one market (Lighter: CancelAllMarketIndex attribute). */
  readonly symbolCancelAll: boolean;
  /** After an ack, a readback may not see the order for this long: "not found" inside it means
   *  "still in flight", not "never arrived". */
  readonly notFoundGraceMs: number;
  /** 'modify': amend in place (Lighter ModifyOrder); 'replace': new order that cancels the old
   *  (Extended cancelId); 'none'. */
  readonly modify: 'modify' | 'replace' | 'none';
  /** The venue's own safety net: all resting orders cancelled when a countdown lapses. */
  readonly deadManSwitch: { readonly minCountdownMs: number; readonly maxCountdownMs: number } | null;
}

export interface TradingPort {
  readonly venue: VenueId;
  readonly capabilities: VenueCapabilities;

  onAccount(cb: (event: AccountEvent) => void): () => void;
  /** `durable`: what must be on disk before this order leaves (its intent, ledger-repo.ts
   *  recordIntentToSend). The adapter signs the order meanwhile and writes nothing to the venue
   *  before it resolves; when it rejects, nothing is sent and the outcome is 'not-sent'. */
  place(order: PlaceOrder, durable?: Promise<void>): Promise<ActionOutcome>;
  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome>;
  /** Never widened: a symbol scope on a venue without symbolCancelAll is refused 'unsupported'. */
  cancelAll(scope: CancelScope): Promise<ActionOutcome>;
  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome>;
  /** Arms (or renews) the venue's dead-man switch; null clears it. */
  deadManSwitch(countdownMs: number | null): Promise<ActionOutcome>;

  /** One order by our id. `txHash` (from an ambiguous Lighter send) is looked up first: it says
   *  whether the transaction reached the chain at all before the order is searched for. */
  orderByClientId(symbol: string, clientOrderId: string, txHash?: string | null): Promise<Readback>;
  openOrders(symbol?: string): Promise<readonly OrderState[]>;
  fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]>;
  fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]>;
  positions(): Promise<readonly Position[]>;
  balance(): Promise<Balance>;
}

/** Both halves, as the live and simulator adapters provide them. */
export interface VenueAdapter extends MarketDataPort, TradingPort {
  readonly venue: VenueId;
  /** Drops and reopens every stream now, public and private. After the OS slept, a socket can
   *  look open while its peer is long gone (no close frame arrives over a suspended network);
   *  the stall detector would notice only after its timeout. Each stream resubscribes through
   *  its usual path, so the private streams' 'resubscribed' events follow. */
  reconnectStreams(): void;
}
