// Port outcomes into FSM events, and the FSM + ledger together on a real SQLite file: an unknown
// send stays in flight, a readback resolves it, fills land once, and after a "restart" the record
// rebuilt from the ledger alone still dedupes a re-delivered fill.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { applyOrderEvent, newOrder, OrderFsmError, type OrderEvent, type OrderRecord } from '../../../src-core/execution/order-fsm';
import { cancelOutcomeEvent, fillEvent, placeOutcomeEvent, readbackEvent, restoreOrder } from '../../../src-core/execution/port-events';
import type { Fill, OrderState } from '../../../src-core/venues/port';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function apply(o: OrderRecord, e: OrderEvent): OrderRecord {
  const r = applyOrderEvent(o, e);
  if (!r.ok) throw r.error;
  return r.order;
}

describe('port outcomes as FSM events', () => {
  it('maps place and cancel outcomes', () => {
    expect(placeOutcomeEvent({ kind: 'accepted', stage: 'queued', venueOrderId: null, txHash: 'h', ackAtMs: 1 })).toEqual({ kind: 'accept', stage: 'queued', venueOrderId: null, txHash: 'h' });
    expect(placeOutcomeEvent({ kind: 'rejected', reason: 'reduce-only', retryable: false, venueCode: '21', venueMessage: 'x' })).toEqual({ kind: 'reject', reason: 'reduce-only' });
    expect(placeOutcomeEvent({ kind: 'unknown', cause: 'timeout', txHash: null })).toEqual({ kind: 'send-unknown', cause: 'timeout', txHash: null });
    expect(cancelOutcomeEvent({ kind: 'accepted', stage: 'live', venueOrderId: '1', txHash: null, ackAtMs: 1 })).toBeNull();
    expect(cancelOutcomeEvent({ kind: 'rejected', reason: 'unknown-order', retryable: false, venueCode: null, venueMessage: '' })).toEqual({ kind: 'cancel-rejected', reason: 'unknown-order' });
    expect(readbackEvent({ kind: 'not-found', queriedAtMs: 1 })).toEqual({ kind: 'readback', found: false });
  });
});

describe('FSM and ledger together', () => {
  it('unknown send → readback → fills → restart dedupes a re-delivered fill', () => {
    const t = tempDir();
    openStore({ dataDir: t.dir, mode: 'sim' }).close();
    const file = join(t.dir, 'sim.db');
    const db = openLedgerDatabase(file);
    cleanups.push(() => t.cleanup());
    const ledger = new LedgerRepo(db);
    const seq = ledger.allocatePairSeq();
    const intent = ledger.recordIntent(
      { pairSeq: seq, symbol: 'BTC', longVenue: 'extended', shortVenue: 'lighter', targetSize: '0.01', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 },
      { leg: 1, venue: 'lighter', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.01', price: '60000', tif: 'ioc', reduceOnly: false, createdAtMs: 1, txHash: 'ef'.repeat(40) },
    );
    let order = apply(newOrder(intent.clientOrderId, intent.size), { kind: 'submit' });
    order = apply(order, placeOutcomeEvent({ kind: 'unknown', cause: 'socket closed after send', txHash: intent.txHash }));
    expect(order.state).toBe('submitted');
    ledger.recordOrderState(intent.intentId, order, 'send-unknown', 2);

    const venueView: OrderState = {
      venue: 'lighter', symbol: 'BTC', clientOrderId: intent.clientOrderId, venueOrderId: '881', side: 'sell', status: 'filled', endReason: 'filled',
      venueReason: null, price: '60000', size: '0.01', filledSize: '0.01', avgFillPrice: 59990, reduceOnly: false, updatedAtMs: 3,
    };
    order = apply(order, readbackEvent({ kind: 'found', order: venueView, queriedAtMs: 3 }));
    expect(order).toMatchObject({ state: 'filled', filledSize: '0', venueFilledSize: '0.01' });
    const fill: Fill = {
      venue: 'lighter', symbol: 'BTC', venueFillId: 't-1', venueOrderId: '881', clientOrderId: intent.clientOrderId, side: 'sell',
      size: '0.01', price: '59990', feeUsd: '0', isMaker: false, timeMs: 3,
    };
    expect(ledger.recordFill(fill)).toEqual({ kind: 'recorded', intentId: intent.intentId, orphan: false });
    order = apply(order, fillEvent(fill));
    ledger.recordOrderState(intent.intentId, order, 'fill-complete', 4);
    db.close();

    // Restart: nothing in memory, the client order id from the venue finds everything again.
    const db2 = openLedgerDatabase(file);
    cleanups.unshift(() => db2.close());
    const again = new LedgerRepo(db2);
    const found = again.intentByClientOrderId(fill.clientOrderId!)!;
    const restored = restoreOrder(found, again.orderState(found.intentId)!, again.fillsOfIntent(found.intentId));
    expect(restored).toEqual(order);
    expect(applyOrderEvent(restored, fillEvent(fill))).toMatchObject({ ok: true, changed: false });
    expect(again.recordFill(fill)).toEqual({ kind: 'duplicate', conflicting: false });
  });

  it('refuses a stored reason outside the enums', () => {
    const intent = { clientOrderId: '1', size: '1', txHash: null } as Parameters<typeof restoreOrder>[0];
    const base = { state: 'rejected' as const, acceptedStage: null, venueOrderId: null, filledSize: '0', venueFilledSize: null, endReason: null, unknownSends: 0 };
    expect(() => restoreOrder(intent, { ...base, rejectReason: 'cosmic-ray' }, [])).toThrow(OrderFsmError);
    expect(restoreOrder(intent, { ...base, rejectReason: 'never-arrived' }, []).rejectReason).toBe('never-arrived');
  });
});
