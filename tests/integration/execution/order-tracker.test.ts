// The order tracker against the simulator over real sockets, with both real adapters and a real
// SQLite ledger file: fills recorded once and told once, unknown outcomes resolved by query and
// never re-sent, failed readbacks never counted as not-found, ghost fills found, and a restart
// that picks up an in-flight order from the ledger alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EPOCH_MAX, encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import { sumDecimals, toIncrements } from '../../../src-core/domain/decimal';
import { openDatabase } from '../../../src-core/store/db';
import { SYMBOL, TEST_IN_FLIGHT, trackerRig, VENUES_UNDER_TEST, type TrackerRig } from './tracker-harness';

const HOUR_MS = 3_600_000;
/** The simulator route of an order send (sim/lighter/rest.ts, sim/extended/rest.ts). */
const ORDER_ROUTE = { lighter: 'sendTx', extended: '/api/v1/user/order' } as const;
/** Past the threshold, the venue's grace and every retry: an order still in flight by then was
 *  neither found nor counted lost. */
const ALL_CHECKS_MS = TEST_IN_FLIGHT.thresholdMs + 5_000 + (TEST_IN_FLIGHT.maxRetries + 2) * TEST_IN_FLIGHT.checkIntervalMs;

for (const venue of VENUES_UNDER_TEST) {
  describe(`order tracker: ${venue}`, () => {
    let r: TrackerRig;
    beforeEach(async () => {
      r = await trackerRig(venue);
    }, 30_000);
    afterEach(async () => {
      await r?.close();
    });

    const state = (id: string) => r.tracker.get(id)?.order.state;
    const stepsOf = (size: string) => Number(toIncrements(size, r.h.sim.engine.market(venue, SYMBOL)!.stepSize, 'exact'));

    /** A resting buy; at the touch it is first in line there, so a counterparty's take fills it. */
    async function resting(tif: 'gtt' | 'post_only' = 'gtt', at: 'touch' | 'behind' = 'touch') {
      const price = at === 'touch' ? r.h.touchPrice(SYMBOL, 'buy') : r.h.restingPrice(SYMBOL, 'buy');
      const size = r.h.size(SYMBOL, price);
      const o = await r.tracker.submit(r.request({ side: 'buy', price, size, tif, expiryMs: r.h.clock.nowMs() + HOUR_MS }));
      const id = o.intent.clientOrderId;
      await r.advanceUntil(() => r.tracker.get(id)!.order, (x) => x.state === 'accepted' && x.acceptedStage === 'live', 'order live');
      return { id, price, size, intentId: o.intent.intentId };
    }

    it('submit → accepted → two partial fills → filled; each fill once in the ledger and told once; a replay adds nothing', async () => {
      const { id, price, size, intentId } = await resting();
      const steps = stepsOf(size);
      r.h.counterpartyTake(SYMBOL, 'buy', price, Math.floor(steps / 2));
      await r.advanceUntil(() => state(id), (s) => s === 'partially-filled', 'partially filled');
      r.h.counterpartyTake(SYMBOL, 'buy', price, steps - Math.floor(steps / 2));
      await r.advanceUntil(() => state(id), (s) => s === 'filled', 'filled');

      const ledgerFills = r.ledger.fillsOfIntent(intentId);
      expect(ledgerFills).toHaveLength(2);
      expect(sumDecimals(ledgerFills.map((f) => f.size))).toBe(sumDecimals([size]));
      const told = r.fills.filter((f) => f.intent.clientOrderId === id);
      expect(told.map((f) => f.fill.venueFillId).sort()).toEqual(ledgerFills.map((f) => f.venueFillId).sort());
      const seen = r.orders.filter((o) => o.intent.clientOrderId === id).map((o) => o.order.state);
      expect(seen.indexOf('partially-filled')).toBeGreaterThan(seen.indexOf('accepted'));
      expect(seen.indexOf('filled')).toBeGreaterThan(seen.indexOf('partially-filled'));
      expect(r.ledger.orderState(intentId)).toMatchObject({ state: 'filled', filledSize: r.tracker.get(id)!.order.filledSize });

      // Replay: the venue's fills again, straight into the ledger and through a restarted adapter
      // and a new tracker over the same file: nothing new is recorded or told.
      const venueFills = (await r.h.adapter.fills(SYMBOL, 0)).filter((f) => f.clientOrderId === id);
      expect(venueFills).toHaveLength(2);
      for (const f of venueFills) expect(r.ledger.recordFill(f)).toEqual({ kind: 'duplicate', conflicting: false });
      r.logs.length = 0;
      const toldBefore = r.fills.length;
      await r.h.restart();
      const t2 = r.newTracker();
      await t2.restore();
      // Lighter's account_all_trades snapshot re-sends both fills to the new tracker; Extended's
      // stream sends no fill snapshot, so there the replay is the fills() read above.
      const replayed = () => r.logs.filter((l) => l.msg === 'fill re-delivered: already recorded' && l['clientOrderId'] === id).length;
      if (venue === 'lighter') await r.advanceUntil(replayed, (n) => n === 2, 'fills replayed to the new tracker by the stream snapshot');
      expect(r.ledger.fillsOfIntent(intentId)).toHaveLength(2);
      expect(r.fills.length).toBe(toldBefore);
    });


    it('ghost fill on cancel: reported canceled with nothing filled, yet filled; found by readback and the fills fetch', async () => {
      const { id, intentId, size } = await resting('gtt', 'behind');
      // The stream is silent (stalled), so only the in-flight readback and the fills fetch see it.
      r.h.sim.faults.setStalled(venue, true);
      r.h.sim.engine.faults.ghostFillOnCancel[venue] = 1;
      expect((await r.tracker.cancel(id)).order.state).toBe('pending-cancel');
      const done = await r.advanceUntil(() => r.tracker.get(id)!.order, (x) => x.state === 'filled', 'ghost fill found');
      expect(done.filledSize).toBe(r.ledger.fillsOfIntent(intentId)[0]!.size);
      expect(sumDecimals(r.ledger.fillsOfIntent(intentId).map((f) => f.size))).toBe(sumDecimals([size]));
      expect(r.fills.filter((f) => f.intent.clientOrderId === id)).toHaveLength(1);
      const seen = r.orders.filter((o) => o.intent.clientOrderId === id).map((o) => o.order.state);
      expect(seen.slice(-2)).toEqual(['canceled', 'filled']);
      expect(r.callCount('fills', null)).toBeGreaterThanOrEqual(1);
      expect(r.callCount('place', id)).toBe(1);
    });

    it('restart mid-send: a new tracker over the same ledger file restores the in-flight order and resolves it by readback', async () => {
      r.h.sim.faults.setStalled(venue, true);
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 10_000);
      const price = r.h.restingPrice(SYMBOL, 'buy');
      const sending = r.tracker.submit(r.request({ side: 'buy', price, size: r.h.size(SYMBOL, price), tif: 'gtt', expiryMs: r.h.clock.nowMs() + HOUR_MS }));
      // The intent is durable (state submitted) before the send: the "crash" comes mid-send.
      const [pending] = r.ledger.unresolvedIntents();
      expect(pending).toBeDefined();
      const id = pending!.clientOrderId;
      expect(r.ledger.orderState(pending!.intentId)!.state).toBe('submitted');
      r.tracker.stop();
      await sending;
      expect(r.ledger.orderState(pending!.intentId)!.state).toBe('submitted');
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 0);
      r.h.sim.faults.setStalled(venue, false);

      const t2 = r.newTracker();
      const restored = await t2.restore();
      expect(restored.map((o) => o.intent.clientOrderId)).toEqual([id]);
      await r.advanceUntil(() => t2.get(id)!.order, (x) => x.state === 'accepted' && x.acceptedStage === 'live', 'restored order resolved');
      expect(r.callCount('place', id)).toBe(1);
      expect(r.venueOrders(id)).toBe(1);
      expect(r.ledger.orderState(pending!.intentId)!.state).toBe('accepted');
    });

    it('a fill of an order that is not ours (another epoch) is recorded without an intent and not told', async () => {
      // One order of ours first: its stream events show the account stream is up.
      const ours = await resting('gtt', 'behind');
      const foreignId = encodeClientOrderId({ epoch: (r.ledger.epoch + 1) % (EPOCH_MAX + 1), pairSeq: 1, leg: 0, purpose: 'entry', attempt: 0 });
      const price = r.h.crossingPrice(SYMBOL, 'buy');
      expect((await r.h.adapter.place({ symbol: SYMBOL, side: 'buy', size: r.h.size(SYMBOL, price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: foreignId, expiryMs: r.h.clock.nowMs() + HOUR_MS })).kind).toBe('accepted');
      const db = openDatabase(r.ledgerFile);
      try {
        // Our order rests unfilled: the only fills are the foreign order's (Extended's adapter does not pass a
        // client id it did not issue, Lighter's passes it through: either way no intent).
        const rows = await r.advanceUntil(() => db.prepare('SELECT intent_id, client_order_id FROM fills WHERE intent_id IS NOT ? OR intent_id IS NULL').all(ours.intentId) as { intent_id: number | null; client_order_id: string | null }[], (x) => x.length > 0, 'foreign fill recorded');
        expect(rows.every((x) => x.intent_id === null && (x.client_order_id === null || x.client_order_id === foreignId))).toBe(true);
      } finally {
        db.close();
      }
      expect(r.fills).toHaveLength(0);
      expect(r.tracker.get(foreignId)).toBeUndefined();
      expect(r.tracker.get(ours.id)!.order.filledSize).toBe('0');
    });

    if (venue === 'lighter') {
      it('a sendTx acknowledged but never executed (dropSendTx): accepted as queued, not found past the grace → lost, never re-sent', async () => {
        r.h.sim.faults.dropSendTx('lighter', 1);
        const price = r.h.restingPrice(SYMBOL, 'buy');
        const o = await r.tracker.submit(r.request({ side: 'buy', price, size: r.h.size(SYMBOL, price), tif: 'gtt', expiryMs: r.h.clock.nowMs() + HOUR_MS }));
        const id = o.intent.clientOrderId;
        expect(o.order).toMatchObject({ state: 'accepted', acceptedStage: 'queued' });
        expect(r.ledger.intentByClientOrderId(id)!.txHash).toMatch(/^[0-9a-f]{80}$/);
        await r.advanceUntil(() => state(id), (s) => s === 'lost', 'lost after the checks');
        expect(r.h.sim.lighter.state.counters.sendTx).toBe(1);
        expect(r.callCount('place', id)).toBe(1);
        expect(r.venueOrders(id)).toBe(0);
      });
    }
  });

  describe(`order tracker: ${venue}, ambiguous sends`, () => {
    let r: TrackerRig;
    beforeEach(async () => {
      // A held-back answer (setResponseDelay, 10 s of real time) always outlasts this timeout.
      r = await trackerRig(venue, { adapter: { orderTimeoutMs: 300 } });
    }, 30_000);
    afterEach(async () => {
      await r?.close();
    });

    const state = (id: string) => r.tracker.get(id)?.order.state;
    const failedReadbacks = (id: string) => r.logs.filter((l) => l.msg === 'order readback failed' && l['clientOrderId'] === id).length;

    function restingRequest() {
      const price = r.h.restingPrice(SYMBOL, 'buy');
      return r.request({ side: 'buy', price, size: r.h.size(SYMBOL, price), tif: 'gtt', expiryMs: r.h.clock.nowMs() + HOUR_MS });
    }

    it('executed but the answer is lost (timeout): unknown, resolved by readback to accepted; one order at the venue, never re-sent (B5, B7)', async () => {
      // The account stream is silent too (stalled: frames dropped), so only a readback can tell.
      r.h.sim.faults.setStalled(venue, true);
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 10_000);
      const o = await r.tracker.submit(restingRequest());
      const id = o.intent.clientOrderId;
      expect(o.order).toMatchObject({ state: 'submitted', unknownSends: 1 });
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 0);
      const done = await r.advanceUntil(() => r.tracker.get(id)!.order, (x) => x.state === 'accepted' && x.acceptedStage === 'live', 'resolved by readback');
      expect(done.venueOrderId).not.toBeNull();
      expect(r.callCount('place', id)).toBe(1);
      expect(r.venueOrders(id)).toBe(1);
      if (venue === 'lighter') {
        // The signed hash came back with the unknown outcome: stored on the intent, looked up by it.
        expect(r.h.sim.lighter.state.counters.sendTx).toBe(1);
        expect(r.ledger.intentByClientOrderId(id)!.txHash).toMatch(/^[0-9a-f]{80}$/);
      }
      expect(r.ledger.orderState(o.intent.intentId)).toMatchObject({ state: 'accepted', unknownSends: 1 });
      // Later checks change nothing and nothing is sent again.
      r.h.advance(ALL_CHECKS_MS);
      expect(r.callCount('place', id)).toBe(1);
      expect(r.venueOrders(id)).toBe(1);
    });

    it('a 500 that never reached the matching engine: not found past the grace → lost (not rejected), never re-sent; a position in the market is not a fill (B5, B6)', async () => {
      // A position in ETH first, so "not found" cannot be mistaken for "filled" by position.
      const price = r.h.touchPrice(SYMBOL, 'buy');
      const size = r.h.size(SYMBOL, price);
      const first = await r.tracker.submit(r.request({ side: 'buy', price, size, tif: 'gtt', expiryMs: r.h.clock.nowMs() + HOUR_MS }));
      await r.advanceUntil(() => r.tracker.get(first.intent.clientOrderId)!.order.acceptedStage, (s) => s === 'live', 'first order on the book');
      r.h.counterpartyTake(SYMBOL, 'buy', price, Number(toIncrements(size, r.h.sim.engine.market(venue, SYMBOL)!.stepSize, 'exact')));
      await r.advanceUntil(() => state(first.intent.clientOrderId), (s) => s === 'filled', 'position opened');
      expect((await r.h.adapter.positions()).find((p) => p.symbol === SYMBOL)?.size).not.toBe('0');

      r.h.sim.faults.failHttp(venue, 1, 500, false, ORDER_ROUTE[venue]);
      const o = await r.tracker.submit(restingRequest());
      const id = o.intent.clientOrderId;
      expect(o.order.state).toBe('submitted');
      const lost = await r.advanceUntil(() => r.tracker.get(id)!.order, (x) => x.state === 'lost', 'lost after the checks');
      expect(lost).toMatchObject({ rejectReason: null, filledSize: '0', fillIds: [] });
      expect(r.ledger.fillsOfIntent(o.intent.intentId)).toHaveLength(0);
      expect(r.ledger.orderState(o.intent.intentId)!.state).toBe('lost');
      // Exactly maxRetries not-found answers counted (plus any inside the grace); then no more.
      const queries = r.callCount('orderByClientId', id);
      expect(queries).toBeGreaterThanOrEqual(TEST_IN_FLIGHT.maxRetries);
      r.h.advance(ALL_CHECKS_MS);
      expect(r.callCount('orderByClientId', id)).toBe(queries);
      expect(r.callCount('place', id)).toBe(1);
      expect(r.venueOrders(id)).toBe(0);
      expect(r.logs.some((l) => l.msg.startsWith('order lost') && l['clientOrderId'] === id)).toBe(true);
    });

    it('a failed readback (venue down) is never counted as not-found: still in flight until the venue answers', async () => {
      // The account stream is silent too (stalled: frames dropped), so only a readback can tell.
      r.h.sim.faults.setStalled(venue, true);
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 10_000);
      const o = await r.tracker.submit(restingRequest());
      const id = o.intent.clientOrderId;
      r.h.sim.faults.setResponseDelay(venue, ORDER_ROUTE[venue], 0);
      expect(o.order.state).toBe('submitted');
      r.h.setDown(true);
      // Every check fails, for longer than all the checks that would make it lost.
      // (maxRetries + 8 at 1 s apart reach well past the threshold and the venue's grace.)
      const seen = await r.advanceUntil(() => ({ failed: failedReadbacks(id), state: state(id) }), (v) => v.failed >= TEST_IN_FLIGHT.maxRetries + 8 || v.state !== 'submitted', 'failed readbacks', 1_000);
      expect(seen.state).toBe('submitted');
      r.h.setDown(false);
      await r.advanceUntil(() => state(id), (s) => s === 'accepted', 'found once the venue answers');
      expect(r.callCount('place', id)).toBe(1);
      expect(r.venueOrders(id)).toBe(1);
    });
  });
}
