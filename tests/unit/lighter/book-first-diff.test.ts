// The first-diff grace (venues.md §7.2): a first diff after a snapshot that overlaps it is
// re-based on within FIRST_DIFF_GRACE_MS; one that begins after the snapshot's nonce has lost
// changes and is a gap; one entirely older than the snapshot is dropped; after the window, any
// break is a gap.
import { describe, expect, it } from 'vitest';
import { FIRST_DIFF_GRACE_MS, LighterBook } from '../../../src-core/venues/lighter/book';
import type { OrderBookMessage } from '../../../src-core/venues/lighter/wire/schemas';

const snap = (nonce: number): OrderBookMessage => ({ channel: 'order_book:0', offset: 1, type: 'subscribed/order_book', order_book: { asks: [{ price: '101', size: '1' }], bids: [{ price: '99', size: '1' }], nonce, begin_nonce: nonce } });
const diff = (offset: number, begin: number, nonce: number): OrderBookMessage => ({ channel: 'order_book:0', offset, type: 'update/order_book', order_book: { asks: [], bids: [{ price: '98', size: '2' }], nonce, begin_nonce: begin } });

describe('LighterBook first diff after a snapshot', () => {
  it('re-bases on an overlapping first diff inside the window, then chains as usual', () => {
    const b = new LighterBook('lighter', 'ETH');
    b.apply(snap(10), 0);
    expect(b.apply(diff(2, 8, 12), 1_000)).toBe('rebased');
    expect(b.snapshot().fresh).toBe(true);
    expect(b.apply(diff(3, 12, 14), 1_100)).toBe('ok');
    expect(b.apply(diff(4, 13, 15), 1_200)).toBe('gap');
  });
  it('a first diff that begins after the snapshot is a gap (changes were lost)', () => {
    const b = new LighterBook('lighter', 'ETH');
    b.apply(snap(10), 0);
    expect(b.apply(diff(2, 11, 12), 1_000)).toBe('gap');
    expect(b.snapshot().fresh).toBe(false);
  });
  it('a first diff entirely older than the snapshot is dropped, and the next one may still re-base', () => {
    const b = new LighterBook('lighter', 'ETH');
    b.apply(snap(10), 0);
    expect(b.apply(diff(2, 7, 9), 500)).toBe('ok');
    expect(b.snapshot().bids.map((l) => l.price)).toEqual([99]);
    expect(b.apply(diff(3, 9, 11), 600)).toBe('rebased');
  });
  it('after the window a non-chaining first diff is a gap', () => {
    const b = new LighterBook('lighter', 'ETH');
    b.apply(snap(10), 0);
    expect(b.apply(diff(2, 8, 12), FIRST_DIFF_GRACE_MS + 1)).toBe('gap');
  });
  it('only the first diff is tolerated', () => {
    const b = new LighterBook('lighter', 'ETH');
    b.apply(snap(10), 0);
    expect(b.apply(diff(2, 10, 11), 100)).toBe('ok');
    expect(b.apply(diff(3, 9, 12), 200)).toBe('gap');
  });
});
