// What one venue said when reconciliation asked it, read through the venue port
// (venues/port.ts). A query that failed is its own case carrying the error: it is never read as
// "no orders" or "flat" (reference-upstream §13 B15: a failed get_position passed close
// verification and "confirmed" a broken hedge). A venue whose snapshot failed is skipped and the
// reconciliation is incomplete.
import type { VenueId } from '../domain/enums';
import type { Balance, Fill, FundingPayment, MarketMeta, OrderState, Position } from '../venues/port';

/** The market facts the diff needs: the step to count a size mismatch in, a mark to price it in
 *  USD when the venue shows no position there (a position carries its own mark). */
export type SnapshotMarket = Pick<MarketMeta, 'symbol' | 'marketIndex' | 'stepSize'> & {
  /** Mark price (analytics float from the venue), or null when unknown. */
  readonly markPrice: number | null;
};

/** Read the open orders before the fills: an order that fills between the two reads is then off
 *  the book and in the fills (filled), never off the book with no fill (which would read as
 *  cancelled). Positions and fills in either order: a fill between them makes the position differ
 *  from the fills, which the diff treats as missing evidence, never as agreement. */
export interface VenueSnapshotOk {
  readonly kind: 'ok';
  readonly venue: VenueId;
  /** When the venue was read (the end of the fill and funding window). */
  readonly queriedAtMs: number;
  /** Start of the fill and funding window: the last reconciled time (minus a skew). */
  readonly sinceMs: number;
  /** After an ack a readback may not see an order for this long (capabilities.notFoundGraceMs):
   *  absence inside it proves nothing. */
  readonly notFoundGraceMs: number;
  readonly openOrders: readonly OrderState[];
  /** Every non-flat position; a market absent here is flat (the query succeeded). */
  readonly positions: readonly Position[];
  readonly fills: readonly Fill[];
  readonly fundingPayments: readonly FundingPayment[];
  readonly balance: Balance;
  readonly markets: readonly SnapshotMarket[];
}

/** Which of the venue's reads failed; the others are not used either (one consistent read). */
export const SNAPSHOT_QUERIES = ['openOrders', 'positions', 'fills', 'fundingPayments', 'balance', 'markets'] as const;
export type SnapshotQuery = (typeof SNAPSHOT_QUERIES)[number];

export interface VenueSnapshotFailed {
  readonly kind: 'failed';
  readonly venue: VenueId;
  readonly queriedAtMs: number;
  readonly failedQuery: SnapshotQuery;
  readonly error: string;
}

export type VenueSnapshot = VenueSnapshotOk | VenueSnapshotFailed;
