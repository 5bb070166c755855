// Lighter order books: a snapshot, then absolute-size diffs chained by begin_nonce == previous
// nonce (venues.md §1.5). A broken chain, a repeated offset or a crossed book marks the book
// stale; the adapter then resubscribes for a fresh snapshot. Sizes are absolute ("0" removes a
// level), so a negative size is a malformed frame: the book is marked stale and left unchanged.
import { BookState, parseSize } from '../common/book-state';
import type { OrderBookMessage } from './wire/schemas';

export type BookVerdict = 'ok' | 'ok-waiting' | 'gap' | 'duplicate' | 'crossed' | 'negative';

function negativeLevel(ob: OrderBookMessage['order_book']): { price: string; size: string } | undefined {
  return [...ob.bids, ...ob.asks].find((l) => parseSize(l.size) < 0n);
}

export class LighterBook extends BookState {
  lastOffset = -1;

  apply(msg: OrderBookMessage, receivedAtMs: number): BookVerdict {
    const ob = msg.order_book;
    if (msg.type === 'subscribed/order_book') {
      const bad = negativeLevel(ob);
      if (bad !== undefined) {
        this.markStale(`negative size ${bad.size} at ${bad.price}`);
        return 'negative';
      }
      this.reset();
      for (const l of ob.bids) this.setLevel('bid', Number(l.price), parseSize(l.size));
      for (const l of ob.asks) this.setLevel('ask', Number(l.price), parseSize(l.size));
      this.lastOffset = msg.offset;
    } else {
      if (msg.offset <= this.lastOffset) {
        this.markStale(`duplicate offset ${msg.offset}`);
        return 'duplicate';
      }
      this.lastOffset = msg.offset;
      // Waiting for a snapshot: diffs cannot be applied, and that is not a new problem.
      if (!this.fresh) return this.staleReason?.startsWith('resyncing') === true ? 'ok-waiting' : 'gap';
      if (ob.begin_nonce !== this.venueSeq) {
        this.markStale(`nonce gap: expected begin_nonce ${this.venueSeq}, got ${ob.begin_nonce}`);
        return 'gap';
      }
      const bad = negativeLevel(ob);
      if (bad !== undefined) {
        this.markStale(`negative size ${bad.size} at ${bad.price}`);
        return 'negative';
      }
      for (const l of ob.bids) this.setLevel('bid', Number(l.price), parseSize(l.size));
      for (const l of ob.asks) this.setLevel('ask', Number(l.price), parseSize(l.size));
    }
    this.venueSeq = ob.nonce;
    this.venueTimeMs = msg.timestamp ?? this.venueTimeMs;
    this.receivedAtMs = receivedAtMs;
    if (this.isCrossed()) {
      this.markStale('crossed book');
      return 'crossed';
    }
    this.markFresh();
    return 'ok';
  }
}
