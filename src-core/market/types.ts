// What strategy code reads: one consistent, in-memory view per symbol and venue. No I/O.
import type { VenueId } from '../domain/venue';
import type { BookLevel, MarketMeta } from '../venues/port';

export interface VenueView {
  readonly venue: VenueId;
  readonly meta: MarketMeta;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly bookFresh: boolean;
  readonly bookStaleReason: string | null;
  /** Venue time of the last book update (ms); 0 when none yet. */
  readonly bookVenueTimeMs: number;
  readonly markPrice: number | null;
  readonly indexPrice: number | null;
  /** Predicted rate for the current hour and the last settled one; signed hourly decimals. */
  readonly predictedHourlyRate: number | null;
  readonly settledHourlyRate: number | null;
  readonly nextSettlementMs: number | null;
  /** Set while the adapter refuses this venue's funding as implausible (the rates above are then
   *  the last good values, not current ones): since when and the latest reason. */
  readonly fundingRejectedSinceMs: number | null;
  readonly fundingRejectedReason: string | null;
}

export interface SymbolView {
  readonly symbol: string;
  readonly lighter: VenueView;
  readonly extended: VenueView;
}

export interface AccountView {
  /** Available margin per venue in USD; null when unknown (the margin gate then fails closed). */
  readonly availableUsd: Readonly<Record<VenueId, number | null>>;
  readonly openPairs: number;
  readonly openSymbols: ReadonlySet<string>;
  /** Symbol → ms of the last close, for the cooldown gate. */
  readonly lastCloseMs: ReadonlyMap<string, number>;
}

/** Net hourly history per symbol, oldest first, for each direction ("long lighter" = long on
 *  Lighter, short on Extended). */
export interface HistoryView {
  netHourly(symbol: string, longVenue: VenueId): readonly number[];
  /** Oldest first. The same array until the history changes, never mutated in place (a write
   *  hands out a new one): the strategy memoises per array (strategy/spread-history.ts). */
  venueHourly(symbol: string, venue: VenueId): readonly { timeMs: number; hourlyRate: number }[];
}
