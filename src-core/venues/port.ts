// The venue port: the one shape every adapter presents to the core (ARCHITECTURE.md, "The venue
// port"). Adapters translate their venue's wire protocol into these values; nothing above
// `venues/` ever sees a venue field name or unit.
//
// Units: prices in quote currency (USD), sizes in base units, rates as signed hourly decimals
// (long pays when positive), fees as decimal fractions of notional (0.0002 = 2 bps), times in ms.
// Exact decimal strings are used wherever a value goes back to a venue (tick, step, order price
// and size); plain numbers are used for read-only analytics (books, marks) where speed matters.

import type { PositionSide, Side, VenueId } from '../domain/venue';

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
  readonly makerFeeRate: number;
  readonly takerFeeRate: number;
  readonly fundingIntervalHours: number;
  readonly active: boolean;
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

export interface FundingPayment {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly venuePaymentId: string;
  readonly settlementTimeMs: number;
  /** Signed cash: positive = received. */
  readonly cashUsd: number;
  readonly hourlyRate: number;
  readonly positionSide: PositionSide;
  readonly positionSize: number;
}

export type OrderType = 'limit' | 'market';
export type TimeInForce = 'gtt' | 'ioc' | 'post_only';

export interface PlaceOrder {
  readonly symbol: string;
  readonly side: Side;
  /** Exact decimal strings, already multiples of step and tick. */
  readonly size: string;
  /** For market orders: the worst acceptable price. */
  readonly price: string;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  /** Derived from a persisted intent; the adapter maps it onto the venue's id scheme. */
  readonly clientOrderId: string;
  /** Absolute expiry (ms) for resting orders; adapters never rely on SDK defaults. */
  readonly expiryMs?: number;
}

export type ActionOutcome =
  | { readonly kind: 'accepted'; readonly venueOrderId: string | null; readonly ackAtMs: number }
  | { readonly kind: 'rejected'; readonly reason: string; readonly code: string | null }
  | { readonly kind: 'unknown'; readonly cause: string };

export type OrderStatus = 'pending' | 'open' | 'filled' | 'canceled' | 'rejected' | 'expired';

export interface OrderState {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly side: Side;
  readonly status: OrderStatus;
  /** The venue's own reason (Lighter "canceled-post-only", Extended "POST_ONLY_FAILED"). */
  readonly reason: string | null;
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
  readonly clientOrderId: string | null;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  readonly feeUsd: number;
  readonly isMaker: boolean;
  readonly timeMs: number;
}

export interface Position {
  readonly venue: VenueId;
  readonly symbol: string;
  /** Signed base size: positive long, negative short. */
  readonly size: number;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly liquidationPrice: number | null;
  readonly unrealizedPnlUsd: number;
  readonly leverage: number | null;
}

export interface Balance {
  readonly venue: VenueId;
  readonly collateralUsd: number;
  readonly equityUsd: number;
  readonly availableUsd: number;
}

export type AccountEvent =
  | { readonly type: 'order'; readonly order: OrderState }
  | { readonly type: 'fill'; readonly fill: Fill }
  | { readonly type: 'position'; readonly position: Position }
  | { readonly type: 'balance'; readonly balance: Balance }
  | { readonly type: 'fundingPayment'; readonly payment: FundingPayment };

export type StreamState = 'connecting' | 'open' | 'stalled' | 'backoff' | 'closed';

export interface StreamHealth {
  readonly venue: VenueId;
  readonly stream: string;
  readonly endpoint: string;
  readonly state: StreamState;
  /** 0..100, from uptime, message-gap p99, reconnects per hour and resyncs. */
  readonly qualityScore: number;
  readonly lastFrameAgeMs: number | null;
  readonly reconnects: number;
  readonly resyncs: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface VenuePort {
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
  onFunding(cb: (rate: FundingRate) => void): () => void;
  fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]>;

  onAccount(cb: (event: AccountEvent) => void): () => void;
  place(order: PlaceOrder): Promise<ActionOutcome>;
  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome>;
  cancelAll(symbol?: string): Promise<ActionOutcome>;
  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome>;

  orderByClientId(symbol: string, clientOrderId: string): Promise<OrderState | null>;
  openOrders(symbol?: string): Promise<readonly OrderState[]>;
  fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]>;
  fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]>;
  positions(): Promise<readonly Position[]>;
  balance(): Promise<Balance>;

  health(): readonly StreamHealth[];
}
