// An L2 book under construction from a venue stream. Sizes are kept as exact scaled integers so
// additive deltas (Extended) never accumulate float error; levels are presented as numbers.
// Any inconsistency marks the book stale until the venue layer resyncs it.
import { toScaledInt } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import type { BookLevel, L2Book } from '../port';

const SIZE_DECIMALS = 12;
const SCALE = 10 ** SIZE_DECIMALS;

export function parseSize(text: string): bigint {
  return toScaledInt(text, SIZE_DECIMALS, 'floor');
}

export class BookState {
  readonly bids = new Map<number, bigint>();
  readonly asks = new Map<number, bigint>();
  venueSeq = 0;
  venueTimeMs = 0;
  receivedAtMs = 0;
  fresh = false;
  staleReason: string | null = 'no snapshot yet';
  private cached: L2Book | null = null;

  constructor(
    readonly venue: VenueId,
    readonly symbol: string,
  ) {}

  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.cached = null;
  }

  setLevel(side: 'bid' | 'ask', price: number, size: bigint): void {
    const m = side === 'bid' ? this.bids : this.asks;
    if (size <= 0n) m.delete(price);
    else m.set(price, size);
    this.cached = null;
  }

  addLevel(side: 'bid' | 'ask', price: number, delta: bigint): boolean {
    const m = side === 'bid' ? this.bids : this.asks;
    const next = (m.get(price) ?? 0n) + delta;
    if (next < 0n) return false;
    if (next === 0n) m.delete(price);
    else m.set(price, next);
    this.cached = null;
    return true;
  }

  markStale(reason: string): void {
    this.fresh = false;
    this.staleReason = reason;
    this.cached = null;
  }

  markFresh(): void {
    this.fresh = true;
    this.staleReason = null;
    this.cached = null;
  }

  /** Closes one applied message: records its sequence and times, then the book is fresh unless
   *  it came out crossed. Both adapters end every apply() here. */
  commit(venueSeq: number, venueTimeMs: number, receivedAtMs: number): 'ok' | 'crossed' {
    this.venueSeq = venueSeq;
    this.venueTimeMs = venueTimeMs;
    this.receivedAtMs = receivedAtMs;
    if (this.isCrossed()) {
      this.markStale('crossed book');
      return 'crossed';
    }
    this.markFresh();
    return 'ok';
  }

  isCrossed(): boolean {
    let bestBid = -Infinity;
    let bestAsk = Infinity;
    for (const p of this.bids.keys()) if (p > bestBid) bestBid = p;
    for (const p of this.asks.keys()) if (p < bestAsk) bestAsk = p;
    return bestBid >= bestAsk;
  }

  snapshot(): L2Book {
    if (this.cached !== null) return this.cached;
    const toLevels = (m: Map<number, bigint>, desc: boolean): BookLevel[] =>
      [...m.entries()].sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0])).map(([price, size]) => ({ price, size: Number(size) / SCALE }));
    this.cached = {
      venue: this.venue,
      symbol: this.symbol,
      bids: toLevels(this.bids, true),
      asks: toLevels(this.asks, false),
      venueSeq: this.venueSeq,
      venueTimeMs: this.venueTimeMs,
      receivedAtMs: this.receivedAtMs,
      fresh: this.fresh,
      staleReason: this.staleReason,
    };
    return this.cached;
  }
}
