// Extended readback: one order by our id, open orders, fills (with their client ids), funding
// payments, positions and balance. A failed query throws a VenueError — it is never "not found"
// or "flat".
import { z } from 'zod';
import type { Balance, Fill, FundingPayment, OrderState, Position, Readback } from '../port';
import { VenueError } from '../common/errors';
import { mapBounded } from '../common/map-bounded';
import { collectPages } from '../common/paging';
import type { ExtendedMarketData } from './market-data';
import type { OrderIds } from './order-ids';
import type { ExtendedRest } from './rest';
import { toBalance, toFill, toFundingPayment, toOrderState, toPosition } from './wire/mappers';
import { balanceSchema, fundingPaymentSchema, orderSchema, positionSchema, tradeSchema, type ExtendedTrade } from './wire/schemas';

const PAGE = 100;
/** Order readbacks a fills read keeps in flight. Each is one request of the venue's 1 000 requests
 *  per minute per IP (venues.md §2.6), paced by the adapter's EXTENDED_BUCKET limiter
 *  (common/rate-limit.ts), which still paces them; the bound keeps a restart with hundreds of
 *  unknown ids from holding hundreds of sockets and starving the other reads. */
const ORDER_READBACKS_IN_FLIGHT = 8;

export class ExtendedReadback {
  constructor(
    private readonly rest: ExtendedRest,
    private readonly markets: ExtendedMarketData,
    private readonly orderIds: OrderIds,
    private readonly authenticated: boolean,
    private readonly now: () => number,
  ) {}

  private require(): void {
    if (!this.authenticated) throw new VenueError('definitive', 'Extended credentials are not configured');
  }

  private marketName(symbol: string | null | undefined): string | undefined {
    if (symbol === null || symbol === undefined) return undefined;
    const m = this.markets.info(symbol);
    if (m === undefined) throw new VenueError('definitive', `unknown market ${symbol}`);
    return m.meta.venueMarket;
  }

  /** GET /user/orders/external/{externalId} returns a list (venues.md §2.2): the newest wins. */
  async orderByClientId(_symbol: string, clientOrderId: string): Promise<Readback> {
    this.require();
    let data: z.infer<typeof orderSchema>[];
    try {
      data = (await this.rest.get(`/user/orders/external/${encodeURIComponent(clientOrderId)}`, z.array(orderSchema), 'user/orders/external')).data;
    } catch (e) {
      // A definitive "no such order" answer is not-found; anything else is a failed query.
      if (e instanceof VenueError && e.kind === 'definitive' && e.status === 404) return { kind: 'not-found', queriedAtMs: this.now() };
      throw e;
    }
    const queriedAtMs = this.now();
    const newest = [...data].sort((a, b) => b.updatedTime - a.updatedTime)[0];
    if (newest === undefined) return { kind: 'not-found', queriedAtMs };
    this.orderIds.learn(String(newest.id), newest.externalId);
    return { kind: 'found', order: toOrderState(newest), queriedAtMs };
  }

  async openOrders(symbol?: string): Promise<readonly OrderState[]> {
    this.require();
    const market = this.marketName(symbol);
    const { data } = await this.rest.get('/user/orders', z.array(orderSchema), 'user/orders', market === undefined ? undefined : { market });
    for (const o of data) this.orderIds.learn(String(o.id), o.externalId);
    return data.map(toOrderState);
  }

  private async pages<T extends z.ZodType>(path: string, schema: T, route: string, query: Record<string, string | number | undefined>, timeOf: (row: z.infer<T>) => number, sinceMs: number): Promise<z.infer<T>[]> {
    return collectPages<z.infer<T>, number>({
      fetch: async (cursor) => {
        const r = await this.rest.get(path, z.array(schema), route, { ...query, limit: PAGE, ...(cursor === null ? {} : { cursor }) });
        return { rows: r.data as z.infer<T>[], next: r.cursor };
      },
      // Newest first: once a whole page is older than wanted, no later page has anything.
      done: (rows) => rows.every((row) => timeOf(row) < sinceMs),
    });
  }

  /** Each fill carries its order's client id, read back by order id when not yet known. */
  async fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    this.require();
    const rows = await this.pages('/user/trades', tradeSchema, 'user/trades', { market: this.marketName(symbol) }, (t: ExtendedTrade) => t.createdTime, sinceMs);
    const wanted = rows.filter((t) => t.createdTime >= sinceMs);
    // Unknown order ids are read back by id (order-ids.ts), ORDER_READBACKS_IN_FLIGHT at a time.
    return mapBounded(wanted, ORDER_READBACKS_IN_FLIGHT, async (t) => toFill(t, await this.orderIds.resolve(String(t.orderId))));
  }

  async fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    this.require();
    const rows = await this.pages('/user/funding/history', fundingPaymentSchema, 'user/funding/history', { market: this.marketName(symbol), fromTime: sinceMs }, (p) => p.paidTime, sinceMs);
    const seen = new Set<string>();
    const out: FundingPayment[] = [];
    for (const p of rows) {
      if (p.paidTime < sinceMs) continue;
      const fp = toFundingPayment(p);
      if (seen.has(fp.venuePaymentId)) continue;
      seen.add(fp.venuePaymentId);
      out.push(fp);
    }
    return out;
  }

  async positions(): Promise<readonly Position[]> {
    this.require();
    const { data } = await this.rest.get('/user/positions', z.array(positionSchema), 'user/positions');
    return data.map(toPosition);
  }

  async balance(): Promise<Balance> {
    this.require();
    const { data } = await this.rest.get('/user/balance', balanceSchema, 'user/balance');
    return toBalance(data);
  }
}
