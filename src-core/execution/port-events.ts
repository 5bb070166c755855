// The venue port's outcomes and account events as order-FSM events, and an FSM record rebuilt
// from the ledger after a restart. Pure.
import { ORDER_END_REASONS, REJECT_REASONS, type ActionOutcome, type Fill, type OrderState, type Readback } from '../venues/port';
import type { IntentRecord, LedgerFill, LedgerOrderState } from '../ledger/types';
import { OrderFsmError, type OrderEvent, type OrderRecord } from './order-fsm';

/** The outcome of a place: accepted / rejected (definitive) / unknown (stays submitted). */
export function placeOutcomeEvent(outcome: ActionOutcome): OrderEvent {
  switch (outcome.kind) {
    case 'accepted':
      return { kind: 'accept', stage: outcome.stage, venueOrderId: outcome.venueOrderId, txHash: outcome.txHash };
    case 'rejected':
      return { kind: 'reject', reason: outcome.reason };
    case 'unknown':
      return { kind: 'send-unknown', cause: outcome.cause, txHash: outcome.txHash };
  }
}

/** The outcome of a cancel, for an order already in pending-cancel. An accepted cancel changes
 *  nothing by itself (both venues apply cancels asynchronously: the account stream or a readback
 *  reports the end), so it is null. */
export function cancelOutcomeEvent(outcome: ActionOutcome): OrderEvent | null {
  switch (outcome.kind) {
    case 'accepted':
      return null;
    case 'rejected':
      return { kind: 'cancel-rejected', reason: outcome.reason };
    case 'unknown':
      return { kind: 'send-unknown', cause: outcome.cause, txHash: outcome.txHash };
  }
}

/** An account-stream order update or a found readback: the venue's view of the order. */
export function orderStateEvent(order: OrderState): OrderEvent {
  return { kind: 'readback', found: true, status: order.status, filledSize: order.filledSize, venueOrderId: order.venueOrderId, endReason: order.endReason };
}

export function readbackEvent(readback: Readback): OrderEvent {
  return readback.kind === 'found' ? orderStateEvent(readback.order) : { kind: 'readback', found: false };
}

export function fillEvent(fill: Fill): OrderEvent {
  return { kind: 'fill', venueFillId: fill.venueFillId, size: fill.size };
}

/** The FSM record of an intent as the ledger last stored it, with its recorded fills (so
 *  re-delivered fills dedupe after a restart too). */
export function restoreOrder(intent: IntentRecord, state: LedgerOrderState, fills: readonly LedgerFill[]): OrderRecord {
  return {
    clientOrderId: intent.clientOrderId,
    size: intent.size,
    state: state.state,
    acceptedStage: state.acceptedStage,
    venueOrderId: state.venueOrderId,
    txHash: intent.txHash,
    filledSize: state.filledSize,
    fillIds: fills.map((f) => f.venueFillId),
    venueFilledSize: state.venueFilledSize,
    unknownSends: state.unknownSends,
    rejectReason: storedRejectReason(state.rejectReason),
    endReason: storedEndReason(state.endReason),
  };
}

// The ledger keeps reasons as text: a value outside the enums is a corrupt row, not a guess.
function storedRejectReason(r: string | null): OrderRecord['rejectReason'] {
  if (r === null) return null;
  if (r === 'never-arrived') return r;
  const known = REJECT_REASONS.find((x) => x === r);
  if (known === undefined) throw new OrderFsmError(`stored reject reason ${JSON.stringify(r)} is not a RejectReason`);
  return known;
}

function storedEndReason(r: string | null): OrderRecord['endReason'] {
  if (r === null) return null;
  const known = ORDER_END_REASONS.find((x) => x === r);
  if (known === undefined) throw new OrderFsmError(`stored end reason ${JSON.stringify(r)} is not an OrderEndReason`);
  return known;
}
