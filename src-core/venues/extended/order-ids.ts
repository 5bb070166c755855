// Extended trades carry the venue's `orderId` but not our externalId (venues.md §2.2, SDK
// x10/perpetual/trades.py): the client id of a fill comes from the order it belongs to. Order
// events on the account stream and place acks teach the id ⇄ externalId pairs as they pass; an
// order id never seen (after a restart, or a fill that outran its order event) is read back by id
// (GET /user/orders/{id}). The table is only a cache: correctness never depends on it.
import type { ExtendedRest } from './rest';
import { VenueError } from '../common/errors';
import { orderSchema } from './wire/schemas';

const MAX_CACHED = 50_000;

export class OrderIds {
  private readonly byOrderId = new Map<string, string>();
  private readonly inflight = new Map<string, Promise<string | null>>();

  constructor(private readonly rest: ExtendedRest) {}

  learn(venueOrderId: string, clientOrderId: string): void {
    if (this.byOrderId.size >= MAX_CACHED) {
      const oldest = this.byOrderId.keys().next();
      if (oldest.done !== true) this.byOrderId.delete(oldest.value);
    }
    this.byOrderId.set(venueOrderId, clientOrderId);
  }

  known(venueOrderId: string): string | undefined {
    return this.byOrderId.get(venueOrderId);
  }

  /** The externalId of a venue order; null when the venue has no such order for this account.
   *  A failed query throws: "could not ask" is never "not ours". */
  async resolve(venueOrderId: string): Promise<string | null> {
    const hit = this.byOrderId.get(venueOrderId);
    if (hit !== undefined) return hit;
    let p = this.inflight.get(venueOrderId);
    if (p === undefined) {
      p = this.readBack(venueOrderId).finally(() => this.inflight.delete(venueOrderId));
      this.inflight.set(venueOrderId, p);
    }
    return p;
  }

  private async readBack(venueOrderId: string): Promise<string | null> {
    try {
      const { data } = await this.rest.get(`/user/orders/${encodeURIComponent(venueOrderId)}`, orderSchema, 'user/orders/id');
      this.learn(venueOrderId, data.externalId);
      return data.externalId;
    } catch (e) {
      if (e instanceof VenueError && e.status === 404) return null;
      throw e;
    }
  }
}
