// host/trading/interrupted-orders.ts: which orders of an interrupted entry are cancelled, once each.
import { describe, expect, it } from 'vitest';
import { cancelInterruptedOrders } from '../../../../src-core/host/trading/interrupted-orders';
import type { TrackedOrder } from '../../../../src-core/execution/tracker-types';
import type { OrderStateName } from '../../../../src-core/domain/enums';
import { silentLogger } from '../../../../src-core/telemetry/log';
import { pollUntil } from '../../../helpers/wait';

function order(clientOrderId: string, pairSeq: number, state: OrderStateName, reduceOnly = false): TrackedOrder {
  return { intent: { clientOrderId, pairSeq, reduceOnly, venue: 'lighter', purpose: reduceOnly ? 'rollback' : 'entry' }, order: { state }, sentAtMono: 0 } as unknown as TrackedOrder;
}

function fakeTracker(fail: Set<string> = new Set()) {
  const listeners: ((t: TrackedOrder) => void)[] = [];
  const cancels: string[] = [];
  return {
    cancels,
    emit: (t: TrackedOrder) => listeners.forEach((l) => l(t)),
    tracker: {
      onOrder: (cb: (t: TrackedOrder) => void) => {
        listeners.push(cb);
        return () => listeners.splice(listeners.indexOf(cb), 1);
      },
      cancel: (id: string) => {
        cancels.push(id);
        return fail.has(id) ? Promise.reject(new Error('venue said no')) : Promise.resolve(order(id, 0, 'pending-cancel'));
      },
    },
  };
}

describe('cancelling the working orders of interrupted entries', () => {
  it('cancels a working order of an interrupted pair once, whether restored or seen changing', () => {
    const f = fakeTracker();
    const c = cancelInterruptedOrders({ tracker: f.tracker, interrupted: new Set([0, 4]), log: silentLogger });
    c.review([order('a', 0, 'accepted'), order('b', 4, 'submitted'), order('c', 2, 'accepted')]);
    expect(f.cancels).toEqual(['a']);
    // 'b' was in flight; once the venue shows it resting it is cancelled. 'a' is not asked twice.
    f.emit(order('b', 4, 'partially-filled'));
    f.emit(order('a', 0, 'partially-filled'));
    expect(f.cancels).toEqual(['a', 'b']);
  });

  it('leaves reduce-only orders, closed orders and other pairs alone', () => {
    const f = fakeTracker();
    const c = cancelInterruptedOrders({ tracker: f.tracker, interrupted: new Set([0]), log: silentLogger });
    c.review([order('r', 0, 'accepted', true), order('f', 0, 'filled'), order('x', 0, 'canceled'), order('p', 0, 'pending-cancel'), order('o', 1, 'accepted')]);
    f.emit(order('o', 1, 'partially-filled'));
    expect(f.cancels).toEqual([]);
  });

  it('asks again on the next change after a cancel failed, and stops listening on stop', async () => {
    const fail = new Set(['a']);
    const f = fakeTracker(fail);
    const c = cancelInterruptedOrders({ tracker: f.tracker, interrupted: new Set([0]), log: silentLogger });
    c.review([order('a', 0, 'accepted')]);
    await pollUntil(async () => {
      // The failed cancel's rejection is handled: the id is asked again on its next change.
      fail.delete('a');
      f.emit(order('a', 0, 'partially-filled'));
      return f.cancels.length >= 2;
    }, { what: 'a second cancel after the failure' });
    c.stop();
    f.emit(order('z', 0, 'accepted'));
    expect(f.cancels).not.toContain('z');
  });
});
