// Reads one venue into a VenueSnapshot through the venue port. Any read that throws makes the
// whole snapshot 'failed' with that read and its error: a failed query is never read as "no
// orders" or "flat" (reference-upstream §13 B15), and half a snapshot is not used (its reads would
// not agree with each other). Open orders are read before fills, the one order the diff relies on
// (venue-snapshot.ts); the other reads overlap that chain.
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

/** A read that failed, with the query it was. */
class QueryFailed {
  constructor(
    readonly query: SnapshotQuery,
    readonly error: unknown,
  ) {}
}

function tagged<T>(query: SnapshotQuery, read: () => Promise<T>): Promise<T> {
  return read().catch((error: unknown) => {
    throw new QueryFailed(query, error);
  });
}

/** The order failures are reported in when several reads fail at once (the old sequential order). */
const QUERY_ORDER: readonly SnapshotQuery[] = ['markets', 'openOrders', 'fills', 'positions', 'fundingPayments', 'balance'];

export async function readVenueSnapshot(port: SnapshotPort, sinceMs: number, nowMs: () => number): Promise<VenueSnapshot> {
  const venue: VenueId = port.venue;
  // Taken before the first read: the grace window is judged from the earliest moment the venue
  // was looked at, so an order sent just before is never judged absent too early.
  const queriedAtMs = nowMs();
  // Only open orders → fills is ordered (venue-snapshot.ts); positions, funding, balance and the
  // markets need nothing from each other, so they run beside that chain: at 20 ms RTT the six
  // reads one after another cost six round trips, overlapped they cost the chain's two.
  const reads = [
    tagged('markets', () => port.loadMarkets()),
    tagged('openOrders', () => port.openOrders()).then(async (openOrders) => ({ openOrders, fills: await tagged('fills', () => port.fills(null, sinceMs)) })),
    tagged('positions', () => port.positions()),
    tagged('fundingPayments', () => port.fundingPayments(null, sinceMs)),
    tagged('balance', () => port.balance()),
  ] as const;
  // Every read settles before the snapshot is judged: no read is left running behind a failed
  // snapshot, and the failure reported is the first in QUERY_ORDER whatever finished first.
  const [metas, orders, positions, fundingPayments, balance] = await Promise.allSettled(reads);
  if (metas.status === 'rejected' || orders.status === 'rejected' || positions.status === 'rejected' || fundingPayments.status === 'rejected' || balance.status === 'rejected') {
    const failures = [metas, orders, positions, fundingPayments, balance].flatMap((r) => (r.status === 'rejected' ? [toFailure(r.reason)] : []));
    const first = failures.sort((a, b) => QUERY_ORDER.indexOf(a.query) - QUERY_ORDER.indexOf(b.query))[0]!;
    return { kind: 'failed', venue, queriedAtMs, failedQuery: first.query, error: first.error instanceof Error ? first.error.message : String(first.error) };
  }
  const markets = metas.value.map((m) => snapshotMarket(m, port.book(m.symbol)));
  return {
    kind: 'ok',
    venue,
    queriedAtMs,
    sinceMs,
    notFoundGraceMs: port.capabilities.notFoundGraceMs,
    openOrders: orders.value.openOrders,
    positions: positions.value,
    fills: orders.value.fills,
    fundingPayments: fundingPayments.value,
    balance: balance.value,
    markets,
  };
}

/** A rejection that is not a tagged read (cannot happen: every read is tagged) still fails the snapshot. */
function toFailure(reason: unknown): { query: SnapshotQuery; error: unknown } {
  return reason instanceof QueryFailed ? { query: reason.query, error: reason.error } : { query: 'markets', error: reason };
}
