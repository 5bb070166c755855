// The order FSM's table, tested pair by pair: every allowed (state, event key) row is driven
// through applyOrderEvent and lands where this file's own copy of the spec says; every other pair
// of ORDER_STATES × ORDER_EVENT_KEYS (the complement, generated, not listed) is refused with a
// typed error and leaves the record untouched. The spec below is written out independently of
// the module's table, typed per state, so a new state cannot be added without rows here.
import { describe, expect, it } from 'vitest';
import {
  IllegalTransitionError,
  InvalidFillError,
  ORDER_EVENT_KEYS,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  OverfillError,
  applyOrderEvent,
  eventKey,
  missingFillSize,
  newOrder,
  type OrderEvent,
  type OrderEventKey,
  type OrderRecord,
  type OrderStateName,
} from '../../../src-core/execution/order-fsm';
import type { OrderStatus } from '../../../src-core/venues/port';

type Spec = Readonly<Record<OrderStateName, readonly (readonly [OrderEventKey, OrderStateName | 'resume'])[]>>;

const ACK_STAYS = (s: OrderStateName) =>
  [
    ['accept-queued', s],
    ['accept-live', s],
  ] as const;

const SPEC: Spec = {
  initialized: [
    ['submit', 'submitted'],
    ['deny', 'denied'],
  ],
  denied: [],
  submitted: [
    ['send-unknown', 'submitted'],
    ['accept-queued', 'accepted'],
    ['accept-live', 'accepted'],
    ['reject', 'rejected'],
    ['fill-partial', 'partially-filled'],
    ['fill-complete', 'filled'],
    ['cancel-requested', 'pending-cancel'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
    ['found-pending', 'accepted'],
    ['found-open', 'accepted'],
    ['found-partially-filled', 'partially-filled'],
    ['found-filled', 'filled'],
    ['found-canceled', 'canceled'],
    ['found-rejected', 'rejected'],
    ['found-expired', 'expired'],
    ['not-found', 'submitted'],
    ['lost', 'lost'],
  ],
  accepted: [
    ...ACK_STAYS('accepted'),
    ['reject', 'rejected'],
    ['fill-partial', 'partially-filled'],
    ['fill-complete', 'filled'],
    ['cancel-requested', 'pending-cancel'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
    ['found-pending', 'accepted'],
    ['found-open', 'accepted'],
    ['found-partially-filled', 'partially-filled'],
    ['found-filled', 'filled'],
    ['found-canceled', 'canceled'],
    ['found-rejected', 'rejected'],
    ['found-expired', 'expired'],
    ['not-found', 'accepted'],
    ['lost', 'lost'],
  ],
  'pending-cancel': [
    ...ACK_STAYS('pending-cancel'),
    ['send-unknown', 'pending-cancel'],
    ['reject', 'rejected'],
    ['fill-partial', 'pending-cancel'],
    ['fill-complete', 'filled'],
    ['cancel-requested', 'pending-cancel'],
    ['cancel-rejected', 'resume'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
    ['found-pending', 'pending-cancel'],
    ['found-open', 'pending-cancel'],
    ['found-partially-filled', 'pending-cancel'],
    ['found-filled', 'filled'],
    ['found-canceled', 'canceled'],
    ['found-rejected', 'rejected'],
    ['found-expired', 'expired'],
    ['not-found', 'pending-cancel'],
    ['lost', 'lost'],
  ],
  'partially-filled': [
    ...ACK_STAYS('partially-filled'),
    ['fill-partial', 'partially-filled'],
    ['fill-complete', 'filled'],
    ['cancel-requested', 'pending-cancel'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
    ['found-pending', 'partially-filled'],
    ['found-open', 'partially-filled'],
    ['found-partially-filled', 'partially-filled'],
    ['found-filled', 'filled'],
    ['found-canceled', 'canceled'],
    ['found-expired', 'expired'],
    ['not-found', 'partially-filled'],
    ['lost', 'lost'],
  ],
  filled: [...ACK_STAYS('filled'), ['fill-partial', 'filled'], ['fill-complete', 'filled'], ['cancel-rejected', 'filled'], ['found-filled', 'filled']],
  canceled: [
    ...ACK_STAYS('canceled'),
    ['fill-partial', 'canceled'],
    ['fill-complete', 'filled'],
    ['cancel-rejected', 'canceled'],
    ['canceled', 'canceled'],
    ['found-canceled', 'canceled'],
    ['found-filled', 'filled'],
    ['not-found', 'canceled'],
  ],
  expired: [
    ...ACK_STAYS('expired'),
    ['fill-partial', 'expired'],
    ['fill-complete', 'filled'],
    ['cancel-rejected', 'expired'],
    ['expired', 'expired'],
    ['found-expired', 'expired'],
    ['found-filled', 'filled'],
    ['not-found', 'expired'],
  ],
  rejected: [...ACK_STAYS('rejected'), ['reject', 'rejected'], ['cancel-rejected', 'rejected'], ['found-rejected', 'rejected'], ['not-found', 'rejected']],
  lost: [
    ['accept-queued', 'accepted'],
    ['accept-live', 'accepted'],
    ['reject', 'rejected'],
    ['fill-partial', 'partially-filled'],
    ['fill-complete', 'filled'],
    ['canceled', 'canceled'],
    ['expired', 'expired'],
    ['found-pending', 'accepted'],
    ['found-open', 'accepted'],
    ['found-partially-filled', 'partially-filled'],
    ['found-filled', 'filled'],
    ['found-canceled', 'canceled'],
    ['found-rejected', 'rejected'],
    ['found-expired', 'expired'],
    ['not-found', 'lost'],
    ['lost', 'lost'],
  ],
};

const SIZE = '1.0';

/** A record in `state` with `filled` already applied (fills from earlier events). */
function at(state: OrderStateName, filled = '0', acceptedStage: OrderRecord['acceptedStage'] = 'live'): OrderRecord {
  const base = newOrder('68719480833', SIZE);
  const fillIds = filled === '0' ? [] : ['f-earlier'];
  return { ...base, state, filledSize: filled, fillIds, acceptedStage: state === 'initialized' || state === 'submitted' ? null : acceptedStage };
}

/** A record in `state` with fills that fit it: working states with fills where that is natural. */
function recordFor(state: OrderStateName): OrderRecord {
  return state === 'partially-filled' ? at(state, '0.4') : at(state);
}

function eventFor(key: OrderEventKey, order: OrderRecord): OrderEvent {
  const found = (status: OrderStatus): OrderEvent => ({
    kind: 'readback',
    found: true,
    status,
    filledSize: order.filledSize,
    venueOrderId: 'v-1',
    endReason: null,
  });
  switch (key) {
    case 'submit':
      return { kind: 'submit' };
    case 'deny':
      return { kind: 'deny', reason: 'max notional' };
    case 'send-unknown':
      return { kind: 'send-unknown', cause: 'timeout', txHash: 'ab'.repeat(40) };
    case 'accept-queued':
      return { kind: 'accept', stage: 'queued', venueOrderId: 'v-1', txHash: null };
    case 'accept-live':
      return { kind: 'accept', stage: 'live', venueOrderId: 'v-1', txHash: null };
    case 'reject':
      return { kind: 'reject', reason: 'post-only-would-cross' };
    case 'fill-partial':
      return { kind: 'fill', venueFillId: 'f-new', size: '0.1' };
    case 'fill-complete': {
      const rest = (Number(SIZE) * 10 - Number(order.filledSize) * 10) / 10;
      return { kind: 'fill', venueFillId: 'f-new', size: rest > 0 ? String(rest) : '0.1' };
    }
    case 'cancel-requested':
      return { kind: 'cancel-requested' };
    case 'cancel-rejected':
      return { kind: 'cancel-rejected', reason: 'unknown-order' };
    case 'canceled':
      return { kind: 'canceled', reason: 'canceled-by-us' };
    case 'expired':
      return { kind: 'expired' };
    case 'found-pending':
      return found('pending');
    case 'found-open':
      return found('open');
    case 'found-partially-filled':
      return found('partially-filled');
    case 'found-filled':
      return found('filled');
    case 'found-canceled':
      return found('canceled');
    case 'found-rejected':
      return found('rejected');
    case 'found-expired':
      return found('expired');
    case 'not-found':
      return { kind: 'readback', found: false };
    case 'lost':
      return { kind: 'lost' };
  }
}

const allowed = ORDER_STATES.flatMap((s) => SPEC[s].map(([k, to]) => ({ from: s, key: k, to })));
const allowedSet = new Set(allowed.map((r) => `${r.from}|${r.key}`));
const refused = ORDER_STATES.flatMap((s) => ORDER_EVENT_KEYS.filter((k) => !allowedSet.has(`${s}|${k}`)).map((k) => ({ from: s, key: k })));

describe('order FSM table', () => {
  it("the module's table is exactly the spec", () => {
    const actual = ORDER_STATES.flatMap((s) =>
      ORDER_EVENT_KEYS.filter((k) => ORDER_TRANSITIONS[s][k] !== undefined).map((k) => `${s}|${k}->${ORDER_TRANSITIONS[s][k]}`),
    );
    expect(actual.sort()).toEqual(allowed.map((r) => `${r.from}|${r.key}->${r.to}`).sort());
  });

  it('every state is reachable from initialized and every non-closed state can leave', () => {
    const seen = new Set<OrderStateName>(['initialized']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of allowed) {
        const to = r.to === 'resume' ? 'accepted' : r.to;
        if (seen.has(r.from) && !seen.has(to)) {
          seen.add(to);
          grew = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...ORDER_STATES].sort());
    for (const s of ['initialized', 'submitted', 'accepted', 'pending-cancel', 'partially-filled', 'lost'] as const) {
      expect(allowed.some((r) => r.from === s && r.to !== s)).toBe(true);
    }
  });

  it.each(allowed)('$from --$key--> $to', ({ from, key, to }) => {
    const order = recordFor(from);
    const event = eventFor(key, order);
    expect(eventKey(order, event)).toBe(key);
    const result = applyOrderEvent(order, event);
    if (!result.ok) throw result.error;
    const expected = to === 'resume' ? 'accepted' : to;
    expect(result.order.state).toBe(expected);
    expect(result.key).toBe(key);
  });

  it.each(refused)('$from --$key--> refused', ({ from, key }) => {
    const order = recordFor(from);
    const event = eventFor(key, order);
    const result = applyOrderEvent(order, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(IllegalTransitionError);
    expect(result.error).toMatchObject({ state: from, key });
  });

  it('the refused set is the complement, not a hand list', () => {
    expect(allowed.length + refused.length).toBe(ORDER_STATES.length * ORDER_EVENT_KEYS.length);
    expect(refused.length).toBeGreaterThan(0);
  });
});

describe('order FSM behaviour', () => {
  const run = (order: OrderRecord, ...events: OrderEvent[]): OrderRecord =>
    events.reduce((o, e) => {
      const r = applyOrderEvent(o, e);
      if (!r.ok) throw r.error;
      return r.order;
    }, order);
  const submitted = () => run(newOrder('1', '0.3'), { kind: 'submit' });

  it('B5/B7: an unknown send keeps the order SUBMITTED and counts it; there is no re-send event', () => {
    const o = run(submitted(), { kind: 'send-unknown', cause: 'timeout', txHash: 'cd'.repeat(40) }, { kind: 'readback', found: false });
    expect(o.state).toBe('submitted');
    expect(o.unknownSends).toBe(1);
    expect(o.txHash).toBe('cd'.repeat(40));
    // The readback resolves it.
    const r = run(o, { kind: 'readback', found: true, status: 'open', filledSize: '0', venueOrderId: '77', endReason: null });
    expect(r).toMatchObject({ state: 'accepted', acceptedStage: 'live', venueOrderId: '77' });
  });

  it('dedupes fills by venue fill id, in every state', () => {
    const once = run(submitted(), { kind: 'accept', stage: 'queued', venueOrderId: null, txHash: null }, { kind: 'fill', venueFillId: 'a', size: '0.1' });
    const again = applyOrderEvent(once, { kind: 'fill', venueFillId: 'a', size: '0.1' });
    expect(again).toMatchObject({ ok: true, changed: false, order: once });
    const filled = run(once, { kind: 'fill', venueFillId: 'b', size: '0.2' });
    expect(filled).toMatchObject({ state: 'filled', filledSize: '0.3', fillIds: ['a', 'b'] });
    expect(applyOrderEvent(filled, { kind: 'fill', venueFillId: 'b', size: '0.2' })).toMatchObject({ ok: true, changed: false });
  });

  it('refuses an overfill with a typed error and changes nothing', () => {
    const o = run(submitted(), { kind: 'fill', venueFillId: 'a', size: '0.25' });
    const r = applyOrderEvent(o, { kind: 'fill', venueFillId: 'b', size: '0.1' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBeInstanceOf(OverfillError);
    expect(r.error).toMatchObject({ venueFillId: 'b', orderSize: '0.3', wouldBeFilled: '0.35' });
    expect(o.filledSize).toBe('0.25');
  });

  it('refuses non-positive or malformed fill sizes', () => {
    for (const size of ['0', '-0.1', '1e-3', '']) {
      const r = applyOrderEvent(submitted(), { kind: 'fill', venueFillId: 'x', size });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBeInstanceOf(InvalidFillError);
    }
  });

  it('B6: a not-found readback never fills an order, in any state', () => {
    for (const state of ORDER_STATES) {
      const r = applyOrderEvent(recordFor(state), { kind: 'readback', found: false });
      if (r.ok) {
        expect(r.order.state).toBe(state);
        expect(r.order.filledSize).toBe(recordFor(state).filledSize);
      }
    }
    expect(ORDER_EVENT_KEYS).not.toContain('resend');
  });

  it('refuses a readback whose filled size is not a decimal', () => {
    for (const filledSize of ['', '-0.1', '1e-3']) {
      const r = applyOrderEvent(submitted(), { kind: 'readback', found: true, status: 'open', filledSize, venueOrderId: null, endReason: null });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBeInstanceOf(InvalidFillError);
    }
  });

  it('late fill after a cancel ack: partial keeps canceled, complete becomes filled', () => {
    const canceled = run(submitted(), { kind: 'accept', stage: 'live', venueOrderId: '9', txHash: null }, { kind: 'cancel-requested' }, { kind: 'canceled', reason: 'canceled-by-us' });
    const partial = run(canceled, { kind: 'fill', venueFillId: 'late-1', size: '0.1' });
    expect(partial).toMatchObject({ state: 'canceled', filledSize: '0.1', endReason: 'canceled-by-us' });
    expect(run(partial, { kind: 'fill', venueFillId: 'late-2', size: '0.2' }).state).toBe('filled');
  });

  it('ghost fill: a lost order found filled by readback, with fills still to fetch', () => {
    const lost = run(submitted(), { kind: 'lost' });
    const found = run(lost, { kind: 'readback', found: true, status: 'filled', filledSize: '0.3', venueOrderId: '5', endReason: 'filled' });
    expect(found).toMatchObject({ state: 'filled', filledSize: '0', venueFilledSize: '0.3' });
    expect(missingFillSize(found)).toBe('0.3');
    const backfilled = run(found, { kind: 'fill', venueFillId: 'g1', size: '0.3' });
    expect(backfilled.state).toBe('filled');
    expect(missingFillSize(backfilled)).toBe('0');
  });

  it('Extended async: accepted (queued) then rejected by the matching engine', () => {
    const o = run(submitted(), { kind: 'accept', stage: 'queued', venueOrderId: 'x1', txHash: null }, { kind: 'reject', reason: 'post-only-would-cross' });
    expect(o).toMatchObject({ state: 'rejected', rejectReason: 'post-only-would-cross', acceptedStage: 'queued' });
    // ... and a fill for it afterwards is an anomaly, refused.
    expect(applyOrderEvent(o, { kind: 'fill', venueFillId: 'z', size: '0.1' }).ok).toBe(false);
  });

  it('a stale ack after the stream moved on keeps the later state', () => {
    const filled = run(submitted(), { kind: 'fill', venueFillId: 'a', size: '0.3' });
    expect(run(filled, { kind: 'accept', stage: 'queued', venueOrderId: '3', txHash: null })).toMatchObject({ state: 'filled', venueOrderId: '3' });
  });

  it('a partial fill during a pending cancel keeps the cancel pending; a refused cancel resumes', () => {
    const pending = run(submitted(), { kind: 'accept', stage: 'live', venueOrderId: null, txHash: null }, { kind: 'cancel-requested' }, { kind: 'fill', venueFillId: 'a', size: '0.1' });
    expect(pending.state).toBe('pending-cancel');
    expect(run(pending, { kind: 'cancel-rejected', reason: 'rate-limited' }).state).toBe('partially-filled');
    const noFill = run(submitted(), { kind: 'accept', stage: 'live', venueOrderId: null, txHash: null }, { kind: 'cancel-requested' });
    expect(run(noFill, { kind: 'cancel-rejected', reason: 'rate-limited' }).state).toBe('accepted');
    const neverAcked = run(submitted(), { kind: 'cancel-requested' });
    expect(run(neverAcked, { kind: 'cancel-rejected', reason: 'unknown-order' }).state).toBe('submitted');
  });

  it('a pending cancel is never guessed done from not-found', () => {
    const pending = run(submitted(), { kind: 'accept', stage: 'queued', venueOrderId: null, txHash: null }, { kind: 'cancel-requested' });
    expect(run(pending, { kind: 'readback', found: false }, { kind: 'readback', found: false }).state).toBe('pending-cancel');
  });

  it('a queued ack is upgraded to live by a readback, never downgraded', () => {
    const queued = run(submitted(), { kind: 'accept', stage: 'queued', venueOrderId: null, txHash: null });
    expect(queued.acceptedStage).toBe('queued');
    const live = run(queued, { kind: 'readback', found: true, status: 'open', filledSize: '0', venueOrderId: '1', endReason: null });
    expect(live.acceptedStage).toBe('live');
    expect(run(live, { kind: 'accept', stage: 'queued', venueOrderId: null, txHash: null }).acceptedStage).toBe('live');
  });

  it('a refusal leaves the record untouched (same object)', () => {
    const o = submitted();
    const r = applyOrderEvent(o, { kind: 'submit' });
    expect(r.ok).toBe(false);
    expect(o.state).toBe('submitted');
  });
});
