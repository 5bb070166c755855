// The dead-man keeper on both venues' real switches (Lighter: a scheduled cancel-all tx; Extended:
// the deadmanswitch endpoint), fed by a real order tracker: armed while a post-only order of ours
// rests, renewed every third of the countdown, cleared once none rests; when renewals stop (a
// crash) the venue cancels the order; a failed renew is logged and retried on the next tick. The
// clock is moved only between switch calls (keeper.idle()), so no real-time margin is involved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeadManKeeper } from '../../../src-core/execution/dead-man';
import { manualTrackerClock, SYMBOL, trackerRig, VENUES_UNDER_TEST, type TrackerRig } from './tracker-harness';

const HOUR_MS = 3_600_000;
/** The simulator route of a dead-man call (Lighter's is a transaction). */
const DMS_ROUTE = { lighter: 'sendTx', extended: '/api/v1/user/deadmanswitch' } as const;

for (const venue of VENUES_UNDER_TEST) {
  describe(`dead-man keeper: ${venue}`, () => {
    let r: TrackerRig;
    let keeper: DeadManKeeper;
    let countdownMs: number;
    beforeEach(async () => {
      r = await trackerRig(venue);
      countdownMs = Math.max(r.h.adapter.capabilities.deadManSwitch!.minCountdownMs, 60_000);
      keeper = new DeadManKeeper({ port: r.h.adapter, clock: manualTrackerClock(r.h.clock), countdownMs, log: r.log });
      r.tracker.onOrder((o) => keeper.observe(o));
    }, 30_000);
    afterEach(async () => {
      keeper?.stop();
      await r?.close();
    });

    const state = (id: string) => r.tracker.get(id)?.order.state;

    async function restingPostOnly(): Promise<string> {
      const price = r.h.restingPrice(SYMBOL, 'buy');
      const o = await r.tracker.submit(r.request({ side: 'buy', price, size: r.h.size(SYMBOL, price), tif: 'post_only', expiryMs: r.h.clock.nowMs() + 24 * HOUR_MS }));
      const id = o.intent.clientOrderId;
      await r.advanceUntil(() => r.tracker.get(id)!.order.acceptedStage, (s) => s === 'live', 'post-only order resting');
      await keeper.idle();
      return id;
    }

    /** Moves the clock a third of the countdown at a time, each renewal landed before the next. */
    async function thirds(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        r.h.advance(Math.floor(countdownMs / 3));
        await keeper.idle();
      }
    }

    it('armed while a post-only order rests, renewed through three countdowns, cleared once it is cancelled', async () => {
      expect(keeper.status()).toMatchObject({ supported: true, countdownMs, resting: 0, mayBeArmed: false, arms: 0 });
      const id = await restingPostOnly();
      expect(keeper.status()).toMatchObject({ resting: 1, mayBeArmed: true });
      const armed = keeper.status().arms;
      expect(armed).toBeGreaterThanOrEqual(1);
      await thirds(9);
      expect(keeper.status().arms).toBeGreaterThanOrEqual(armed + 8);
      expect(state(id)).toBe('accepted');
      const rb = await r.h.adapter.orderByClientId(SYMBOL, id);
      expect(rb.kind === 'found' && rb.order.status).toBe('open');

      await r.tracker.cancel(id);
      await r.advanceUntil(() => state(id), (s) => s === 'canceled', 'cancelled');
      await keeper.idle();
      expect(keeper.status()).toMatchObject({ resting: 0, mayBeArmed: false, clears: 1, failures: 0 });
      const renewals = keeper.status().arms;
      // Cleared at the venue: an order placed past the keeper outlives the countdown.
      const other = r.h.nextClientId();
      const price = r.h.restingPrice(SYMBOL, 'buy');
      expect((await r.h.adapter.place({ symbol: SYMBOL, side: 'buy', size: r.h.size(SYMBOL, price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: other, expiryMs: r.h.clock.nowMs() + 24 * HOUR_MS })).kind).toBe('accepted');
      r.h.advance(1_000);
      r.h.advance(countdownMs + 60_000);
      const still = await r.h.adapter.orderByClientId(SYMBOL, other);
      expect(still.kind === 'found' && still.order.status).toBe('open');
      // And nothing renews it any more.
      expect(keeper.status().arms).toBe(renewals);
    });

    it('when renewals stop (the process died) the countdown lapses and the venue cancels the order', async () => {
      const id = await restingPostOnly();
      expect(keeper.status().mayBeArmed).toBe(true);
      keeper.stop();
      r.h.advance(countdownMs + 1_000);
      const end = await r.advanceUntil(() => r.tracker.get(id)!.order, (o) => o.state === 'canceled', 'cancelled by the venue');
      expect(end.filledSize).toBe('0');
      expect(r.callCount('cancel', id)).toBe(0);
    });

    it('a failed renew is logged and retried on the next tick', async () => {
      const id = await restingPostOnly();
      const arms = keeper.status().arms;
      r.h.sim.faults.failHttp(venue, 1, 503, false, DMS_ROUTE[venue]);
      await thirds(1);
      expect(keeper.status()).toMatchObject({ failures: 1, arms, mayBeArmed: true });
      expect(r.logs.some((l) => l.level === 'error' && l.msg.startsWith('dead-man switch arm/renew failed'))).toBe(true);
      await thirds(1);
      expect(keeper.status()).toMatchObject({ failures: 1, arms: arms + 1 });
      // Renewed in time: the order still rests after the first arm's countdown is long past.
      await thirds(3);
      expect(state(id)).toBe('accepted');
    });
  });
}
