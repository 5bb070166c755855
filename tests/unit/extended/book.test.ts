// Extended order books: a SNAPSHOT resets; a DELTA without `c` ADDS its signed `q` to the level
// (the Extended SDK's order-book update: q is the change), with `c` it sets the absolute size.
// What this class can and cannot catch: it sees one market's messages in the order given, so a
// repeated or swapped q-only delta is the adapter's job (its seq check, `seq == last + 1` over
// the whole connection, drops the frame and rebuilds every book before anything is applied; see
// tests/integration/adapters/books-and-faults.test.ts). Here: the arithmetic, the negative and
// crossed guards, and what a bad frame leaves behind.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BookState, parseSize } from '../../../src-core/venues/common/book-state';
import { ExtendedBook } from '../../../src-core/venues/extended/book';
import type { BookMessage } from '../../../src-core/venues/extended/wire/schemas';

type Lv = { p: string; q: string; c?: string };
const msg = (type: 'SNAPSHOT' | 'DELTA', seq: number, b: Lv[], a: Lv[], ts = 1_000 + seq): BookMessage => ({ type, data: { m: 'ETH-USD', b, a }, ts, seq });
const levels = (book: BookState) => {
  const s = book.snapshot();
  return { bids: s.bids.map((l) => [l.price, l.size]), asks: s.asks.map((l) => [l.price, l.size]) };
};

function started(): ExtendedBook {
  const b = new ExtendedBook('extended', 'ETH');
  expect(b.apply(msg('SNAPSHOT', 1, [{ p: '3300', q: '1.5' }, { p: '3299', q: '2' }], [{ p: '3301', q: '0.1' }, { p: '3302', q: '3' }]), 9_000)).toBe('ok');
  return b;
}

describe('ExtendedBook', () => {
  it('a snapshot sets absolute sizes and stamps seq and times', () => {
    const s = started().snapshot();
    expect(s).toEqual({
      venue: 'extended', symbol: 'ETH', venueSeq: 1, venueTimeMs: 1_001, receivedAtMs: 9_000, fresh: true, staleReason: null,
      bids: [{ price: 3300, size: 1.5 }, { price: 3299, size: 2 }],
      asks: [{ price: 3301, size: 0.1 }, { price: 3302, size: 3 }],
    });
  });

  it('a q-only delta adds signed q, exactly: 0.1 + 0.2 is 0.3, not 0.30000000000000004', () => {
    const b = started();
    expect(b.apply(msg('DELTA', 2, [{ p: '3300', q: '-0.5' }], [{ p: '3301', q: '0.2' }]), 9_100)).toBe('ok');
    // 1.5 − 0.5 = 1; 0.1 + 0.2 = 0.3 (scaled integers).
    expect(levels(b)).toEqual({ bids: [[3300, 1], [3299, 2]], asks: [[3301, 0.3], [3302, 3]] });
    expect(b.snapshot()).toMatchObject({ venueSeq: 2, venueTimeMs: 1_002, receivedAtMs: 9_100, fresh: true });
  });

  it('a q-only delta to zero removes the level; to a new price adds one', () => {
    const b = started();
    expect(b.apply(msg('DELTA', 2, [{ p: '3299', q: '-2' }, { p: '3298', q: '4' }], []), 9_100)).toBe('ok');
    expect(levels(b).bids).toEqual([[3300, 1.5], [3298, 4]]);
  });

  it('with c, q is still added (the SDK path) and c only cross-checks the sum; a disagreeing c marks the book stale', () => {
    const b = started();
    // 1.5 + 0.25 = 1.75 matches c; 0.1 − 0.1 = 0 matches c = 0 (the level goes).
    expect(b.apply(msg('DELTA', 2, [{ p: '3300', q: '0.25', c: '1.75' }], [{ p: '3301', q: '-0.1', c: '0' }]), 9_100)).toBe('ok');
    expect(levels(b)).toEqual({ bids: [[3300, 1.75], [3299, 2]], asks: [[3302, 3]] });
    const m = started();
    expect(m.apply(msg('DELTA', 2, [{ p: '3300', q: '0.25', c: '7' }], []), 9_100)).toBe('mismatch');
    expect(m.snapshot()).toMatchObject({ fresh: false, staleReason: 'level 3300 sums to a size other than its c 7' });
  });

  it('a q-only delta that would leave a negative size is refused: stale, reason names the price', () => {
    const b = started();
    expect(b.apply(msg('DELTA', 2, [], [{ p: '3301', q: '-0.2' }]), 9_100)).toBe('negative');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'negative size at 3301', venueSeq: 1 });
    // Removing exactly what is there is not negative.
    expect(started().apply(msg('DELTA', 2, [], [{ p: '3301', q: '-0.1' }]), 9_100)).toBe('ok');
    // A sell-down of a level that does not exist is negative too.
    expect(started().apply(msg('DELTA', 2, [{ p: '3000', q: '-1' }], []), 9_100)).toBe('negative');
  });

  it('a negative size in a snapshot is malformed: stale, nothing applied; a negative c can never match a sum', () => {
    const s = started();
    const before = levels(s);
    expect(s.apply(msg('SNAPSHOT', 5, [{ p: '3200', q: '-3' }], [{ p: '3201', q: '1' }]), 9_100)).toBe('negative');
    expect(s.snapshot()).toMatchObject({ fresh: false, staleReason: 'negative size at 3200' });
    expect(levels(s)).toEqual(before);
    const b = started();
    expect(b.apply(msg('DELTA', 2, [{ p: '3300', q: '1', c: '-1' }], []), 9_100)).toBe('mismatch');
    expect(b.fresh).toBe(false);
    // A q-only delta's negative q is an ordinary decrease, not malformed.
    expect(started().apply(msg('DELTA', 2, [{ p: '3300', q: '-1' }], []), 9_100)).toBe('ok');
  });

  it('a delta before any snapshot, or on a stale book, is not applied', () => {
    const b = new ExtendedBook('extended', 'ETH');
    expect(b.apply(msg('DELTA', 1, [{ p: '3300', q: '1' }], []), 0)).toBe('not-ready');
    expect(b.snapshot()).toMatchObject({ bids: [], fresh: false, staleReason: 'no snapshot yet', venueSeq: 0 });
    const s = started();
    const before = levels(s);
    s.markStale('seq gap: expected 3, got 5');
    expect(s.apply(msg('DELTA', 6, [{ p: '3300', q: '1' }], []), 9_100)).toBe('not-ready');
    expect(levels(s)).toEqual(before);
    expect(s.snapshot().staleReason).toBe('seq gap: expected 3, got 5');
    // A snapshot brings it back.
    expect(s.apply(msg('SNAPSHOT', 7, [{ p: '3000', q: '1' }], [{ p: '3001', q: '1' }]), 9_200)).toBe('ok');
    expect(levels(s)).toEqual({ bids: [[3000, 1]], asks: [[3001, 1]] });
  });

  it('a delta that crosses or locks the book marks it stale', () => {
    const b = started();
    expect(b.apply(msg('DELTA', 2, [{ p: '3301', q: '1' }], []), 9_100)).toBe('crossed'); // bid = best ask
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'crossed book' });
    expect(started().apply(msg('DELTA', 2, [{ p: '3300.5', q: '1' }], []), 9_100)).toBe('ok');
    // Removing the best ask uncovers nothing crossed.
    expect(started().apply(msg('DELTA', 2, [], [{ p: '3301', q: '-0.1' }]), 9_100)).toBe('ok');
  });

  it('a repeated delta with c is caught by the cross-check; a repeated q-only delta adds twice, which is why the adapter drops repeats by seq', () => {
    const c = started();
    const set = msg('DELTA', 2, [{ p: '3300', q: '0.5', c: '2' }], []);
    expect(c.apply(set, 0)).toBe('ok');
    expect(c.apply(set, 0)).toBe('mismatch'); // 2 + 0.5 ≠ 2
    expect(c.fresh).toBe(false);
    // The book alone cannot tell a repeat from a new delta of the same size (1.5 + 0.5 + 0.5).
    const q = started();
    const add = msg('DELTA', 2, [{ p: '3300', q: '0.5' }], []);
    q.apply(add, 0);
    q.apply(add, 0);
    expect(levels(q).bids[0]).toEqual([3300, 2.5]);
  });

  it('a swap of two q-only deltas that passes through a negative size is caught', () => {
    // Venue order: +1 at 3298 (new level), then −1 (gone). Swapped, the −1 comes first: negative.
    const b = started();
    expect(b.apply(msg('DELTA', 3, [{ p: '3298', q: '-1' }], []), 0)).toBe('negative');
    expect(b.fresh).toBe(false);
  });

  it('property: q-only deltas commute, so a fresh book after all of them equals the venue book in any order', () => {
    // Only increases (no intermediate negatives): every permutation ends at the same exact book.
    const delta = fc.record({ side: fc.constantFrom('b' as const, 'a' as const), tick: fc.integer({ min: 0, max: 3 }), q: fc.integer({ min: 1, max: 999 }) });
    fc.assert(
      fc.property(fc.array(delta, { minLength: 1, maxLength: 8 }).chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds, { minLength: ds.length, maxLength: ds.length }))), ([inOrder, shuffled]) => {
        const run = (ds: typeof inOrder) => {
          const b = started();
          ds.forEach((d, i) => {
            const lv = [{ p: String(d.side === 'b' ? 3290 - d.tick : 3310 + d.tick), q: `0.${String(d.q).padStart(3, '0')}` }];
            expect(b.apply(msg('DELTA', 2 + i, d.side === 'b' ? lv : [], d.side === 'a' ? lv : []), 0)).toBe('ok');
          });
          return levels(b);
        };
        expect(run(shuffled)).toEqual(run(inOrder));
      }),
    );
  });
});

describe('BookState', () => {
  it('parseSize floors to 12 decimals', () => {
    expect(parseSize('1.0000000000019')).toBe(1_000_000_000_001n);
    expect(parseSize('-0.0000000000001')).toBe(-1n);
  });

  it('the snapshot is cached until something changes, and every change shows', () => {
    const b = new BookState('extended', 'ETH');
    b.setLevel('bid', 100, parseSize('1'));
    const s1 = b.snapshot();
    expect(b.snapshot()).toBe(s1);
    b.setLevel('ask', 101, parseSize('2'));
    expect(b.snapshot().asks).toEqual([{ price: 101, size: 2 }]);
    expect(b.addLevel('bid', 100, parseSize('0.5'))).toBe(true);
    expect(b.snapshot().bids).toEqual([{ price: 100, size: 1.5 }]);
    expect(b.addLevel('bid', 100, parseSize('-2'))).toBe(false); // refused, unchanged
    expect(b.snapshot().bids).toEqual([{ price: 100, size: 1.5 }]);
    expect(b.addLevel('bid', 100, parseSize('-1.5'))).toBe(true); // exactly to zero: removed
    expect(b.snapshot().bids).toEqual([]);
    b.setLevel('bid', 99, parseSize('1'));
    b.markFresh();
    expect(b.snapshot()).toMatchObject({ fresh: true, staleReason: null });
    b.markStale('stream stalled');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'stream stalled' });
    b.reset();
    expect(b.snapshot()).toMatchObject({ bids: [], asks: [] });
  });

  it('setLevel with zero or a negative size removes the level', () => {
    const b = new BookState('lighter', 'ETH');
    b.setLevel('ask', 101, 5n);
    b.setLevel('ask', 102, 5n);
    b.setLevel('ask', 101, 0n);
    b.setLevel('ask', 102, -1n);
    expect(b.snapshot().asks).toEqual([]);
  });

  it('isCrossed finds the best prices whatever the insertion order; one side alone is never crossed', () => {
    const b = new BookState('lighter', 'ETH');
    expect(b.isCrossed()).toBe(false);
    for (const p of [98, 100, 99]) b.setLevel('bid', p, 1n);
    expect(b.isCrossed()).toBe(false);
    for (const p of [103, 101, 102]) b.setLevel('ask', p, 1n);
    expect(b.isCrossed()).toBe(false);
    expect(b.snapshot().bids.map((l) => l.price)).toEqual([100, 99, 98]);
    expect(b.snapshot().asks.map((l) => l.price)).toEqual([101, 102, 103]);
    b.setLevel('bid', 100.5, 1n);
    expect(b.isCrossed()).toBe(false);
    b.setLevel('bid', 101, 1n); // locked: best bid = best ask
    expect(b.isCrossed()).toBe(true);
    b.setLevel('bid', 101, 0n);
    b.setLevel('ask', 100, 1n); // an ask below the best bid 100.5, inserted last
    expect(b.isCrossed()).toBe(true);
    // The best bid inserted first, a lower one after: the best one still counts.
    const c = new BookState('lighter', 'ETH');
    c.setLevel('bid', 101, 1n);
    c.setLevel('bid', 99, 1n);
    c.setLevel('ask', 100, 1n);
    expect(c.isCrossed()).toBe(true);
  });
});
