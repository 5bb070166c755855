// The dead-man keeper's rule with a scripted switch (the venue side is covered over real sockets
// in tests/integration/execution/dead-man.test.ts): which orders count as resting, the countdown
// bounds, arm on the first, renew every third, clear after the last, retry after a failure.
import { describe, expect, it } from 'vitest';
import { boundedCountdownMs, DeadManKeeper, mayRest, MAY_REST_STATES } from '../../../src-core/execution/dead-man';
import { newOrder } from '../../../src-core/execution/order-fsm';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import type { Clock } from '../../../src-core/domain/clock';
import type { OrderStateName, TimeInForce } from '../../../src-core/domain/enums';
import { ORDER_STATES } from '../../../src-core/domain/enums';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { ActionOutcome, TradingPort } from '../../../src-core/venues/port';

const tracked = (id: string, state: OrderStateName, tif: TimeInForce = 'post_only', venue: 'lighter' | 'extended' = 'extended'): TrackedOrder =>
  ({
    intent: { intentId: 1, pairSeq: 1, leg: 0, purpose: 'entry', attempt: 0, venue, symbol: 'ETH', side: 'buy', size: '1', price: '1', tif, reduceOnly: false, clientOrderId: id, createdAtMs: 0, txHash: null },
    order: { ...newOrder(id, '1'), state },
    sentAtMono: 0,
  }) as TrackedOrder;

const ACCEPTED: ActionOutcome = { kind: 'accepted', stage: 'live', venueOrderId: null, txHash: null, ackAtMs: 0 };

function scripted(bounds: { minCountdownMs: number; maxCountdownMs: number } | null = { minCountdownMs: 1_000, maxCountdownMs: 100_000 }) {
  const calls: (number | null)[] = [];
  const answers: (ActionOutcome | Error)[] = [];
  const port = {
    venue: 'extended',
    capabilities: { cancel: 'queued', symbolCancelAll: false, notFoundGraceMs: 0, modify: 'none', deadManSwitch: bounds },
    deadManSwitch(ms: number | null): Promise<ActionOutcome> {
      calls.push(ms);
      const a = answers.shift() ?? ACCEPTED;
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  } as unknown as TradingPort;
  const mc = new ManualClock(0);
  const clock: Clock = { now: () => mc.nowMs(), monoNow: () => mc.nowMs(), after: (ms, fn) => mc.after(ms, fn) };
  return { port, calls, answers, mc, clock };
}

describe('mayRest and the countdown bounds', () => {
  it('GTT and post-only orders in a state that may be on the book; never an IOC', () => {
    for (const s of ORDER_STATES) {
      expect(mayRest(tracked('1', s, 'post_only'))).toBe(MAY_REST_STATES.includes(s));
      expect(mayRest(tracked('1', s, 'gtt'))).toBe(MAY_REST_STATES.includes(s));
      expect(mayRest(tracked('1', s, 'ioc'))).toBe(false);
    }
    expect([...MAY_REST_STATES].sort()).toEqual(['accepted', 'lost', 'partially-filled', 'pending-cancel', 'submitted']);
  });
  it('bounded to the venue range, both sides', () => {
    const b = { minCountdownMs: 5_000, maxCountdownMs: 60_000 };
    expect(boundedCountdownMs(4_999, b)).toBe(5_000);
    expect(boundedCountdownMs(5_000, b)).toBe(5_000);
    expect(boundedCountdownMs(30_000, b)).toBe(30_000);
    expect(boundedCountdownMs(60_000, b)).toBe(60_000);
    expect(boundedCountdownMs(60_001, b)).toBe(60_000);
  });
});

describe('DeadManKeeper', () => {
  it('arms on the first resting order, renews every third of the countdown, clears after the last', async () => {
    const s = scripted();
    const k = new DeadManKeeper({ port: s.port, clock: s.clock, countdownMs: 30_000, log: silentLogger });
    k.observe(tracked('a', 'accepted'));
    await k.idle();
    expect(s.calls).toEqual([30_000]);
    k.observe(tracked('b', 'partially-filled'));
    await k.idle();
    expect(s.calls).toEqual([30_000]);
    s.mc.advance(9_999);
    await k.idle();
    expect(s.calls).toEqual([30_000]);
    s.mc.advance(1);
    await k.idle();
    expect(s.calls).toEqual([30_000, 30_000]);
    k.observe(tracked('a', 'canceled'));
    await k.idle();
    expect(k.status()).toMatchObject({ resting: 1, mayBeArmed: true, arms: 2 });
    k.observe(tracked('b', 'filled'));
    await k.idle();
    expect(s.calls).toEqual([30_000, 30_000, null]);
    expect(k.status()).toEqual({ supported: true, countdownMs: 30_000, resting: 0, mayBeArmed: false, arms: 2, clears: 1, failures: 0 });
    s.mc.advance(100_000);
    await k.idle();
    expect(s.calls).toHaveLength(3);
  });

  it('ignores IOCs and other venues, and bounds the countdown', async () => {
    const s = scripted({ minCountdownMs: 40_000, maxCountdownMs: 100_000 });
    const k = new DeadManKeeper({ port: s.port, clock: s.clock, countdownMs: 30_000, log: silentLogger });
    k.observe(tracked('a', 'accepted', 'ioc'));
    k.observe(tracked('b', 'accepted', 'gtt', 'lighter'));
    await k.idle();
    expect(s.calls).toEqual([]);
    k.observe(tracked('c', 'accepted', 'gtt'));
    await k.idle();
    expect(s.calls).toEqual([40_000]);
  });

  it('a failed or thrown arm is retried on the next tick; an ambiguous one is still cleared later', async () => {
    const s = scripted();
    const k = new DeadManKeeper({ port: s.port, clock: s.clock, countdownMs: 30_000, log: silentLogger });
    s.answers.push({ kind: 'rejected', reason: 'rate-limited', retryable: true, venueCode: '429', venueMessage: 'slow down' }, new Error('socket hang up'));
    k.observe(tracked('a', 'accepted'));
    await k.idle();
    expect(k.status()).toMatchObject({ failures: 1, arms: 0, mayBeArmed: false });
    s.mc.advance(10_000);
    await k.idle();
    expect(k.status()).toMatchObject({ failures: 2, arms: 0, mayBeArmed: true });
    k.observe(tracked('a', 'canceled'));
    await k.idle();
    expect(s.calls).toEqual([30_000, 30_000, null]);
    expect(k.status()).toMatchObject({ mayBeArmed: false, clears: 1 });
  });

  it('a failed clear is retried on the next tick; nothing to clear when never armed', async () => {
    const s = scripted();
    const k = new DeadManKeeper({ port: s.port, clock: s.clock, countdownMs: 30_000, log: silentLogger });
    k.observe(tracked('a', 'accepted'));
    await k.idle();
    s.answers.push({ kind: 'unknown', cause: 'timeout', txHash: null });
    k.observe(tracked('a', 'canceled'));
    await k.idle();
    expect(k.status()).toMatchObject({ mayBeArmed: true, clears: 0, failures: 1 });
    s.mc.advance(10_000);
    await k.idle();
    expect(s.calls).toEqual([30_000, null, null]);
    expect(k.status()).toMatchObject({ mayBeArmed: false, clears: 1 });
    const idle = scripted();
    const k2 = new DeadManKeeper({ port: idle.port, clock: idle.clock, countdownMs: 30_000, log: silentLogger });
    k2.observe(tracked('x', 'canceled'));
    await k2.idle();
    expect(idle.calls).toEqual([]);
  });

  it('a venue without a switch: nothing is called; stop ends the renewals', async () => {
    const none = scripted(null);
    const k = new DeadManKeeper({ port: none.port, clock: none.clock, countdownMs: 30_000, log: silentLogger });
    k.observe(tracked('a', 'accepted'));
    await k.idle();
    expect(none.calls).toEqual([]);
    expect(k.status()).toMatchObject({ supported: false, countdownMs: null });
    const s = scripted();
    const k2 = new DeadManKeeper({ port: s.port, clock: s.clock, countdownMs: 30_000, log: silentLogger });
    k2.observe(tracked('a', 'accepted'));
    await k2.idle();
    k2.stop();
    s.mc.advance(100_000);
    k2.observe(tracked('a', 'canceled'));
    await k2.idle();
    expect(s.calls).toEqual([30_000]);
  });
});
