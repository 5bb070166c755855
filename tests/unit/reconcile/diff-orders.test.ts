// The diff's order checks: every in-flight resolution (open, filled, canceled, never arrived) with
// the evidence it needs, lost orders found, and open orders the ledger does not hold as working.
// Worked setup: pair 0 holds 0.1 ETH long on Lighter and 0.1 short on Extended (both agree); the
// order under test is a 0.01 ETH rebalance buy on Lighter created at T0, the snapshot read at
// T0 + 60 s with fills from T0 − 1 s and a 3 s not-found grace.
import { describe, expect, it } from 'vitest';
import type { OrderStateName } from '../../../src-core/domain/enums';
import { diffReconcile } from '../../../src-core/reconcile/diff';
import type { Discrepancy } from '../../../src-core/reconcile/discrepancy';
import type { LedgerOrder } from '../../../src-core/reconcile/ledger-view';
import type { VenueSnapshotOk } from '../../../src-core/reconcile/venue-snapshot';
import { cid, ethPair, fill, GRACE_MS, okSnapshot, openOrder, order, position, T0, TOLERANCE, view } from './helpers';

const REBALANCE = cid(0, 0, 'rebalance');

function rebalance(state: OrderStateName, o: Partial<LedgerOrder> = {}): LedgerOrder {
  return order({ state, purpose: 'rebalance', clientOrderId: REBALANCE, size: '0.01', tif: 'ioc', intentId: 42, ...o });
}

function run(o: LedgerOrder, lighter: Partial<VenueSnapshotOk> = {}, recordedFills: readonly ['lighter' | 'extended', string][] = []) {
  const snaps = [okSnapshot('lighter', { positions: [position('lighter', '0.1')], ...lighter }), okSnapshot('extended', { positions: [position('extended', '-0.1')] })];
  return diffReconcile(snaps, view({ pairs: [ethPair()], orders: [o], fills: recordedFills }), TOLERANCE).discrepancies;
}

const only = (ds: readonly Discrepancy[], kind: Discrepancy['kind']) => ds.filter((d) => d.kind === kind);
const ofIt = (o: Partial<Parameters<typeof fill>[1]> & { venueFillId: string }) => fill('lighter', { clientOrderId: REBALANCE, venueOrderId: 'v-7', size: '0.01', ...o });

describe('diff: in-flight order resolved', () => {
  it.each([
    [
      'on the book: open (acknowledged late)',
      rebalance('submitted'),
      { openOrders: [openOrder('lighter', { clientOrderId: REBALANCE, venueOrderId: 'v-7', size: '0.01', status: 'open' as const })] },
      { kind: 'open', venueStatus: 'open', venueOrderId: 'v-7', filledSize: '0' },
    ],
    ['its fills reach its size: filled', rebalance('submitted'), { positions: [position('lighter', '0.11')], fills: [ofIt({ venueFillId: 'f-1' })] }, { kind: 'filled', filledSize: '0.01' }],
    [
      'a cancel asked for, 0.004 filled, off the book: canceled',
      rebalance('pending-cancel', { venueOrderId: 'v-7' }),
      { positions: [position('lighter', '0.104')], fills: [ofIt({ venueFillId: 'f-1', size: '0.004' })] },
      { kind: 'canceled', filledSize: '0.004' },
    ],
    ['an IOC never seen, no fill over its life, position agrees: never arrived', rebalance('submitted'), {}, { kind: 'never-arrived' }],
    ['acknowledged once (venue id), off the book with no fill: canceled with nothing filled', rebalance('accepted', { venueOrderId: 'v-7' }), {}, { kind: 'canceled', filledSize: '0' }],
    [
      'initialized (crash between the send and the next write) yet filled on the venue',
      rebalance('initialized'),
      { positions: [position('lighter', '0.11')], fills: [ofIt({ venueFillId: 'f-1' })] },
      { kind: 'filled', filledSize: '0.01' },
    ],
    [
      'found by its venue order id when the fill carries no client id',
      rebalance('accepted', { venueOrderId: 'v-7' }),
      { positions: [position('lighter', '0.11')], fills: [ofIt({ venueFillId: 'f-1', clientOrderId: null })] },
      { kind: 'filled', filledSize: '0.01' },
    ],
  ] as const)('%s', (_why, o, lighter, resolution) => {
    const ds = run(o, lighter);
    expect(only(ds, 'in-flight-resolved')).toEqual([
      { kind: 'in-flight-resolved', venue: 'lighter', intentId: 42, clientOrderId: REBALANCE, ledgerState: o.state, resolution, action: { kind: 'resolve-order', intentId: 42, resolution } },
    ]);
    expect(only(ds, 'size-mismatch')).toEqual([]);
  });

  it("fills the ledger already holds are not counted twice: 0.005 recorded + 0.005 new = filled 0.01, not 0.015", () => {
    const ds = run(
      rebalance('partially-filled', { venueOrderId: 'v-7', filledSize: '0.005' }),
      { positions: [position('lighter', '0.11')], fills: [ofIt({ venueFillId: 'f-1', size: '0.005' }), ofIt({ venueFillId: 'f-2', size: '0.005' })] },
      [['lighter', 'f-1']],
    );
    expect(only(ds, 'in-flight-resolved')[0]).toMatchObject({ resolution: { kind: 'filled', filledSize: '0.01' } });
    expect(only(ds, 'unrecorded-fill').map((d) => (d.kind === 'unrecorded-fill' ? d.venueFillId : ''))).toEqual(['f-2']);
  });

  it('a working order the ledger holds as working, on the book: agreed, nothing to report', () => {
    expect(run(rebalance('accepted', { venueOrderId: 'v-7' }), { openOrders: [openOrder('lighter', { clientOrderId: REBALANCE, venueOrderId: 'v-7' })] })).toEqual([]);
  });
});

describe('diff: in-flight order without enough evidence', () => {
  it('inside the venue grace window nothing is concluded (the tracker is still on it)', () => {
    expect(run(rebalance('submitted', { createdAtMs: T0 + 60_000 - GRACE_MS + 1 }))).toEqual([]);
    expect(run(rebalance('submitted', { createdAtMs: T0 + 60_000 - GRACE_MS }))).toEqual([
      expect.objectContaining({ kind: 'in-flight-resolved', resolution: { kind: 'never-arrived' } }),
    ]);
  });

  it('a fill window that starts after the order was created: lost, for the trader', () => {
    const ds = run(rebalance('submitted'), { sinceMs: T0 + 1 });
    expect(ds).toEqual([{ kind: 'in-flight-unresolved', venue: 'lighter', intentId: 42, clientOrderId: REBALANCE, why: expect.stringContaining('after the order was created'), action: { kind: 'mark-lost', intentId: 42 } }]);
  });

  it('a venue position that differs from every fill we know: lost (a fill may be missing), and the mismatch reported', () => {
    const ds = run(rebalance('submitted'), { positions: [position('lighter', '0.11')] });
    expect(ds.map((d) => d.kind)).toEqual(['in-flight-unresolved', 'size-mismatch']);
    expect(ds[0]).toMatchObject({ why: expect.stringContaining('0.11') });
  });
});

describe('diff: lost order found', () => {
  it.each([
    ['resting on the book', { openOrders: [openOrder('lighter', { clientOrderId: REBALANCE, venueOrderId: 'v-7', status: 'partially-filled' as const, filledSize: '0.002' })] }, { kind: 'open', venueStatus: 'partially-filled', venueOrderId: 'v-7', filledSize: '0.002' }],
    ['filled', { positions: [position('lighter', '0.11')], fills: [ofIt({ venueFillId: 'f-1' })] }, { kind: 'filled', filledSize: '0.01' }],
    ['partly filled, then off the book', { positions: [position('lighter', '0.103')], fills: [ofIt({ venueFillId: 'f-1', size: '0.003' })] }, { kind: 'canceled', filledSize: '0.003' }],
  ] as const)('%s', (_why, lighter, resolution) => {
    const ds = run(rebalance('lost'), lighter);
    expect(only(ds, 'lost-order-found')).toEqual([{ kind: 'lost-order-found', venue: 'lighter', intentId: 42, clientOrderId: REBALANCE, resolution, action: { kind: 'resolve-order', intentId: 42, resolution } }]);
  });

  it('not found, with evidence over its whole life: it never arrived; without that evidence it stays lost (nothing new)', () => {
    expect(run(rebalance('lost'))).toEqual([expect.objectContaining({ kind: 'in-flight-resolved', ledgerState: 'lost', resolution: { kind: 'never-arrived' } })]);
    expect(run(rebalance('lost'), { sinceMs: T0 + 1 })).toEqual([]);
  });
});

describe('diff: open orders the ledger does not hold as working', () => {
  it.each(['canceled', 'filled', 'rejected', 'expired', 'denied'] as const)('ours, held %s by the ledger: a stale order to cancel', (state) => {
    const open = openOrder('lighter', { clientOrderId: REBALANCE, venueOrderId: 'v-7' });
    const ds = run(rebalance(state, { venueOrderId: 'v-7' }), { openOrders: [open] });
    expect(ds).toEqual([
      {
        kind: 'stale-own-order',
        venue: 'lighter',
        order: open,
        intentId: 42,
        ledgerState: state,
        purpose: 'rebalance',
        action: { kind: 'cancel-order', why: 'stale-own', venue: 'lighter', symbol: 'ETH', clientOrderId: REBALANCE, venueOrderId: 'v-7' },
      },
    ]);
  });

  it('ours by its id (this epoch) with no intent in the view: stale, purpose decoded from the id', () => {
    const id = cid(9, 1, 'exit', 3);
    const open = openOrder('extended', { clientOrderId: id, venueOrderId: 'x-9', side: 'buy' });
    const snaps = [okSnapshot('lighter'), okSnapshot('extended', { openOrders: [open] })];
    expect(diffReconcile(snaps, view(), TOLERANCE).discrepancies).toEqual([expect.objectContaining({ kind: 'stale-own-order', intentId: null, ledgerState: null, purpose: 'exit' })]);
  });

  it.each([
    ['a UUID', '3f0c6a9e-1b2d-4c1e-9a77-0d6a1f2b3c4d'],
    ['a number of another epoch', cid(0, 0, 'entry', 0, 8)],
    ['a non-canonical number', '007'],
  ])('foreign (%s): proposed for cancel', (_why, id) => {
    const open = openOrder('lighter', { clientOrderId: id, venueOrderId: 'm-1' });
    const ds = diffReconcile([okSnapshot('lighter', { openOrders: [open] }), okSnapshot('extended')], view(), TOLERANCE).discrepancies;
    expect(ds).toEqual([{ kind: 'foreign-order', venue: 'lighter', order: open, action: { kind: 'cancel-order', why: 'foreign', venue: 'lighter', symbol: 'ETH', clientOrderId: id, venueOrderId: 'm-1' } }]);
  });
});
