// Venue-neutral values the engine deals in. Faces translate them into each venue's field names,
// units and status strings (Lighter "canceled-post-only", Extended REJECTED + POST_ONLY_FAILED).
import type { VenueId } from '../../../domain/venue';

/** Why an accepted order ended without (full) execution. */
export type CancelReason =
  | 'user'
  | 'post-only'
  | 'reduce-only'
  | 'margin'
  | 'self-trade'
  | 'ioc-remainder'
  | 'not-enough-liquidity'
  | 'expired'
  | 'ghost';

/** Synchronous validation failures (the venue answers with an error code, no order exists). */
export type RejectCode =
  | 'unknown-market'
  | 'invalid-size'
  | 'invalid-price'
  | 'below-min-size'
  | 'below-min-notional'
  | 'price-band'
  | 'duplicate-client-id'
  | 'invalid-expiry'
  | 'unknown-order'
  | 'invalid-leverage'
  | 'unknown-account';

export type OrderStatus = 'open' | 'filled' | 'canceled';

export interface OrderRequest {
  readonly accountId: string;
  readonly symbol: string;
  readonly isAsk: boolean;
  readonly priceTicks: number;
  readonly sizeSteps: number;
  readonly type: 'limit' | 'market';
  readonly tif: 'gtt' | 'ioc' | 'post_only';
  readonly reduceOnly: boolean;
  readonly clientId: string;
  readonly expiryMs: number | null;
}

export interface SimOrder {
  readonly orderId: number;
  readonly venue: VenueId;
  readonly accountId: string;
  readonly clientId: string;
  readonly symbol: string;
  readonly isAsk: boolean;
  /** Mutable: a modify changes price and total size in place. */
  priceTicks: number;
  sizeSteps: number;
  readonly type: 'limit' | 'market';
  readonly tif: 'gtt' | 'ioc' | 'post_only';
  readonly reduceOnly: boolean;
  readonly createdMs: number;
  readonly expiryMs: number | null;
  filledSteps: number;
  filledQuoteUsd: number;
  status: OrderStatus;
  reason: CancelReason | null;
  updatedMs: number;
}

export interface SimFill {
  readonly tradeId: number;
  readonly venue: VenueId;
  readonly accountId: string;
  readonly symbol: string;
  readonly orderId: number;
  readonly clientId: string;
  readonly isAsk: boolean;
  readonly priceTicks: number;
  readonly sizeSteps: number;
  readonly price: number;
  readonly size: number;
  /** Fee in micro-USD (1e-6), the unit both venues settle cash in. */
  readonly feeMicro: number;
  readonly isMaker: boolean;
  readonly timeMs: number;
  /** How the venue labels the trade in the account's history and stream: Lighter's trade
   *  `type` ("trade" | "liquidation"), Extended's `tradeType` (TRADE | LIQUIDATION); venues.md
   *  §1.2 and §2.2. A liquidation has no order of the account behind it (clientId "0"). */
  readonly tradeType: 'trade' | 'liquidation';
}

export interface SimFundingPayment {
  readonly id: number;
  readonly venue: VenueId;
  readonly accountId: string;
  readonly symbol: string;
  readonly timeMs: number;
  readonly hourlyRate: number;
  /** Signed base size at settlement. */
  readonly positionSize: number;
  readonly markPrice: number;
  /** Cash change in micro-USD: positive = received. */
  readonly changeMicro: number;
}

export interface SimPosition {
  /** Signed size in steps. */
  steps: number;
  entryPrice: number;
  realizedMicro: number;
}

export type PlaceResult = { readonly ok: true; readonly order: SimOrder } | { readonly ok: false; readonly code: RejectCode; readonly message: string };

export interface BookChange {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly seq: number;
  readonly timeMs: number;
  /** Changed levels with their new absolute size in steps (0 = removed). */
  readonly bids: readonly (readonly [number, number])[];
  readonly asks: readonly (readonly [number, number])[];
}

export interface EngineEvents {
  book: BookChange;
  order: SimOrder;
  fill: SimFill;
  position: { venue: VenueId; accountId: string; symbol: string };
  balance: { venue: VenueId; accountId: string };
  fundingPayment: SimFundingPayment;
  settlement: { venue: VenueId; symbol: string; hourlyRate: number; timeMs: number };
}
