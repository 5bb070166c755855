// What the ledger believes, as reconciliation compares it with the venues: the pairs with their
// legs' net sizes and PnL, every order intent with its state (in flight, lost and done too), and
// the keys of the fills and funding payments already recorded. Built from the ledger's read-side
// records (ledger/query-types.ts) by the caller; plain data, so the diff stays pure.
import type { OrderStateName, VenueId } from '../domain/enums';
import type { OrderView, PairView } from '../ledger/query-types';

/** A pair as the diff needs it. `legs[i].positionSize` is the signed net size of that leg's
 *  fills; `pnl` is what the ledger has recorded (kept as is when a zombie pair is closed). */
export type LedgerPair = Pick<PairView, 'pairSeq' | 'symbol' | 'longVenue' | 'shortVenue' | 'state' | 'targetSize' | 'legs' | 'pnl'>;

/** An order intent with its current state and its pair. */
export type LedgerOrder = Pick<
  OrderView,
  'intentId' | 'clientOrderId' | 'leg' | 'purpose' | 'venue' | 'symbol' | 'side' | 'size' | 'tif' | 'reduceOnly' | 'createdAtMs' | 'state' | 'venueOrderId' | 'filledSize'
> & { readonly pairSeq: number };

export interface LedgerView {
  /** This database's client-id epoch: an id that does not decode under it is not ours. */
  readonly epoch: number;
  /** Every pair that is not closed or rolled back, and any other whose legs are not flat: the
   *  venue positions are compared with the sum of these legs per market. */
  readonly pairs: readonly LedgerPair[];
  /** Every intent whose order may still matter: in flight, lost, open, and done ones whose id
   *  could still show up open on a venue. */
  readonly orders: readonly LedgerOrder[];
  /** Pairs whose legs may have moved while the venues were read: an executor worked on them at
   *  some moment of the run (entry, close, rollback), or the ledger changed them or their orders
   *  after the reads began. They are not judged naked or zombie in a periodic run (empty at
   *  startup): a venue read before an entry's fills beside a ledger that recorded them is no
   *  zombie (crash-suite soak: entries made during a run's reads were asked about as zombies). */
  readonly activePairSeqs: ReadonlySet<number>;
  /** Venue markets (marketKey) of those pairs: their positions are not compared with the venues
   *  in this run either (the next run, once the legs are still, judges them). */
  readonly movingMarkets: ReadonlySet<string>;
  /** Keys of recorded fills (fillKey). */
  readonly fillKeys: ReadonlySet<string>;
  /** Keys of recorded funding payments (fundingKey): one per venue, market and settlement. */
  readonly fundingKeys: ReadonlySet<string>;
}

/** Fills are unique per venue fill id on each venue. */
export function fillKey(venue: VenueId, venueFillId: string): string {
  return `${venue}|${venueFillId}`;
}

/** The ledger keeps one payment per (venue, market, settlement time) (migration 0004's key). */
export function fundingKey(venue: VenueId, symbol: string, settlementTimeMs: number): string {
  return `${venue}|${symbol}|${settlementTimeMs}`;
}

/** No final answer yet: sent and waiting for the venue (Nautilus' in-flight group), or
 *  'initialized': the intent is durable before the send, so a crash between the send and the next
 *  state write leaves an order that may be on the venue in this state. */
export const IN_FLIGHT_STATES: readonly OrderStateName[] = ['initialized', 'submitted', 'pending-cancel'];
/** Working on the venue as far as the ledger knows. */
export const OPEN_STATES: readonly OrderStateName[] = ['accepted', 'partially-filled'];
