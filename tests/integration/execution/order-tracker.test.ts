// The order tracker against the simulator over real sockets, with both real adapters and a real
// SQLite ledger file: fills recorded once and told once, unknown outcomes resolved by query and
// never re-sent, failed readbacks never counted as not-found, ghost fills found, and a restart
// that picks up an in-flight order from the ledger alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sumDecimals, toIncrements } from '../../../src-core/domain/decimal';
import { SYMBOL, trackerRig, VENUES_UNDER_TEST, type TrackerRig } from './tracker-harness';

const HOUR_MS = 3_600_000;

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
  });
}
