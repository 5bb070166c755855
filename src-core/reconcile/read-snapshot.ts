// Reads one venue into a VenueSnapshot through the venue port. Any read that throws makes the
// whole snapshot 'failed' with that read and its error: a failed query is never read as "no
// orders" or "flat" (reference-upstream §13 B15), and half a snapshot is not used (its reads would
// not agree with each other). The reads run one after another in the order the diff relies on
// (venue-snapshot.ts: open orders before fills).
import type { VenueId } from '../domain/enums';
import type { L2Book, MarketDataPort, MarketMeta, TradingPort } from '../venues/port';
import type { SnapshotMarket, SnapshotQuery, VenueSnapshot } from './venue-snapshot';

export type SnapshotPort = Pick<TradingPort, 'venue' | 'capabilities' | 'openOrders' | 'positions' | 'fills' | 'fundingPayments' | 'balance'> &
  Pick<MarketDataPort, 'loadMarkets' | 'book'>;

/** Mid of a fresh book with both sides, else null (the diff then prices by a position's mark). */
function midPrice(book: L2Book | undefined): number | null {
  if (book === undefined || !book.fresh) return null;
  const bid = book.bids[0]?.price;
  const ask = book.asks[0]?.price;
  return bid === undefined || ask === undefined ? null : (bid + ask) / 2;
}

function snapshotMarket(m: MarketMeta, book: L2Book | undefined): SnapshotMarket {
  return { symbol: m.symbol, marketIndex: m.marketIndex, stepSize: m.stepSize, markPrice: midPrice(book) };
}

export async function readVenueSnapshot(port: SnapshotPort, sinceMs: number, nowMs: () => number): Promise<VenueSnapshot> {
  const venue: VenueId = port.venue;
  // Taken before the first read: the grace window is judged from the earliest moment the venue
  // was looked at, so an order sent just before is never judged absent too early.
  const queriedAtMs = nowMs();
  let query: SnapshotQuery = 'markets';
  try {
    const metas = await port.loadMarkets();
    query = 'openOrders';
    const openOrders = await port.openOrders();
    query = 'fills';
    const fills = await port.fills(null, sinceMs);
    query = 'positions';
    const positions = await port.positions();
    query = 'fundingPayments';
    const fundingPayments = await port.fundingPayments(null, sinceMs);
    query = 'balance';
    const balance = await port.balance();
    const markets = metas.map((m) => snapshotMarket(m, port.book(m.symbol)));
    return { kind: 'ok', venue, queriedAtMs, sinceMs, notFoundGraceMs: port.capabilities.notFoundGraceMs, openOrders, positions, fills, fundingPayments, balance, markets };
  } catch (err) {
    return { kind: 'failed', venue, queriedAtMs, failedQuery: query, error: err instanceof Error ? err.message : String(err) };
  }
}
