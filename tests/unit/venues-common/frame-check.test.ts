// The book frames' fast checks must accept nothing their zod schemas refuse (whatever they do not
// accept still goes to the schema). Each case is run through both.
import { describe, expect, it } from 'vitest';
import { isBookFrame } from '../../../src-core/venues/extended/wire/book-frame';
import { bookMessage } from '../../../src-core/venues/extended/wire/schemas';
import { isOrderBookFrame } from '../../../src-core/venues/lighter/wire/book-frame';
import { orderBookMessage } from '../../../src-core/venues/lighter/wire/schemas';

const ext = { type: 'DELTA', data: { m: 'BTC-USD', b: [{ p: '100.5', q: '-0.25' }], a: [{ p: '101', q: '1', c: '3.5' }] }, ts: 1_700_000_000_000, seq: 7 };
const lig = { channel: 'order_book:0', offset: 3, timestamp: 1_700_000_000_000, type: 'update/order_book', order_book: { asks: [{ price: '101.0', size: '0' }], bids: [{ price: '100', size: '2.5' }], nonce: 9, begin_nonce: 8, last_updated_at: 1_700_000_000 } };

/** Variants of `base` with one field replaced at `path` by each bad value. */
function variants(base: object, path: readonly (string | number)[], values: readonly unknown[]): unknown[] {
  return values.map((v) => {
    const copy = structuredClone(base) as Record<string | number, unknown>;
    let cur = copy;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
    if (v === 'DELETE') delete cur[path.at(-1)!];
    else cur[path.at(-1)!] = v;
    return copy;
  });
}

const BAD = ['DELETE', null, '1e3', '1.', ' 1', 1.5, 2 ** 60, [], {}, 'x', 5];

describe('book frame fast checks', () => {
  it('Extended: accepts the valid frame, and nothing bookMessage refuses', () => {
    expect(isBookFrame(ext)).toBe(true);
    const cases = [ext, ...[['type'], ['ts'], ['seq'], ['data'], ['data', 'm'], ['data', 'b'], ['data', 'a', 0], ['data', 'b', 0, 'p'], ['data', 'b', 0, 'q'], ['data', 'a', 0, 'c']].flatMap((p) => variants(ext, p, BAD)), { ...ext, type: 'SNAPSHOT' }, [ext], null];
    for (const c of cases) if (isBookFrame(c)) expect([c, bookMessage.safeParse(c).success]).toEqual([c, true]);
    expect(cases.filter((c) => isBookFrame(c)).length).toBeGreaterThan(1);
  });

  it('Lighter: accepts the valid frame, and nothing orderBookMessage refuses', () => {
    expect(isOrderBookFrame(lig)).toBe(true);
    const paths = [['channel'], ['offset'], ['timestamp'], ['type'], ['order_book'], ['order_book', 'asks'], ['order_book', 'bids', 0], ['order_book', 'bids', 0, 'price'], ['order_book', 'asks', 0, 'size'], ['order_book', 'nonce'], ['order_book', 'begin_nonce'], ['order_book', 'offset'], ['order_book', 'last_updated_at']];
    const cases = [lig, ...paths.flatMap((p) => variants(lig, p, [...BAD, 'order_book:x', 'order_book:12'])), { ...lig, type: 'subscribed/order_book' }, [lig], null];
    for (const c of cases) if (isOrderBookFrame(c)) expect([c, orderBookMessage.safeParse(c).success]).toEqual([c, true]);
    expect(cases.filter((c) => isOrderBookFrame(c)).length).toBeGreaterThan(1);
  });
});
