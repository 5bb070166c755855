// What the ledger records, in its own shapes (the ledger imports only domain and store; the venue
// port's Fill and FundingPayment satisfy LedgerFill and LedgerFundingPayment structurally).
import type { OrderPurpose } from '../domain/client-order-id';
import type { AttemptOutcome, AttemptTrigger, OrderStateName, PairState, TimeInForce, VenueId } from '../domain/enums';
import type { PositionSide, Side } from '../domain/venue';

export interface NewPair {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  /** Exact base size each leg aims for. */
  readonly targetSize: string;
  /** Predicted funding at entry (analytics: signed hourly decimals, long-pays-positive). */
  readonly entryLongHourlyRate: number | null;
  readonly entryShortHourlyRate: number | null;
  readonly entryApy: number | null;
  readonly createdAtMs: number;
}

/** A stored pair: what its first intent wrote, where it stands, and each leg's venue. */
export interface PairRecord {
  readonly pair: NewPair;
  readonly state: PairState;
  readonly legVenues: readonly [VenueId | null, VenueId | null];
}

export interface NewIntent {
  readonly leg: 0 | 1;
  /** One of the pair's two venues; the leg's position side follows from it. */
  readonly venue: VenueId;
  readonly purpose: OrderPurpose;
  readonly attempt: number;
  readonly side: Side;
  /** Exact decimal strings, already on the market's step and tick. */
  readonly size: string;
  readonly price: string;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  readonly createdAtMs: number;
  /** Lighter: the signed tx hash, known before the send. */
  readonly txHash: string | null;
}

export interface IntentRecord {
  readonly intentId: number;
  readonly pairSeq: number;
  readonly leg: 0 | 1;
  readonly purpose: OrderPurpose;
  readonly attempt: number;
  readonly venue: VenueId;
  readonly symbol: string;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  readonly clientOrderId: string;
  readonly createdAtMs: number;
  readonly txHash: string | null;
}

/** The order FSM's record as the ledger keeps it (execution/order-fsm.ts OrderRecord fits). */
export interface LedgerOrderState {
  readonly state: OrderStateName;
  readonly acceptedStage: 'queued' | 'live' | null;
  readonly venueOrderId: string | null;
  readonly filledSize: string;
  readonly venueFilledSize: string | null;
  readonly rejectReason: string | null;
  readonly endReason: string | null;
  readonly unknownSends: number;
}

/** The state a fill moves its order to, written with the fill in one commit (recordFill). */
export interface OrderStateAfterFill {
  readonly intentId: number;
  readonly state: LedgerOrderState;
  readonly event: string;
  readonly atMs: number;
}

export interface LedgerFill {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly venueFillId: string;
  readonly venueOrderId: string;
  readonly clientOrderId: string | null;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  /** Positive = paid, negative = rebate. */
  readonly feeUsd: string;
  readonly isMaker: boolean;
  readonly timeMs: number;
}

export type FillOutcome =
  /** `orphan`: the client order id carries our epoch but no intent was recorded for it (an
   *  anomaly for reconciliation); a foreign or absent id is not an orphan. */
  | { readonly kind: 'recorded'; readonly intentId: number | null; readonly orphan: boolean }
  /** Already recorded (same venue fill id); `conflicting` when the stored row differs. */
  | { readonly kind: 'duplicate'; readonly conflicting: boolean };

export interface LedgerFundingPayment {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly venuePaymentId: string;
  readonly settlementTimeMs: number;
  /** Exact signed cash: positive = received. */
  readonly cashUsd: string;
  readonly hourlyRate: number | null;
  readonly positionSide: PositionSide;
  readonly positionSize: string;
  readonly markPrice: number | null;
}

export type FundingOutcome = { readonly kind: 'recorded' } | { readonly kind: 'duplicate'; readonly conflicting: boolean };

export interface NewAttempt {
  readonly triggeredBy: AttemptTrigger;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly startedAtMs: number;
}

export interface AttemptEnd {
  readonly outcome: Exclude<AttemptOutcome, 'pending'>;
  readonly reason: string | null;
  readonly pairSeq: number | null;
  readonly finishedAtMs: number;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type { PairState };
