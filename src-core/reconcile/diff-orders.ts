// Orders: what became of every order the ledger has no final answer for (in flight, open, lost),
// and the venues' open orders the ledger does not hold as working (ours but done, or foreign).
// Evidence only, never a guess (NautilusTrader live.md: in-flight resolution; our in-flight.ts):
// - on the book: it is working;
// - off the book with the venue's fills of it reaching its size: filled; short of it: canceled;
// - off the book with no fill: "never arrived" (or canceled, if it had been acknowledged) only
//   past the venue's grace window, with a fill window that covers the order's whole life, and the
//   venue position equal to every fill we know; otherwise it is lost and goes to the trader.
import { addDecimal, compareDecimal, normalizeDecimal, signDecimal, sumDecimals } from '../domain/decimal';
import { CLOSED_ORDER_STATES } from '../domain/enums';
import type { OrderState } from '../venues/port';
import { believedMarketSizes, marketKey, venueSize, type DiffContext } from './diff-context';
import type { Discrepancy, OrderResolution } from './discrepancy';
import { fillKey, IN_FLIGHT_STATES, OPEN_STATES, type LedgerOrder } from './ledger-view';
import type { VenueSnapshotOk } from './venue-snapshot';

type Verdict = { readonly kind: 'resolved'; readonly resolution: OrderResolution } | { readonly kind: 'unresolved'; readonly why: string } | { readonly kind: 'none' };

function onBook(snap: VenueSnapshotOk, o: LedgerOrder): OrderState | undefined {
  return snap.openOrders.find((v) => v.clientOrderId === o.clientOrderId || (o.venueOrderId !== null && v.venueOrderId === o.venueOrderId));
}

/** The ledger's filled size of it plus the venue's fills of it that the ledger lacks. */
function knownFilled(ctx: DiffContext, snap: VenueSnapshotOk, o: LedgerOrder): string {
  const seen = new Set<string>();
  const extra: string[] = [];
  for (const f of snap.fills) {
    const ofIt = f.clientOrderId === o.clientOrderId || (o.venueOrderId !== null && f.venueOrderId === o.venueOrderId);
    const key = fillKey(snap.venue, f.venueFillId);
    if (!ofIt || seen.has(key) || ctx.view.fillKeys.has(key)) continue;
    seen.add(key);
    extra.push(f.size);
  }
  return normalizeDecimal(addDecimal(o.filledSize, sumDecimals(extra)));
}

function verdict(ctx: DiffContext, snap: VenueSnapshotOk, o: LedgerOrder, believed: ReadonlyMap<string, string>): Verdict {
  const live = onBook(snap, o);
  if (live !== undefined) return { kind: 'resolved', resolution: { kind: 'open', venueStatus: live.status, venueOrderId: live.venueOrderId, filledSize: live.filledSize } };
  const filled = knownFilled(ctx, snap, o);
  if (compareDecimal(filled, o.size) >= 0) return { kind: 'resolved', resolution: { kind: 'filled', filledSize: filled } };
  if (signDecimal(filled) > 0) return { kind: 'resolved', resolution: { kind: 'canceled', filledSize: filled } };
  if (snap.queriedAtMs < o.createdAtMs + snap.notFoundGraceMs) return { kind: 'none' };
  if (snap.sinceMs > o.createdAtMs) return { kind: 'unresolved', why: `the venue's fills were read from ${snap.sinceMs}, after the order was created at ${o.createdAtMs}` };
  const held = venueSize(snap, o.symbol);
  const expected = believed.get(marketKey(o.venue, o.symbol)) ?? '0';
  if (compareDecimal(held, expected) !== 0) return { kind: 'unresolved', why: `venue position ${held} differs from the ledger's ${expected}: a fill may be missing` };
  // Acknowledged once (a venue id, or a cancel was asked for): it rested and was cancelled.
  const acked = o.venueOrderId !== null || o.state === 'pending-cancel';
  return { kind: 'resolved', resolution: acked ? { kind: 'canceled', filledSize: '0' } : { kind: 'never-arrived' } };
}

export function diffOrders(ctx: DiffContext): Discrepancy[] {
  const out: Discrepancy[] = [];
  const believed = believedMarketSizes(ctx);
  for (const o of ctx.view.orders) {
    const snap = ctx.ok.get(o.venue);
    if (snap === undefined) continue;
    const lost = o.state === 'lost';
    const unsettled = IN_FLIGHT_STATES.includes(o.state) || OPEN_STATES.includes(o.state);
    if (!lost && !unsettled) continue;
    const v = verdict(ctx, snap, o, believed);
    if (v.kind === 'none') continue;
    if (v.kind === 'unresolved') {
      // Already lost: nothing new to say.
      if (!lost) out.push({ kind: 'in-flight-unresolved', venue: o.venue, intentId: o.intentId, clientOrderId: o.clientOrderId, why: v.why, action: { kind: 'mark-lost', intentId: o.intentId } });
      continue;
    }
    // The ledger already holds a working order as working: agreed.
    if (OPEN_STATES.includes(o.state) && v.resolution.kind === 'open') continue;
    const action = { kind: 'resolve-order', intentId: o.intentId, resolution: v.resolution } as const;
    if (lost && v.resolution.kind !== 'never-arrived') {
      out.push({ kind: 'lost-order-found', venue: o.venue, intentId: o.intentId, clientOrderId: o.clientOrderId, resolution: v.resolution, action });
    } else {
      out.push({ kind: 'in-flight-resolved', venue: o.venue, intentId: o.intentId, clientOrderId: o.clientOrderId, ledgerState: o.state, resolution: v.resolution, action });
    }
  }
  for (const snap of ctx.ok.values()) {
    for (const order of snap.openOrders) {
      const owner = ctx.index.owner(snap.venue, order.clientOrderId, order.venueOrderId);
      const cancel = (why: 'foreign' | 'stale-own') =>
        ({ kind: 'cancel-order', why, venue: snap.venue, symbol: order.symbol, clientOrderId: order.clientOrderId, venueOrderId: order.venueOrderId }) as const;
      if (owner === null) {
        out.push({ kind: 'foreign-order', venue: snap.venue, order, action: cancel('foreign') });
        continue;
      }
      const known = owner.order;
      if (known !== null && !CLOSED_ORDER_STATES.includes(known.state)) continue;
      out.push({
        kind: 'stale-own-order',
        venue: snap.venue,
        order,
        intentId: known?.intentId ?? null,
        ledgerState: known?.state ?? null,
        purpose: known?.purpose ?? owner.parts?.purpose ?? null,
        action: cancel('stale-own'),
      });
    }
  }
  return out;
}
