// Lighter order books: a snapshot, then absolute-size diffs chained by begin_nonce == previous
// nonce (venues.md §1.5). A broken chain, a repeated offset or a crossed book marks the book
// stale; the adapter then resubscribes for a fresh snapshot. Sizes are absolute ("0" removes a
// level), so a negative size is a malformed frame: the book is marked stale and left unchanged.
//
// One exception, from the upstream bot's production experience (venues.md §1.5 and §7.2): the
// first diff after a (re)subscribe often does not chain to the snapshot. The bot tolerates that
// for 10 s after connecting by re-basing on the diff. Treating it as a gap would loop snapshot →
// gap → resubscribe forever, so the first diff within FIRST_DIFF_GRACE_MS of a snapshot is
// re-based on when it OVERLAPS the snapshot (begin_nonce < snapshot nonce < nonce): sizes are
// absolute and the diff holds every level changed after its begin, so the result is exact. A
// first diff that begins after the snapshot's nonce has lost changes in between: that stays a
// gap (re-basing on it, as the bot does, would present a wrong book as fresh). A first diff
// entirely older than the snapshot is dropped. Any later break, or a first diff after the
// window, is a gap as usual.
import { BookState, parseSize } from '../common/book-state';
import type { OrderBookMessage } from './wire/schemas';

export const FIRST_DIFF_GRACE_MS = 10_000;

export type BookVerdict = 'ok' | 'ok-waiting' | 'rebased' | 'gap' | 'duplicate' | 'crossed' | 'negative';

function negativeLevel(ob: OrderBookMessage['order_book']): { price: string; size: string } | undefined {
  return [...ob.bids, ...ob.asks].find((l) => parseSize(l.size) < 0n);
}

export class LighterBook extends BookState {
  lastOffset = -1;
  /** Snapshot receipt time while the first diff after it has not arrived yet; else null. */
  private snapshotAtMs: number | null = null;
  rebases = 0;

  private refuseNegative(ob: OrderBookMessage['order_book']): boolean {
    const bad = negativeLevel(ob);
    if (bad === undefined) return false;
    this.markStale(`negative size ${bad.size} at ${bad.price}`);
    return true;
  }

  apply(msg: OrderBookMessage, receivedAtMs: number): BookVerdict {
    const ob = msg.order_book;
    let verdict: BookVerdict = 'ok';
    if (msg.type === 'subscribed/order_book') {
      if (this.refuseNegative(ob)) return 'negative';
      this.reset();
      for (const l of ob.bids) this.setLevel('bid', Number(l.price), parseSize(l.size));
      for (const l of ob.asks) this.setLevel('ask', Number(l.price), parseSize(l.size));
      this.lastOffset = msg.offset;
      this.snapshotAtMs = receivedAtMs;
    } else {
      if (msg.offset <= this.lastOffset) {
        this.markStale(`duplicate offset ${msg.offset}`);
        return 'duplicate';
      }
      this.lastOffset = msg.offset;
      // Waiting for a snapshot: diffs cannot be applied, and that is not a new problem.
      if (!this.fresh) return this.staleReason?.startsWith('resyncing') === true ? 'ok-waiting' : 'gap';
      const firstAfterSnapshot = this.snapshotAtMs;
      this.snapshotAtMs = null;
      if (ob.begin_nonce !== this.venueSeq) {
        const inGrace = firstAfterSnapshot !== null && receivedAtMs - firstAfterSnapshot <= FIRST_DIFF_GRACE_MS;
        if (inGrace && ob.nonce <= this.venueSeq) {
          this.snapshotAtMs = firstAfterSnapshot; // older than the snapshot: the next diff is still "first"
          return 'ok';
        }
        if (!inGrace || ob.begin_nonce > this.venueSeq) {
          this.markStale(`nonce gap: expected begin_nonce ${this.venueSeq}, got ${ob.begin_nonce}`);
          return 'gap';
        }
        this.rebases += 1;
        verdict = 'rebased';
      }
      if (this.refuseNegative(ob)) return 'negative';
      for (const l of ob.bids) this.setLevel('bid', Number(l.price), parseSize(l.size));
      for (const l of ob.asks) this.setLevel('ask', Number(l.price), parseSize(l.size));
    }
    // The top-level `timestamp` is ms; last_updated_at's unit is not documented (the spec's example
    // is in seconds), so it is validated but not used for time.
    return this.commit(ob.nonce, msg.timestamp ?? this.venueTimeMs, receivedAtMs) === 'crossed' ? 'crossed' : verdict;
  }
}
