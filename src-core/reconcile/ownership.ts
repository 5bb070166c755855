// Whose is a venue order or fill? Ours when its client id decodes under this database's epoch
// (domain/client-order-id.ts: the id encodes pair, leg, purpose and attempt, so no in-memory table
// is needed after a restart) or when the ledger knows its venue order id (a fill reported without
// our client id). Anything else is foreign: a manual order, another tool.
import { decodeClientOrderId, type ClientOrderIdParts } from '../domain/client-order-id';
import type { VenueId } from '../domain/enums';
import type { LedgerOrder, LedgerView } from './ledger-view';

export interface Ownership {
  /** The intent the ledger view holds for it, if any. */
  readonly order: LedgerOrder | null;
  /** The decoded id when it is ours by its id. */
  readonly parts: ClientOrderIdParts | null;
}

export class OrderIndex {
  private readonly byClientId = new Map<string, LedgerOrder>();
  private readonly byVenueOrderId = new Map<string, LedgerOrder>();

  constructor(private readonly view: LedgerView) {
    for (const o of view.orders) {
      this.byClientId.set(o.clientOrderId, o);
      if (o.venueOrderId !== null) this.byVenueOrderId.set(`${o.venue}|${o.venueOrderId}`, o);
    }
  }

  /** null when it is not ours. */
  owner(venue: VenueId, clientOrderId: string | null, venueOrderId: string): Ownership | null {
    const parts = clientOrderId === null ? null : decodeClientOrderId(clientOrderId, this.view.epoch);
    const order = (clientOrderId === null ? undefined : this.byClientId.get(clientOrderId)) ?? this.byVenueOrderId.get(`${venue}|${venueOrderId}`) ?? null;
    if (order !== null && order.venue !== venue) return parts === null ? null : { order: null, parts };
    if (order === null && parts === null) return null;
    return { order, parts };
  }

  /** The pair and leg an order or fill of ours belongs to. */
  static pairLeg(o: Ownership): { readonly pairSeq: number; readonly leg: 0 | 1 } {
    if (o.order !== null) return { pairSeq: o.order.pairSeq, leg: o.order.leg };
    // owner() never returns both null.
    return { pairSeq: o.parts!.pairSeq, leg: o.parts!.leg };
  }
}
