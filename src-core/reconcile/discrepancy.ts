// Every way the venues and the ledger can disagree, each with the action reconciliation proposes.
// The diff (diff.ts) finds them; the resolver (resolver.ts) splits their actions into the ones
// applied at once and the ones that wait for the trader. Amounts are exact decimal strings.
import type { OrderPurpose } from '../domain/client-order-id';
import type { OrderStateName, PairState, VenueId } from '../domain/enums';
import type { PositionSide, Side } from '../domain/venue';
import type { PnlSummary } from '../ledger/pair-summary';
import type { Fill, FundingPayment, OrderState, OrderStatus } from '../venues/port';

/** What became of an order the ledger had no final answer for. 'open': it is working on the
 *  venue; 'filled': the venue's fills of it add up to its size; 'canceled': it is off the book
 *  short of its size; 'never-arrived': off the book with no fill over its whole life (past the
 *  venue's grace window, the position agreeing with every fill). */
export type OrderResolution =
  | { readonly kind: 'open'; readonly venueStatus: OrderStatus; readonly venueOrderId: string; readonly filledSize: string }
  | { readonly kind: 'filled'; readonly filledSize: string }
  | { readonly kind: 'canceled'; readonly filledSize: string }
  | { readonly kind: 'never-arrived' };

export type ProposedAction =
  // ---- safe: the ledger comes to say what the venue proves ----
  /** intentId: the intent the diff matched it to (null: our epoch but no intent in the view;
   *  the ledger's recordFill looks the intent up by client id again and flags a true orphan). */
  | { readonly kind: 'record-fill'; readonly fill: Fill; readonly intentId: number | null }
  /** pairSeq: the one pair of the view holding that market, else null (several, or none: the
   *  ledger's funding attribution or a foreign position). */
  | { readonly kind: 'record-funding'; readonly payment: FundingPayment; readonly pairSeq: number | null }
  | { readonly kind: 'resolve-order'; readonly intentId: number; readonly resolution: OrderResolution }
  | { readonly kind: 'mark-lost'; readonly intentId: number }
  // ---- destructive: act on a venue, or close a pair in the ledger ----
  | {
      readonly kind: 'close-position';
      readonly why: 'naked-leg' | 'not-ours';
      readonly venue: VenueId;
      readonly symbol: string;
      /** The reduce-only order that closes it: side and exact size. */
      readonly side: Side;
      readonly size: string;
      readonly pairSeq: number | null;
    }
  | { readonly kind: 'cancel-order'; readonly why: 'foreign' | 'stale-own'; readonly venue: VenueId; readonly symbol: string; readonly clientOrderId: string; readonly venueOrderId: string }
  | {
      readonly kind: 'close-zombie-pair';
      readonly pairSeq: number;
      /** 'rolled-back' for a pair that never finished opening, else 'closed'. */
      readonly toState: Extract<PairState, 'closed' | 'rolled-back'>;
      readonly reason: 'reconciliation-zombie';
      /** What the ledger recorded, kept: upstream closed zombies with PnL 0 (reference-upstream
       *  §13 B19), losing their fees and realized PnL. */
      readonly keptPnl: PnlSummary;
    }
  // ---- no fix known: the trader looks ----
  | { readonly kind: 'review'; readonly why: string }
  /** The venue could not be read: nothing about it is concluded. */
  | { readonly kind: 'skip-venue'; readonly venue: VenueId };

export type ActionKind = ProposedAction['kind'];

export type Discrepancy =
  | { readonly kind: 'venue-query-failed'; readonly venue: VenueId; readonly failedQuery: string; readonly error: string; readonly action: ProposedAction }
  | {
      readonly kind: 'in-flight-resolved';
      readonly venue: VenueId;
      readonly intentId: number;
      readonly clientOrderId: string;
      readonly ledgerState: OrderStateName;
      readonly resolution: OrderResolution;
      readonly action: ProposedAction;
    }
  /** Off the book, no fill seen, but the evidence does not cover the order's life: lost. */
  | { readonly kind: 'in-flight-unresolved'; readonly venue: VenueId; readonly intentId: number; readonly clientOrderId: string; readonly why: string; readonly action: ProposedAction }
  | {
      readonly kind: 'lost-order-found';
      readonly venue: VenueId;
      readonly intentId: number;
      readonly clientOrderId: string;
      readonly resolution: OrderResolution;
      readonly action: ProposedAction;
    }
  | { readonly kind: 'unrecorded-fill'; readonly venue: VenueId; readonly venueFillId: string; readonly action: ProposedAction }
  | { readonly kind: 'unrecorded-funding'; readonly venue: VenueId; readonly symbol: string; readonly settlementTimeMs: number; readonly action: ProposedAction }
  /** An order of ours open on the venue that the ledger holds as done (or never recorded). */
  | {
      readonly kind: 'stale-own-order';
      readonly venue: VenueId;
      readonly order: OrderState;
      readonly intentId: number | null;
      readonly ledgerState: OrderStateName | null;
      readonly purpose: OrderPurpose | null;
      readonly action: ProposedAction;
    }
  | { readonly kind: 'foreign-order'; readonly venue: VenueId; readonly order: OrderState; readonly action: ProposedAction }
  /** One leg filled, the other flat: a crash between legs (upstream B18 left it naked). */
  | {
      readonly kind: 'naked-leg';
      readonly pairSeq: number;
      readonly venue: VenueId;
      readonly symbol: string;
      readonly positionSide: PositionSide;
      readonly legSize: string;
      readonly action: ProposedAction;
    }
  /** Both venues flat for a pair the ledger holds open. */
  | { readonly kind: 'zombie-pair'; readonly pairSeq: number; readonly symbol: string; readonly ledgerState: PairState; readonly action: ProposedAction }
  /** The venue's position differs from the ledger's legs there by at least the step and USD
   *  tolerances (deltaUsd null when no mark is known: then the steps alone decide). */
  | {
      readonly kind: 'size-mismatch';
      readonly venue: VenueId;
      readonly symbol: string;
      readonly venueSize: string;
      readonly ledgerSize: string;
      readonly deltaSize: string;
      /** Whole steps in the difference; null when the market's step is unknown. */
      readonly deltaSteps: string | null;
      readonly deltaUsd: string | null;
      readonly action: ProposedAction;
    }
  /** A venue position where the ledger's legs hold none: 'foreign-fills' when the window shows
   *  fills of orders not ours in that market, else 'unknown' (no fill in the window says who). */
  | {
      readonly kind: 'position-not-ours';
      readonly venue: VenueId;
      readonly symbol: string;
      readonly venueSize: string;
      readonly evidence: 'foreign-fills' | 'unknown';
      readonly action: ProposedAction;
    };

export type DiscrepancyKind = Discrepancy['kind'];

export interface DiffResult {
  readonly discrepancies: readonly Discrepancy[];
  /** False when any venue could not be read: what is reported is true, but not all there is. */
  readonly complete: boolean;
  readonly skippedVenues: readonly VenueId[];
}
