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

/** One frame's levels with their sizes parsed once: the negative check and the apply share them. */
interface ParsedSide {
  readonly prices: number[];
  readonly sizes: bigint[];
}

function parseSide(levels: OrderBookMessage['order_book']['bids']): ParsedSide {
  const prices: number[] = new Array<number>(levels.length);
  const sizes: bigint[] = new Array<bigint>(levels.length);
  for (let i = 0; i < levels.length; i++) {
    prices[i] = Number(levels[i]!.price);
    sizes[i] = parseSize(levels[i]!.size);
  }
  return { prices, sizes };
}

function negativeLevel(ob: OrderBookMessage['order_book'], bids: ParsedSide, asks: ParsedSide): { price: string; size: string } | undefined {
  const i = bids.sizes.findIndex((s) => s < 0n);
  if (i >= 0) return ob.bids[i];
  const j = asks.sizes.findIndex((s) => s < 0n);
  return j >= 0 ? ob.asks[j] : undefined;
}

export class LighterBook extends BookState {
  lastOffset = -1;
  /** Snapshot receipt time while the first diff after it has not arrived yet; else null. */
  private snapshotAtMs: number | null = null;
  rebases = 0;

  private refuseNegative(ob: OrderBookMessage['order_book'], bids: ParsedSide, asks: ParsedSide): boolean {
    const bad = negativeLevel(ob, bids, asks);
    if (bad === undefined) return false;
    this.markStale(`negative size ${bad.size} at ${bad.price}`);
    return true;
  }

  private setLevels(bids: ParsedSide, asks: ParsedSide): void {
    for (let i = 0; i < bids.prices.length; i++) this.setLevel('bid', bids.prices[i]!, bids.sizes[i]!);
    for (let i = 0; i < asks.prices.length; i++) this.setLevel('ask', asks.prices[i]!, asks.sizes[i]!);
  }

  apply(msg: OrderBookMessage, receivedAtMs: number): BookVerdict {
    const ob = msg.order_book;
    let verdict: BookVerdict = 'ok';
    if (msg.type === 'subscribed/order_book') {
      const bids = parseSide(ob.bids);
      const asks = parseSide(ob.asks);
      if (this.refuseNegative(ob, bids, asks)) return 'negative';
      this.reset();
      this.setLevels(bids, asks);
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
      const bids = parseSide(ob.bids);
      const asks = parseSide(ob.asks);
      if (this.refuseNegative(ob, bids, asks)) return 'negative';
      this.setLevels(bids, asks);
    }
    // The top-level `timestamp` is ms; last_updated_at's unit is not documented (the spec's example
    // is in seconds), so it is validated but not used for time.
    return this.commit(ob.nonce, msg.timestamp ?? this.venueTimeMs, receivedAtMs) === 'crossed' ? 'crossed' : verdict;
  }
}
