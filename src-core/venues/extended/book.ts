// Extended order books: a SNAPSHOT resets the book; a DELTA adds its signed `q` to each level and
// drops a level at 0, as the SDK does (x10/perpetual/orderbook.py knows only `p` and `q`;
// venues.md §7.3). Whether the venue also sends `c`, the absolute size, is unverified: when it
// does, it only cross-checks the sum, so a client works with `q` alone.
import { BookState, parseSize } from '../common/book-state';
import type { BookMessage } from './wire/schemas';

export type DeltaVerdict = 'ok' | 'negative' | 'crossed' | 'not-ready' | 'mismatch';

export class ExtendedBook extends BookState {
  apply(msg: BookMessage, receivedAtMs: number): DeltaVerdict {
    if (msg.type === 'SNAPSHOT') {
      this.reset();
      for (const l of msg.data.b) this.setLevel('bid', Number(l.p), parseSize(l.q));
      for (const l of msg.data.a) this.setLevel('ask', Number(l.p), parseSize(l.q));
    } else {
      if (!this.fresh) return 'not-ready';
      for (const [side, levels] of [['bid', msg.data.b], ['ask', msg.data.a]] as const) {
        for (const l of levels) {
          const price = Number(l.p);
          if (!this.addLevel(side, price, parseSize(l.q))) {
            this.markStale(`negative size at ${l.p}`);
            return 'negative';
          }
          const m = side === 'bid' ? this.bids : this.asks;
          if (l.c !== undefined && (m.get(price) ?? 0n) !== parseSize(l.c)) {
            this.markStale(`level ${l.p} sums to a size other than its c ${l.c}`);
            return 'mismatch';
          }
        }
      }
    }
    return this.commit(msg.seq, msg.ts, receivedAtMs);
  }
}
