// The invariants checked after each complete reconciliation run (NautilusTrader's reconciliation
// ends by checking that its cache agrees with the venue: shared/peers.md §A2). Pure: the run's
// venue snapshots against the ledger's view read again AFTER the run's fixes were applied.
//
// 1. Each venue market where an open pair holds a leg: the sum of the ledger's legs there equals
//    the venue's position within one step (a difference of a whole step or more can be traded
//    away, so it is real; both sides are on the step grid, so in practice they are equal).
// 2. Every fill of ours the venue lists is in the ledger (once: the ledger's unique key per venue
//    fill id, migration 0002, makes a second copy impossible; here the venue's list is deduped).
// 3. No order of ours rests on a venue without a live intent (in flight, open or lost in the
//    ledger): anything else is an order nothing of ours will ever manage.
//
// Pairs and markets that moved during the run's reads (ledger-view.ts activePairSeqs and
// movingMarkets) are not judged: the venue and the ledger were read at different moments of them.
//
// What the run itself just changed on a venue (a cancel or a close it sent) and what the order
// tracker still resolves are excused: the snapshot was read before, and the next run checks again.
// A violation keeps new entries refused until a run finds none (host/trading/reconcile-loop.ts).
import { absDecimal, addDecimal, normalizeDecimal, signDecimal, subDecimal, toIncrements } from '../domain/decimal';
import type { VenueId } from '../domain/enums';
import { marketKey, venueSize } from './diff-context';
import { fillKey, IN_FLIGHT_STATES, OPEN_STATES, type LedgerView } from './ledger-view';
import { OrderIndex } from './ownership';
import type { VenueSnapshot, VenueSnapshotOk } from './venue-snapshot';

export const INVARIANT_KINDS = ['position-differs', 'fill-not-recorded', 'order-without-intent'] as const;
export type InvariantKind = (typeof INVARIANT_KINDS)[number];

/** One broken invariant, as the status shows it (api/channels/reconcile.ts invariantViolations). */
export interface InvariantViolation {
  readonly kind: InvariantKind;
  readonly venue: VenueId | null;
  readonly symbol: string | null;
  readonly pairSeq: number | null;
  readonly detail: string;
}

export interface InvariantExcuses {
  /** Client ids of orders the run cancelled, or that the order tracker is still resolving. */
  readonly clientOrderIds: Pick<ReadonlySet<string>, 'has'>;
  /** Venue markets (marketKey) the run sent a close on. */
  readonly markets: ReadonlySet<string>;
}

export const NO_EXCUSES: InvariantExcuses = { clientOrderIds: new Set(), markets: new Set() };

const LIVE_ORDER_STATES = new Set<string>([...IN_FLIGHT_STATES, ...OPEN_STATES, 'lost']);

function checkPositions(view: LedgerView, ok: ReadonlyMap<VenueId, VenueSnapshotOk>, excuses: InvariantExcuses): InvariantViolation[] {
  const ledger = new Map<string, { venue: VenueId; symbol: string; size: string; pairSeqs: number[]; checked: boolean }>();
  for (const p of view.pairs) {
    for (const l of p.legs) {
      const k = marketKey(l.venue, p.symbol);
      const m = ledger.get(k) ?? { venue: l.venue, symbol: p.symbol, size: '0', pairSeqs: [], checked: false };
      m.size = normalizeDecimal(addDecimal(m.size, l.positionSize));
      m.pairSeqs.push(p.pairSeq);
      // Only a market with an open pair that no executor is moving is judged.
      if (p.state === 'open' && !view.activePairSeqs.has(p.pairSeq)) m.checked = true;
      ledger.set(k, m);
    }
  }
  const out: InvariantViolation[] = [];
  for (const [k, m] of ledger) {
    const snap = ok.get(m.venue);
    if (!m.checked || snap === undefined || excuses.markets.has(k) || view.movingMarkets.has(k)) continue;
    if (m.pairSeqs.some((s) => view.activePairSeqs.has(s))) continue;
    const held = venueSize(snap, m.symbol);
    const delta = absDecimal(subDecimal(held, m.size));
    if (signDecimal(delta) === 0) continue;
    const step = snap.markets.find((x) => x.symbol === m.symbol)?.stepSize ?? null;
    // An unknown step: any difference counts (never made to disappear by a missing fact).
    if (step !== null && toIncrements(delta, step, 'floor') < 1n) continue;
    out.push({
      kind: 'position-differs',
      venue: m.venue,
      symbol: m.symbol,
      pairSeq: m.pairSeqs.length === 1 ? m.pairSeqs[0]! : null,
      detail: `${m.venue} ${m.symbol}: the venue holds ${held}, the ledger's legs ${m.size} (pairs ${m.pairSeqs.join(', ')})`,
    });
  }
  return out;
}

function checkFills(view: LedgerView, ok: ReadonlyMap<VenueId, VenueSnapshotOk>, index: OrderIndex, excuses: InvariantExcuses): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  for (const snap of ok.values()) {
    const seen = new Set<string>();
    for (const f of snap.fills) {
      const key = fillKey(snap.venue, f.venueFillId);
      if (seen.has(key)) continue;
      seen.add(key);
      const owner = index.owner(snap.venue, f.clientOrderId, f.venueOrderId);
      if (owner === null || view.fillKeys.has(key)) continue;
      const cid = f.clientOrderId ?? owner.order?.clientOrderId ?? null;
      if (cid !== null && excuses.clientOrderIds.has(cid)) continue;
      const pairSeq = OrderIndex.pairLeg(owner).pairSeq;
      out.push({ kind: 'fill-not-recorded', venue: snap.venue, symbol: f.symbol, pairSeq, detail: `${snap.venue} fill ${f.venueFillId} (${f.side} ${f.size} ${f.symbol}) of our order ${cid ?? f.venueOrderId} is not in the ledger` });
    }
  }
  return out;
}

function checkOrders(view: LedgerView, ok: ReadonlyMap<VenueId, VenueSnapshotOk>, index: OrderIndex, excuses: InvariantExcuses): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  for (const snap of ok.values()) {
    for (const o of snap.openOrders) {
      const owner = index.owner(snap.venue, o.clientOrderId, o.venueOrderId);
      if (owner === null || excuses.clientOrderIds.has(o.clientOrderId)) continue;
      if (owner.order !== null && LIVE_ORDER_STATES.has(owner.order.state)) continue;
      const pairSeq = OrderIndex.pairLeg(owner).pairSeq;
      // A pair that moved during the reads: the venue listed the order before the executor
      // cancelled or replaced it (crash-suite soak: a maker repriced during a run's reads refused
      // entries until the next run).
      if (view.activePairSeqs.has(pairSeq)) continue;
      const held = owner.order === null ? 'has no intent in the ledger' : `is ${owner.order.state} in the ledger`;
      out.push({ kind: 'order-without-intent', venue: snap.venue, symbol: o.symbol, pairSeq, detail: `our order ${o.clientOrderId} rests on ${snap.venue} ${o.symbol} (${o.side} ${o.size}) but ${held}` });
    }
  }
  return out;
}

/** Every invariant broken after the run, in a fixed order (positions, fills, orders). Venues whose
 *  snapshot failed are not judged (nothing is concluded about them). */
export function checkInvariants(snapshots: readonly VenueSnapshot[], view: LedgerView, excuses: InvariantExcuses = NO_EXCUSES): InvariantViolation[] {
  const ok = new Map<VenueId, VenueSnapshotOk>();
  for (const s of snapshots) if (s.kind === 'ok') ok.set(s.venue, s);
  const index = new OrderIndex(view);
  return [...checkPositions(view, ok, excuses), ...checkFills(view, ok, index, excuses), ...checkOrders(view, ok, index, excuses)];
}
