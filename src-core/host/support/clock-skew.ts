// Clock skew against venue time. The venue port has no server-time call; what it does carry is
// each book message's venue timestamp (L2Book.venueTimeMs: Lighter's order_book `timestamp` in
// ms, Extended's book `ts`, venues.md) next to our receipt time. Their difference is our clock's
// offset plus one network leg, so it bounds the skew from above; it is reported as that.
import type { L2Book, MarketDataPort } from '../../venues/port';

/** Tolerated offset. The tightest clock-dependent margins in the core are minutes (the fill
 *  window's 60 s skew, tracker-fills.ts; Lighter's auth token asks two minutes early,
 *  auth-token.ts); a few seconds keeps well inside them while allowing a slow network leg. */
export const CLOCK_SKEW_LIMIT_MS = 5_000;

/** The first book of `symbol` that arrives within `waitMs` (or the one held already). */
export function firstBook(port: Pick<MarketDataPort, 'book' | 'onBook' | 'watchBooks'>, symbol: string, waitMs: number): Promise<L2Book | null> {
  return new Promise((resolve) => {
    const held = port.book(symbol);
    if (held !== undefined) return resolve(held);
    const off = port.onBook((b) => {
      if (b.symbol !== symbol) return;
      off();
      clearTimeout(timer);
      resolve(b);
    });
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, waitMs);
    port.watchBooks([symbol]);
  });
}

export function skewVerdict(book: L2Book | null, waitMs: number): { ok: boolean; detail: string } {
  if (book === null) return { ok: false, detail: `no book message within ${waitMs} ms, so no venue time to compare (the port exposes no server-time call)` };
  if (book.venueTimeMs === 0) return { ok: false, detail: `${book.symbol}'s book carried no venue timestamp, so no venue time to compare` };
  const lagMs = book.receivedAtMs - book.venueTimeMs;
  const within = Math.abs(lagMs) <= CLOCK_SKEW_LIMIT_MS;
  return { ok: within, detail: `${lagMs >= 0 ? '+' : ''}${lagMs} ms behind venue time on ${book.symbol}'s book (offset plus one network leg; limit ±${CLOCK_SKEW_LIMIT_MS} ms)` };
}
