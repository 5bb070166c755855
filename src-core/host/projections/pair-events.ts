// The pairs events (api/channels/pairs.ts) built from what the ledger recorded, so the trading
// loop emits exactly what the ledger holds: an order's state after recordOrderState, a fill of
// ours after recordFill tied it to its intent, a pair's row read back after any of them.
import type { EventHub } from '../../api/events';
import type { EventPayload } from '../../api/contract';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import type { IntentRecord, LedgerFill, LedgerOrderState } from '../../ledger/types';

export function orderUpdateEvent(intent: IntentRecord, state: LedgerOrderState, atMs: number): EventPayload<'orders.update'> {
  return {
    intentId: intent.intentId,
    pairSeq: intent.pairSeq,
    leg: intent.leg,
    purpose: intent.purpose,
    attempt: intent.attempt,
    venue: intent.venue,
    symbol: intent.symbol,
    side: intent.side,
    size: intent.size,
    price: intent.price,
    state: state.state,
    filledSize: state.filledSize,
    atMs,
  };
}

/** The fills.new payload of a fill recorded against `intent` (a fill that is not ours has no
 *  intent and no event). */
export function fillNewEvent(fill: LedgerFill, intent: IntentRecord): EventPayload<'fills.new'> {
  return {
    venue: fill.venue,
    venueFillId: fill.venueFillId,
    symbol: fill.symbol,
    side: fill.side,
    size: fill.size,
    price: fill.price,
    feeUsd: fill.feeUsd,
    isMaker: fill.isMaker,
    pairSeq: intent.pairSeq,
    leg: intent.leg,
    timeMs: fill.timeMs,
  };
}

/** Emits the pair's current row; false when the ledger has no such pair (nothing emitted). */
export function emitPairUpdate(events: Pick<EventHub, 'emit'>, queries: Pick<LedgerQueries, 'pair'>, pairSeq: number): boolean {
  const row = queries.pair(pairSeq);
  if (row === null) return false;
  events.emit('pairs.update', row);
  return true;
}
