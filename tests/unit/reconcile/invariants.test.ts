// The invariants checked after a reconciliation run (reconcile/invariants.ts), on the worked ETH
// pair of helpers.ts (long 0.1 on Lighter, step 0.0001; short 0.1 on Extended, step 0.001):
// positions equal within one step, every fill of ours recorded, no order of ours resting without
// a live intent; what the run itself changed, and venues that could not be read, are not judged.
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../../src-core/reconcile/invariants';
import { agreeingSnapshots, cid, ethPair, failedSnapshot, fill, okSnapshot, openOrder, order, position, view } from './helpers';

describe('invariants: positions', () => {
  it('hold when the venues show what the ledger holds', () => {
    expect(checkInvariants(agreeingSnapshots(), view({ pairs: [ethPair()] }))).toEqual([]);
  });

  it('a difference of one whole step breaks it; less than a step does not', () => {
    const [l, x] = agreeingSnapshots();
    const oneStep = checkInvariants([{ ...l, positions: [position('lighter', '0.1001')] }, x], view({ pairs: [ethPair()] }));
    expect(oneStep).toEqual([{ kind: 'position-differs', venue: 'lighter', symbol: 'ETH', pairSeq: 0, detail: "lighter ETH: the venue holds 0.1001, the ledger's legs 0.1 (pairs 0)" }]);
    expect(checkInvariants([{ ...l, positions: [position('lighter', '0.10009')] }, x], view({ pairs: [ethPair()] }))).toEqual([]);
    // Extended's step is 0.001: 0.0005 is inside it, 0.001 is not.
    expect(checkInvariants([l, { ...x, positions: [position('extended', '-0.1005')] }], view({ pairs: [ethPair()] }))).toEqual([]);
    expect(checkInvariants([l, { ...x, positions: [position('extended', '-0.101')] }], view({ pairs: [ethPair()] })).map((v) => v.venue)).toEqual(['extended']);
  });

  it('a venue flat where the open pair holds a leg breaks it; a closed market or a pair being worked is not judged', () => {
    const [l] = agreeingSnapshots();
    const x = okSnapshot('extended');
    expect(checkInvariants([l, x], view({ pairs: [ethPair()] })).map((v) => [v.kind, v.venue])).toEqual([['position-differs', 'extended']]);
    expect(checkInvariants([l, x], view({ pairs: [ethPair()], activePairSeqs: new Set([0]) }))).toEqual([]);
    expect(checkInvariants([l, x], view({ pairs: [ethPair({ state: 'opening' })] }))).toEqual([]);
    expect(checkInvariants([l, x], view({ pairs: [ethPair()] }), { clientOrderIds: new Set(), markets: new Set(['extended|ETH']) })).toEqual([]);
    // A market a pair moved in during the reads (ledger-view.ts movingMarkets): judged next run.
    expect(checkInvariants([l, x], view({ pairs: [ethPair()], movingMarkets: new Set(['extended|ETH']) }))).toEqual([]);
  });

  it('two pairs in a market are summed; a venue that could not be read is not judged', () => {
    const [l, x] = agreeingSnapshots();
    const two = view({ pairs: [ethPair(), ethPair({ pairSeq: 1 })] });
    expect(checkInvariants([{ ...l, positions: [position('lighter', '0.2')] }, { ...x, positions: [position('extended', '-0.2')] }], two)).toEqual([]);
    const v = checkInvariants([l, failedSnapshot('extended')], two);
    expect(v).toEqual([{ kind: 'position-differs', venue: 'lighter', symbol: 'ETH', pairSeq: null, detail: "lighter ETH: the venue holds 0.1, the ledger's legs 0.2 (pairs 0, 1)" }]);
  });
});

describe('invariants: fills', () => {
  it('a fill of ours the ledger lacks breaks it once (listed twice); recorded, foreign or excused ones do not', () => {
    const [l, x] = agreeingSnapshots();
    const missing = fill('lighter', { venueFillId: 'f-2', clientOrderId: cid(0, 0), size: '0.05' });
    const recorded = fill('lighter', { venueFillId: 'f-1', clientOrderId: cid(0, 0), size: '0.05' });
    const foreign = fill('lighter', { venueFillId: 'm-1', clientOrderId: 'manual', venueOrderId: 'm' });
    const v = checkInvariants([{ ...l, fills: [recorded, missing, missing, foreign] }, x], view({ pairs: [ethPair()], fills: [['lighter', 'f-1']] }));
    expect(v).toEqual([{ kind: 'fill-not-recorded', venue: 'lighter', symbol: 'ETH', pairSeq: 0, detail: `lighter fill f-2 (buy 0.05 ETH) of our order ${cid(0, 0)} is not in the ledger` }]);
    // The tracker still resolves that order: its fill is the tracker's to record.
    expect(checkInvariants([{ ...l, fills: [missing] }, x], view({ pairs: [ethPair()] }), { clientOrderIds: new Set([cid(0, 0)]), markets: new Set() })).toEqual([]);
  });

  it('a fill known only by its venue order id is matched to the intent', () => {
    const [l, x] = agreeingSnapshots();
    const f = fill('lighter', { venueFillId: 'f-9', clientOrderId: null, venueOrderId: 'v-3', size: '0.01' });
    const v = checkInvariants([{ ...l, fills: [f] }, x], view({ pairs: [ethPair()], orders: [order({ state: 'filled', venueOrderId: 'v-3', pairSeq: 4 })] }));
    expect(v.map((x) => [x.kind, x.pairSeq])).toEqual([['fill-not-recorded', 4]]);
  });
});

describe('invariants: resting orders', () => {
  it('an order of ours with no intent, or with one that is done, breaks it; live, foreign and excused ones do not', () => {
    const [l, x] = agreeingSnapshots();
    const noIntent = openOrder('lighter', { clientOrderId: cid(9, 0), venueOrderId: 'v-9' });
    const done = openOrder('lighter', { clientOrderId: cid(0, 0), venueOrderId: 'v-0' });
    const live = openOrder('extended', { clientOrderId: cid(0, 1), venueOrderId: 'v-1' });
    const foreign = openOrder('lighter', { clientOrderId: 'manual-1', venueOrderId: 'v-m' });
    const ledger = view({ pairs: [ethPair()], orders: [order({ state: 'filled', intentId: 1 }), order({ state: 'accepted', leg: 1, intentId: 2 })] });
    const v = checkInvariants([{ ...l, openOrders: [noIntent, done, foreign] }, { ...x, openOrders: [live] }], ledger);
    expect(v).toEqual([
      { kind: 'order-without-intent', venue: 'lighter', symbol: 'ETH', pairSeq: 9, detail: `our order ${cid(9, 0)} rests on lighter ETH (buy 0.1) but has no intent in the ledger` },
      { kind: 'order-without-intent', venue: 'lighter', symbol: 'ETH', pairSeq: 0, detail: `our order ${cid(0, 0)} rests on lighter ETH (buy 0.1) but is filled in the ledger` },
    ]);
    const excused = checkInvariants([{ ...l, openOrders: [noIntent, done] }, x], ledger, { clientOrderIds: new Set([cid(9, 0), cid(0, 0)]), markets: new Set() });
    expect(excused).toEqual([]);
    // Pairs that moved during the reads (a maker cancelled after the venue listed it): next run.
    expect(checkInvariants([{ ...l, openOrders: [noIntent, done] }, x], { ...ledger, activePairSeqs: new Set([9, 0]) })).toEqual([]);
    expect(checkInvariants([{ ...l, openOrders: [noIntent, done] }, x], { ...ledger, activePairSeqs: new Set([9]) }).map((v) => v.pairSeq)).toEqual([0]);
  });

  it('lost and in-flight intents are live', () => {
    const [l, x] = agreeingSnapshots();
    for (const state of ['lost', 'submitted', 'initialized', 'pending-cancel', 'partially-filled'] as const) {
      const o = openOrder('lighter', { clientOrderId: cid(0, 0) });
      expect(checkInvariants([{ ...l, openOrders: [o] }, x], view({ pairs: [ethPair()], orders: [order({ state })] }))).toEqual([]);
    }
  });
});
