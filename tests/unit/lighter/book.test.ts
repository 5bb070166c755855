// Lighter order books: snapshot then absolute-size diffs chained by begin_nonce == previous
// nonce. Gaps, duplicated and reordered offsets, crossed books and negative sizes all leave the
// book stale, never fresh with wrong levels.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LighterBook } from '../../../src-core/venues/lighter/book';
import type { OrderBookMessage } from '../../../src-core/venues/lighter/wire/schemas';

type Lv = readonly [price: string, size: string];
const lv = (ls: readonly Lv[]) => ls.map(([price, size]) => ({ price, size }));

function snapshot(offset: number, nonce: number, bids: readonly Lv[], asks: readonly Lv[], timestamp?: number): OrderBookMessage {
  return { channel: 'order_book:0', offset, timestamp, type: 'subscribed/order_book', order_book: { bids: lv(bids), asks: lv(asks), nonce, begin_nonce: 0 } };
}
function diff(offset: number, beginNonce: number, nonce: number, bids: readonly Lv[], asks: readonly Lv[], timestamp?: number): OrderBookMessage {
  return { channel: 'order_book:0', offset, timestamp, type: 'update/order_book', order_book: { bids: lv(bids), asks: lv(asks), nonce, begin_nonce: beginNonce } };
}
const levels = (b: LighterBook) => {
  const s = b.snapshot();
  return { bids: s.bids.map((l) => [l.price, l.size]), asks: s.asks.map((l) => [l.price, l.size]) };
};

function started(): LighterBook {
  const b = new LighterBook('lighter', 'ETH');
  expect(b.apply(snapshot(100, 10, [['3299.5', '1.5'], ['3300', '2']], [['3301', '0.5'], ['3300.5', '1']], 1_000), 5_000)).toBe('ok');
  return b;
}

describe('LighterBook', () => {
  it('starts stale with no snapshot', () => {
    const b = new LighterBook('lighter', 'ETH');
    expect(b.snapshot()).toMatchObject({ venue: 'lighter', symbol: 'ETH', fresh: false, staleReason: 'no snapshot yet', bids: [], asks: [] });
  });

  it('a diff before any snapshot is a gap and changes nothing, whatever its offset', () => {
    const b = new LighterBook('lighter', 'ETH');
    expect(b.apply(diff(0, 0, 1, [['3300', '1']], []), 0)).toBe('gap');
    expect(b.apply(diff(1, 1, 2, [['3300', '1']], []), 0)).toBe('gap');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'no snapshot yet', bids: [] });
  });

  it('a snapshot gives a fresh book, bids high to low, asks low to high', () => {
    const s = started().snapshot();
    expect(s).toEqual({
      venue: 'lighter', symbol: 'ETH', venueSeq: 10, venueTimeMs: 1_000, receivedAtMs: 5_000, fresh: true, staleReason: null,
      bids: [{ price: 3300, size: 2 }, { price: 3299.5, size: 1.5 }],
      asks: [{ price: 3300.5, size: 1 }, { price: 3301, size: 0.5 }],
    });
  });

  it('a chained diff sets absolute sizes, "0" removes a level, a new price adds one', () => {
    const b = started();
    expect(b.apply(diff(101, 10, 11, [['3300', '0.25'], ['3299.5', '0']], [['3302', '4']], 1_100), 5_100)).toBe('ok');
    expect(levels(b)).toEqual({ bids: [[3300, 0.25]], asks: [[3300.5, 1], [3301, 0.5], [3302, 4]] });
    expect(b.snapshot()).toMatchObject({ venueSeq: 11, venueTimeMs: 1_100, receivedAtMs: 5_100, fresh: true });
    // Chained again from nonce 11; no timestamp keeps the last venue time.
    expect(b.apply(diff(102, 11, 12, [], [['3301', '0.75']]), 5_200)).toBe('ok');
    expect(b.snapshot()).toMatchObject({ venueSeq: 12, venueTimeMs: 1_100, receivedAtMs: 5_200 });
    expect(levels(b).asks).toEqual([[3300.5, 1], [3301, 0.75], [3302, 4]]);
  });

  it('a broken nonce chain is a gap: stale, levels untouched', () => {
    const b = started();
    const before = levels(b);
    expect(b.apply(diff(101, 11, 12, [['3300', '9']], []), 5_100)).toBe('gap');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'nonce gap: expected begin_nonce 10, got 11', venueSeq: 10 });
    expect(levels(b)).toEqual(before);
  });

  it('a repeated offset is a duplicate, and so is an older (reordered) one', () => {
    const b = started();
    expect(b.apply(diff(101, 10, 11, [['3300', '3']], []), 5_100)).toBe('ok');
    expect(b.apply(diff(101, 10, 11, [['3300', '3']], []), 5_200)).toBe('duplicate');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'duplicate offset 101' });
    const r = started();
    expect(r.apply(diff(99, 10, 11, [['3300', '3']], []), 5_100)).toBe('duplicate');
    expect(r.snapshot().staleReason).toBe('duplicate offset 99');
    expect(levels(r).bids).toEqual([[3300, 2], [3299.5, 1.5]]);
  });

  it('a swap of two diffs is caught: the later one first is a gap, the earlier one then a duplicate', () => {
    const b = started();
    expect(b.apply(diff(102, 11, 12, [['3300', '7']], []), 5_100)).toBe('gap');
    expect(b.apply(diff(101, 10, 11, [['3300', '6']], []), 5_200)).toBe('duplicate');
    expect(b.snapshot().fresh).toBe(false);
  });

  it('while stale, diffs change nothing: "gap" until a resync is asked for, then "ok-waiting"', () => {
    const b = started();
    b.apply(diff(101, 99, 100, [], []), 5_100); // gap
    const before = levels(b);
    expect(b.apply(diff(102, 100, 101, [['3300', '5']], []), 5_200)).toBe('gap');
    b.markStale('resyncing after nonce gap');
    expect(b.apply(diff(103, 101, 102, [['3300', '5']], []), 5_300)).toBe('ok-waiting');
    expect(levels(b)).toEqual(before);
    // The new snapshot replaces everything, whatever came before.
    expect(b.apply(snapshot(200, 50, [['3200', '1']], [['3201', '1']]), 6_000)).toBe('ok');
    expect(levels(b)).toEqual({ bids: [[3200, 1]], asks: [[3201, 1]] });
    expect(b.apply(diff(201, 50, 51, [['3200', '2']], []), 6_100)).toBe('ok');
  });

  it('a diff that crosses the book, or locks it (bid = ask), marks it stale', () => {
    const b = started();
    expect(b.apply(diff(101, 10, 11, [['3300.5', '1']], []), 5_100)).toBe('crossed');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'crossed book' });
    const c = started();
    expect(c.apply(diff(101, 10, 11, [['3300.25', '1']], []), 5_100)).toBe('ok'); // just below the ask
    expect(c.apply(diff(102, 11, 12, [['3301.5', '1']], []), 5_200)).toBe('crossed');
    expect(started().apply(snapshot(100, 10, [['10', '1']], [['9', '1']]), 0)).toBe('crossed');
  });

  it('a negative size is malformed: stale, nothing applied (in a diff and in a snapshot)', () => {
    const b = started();
    const before = levels(b);
    expect(b.apply(diff(101, 10, 11, [['3300', '1']], [['3301', '-0.5']]), 5_100)).toBe('negative');
    expect(b.snapshot()).toMatchObject({ fresh: false, staleReason: 'negative size -0.5 at 3301', venueSeq: 10 });
    expect(levels(b)).toEqual(before);
    const s = started();
    expect(s.apply(snapshot(300, 90, [['3000', '-1']], [['3001', '1']]), 7_000)).toBe('negative');
    expect(levels(s)).toEqual(before);
    expect(s.snapshot().staleReason).toBe('negative size -1 at 3000');
  });

  it('sizes are exact to 12 decimals, floored beyond', () => {
    const b = new LighterBook('lighter', 'PEPE');
    b.apply(snapshot(1, 1, [['0.00001', '123456.0000000000019']], [['0.00002', '0.1']]), 0);
    expect(levels(b)).toEqual({ bids: [[0.00001, 123456]], asks: [[0.00002, 0.1]] });
  });

  it('property: whatever the network does to a diff chain, a fresh book equals the venue book', () => {
    // A chain of diffs on a small price grid (bids below 100, asks above: never crossed) is
    // delivered with drops, repeats and swaps. Each time the book says fresh, it must equal the
    // snapshot plus every diff up to the nonce it reports.
    const level = (lo: number) => fc.tuple(fc.integer({ min: lo, max: lo + 4 }).map(String), fc.constantFrom('0', '0.5', '1', '2.25'));
    const step = fc.record({ bids: fc.array(level(95), { maxLength: 3 }), asks: fc.array(level(101), { maxLength: 3 }), fate: fc.constantFrom('deliver', 'deliver', 'deliver', 'drop', 'repeat', 'swap') });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const diffs = steps.map((s, i) => diff(i + 1, i, i + 1, s.bids, s.asks));
        const order: OrderBookMessage[] = [];
        for (let i = 0; i < diffs.length; i++) {
          const fate = steps[i]!.fate;
          if (fate === 'drop') continue;
          if (fate === 'swap' && i + 1 < diffs.length) {
            order.push(diffs[i + 1]!, diffs[i]!);
            i++;
            continue;
          }
          order.push(diffs[i]!);
          if (fate === 'repeat') order.push(diffs[i]!);
        }
        const book = new LighterBook('lighter', 'ETH');
        const snap = snapshot(0, 0, [['97', '1']], [['103', '1']]);
        book.apply(snap, 0);
        for (const m of order) {
          book.apply(m, 0);
          if (!book.fresh) continue;
          const model = new Map<string, number>([['bid97', 1], ['ask103', 1]]);
          for (const d of diffs.slice(0, book.venueSeq)) {
            for (const l of d.order_book.bids) model.set(`bid${l.price}`, Number(l.size));
            for (const l of d.order_book.asks) model.set(`ask${l.price}`, Number(l.size));
          }
          const want = [...model].filter(([, v]) => v > 0).map(([k, v]) => `${k}:${v}`).sort();
          const s = book.snapshot();
          const got = [...s.bids.map((l) => `bid${l.price}:${l.size}`), ...s.asks.map((l) => `ask${l.price}:${l.size}`)].sort();
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
