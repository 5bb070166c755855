// What the ledger's read side (ledger-queries.ts) answers: plain records shaped like the pairs
// channels' outputs (api/channels/pairs.ts), so a handler hands them over unchanged and the
// dispatcher's output check is the one place the two are held together.
import type { OrderPurpose } from '../domain/client-order-id';
import type { AttemptOutcome, AttemptTrigger, OrderStateName, PairState, TimeInForce, VenueId } from '../domain/enums';
import type { PositionSide, Side } from '../domain/venue';
import type { LegDetail, LegSummary, PnlSummary } from './pair-summary';

export interface PairView {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly state: PairState;
  readonly targetSize: string;
  readonly legs: LegSummary[];
  readonly entryLongHourlyRate: number | null;
  readonly entryShortHourlyRate: number | null;
  readonly entryApy: number | null;
  readonly createdAtMs: number;
  readonly openedAtMs: number | null;
  readonly closedAtMs: number | null;
  readonly closeReason: string | null;
  readonly pnl: PnlSummary;
}

export interface OrderView {
  readonly intentId: number;
  readonly clientOrderId: string;
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
  readonly txHash: string | null;
  readonly createdAtMs: number;
  readonly state: OrderStateName;
  readonly venueOrderId: string | null;
  readonly filledSize: string;
  readonly rejectReason: string | null;
  readonly endReason: string | null;
  readonly updatedAtMs: number;
}

export interface FillView {
  readonly venue: VenueId;
  readonly venueFillId: string;
  readonly venueOrderId: string;
  readonly clientOrderId: string | null;
  readonly intentId: number;
  readonly leg: 0 | 1;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  readonly feeUsd: string;
  readonly isMaker: boolean;
  readonly timeMs: number;
}

export interface FundingView {
  readonly venue: VenueId;
  /** The pair's leg on that venue; null if the payment names neither of the pair's venues. */
  readonly leg: 0 | 1 | null;
  readonly venuePaymentId: string;
  readonly settlementTimeMs: number;
  readonly cashUsd: string;
  readonly hourlyRate: number | null;
  readonly positionSide: PositionSide;
  readonly positionSize: string;
  readonly markPrice: number | null;
}

export interface PairDetailView {
  readonly pair: PairView;
  readonly legs: LegDetail[];
  readonly orders: OrderView[];
  readonly fills: FillView[];
  readonly funding: FundingView[];
}

export interface AttemptView {
  readonly attemptId: number;
  readonly triggeredBy: AttemptTrigger;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly outcome: AttemptOutcome;
  readonly reason: string | null;
  readonly pairSeq: number | null;
  readonly startedAtMs: number;
  readonly finishedAtMs: number | null;
  readonly detail: Readonly<Record<string, unknown>> | null;
}

/** What reconciliation reads from the ledger in one snapshot (reconcile/build-ledger-view.ts
 *  turns it into the diff's LedgerView). */
export interface ReconcileRecords {
  /** Every pair, newest first. */
  readonly pairs: PairView[];
  /** Every intent of a pair not closed or rolled back, and every intent whose order has no
   *  closed state, with its current state. */
  readonly orders: (OrderView & { readonly pairSeq: number })[];
  /** Recorded fills and funding payments inside the window (fill time / settlement >= since). */
  readonly fills: { readonly venue: VenueId; readonly venueFillId: string }[];
  readonly funding: { readonly venue: VenueId; readonly symbol: string; readonly settlementTimeMs: number }[];
}
