// The reconciliation diff: the venues' snapshots against the ledger's view, as a list of
// discrepancies, each with the action proposed for it. Pure: the same inputs give the same list
// in the same order (orders, money, positions; within each, the inputs' order), so a replay
// dedupes (NautilusTrader live.md: deterministic reconciliation).
//
// A venue whose snapshot failed, or that was not asked at all, is reported and skipped: nothing is
// concluded about it (a failed query is never flat: reference-upstream §13 B15) and the result is
// marked incomplete, so the caller keeps the trading gate closed.
import { VENUES, type VenueId } from '../domain/enums';
import { buildContext } from './diff-context';
import { diffMoney } from './diff-money';
import { diffOrders } from './diff-orders';
import { diffPositions, type PositionTolerance } from './diff-positions';
import type { DiffResult, Discrepancy } from './discrepancy';
import type { LedgerView } from './ledger-view';
import type { VenueSnapshot, VenueSnapshotOk } from './venue-snapshot';

export class ReconcileInputError extends Error {
  override readonly name = 'ReconcileInputError';
}

export function diffReconcile(snapshots: readonly VenueSnapshot[], view: LedgerView, tolerance: PositionTolerance, venues: readonly VenueId[] = VENUES): DiffResult {
  const ok = new Map<VenueId, VenueSnapshotOk>();
  const failed: Discrepancy[] = [];
  const seen = new Set<VenueId>();
  for (const s of snapshots) {
    if (seen.has(s.venue)) throw new ReconcileInputError(`two snapshots of ${s.venue}`);
    seen.add(s.venue);
    if (s.kind === 'ok') ok.set(s.venue, s);
    else failed.push({ kind: 'venue-query-failed', venue: s.venue, failedQuery: s.failedQuery, error: s.error, action: { kind: 'skip-venue', venue: s.venue } });
  }
  for (const v of venues) {
    if (!seen.has(v)) failed.push({ kind: 'venue-query-failed', venue: v, failedQuery: 'not-queried', error: 'no snapshot of this venue', action: { kind: 'skip-venue', venue: v } });
  }
  const ctx = buildContext(view, ok);
  const discrepancies = [...failed, ...diffOrders(ctx), ...diffMoney(ctx), ...diffPositions(ctx, tolerance)];
  const skippedVenues = venues.filter((v) => !ok.has(v));
  return { discrepancies, complete: skippedVenues.length === 0, skippedVenues };
}
