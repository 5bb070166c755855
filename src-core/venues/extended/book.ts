// Extended order books: a SNAPSHOT resets the book; a DELTA adds its signed `q` to each level and
// drops a level at 0, as the SDK does (x10/perpetual/orderbook.py knows only `p` and `q`;
// venues.md §7.3). Whether the venue also sends `c`, the absolute size, is unverified: when it
// does, it only cross-checks the sum, so a client works with `q` alone. `seq` counts messages per
// connection across all markets; that check lives in the adapter (book-stream.ts): this class
// sees one market's messages and cannot tell a repeated or swapped delta from a new one. A
// negative size in a SNAPSHOT is a malformed frame: the book is marked stale and left unchanged.
import { BookState, parseSize } from '../common/book-state';
import type { BookMessage } from './wire/schemas';

export type DeltaVerdict = 'ok' | 'negative' | 'crossed' | 'not-ready' | 'mismatch';

export class ExtendedBook extends BookState {
  apply(msg: BookMessage, receivedAtMs: number): DeltaVerdict {
    if (msg.type === 'SNAPSHOT') {
      // Sizes parsed once: the negative check and the apply share them.
      const bids = msg.data.b.map((l) => parseSize(l.q));
      const asks = msg.data.a.map((l) => parseSize(l.q));
      const bi = bids.findIndex((q) => q < 0n);
      const bad = bi >= 0 ? msg.data.b[bi] : msg.data.a[asks.findIndex((q) => q < 0n)];
      if (bad !== undefined) {
        this.markStale(`negative size at ${bad.p}`);
        return 'negative';
      }
      this.reset();
      msg.data.b.forEach((l, i) => this.setLevel('bid', Number(l.p), bids[i]!));
      msg.data.a.forEach((l, i) => this.setLevel('ask', Number(l.p), asks[i]!));
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
