// The diff's money checks: fills of ours and funding payments the venues report that the ledger
// lacks (exact strings, passed through untouched), and what is not ours to record.
import { describe, expect, it } from 'vitest';
import { diffReconcile } from '../../../src-core/reconcile/diff';
import { agreeingSnapshots, cid, ethPair, fill, okSnapshot, order, payment, position, T0, TOLERANCE, view } from './helpers';

const HOUR = 3_600_000;

describe('diff: unrecorded fill', () => {
  it.each([
    ['ours by its client id, intent in the view', cid(0, 0, 'rebalance'), 'v-3', 42],
    ['ours by its venue order id (no client id on the fill)', null, 'v-3', 42],
    ['ours by its id only (this epoch, no intent in the view)', cid(5, 0, 'exit'), 'v-9', null],
  ] as const)('%s: record it exactly as reported', (_why, clientOrderId, venueOrderId, intentId) => {
    const f = fill('lighter', { venueFillId: 'f-77', clientOrderId, venueOrderId, size: '0.0100', price: '3001.25', feeUsd: '-0.000300125' });
    const [l, x] = agreeingSnapshots();
    const ds = diffReconcile(
      [{ ...l, positions: [position('lighter', '0.11')], fills: [f] }, x],
      view({ pairs: [ethPair()], orders: [order({ state: 'filled', intentId: 42, clientOrderId: cid(0, 0, 'rebalance'), venueOrderId: 'v-3', size: '0.01', filledSize: '0.01' })] }),
      { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1_000_000 },
    ).discrepancies;
    expect(ds).toEqual([{ kind: 'unrecorded-fill', venue: 'lighter', venueFillId: 'f-77', action: { kind: 'record-fill', fill: f, intentId } }]);
  });

  it('a fill already recorded, a foreign fill, or one listed twice is not reported (twice: once)', () => {
    const ours = fill('lighter', { venueFillId: 'f-1', clientOrderId: cid(0, 0), size: '0.05' });
    const again = fill('lighter', { venueFillId: 'f-2', clientOrderId: cid(0, 0), size: '0.05' });
    const foreign = fill('lighter', { venueFillId: 'm-1', clientOrderId: 'manual', venueOrderId: 'm', size: '0.0001' });
    const [l, x] = agreeingSnapshots();
    const ds = diffReconcile([{ ...l, positions: [position('lighter', '0.1001')], fills: [ours, again, again, foreign] }, x], view({ pairs: [ethPair({ longSize: '0.05' })], fills: [['lighter', 'f-1']] }), TOLERANCE).discrepancies;
    expect(ds.map((d) => d.kind)).toEqual(['unrecorded-fill']);
    expect(ds[0]).toMatchObject({ venueFillId: 'f-2' });
  });

  it('the same venue fill id on the other venue is a different fill', () => {
    const f = fill('extended', { venueFillId: 'f-1', clientOrderId: cid(0, 1), side: 'sell', size: '0.1' });
    const ds = diffReconcile(
      [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended', { positions: [position('extended', '-0.1')], fills: [f] })],
      view({ pairs: [ethPair({ shortSize: '0' })], fills: [['lighter', 'f-1']] }),
      TOLERANCE,
    ).discrepancies;
    expect(ds.map((d) => d.kind)).toEqual(['unrecorded-fill']);
  });
});

describe('diff: unrecorded funding payment', () => {
  it('a payment the ledger lacks is recorded to the one pair holding that market, cash exact', () => {
    const p = payment('extended', T0 + HOUR, '0.003750');
    const [l, x] = agreeingSnapshots();
    const ds = diffReconcile([l, { ...x, fundingPayments: [p] }], view({ pairs: [ethPair()] }), TOLERANCE).discrepancies;
    expect(ds).toEqual([{ kind: 'unrecorded-funding', venue: 'extended', symbol: 'ETH', settlementTimeMs: T0 + HOUR, action: { kind: 'record-funding', payment: p, pairSeq: 0 } }]);
  });

  it('recorded payments (by venue, market and settlement) are skipped; a payment for a market no pair holds has no pair', () => {
    const known = payment('lighter', T0 + HOUR, '-0.0021');
    const later = payment('lighter', T0 + 2 * HOUR, '-0.0020');
    const btc = payment('lighter', T0 + HOUR, '0.5', 'BTC');
    const [l, x] = agreeingSnapshots();
    const ds = diffReconcile([{ ...l, fundingPayments: [known, later, later, btc] }, x], view({ pairs: [ethPair()], funding: [['lighter', 'ETH', T0 + HOUR]] }), TOLERANCE).discrepancies;
    expect(ds.map((d) => (d.kind === 'unrecorded-funding' ? [d.symbol, d.settlementTimeMs, d.action.kind === 'record-funding' ? d.action.pairSeq : 'x'] : d.kind))).toEqual([
      ['ETH', T0 + 2 * HOUR, 0],
      ['BTC', T0 + HOUR, null],
    ]);
  });

  it('two pairs in the same market: the pair is left to the ledger attribution (null)', () => {
    const p = payment('lighter', T0 + HOUR, '-0.0021');
    const [l, x] = agreeingSnapshots();
    const ds = diffReconcile(
      [{ ...l, positions: [position('lighter', '0.2')], fundingPayments: [p] }, { ...x, positions: [position('extended', '-0.2')] }],
      view({ pairs: [ethPair(), ethPair({ pairSeq: 1 })] }),
      TOLERANCE,
    ).discrepancies;
    expect(ds).toEqual([expect.objectContaining({ kind: 'unrecorded-funding', action: expect.objectContaining({ pairSeq: null }) })]);
  });
});
