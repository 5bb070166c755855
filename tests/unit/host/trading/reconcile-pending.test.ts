// host/trading/reconcile-pending.ts: a pending item's id is its finding's identity. A naked leg
// told while an order of it still works (a review) and the same leg once it can be closed are two
// findings: a dismissal of the first must not hide the second.
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../../../src-core/reconcile/discrepancy';
import { findingId, pendingItem } from '../../../../src-core/host/trading/reconcile-pending';

function naked(action: Discrepancy['action'], legSize = '0.1'): Discrepancy {
  return { kind: 'naked-leg', pairSeq: 0, venue: 'lighter', symbol: 'ETH', positionSide: 'long', legSize, action };
}
const close = { kind: 'close-position', why: 'naked-leg', venue: 'lighter', symbol: 'ETH', side: 'sell', size: '0.1', pairSeq: 0 } as const;
const review = { kind: 'review', why: 'its order still works' } as const;

describe('the id of a pending naked leg', () => {
  it('is the same for the same finding, and differs between its review and its close, and with the size', () => {
    const fix = (d: Discrepancy) => ({ discrepancy: d, action: d.action, why: 'the trader decides' });
    expect(findingId(fix(naked(close)))).toBe(findingId(fix(naked(close))));
    expect(findingId(fix(naked(review)))).not.toBe(findingId(fix(naked(close))));
    expect(findingId(fix(naked(close, '0.2')))).not.toBe(findingId(fix(naked(close))));
  });

  it('shows the pair, the venue and the market, and what was found', () => {
    const item = pendingItem({ discrepancy: naked(review), action: review, why: 'no automatic fix: the trader decides' });
    expect(item).toEqual({ id: 'naked-leg:lighter:ETH:0:0.1:review', kind: 'naked-leg', action: 'review', venue: 'lighter', symbol: 'ETH', pairSeq: 0, why: 'no automatic fix: the trader decides', detail: 'pair 0: long 0.1 held on lighter, the other leg is flat; its order still works' });
    expect(pendingItem({ discrepancy: naked(close), action: close, why: 'x' }).detail).toBe('pair 0: long 0.1 held on lighter, the other leg is flat');
  });
});
