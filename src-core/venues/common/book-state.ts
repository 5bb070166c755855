// An L2 book under construction from a venue stream. Sizes are kept as exact scaled integers so
// additive deltas (Extended) never accumulate float error; levels are presented as numbers.
// Any inconsistency marks the book stale until the venue layer resyncs it.
import { toScaledInt } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import type { BookLevel, L2Book } from '../port';

const SIZE_DECIMALS = 12;
const SCALE = 10 ** SIZE_DECIMALS;

/** 10^(SIZE_DECIMALS - fraction digits), so the fast path multiplies by a constant. */
const PAD = Array.from({ length: SIZE_DECIMALS + 1 }, (_, i) => 10n ** BigInt(SIZE_DECIMALS - i));
/** A plain decimal the fast path handles exactly: at most SIZE_DECIMALS fraction digits. */
const PLAIN_SIZE_RE = /^-?\d+(?:\.\d{1,12})?$/;

/** Exactly toScaledInt(text, SIZE_DECIMALS, 'floor'). Every level of every book frame goes through
 *  here (the main loop's hottest path, docs/ARCHITECTURE.md "Responsiveness"): a plain decimal
 *  with no more than SIZE_DECIMALS fraction digits needs no rounding, so it is one BigInt of its
 *  digits times a precomputed power of ten; anything else takes the general parser. */
export function parseSize(text: string): bigint {
  if (!PLAIN_SIZE_RE.test(text)) return toScaledInt(text, SIZE_DECIMALS, 'floor');
  const dot = text.indexOf('.');
  if (dot < 0) return BigInt(text) * PAD[0]!;
  return BigInt(text.slice(0, dot) + text.slice(dot + 1)) * PAD[text.length - dot - 1]!;
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
