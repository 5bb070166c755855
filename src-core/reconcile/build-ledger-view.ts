// Builds the diff's LedgerView (ledger-view.ts) from the ledger's read side: one snapshot of the
// pairs, the intents with their states and the recorded fill and funding keys in the window
// (ledger/ledger-queries.ts reconcileRecords). Typed against the ledger's types only (reconcile/
// may not use the ledger's values: eslint.config.mjs), so the caller hands in the query object.
import { signDecimal } from '../domain/decimal';
import type { ReconcileRecords } from '../ledger/query-types';
import { marketKey } from './diff-context';
import { fillKey, fundingKey, type LedgerOrder, type LedgerPair, type LedgerView } from './ledger-view';
import { CLOSED_PAIR_STATES_FOR_FUNDING } from './pair-states';

export interface LedgerViewSource {
  reconcileRecords(sinceMs: number): ReconcileRecords;
}

export interface LedgerViewInput {
  readonly source: LedgerViewSource;
  /** This database's client-id epoch (LedgerRepo.epoch). */
  readonly epoch: number;
  /** Start of the venues' fill and funding window. */
  readonly sinceMs: number;
  /** Pairs an executor worked on at any moment since the run's reads began (empty at startup). */
  readonly activePairSeqs: ReadonlySet<number>;
  /** When the run's venue reads began (null: nothing can move, the CLI's offline run): a pair
   *  created, opened or closed since, or with an order created since, is moving too. An order
   *  only changed since (a restored order's readback) is the ledger catching up with what the
   *  venue already showed, no movement: such a pair is judged. */
  readonly movingSinceMs: number | null;
}

/** The pairs moving since `t` by the ledger's own timestamps, beside the executors' list. */
function movingPairs(r: ReconcileRecords, t: number | null, active: ReadonlySet<number>): Set<number> {
  const out = new Set(active);
  if (t === null) return out;
  for (const p of r.pairs) if (p.createdAtMs >= t || (p.openedAtMs ?? -1) >= t || (p.closedAtMs ?? -1) >= t) out.add(p.pairSeq);
  for (const o of r.orders) if (o.createdAtMs >= t) out.add(o.pairSeq);
  return out;
}

/** A pair counts when it is not closed or rolled back, or when any leg still holds a size (a
 *  closed pair whose leg is not flat is exactly what the venues must be compared with). */
function counts(p: LedgerPair): boolean {
  return !CLOSED_PAIR_STATES_FOR_FUNDING.includes(p.state) || p.legs.some((l) => signDecimal(l.positionSize) !== 0);
}

export function buildLedgerView(i: LedgerViewInput): LedgerView {
  const r = i.source.reconcileRecords(i.sinceMs);
  const moving = movingPairs(r, i.movingSinceMs, i.activePairSeqs);
  // Both venues of a moving pair (its record may be filtered out below: a pair closed during the
  // reads is flat in the ledger while the venue was read before the close's fills).
  const movingMarkets = new Set(r.pairs.filter((p) => moving.has(p.pairSeq)).flatMap((p) => [marketKey(p.longVenue, p.symbol), marketKey(p.shortVenue, p.symbol)]));
  const pairs: LedgerPair[] = r.pairs
    .map((p) => ({ pairSeq: p.pairSeq, symbol: p.symbol, longVenue: p.longVenue, shortVenue: p.shortVenue, state: p.state, targetSize: p.targetSize, legs: p.legs, pnl: p.pnl }))
    .filter(counts);
  const orders: LedgerOrder[] = r.orders.map((o) => ({
    intentId: o.intentId,
    clientOrderId: o.clientOrderId,
    leg: o.leg,
    purpose: o.purpose,
    venue: o.venue,
    symbol: o.symbol,
    side: o.side,
    size: o.size,
    tif: o.tif,
    reduceOnly: o.reduceOnly,
    createdAtMs: o.createdAtMs,
    state: o.state,
    venueOrderId: o.venueOrderId,
    filledSize: o.filledSize,
    pairSeq: o.pairSeq,
  }));
  return {
    epoch: i.epoch,
    pairs,
    orders,
    activePairSeqs: moving,
    movingMarkets,
    fillKeys: new Set(r.fills.map((f) => fillKey(f.venue, f.venueFillId))),
    fundingKeys: new Set(r.funding.map((f) => fundingKey(f.venue, f.symbol, f.settlementTimeMs))),
  };
}
