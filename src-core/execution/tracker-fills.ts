// The order tracker's fill intake: every fill (account stream, or fetched after a readback showed
// fills we lack) goes to the ledger first, which records it once per venue fill id and refuses an
// overfill; only a newly recorded fill of one of our intents reaches the FSM and the listeners.
import { LedgerError } from '../ledger/errors';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { OrderStateAfterFill } from '../ledger/types';
import type { Logger } from '../telemetry/log';
import type { Fill } from '../venues/port';
import type { Entry } from './tracker-entry';

/** What became of one fill: new for one of our tracked intents (apply it and tell), already
 *  known, refused by the ledger (an anomaly, nothing written), or not ours (recorded, untold). */
export type FillIntake =
  | { readonly kind: 'new'; readonly entry: Entry }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'foreign' };

/** How far before the intent's creation a fetch for its fills starts: venue timestamps and our
 *  wall clock may disagree by this much without a fill of ours being missed. */
export const FILL_FETCH_SKEW_MS = 60_000;

/** `stateAfter`: the order state this fill leads to, written in the same commit as the fill. */
export function intakeFill(ledger: LedgerRepo, log: Logger, fill: Fill, entry: Entry | null, stateAfter?: OrderStateAfterFill): FillIntake {
  let outcome;
  try {
    outcome = ledger.recordFill(fill, stateAfter);
  } catch (err) {
    // Overfill or a fill that contradicts its intent: never applied; reconciliation looks at it.
    const code = err instanceof LedgerError ? err.code : 'error';
    log.error('fill refused by the ledger (anomaly)', { code, venue: fill.venue, venueFillId: fill.venueFillId, clientOrderId: fill.clientOrderId, size: fill.size, error: err instanceof Error ? err.message : String(err) });
    return { kind: 'refused' };
  }
  if (outcome.kind === 'duplicate') {
    if (outcome.conflicting) log.error('fill re-delivered with different values (anomaly)', { venue: fill.venue, venueFillId: fill.venueFillId, clientOrderId: fill.clientOrderId });
    else log.debug('fill re-delivered: already recorded', { venue: fill.venue, venueFillId: fill.venueFillId, clientOrderId: fill.clientOrderId });
    return { kind: 'duplicate' };
  }
  if (outcome.intentId === null) {
    if (outcome.orphan) log.error('fill carries our epoch but no intent was recorded for it (anomaly)', { venue: fill.venue, venueFillId: fill.venueFillId, clientOrderId: fill.clientOrderId });
    return { kind: 'foreign' };
  }
  if (entry === null || entry.intent.intentId !== outcome.intentId) {
    log.error('fill recorded for an intent the tracker could not load', { venue: fill.venue, venueFillId: fill.venueFillId, intentId: outcome.intentId });
    return { kind: 'foreign' };
  }
  return { kind: 'new', entry };
}

/** The fills of this order among a venue's fill list (by our client id, or the venue order id
 *  when the venue's fill does not carry ours). */
export function fillsOfOrder(e: Entry, fills: readonly Fill[]): Fill[] {
  const venueOrderId = e.order.venueOrderId;
  return fills.filter(
    (f) => f.venue === e.intent.venue && f.symbol === e.intent.symbol && (f.clientOrderId === e.intent.clientOrderId || (venueOrderId !== null && f.clientOrderId === null && f.venueOrderId === venueOrderId)),
  );
}
