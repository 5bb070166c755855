// A reconciliation fix that waits for the trader, as the reconcile.pending query shows it: which
// venue, market and pair it is about, what was found (in words, sizes as exact decimals) and why
// it waits, with an id that is the finding's own identity (so the same finding keeps its id from
// run to run, and a changed one gets a new id). Pure.
import type { ReconcilePendingItem } from '../../api/channels/reconcile';
import type { VenueId } from '../../domain/enums';
import type { Discrepancy } from '../../reconcile/discrepancy';
import type { PlannedFix } from '../../reconcile/resolver';

function where(d: Discrepancy): { venue: VenueId | null; symbol: string | null; pairSeq: number | null } {
  switch (d.kind) {
    case 'venue-query-failed':
      return { venue: d.venue, symbol: null, pairSeq: null };
    case 'in-flight-resolved':
    case 'in-flight-unresolved':
    case 'lost-order-found':
      return { venue: d.venue, symbol: null, pairSeq: null };
    case 'unrecorded-fill':
      return { venue: d.venue, symbol: d.action.kind === 'record-fill' ? d.action.fill.symbol : null, pairSeq: null };
    case 'unrecorded-funding':
      return { venue: d.venue, symbol: d.symbol, pairSeq: null };
    case 'stale-own-order':
    case 'foreign-order':
      return { venue: d.venue, symbol: d.order.symbol, pairSeq: null };
    case 'naked-leg':
      return { venue: d.venue, symbol: d.symbol, pairSeq: d.pairSeq };
    case 'zombie-pair':
      return { venue: null, symbol: d.symbol, pairSeq: d.pairSeq };
    case 'size-mismatch':
    case 'position-not-ours':
      return { venue: d.venue, symbol: d.symbol, pairSeq: null };
  }
}

function detail(d: Discrepancy): string {
  switch (d.kind) {
    case 'venue-query-failed':
      return `${d.venue}: ${d.failedQuery} failed: ${d.error}`;
    case 'in-flight-resolved':
    case 'lost-order-found':
      return `order ${d.clientOrderId} (intent ${d.intentId}): ${d.resolution.kind} on the venue`;
    case 'in-flight-unresolved':
      return `order ${d.clientOrderId} (intent ${d.intentId}): ${d.why}`;
    case 'unrecorded-fill':
      return `fill ${d.venueFillId} not in the ledger`;
    case 'unrecorded-funding':
      return `funding payment at ${d.settlementTimeMs} not in the ledger`;
    case 'stale-own-order':
      return `our order ${d.order.clientOrderId ?? d.order.venueOrderId} is open on the venue; the ledger holds it as ${d.ledgerState ?? 'unrecorded'}`;
    case 'foreign-order':
      return `open order ${d.order.venueOrderId} is not ours`;
    case 'naked-leg':
      // A review says what holds the close back (the order that still works).
      return `pair ${d.pairSeq}: ${d.positionSide} ${d.legSize} held on ${d.venue}, the other leg is flat${d.action.kind === 'review' ? `; ${d.action.why}` : ''}`;
    case 'zombie-pair':
      return `pair ${d.pairSeq} is ${d.ledgerState} in the ledger; both venues are flat`;
    case 'size-mismatch':
      return `venue holds ${d.venueSize}, the ledger ${d.ledgerSize} (${d.deltaSize}${d.deltaSteps === null ? '' : `, ${d.deltaSteps} steps`}${d.deltaUsd === null ? '' : `, ${d.deltaUsd} USD`})`;
    case 'position-not-ours':
      return `venue holds ${d.venueSize} that none of our legs holds (${d.evidence})`;
  }
}

/** What makes the finding this finding: its kind, its place and the amounts it is about. A
 *  dismissal is recorded under it, so a size that changes (the leg grew, the mismatch moved) is a
 *  new finding and is asked again. */
function identity(d: Discrepancy): string {
  switch (d.kind) {
    case 'venue-query-failed':
      return `${d.venue}:${d.failedQuery}`;
    case 'in-flight-resolved':
    case 'lost-order-found':
      return `${d.venue}:${d.clientOrderId}:${d.resolution.kind}`;
    case 'in-flight-unresolved':
      return `${d.venue}:${d.clientOrderId}`;
    case 'unrecorded-fill':
      return `${d.venue}:${d.venueFillId}`;
    case 'unrecorded-funding':
      return `${d.venue}:${d.symbol}:${d.settlementTimeMs}`;
    case 'stale-own-order':
    case 'foreign-order':
      return `${d.venue}:${d.order.symbol}:${d.order.venueOrderId}:${d.order.size}:${d.order.filledSize}`;
    case 'naked-leg':
      // The action too: a leg told while its order still works (a review) and the same leg once it
      // can be closed are two findings, so dismissing the first does not hide the second.
      return `${d.venue}:${d.symbol}:${d.pairSeq}:${d.legSize}:${d.action.kind}`;
    case 'zombie-pair':
      return `${d.symbol}:${d.pairSeq}`;
    case 'size-mismatch':
      return `${d.venue}:${d.symbol}:${d.venueSize}:${d.ledgerSize}`;
    case 'position-not-ours':
      return `${d.venue}:${d.symbol}:${d.venueSize}`;
  }
}

/** The stable id of a planned fix's finding. */
export function findingId(f: PlannedFix): string {
  return `${f.discrepancy.kind}:${identity(f.discrepancy)}`.slice(0, 300);
}

export function pendingItem(f: PlannedFix): ReconcilePendingItem {
  return { id: findingId(f), kind: f.discrepancy.kind, action: f.action.kind, ...where(f.discrepancy), why: f.why, detail: detail(f.discrepancy) };
}
