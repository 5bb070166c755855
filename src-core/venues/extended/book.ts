// Extended order books: a SNAPSHOT resets the book; a DELTA adds its signed `q` to each level
// (or sets the absolute `c` when present). `seq` counts messages per connection across all
// markets, so a gap anywhere means the whole stream must be rebuilt by reconnecting. That seq
// check lives in the adapter: this class sees one market's messages and cannot tell a repeated
// or swapped delta from a new one. A negative absolute size (a SNAPSHOT's q, a DELTA's c) is a
// malformed frame: the book is marked stale and left unchanged.
import { BookState, parseSize } from '../common/book-state';
import type { BookMessage } from './wire/schemas';

function negativeAbsolute(msg: BookMessage): { p: string; q: string; c?: string | undefined } | undefined {
  const absolute = (l: { q: string; c?: string | undefined }) => (msg.type === 'SNAPSHOT' ? l.q : l.c);
  return [...msg.data.b, ...msg.data.a].find((l) => {
    const size = absolute(l);
    return size !== undefined && parseSize(size) < 0n;
  });
}

export type DeltaVerdict = 'ok' | 'negative' | 'crossed' | 'not-ready';

export class ExtendedBook extends BookState {
  apply(msg: BookMessage, receivedAtMs: number): DeltaVerdict {
    if (msg.type === 'DELTA' && !this.fresh) return 'not-ready';
    const bad = negativeAbsolute(msg);
    if (bad !== undefined) {
      this.markStale(`negative size at ${bad.p}`);
      return 'negative';
    }
    if (msg.type === 'SNAPSHOT') {
      this.reset();
      for (const l of msg.data.b) this.setLevel('bid', Number(l.p), parseSize(l.q));
      for (const l of msg.data.a) this.setLevel('ask', Number(l.p), parseSize(l.q));
    } else {
      for (const [side, levels] of [['bid', msg.data.b], ['ask', msg.data.a]] as const) {
        for (const l of levels) {
          const price = Number(l.p);
          if (l.c !== undefined) this.setLevel(side, price, parseSize(l.c));
          else if (!this.addLevel(side, price, parseSize(l.q))) {
            this.markStale(`negative size at ${l.p}`);
            return 'negative';
          }
        }
      }
    }
    this.venueSeq = msg.seq;
    this.venueTimeMs = msg.ts;
    this.receivedAtMs = receivedAtMs;
    if (this.isCrossed()) {
      this.markStale('crossed book');
      return 'crossed';
    }
    this.markFresh();
    return 'ok';
  }
}
