// Who does what in a pair's entry. Leg 0 is the maker leg on settings.trading.makerVenue (the
// setting names the venue; it has no "cheapest fee" mode yet), leg 1 the hedge on the other
// venue. The long side is the venue where funding is cheap to hold (the screener's longVenue).
// Every order of the entry gets a distinct (leg, purpose, attempt), so its client order id
// (domain/client-order-id.ts) is distinct and maps back to its intent after a restart:
//   leg 0 'entry'    the post-only maker order, each reprice, then the taker escalation
//   leg 1 'hedge'    every hedge IOC, across all fills of leg 0
//   leg 0 'rollback' reduce-only IOCs closing what could not be hedged
import { ATTEMPT_MAX, type OrderPurpose } from '../domain/client-order-id';
import type { Side, VenueId } from '../domain/venue';

export class EntryPlanError extends Error {
  override readonly name = 'EntryPlanError';
}

export interface EntryOpportunity {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
}

export interface LegPlan {
  readonly leg: 0 | 1;
  readonly venue: VenueId;
  /** The side that opens this leg; its reduce-only close is the opposite. */
  readonly side: Side;
}

export interface EntryPlan {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly maker: LegPlan;
  readonly hedge: LegPlan;
}

export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

export function planEntry(opp: EntryOpportunity, makerVenue: VenueId): EntryPlan {
  if (opp.longVenue === opp.shortVenue) throw new EntryPlanError(`long and short are both on ${opp.longVenue}`);
  if (makerVenue !== opp.longVenue && makerVenue !== opp.shortVenue) throw new EntryPlanError(`maker venue ${String(makerVenue)} is not a venue of the pair`);
  const makerSide: Side = makerVenue === opp.longVenue ? 'buy' : 'sell';
  const hedgeVenue = makerVenue === opp.longVenue ? opp.shortVenue : opp.longVenue;
  return {
    symbol: opp.symbol,
    longVenue: opp.longVenue,
    shortVenue: opp.shortVenue,
    maker: { leg: 0, venue: makerVenue, side: makerSide },
    hedge: { leg: 1, venue: hedgeVenue, side: opposite(makerSide) },
  };
}

/** Hands out attempt numbers per (leg, purpose), 0 first; null once 255 is used (the id has
 *  8 bits for it): the caller must stop sending on that leg and purpose, never wrap around. */
export class AttemptCounter {
  private readonly next = new Map<string, number>();

  /** A counter that continues after the attempts the ledger already holds for the pair (a
   *  close after the entry, a second close after a failed one): ids are never reused. */
  static continuing(intents: readonly { readonly leg: 0 | 1; readonly purpose: OrderPurpose; readonly attempt: number }[]): AttemptCounter {
    const c = new AttemptCounter();
    for (const i of intents) {
      const key = `${i.leg}:${i.purpose}`;
      c.next.set(key, Math.max(c.next.get(key) ?? 0, i.attempt + 1));
    }
    return c;
  }

  take(leg: 0 | 1, purpose: OrderPurpose): number | null {
    const key = `${leg}:${purpose}`;
    const n = this.next.get(key) ?? 0;
    if (n > ATTEMPT_MAX) return null;
    this.next.set(key, n + 1);
    return n;
  }

  /** Attempts handed out so far for (leg, purpose). */
  used(leg: 0 | 1, purpose: OrderPurpose): number {
    return this.next.get(`${leg}:${purpose}`) ?? 0;
  }
}
