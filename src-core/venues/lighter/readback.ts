// Lighter readback: one order by our id (after a tx-hash lookup when the send was ambiguous),
// open orders, fills, funding payments, positions and balance. A failed query throws a
// VenueError; only a successful query that finds nothing is 'not-found'.
import type { z } from 'zod';
import { clientOrderIndex } from '../../domain/client-order-id';
import { signDecimal } from '../../domain/decimal';
import { VenueError, VenueParseError } from '../common/errors';
import { collectPages } from '../common/paging';
import type { Balance, Fill, FundingPayment, OrderState, Position, Readback } from '../port';
import type { LighterContext } from './options';
import { privateGet } from './private-get';
import { ordersResponse, positionFundingResponse, toBalance, toFill, toFundingPayment, toOrderState, toPosition, tradesResponse } from './wire/account';
import { toMs } from './wire/funding';
import { accountResponse, resultCode, TX_STATUS, txResponse } from './wire/schemas';

/** `/api/v1/tx` answers an unknown hash with code 21500 "tx not found" (venues.md §1.8). */
const TX_NOT_FOUND_CODE = 21500;
const PAGE_LIMIT = 100;

type TxLookup = 'executed' | 'pending' | 'failed' | 'absent';

export class LighterReadback {
  constructor(private readonly ctx: LighterContext) {}

  private accountIndex(): number {
    const a = this.ctx.options.credentials?.accountIndex;
    if (a === undefined) throw new VenueError('definitive', 'Lighter credentials are not configured');
    return a;
  }

  /** GET /api/v1/tx?by=hash: whether the tx reached the chain (EnrichedTx.status). */
  async txStatus(txHash: string): Promise<TxLookup> {
    const res = await this.ctx.http.request({ path: '/api/v1/tx', query: { by: 'hash', value: txHash }, route: 'tx' });
    const tx = txResponse.safeParse(res.body);
    if (tx.success) {
      if (tx.data.status === TX_STATUS.failed) return 'failed';
      if (tx.data.status === TX_STATUS.pending) return 'pending';
      return 'executed';
    }
    const err = resultCode.safeParse(res.body);
    if (res.status >= 400 && err.success && err.data.code === TX_NOT_FOUND_CODE) return 'absent';
    throw new VenueError(res.status >= 400 ? 'definitive' : 'parse', `tx lookup: HTTP ${res.status}`, res.status, res.body);
  }

  /** By tx hash first (an ambiguous send): a failed or absent tx means the order was never
   *  placed ⇒ not-found as of now (inside the capabilities' notFoundGraceMs the caller reads that
   *  as "in flight"); otherwise the order is read by its client index. */
  async orderByClientId(_symbol: string, clientOrderId: string, txHash?: string | null): Promise<Readback> {
    const idx = clientOrderIndex(clientOrderId);
    if (idx === null) throw new VenueError('definitive', `client order id ${JSON.stringify(clientOrderId)} is not a canonical 48-bit decimal id`);
    if (txHash !== undefined && txHash !== null) {
      const status = await this.txStatus(txHash);
      if (status === 'failed' || status === 'absent') return { kind: 'not-found', queriedAtMs: this.ctx.now() };
    }
    const queriedAtMs = this.ctx.now();
    const body = ordersResponse.safeParse(await privateGet(this.ctx, '/api/v1/accountOrders', { account_index: this.accountIndex(), client_order_indexes: String(idx) }, 'accountOrders'));
    if (!body.success) throw new VenueParseError('accountOrders: bad shape');
    const newest = [...body.data.orders].sort((a, b) => b.timestamp - a.timestamp)[0];
    if (newest === undefined) return { kind: 'not-found', queriedAtMs };
    return { kind: 'found', order: toOrderState(newest, this.ctx.markets.symbolOf(newest.market_index)), queriedAtMs };
  }

  async openOrders(symbol?: string): Promise<readonly OrderState[]> {
    const market = symbol === undefined ? undefined : (this.ctx.markets.indexOf(symbol) ?? undefined);
    if (symbol !== undefined && market === undefined) throw new VenueError('definitive', `unknown market ${symbol}`);
    const body = ordersResponse.safeParse(await privateGet(this.ctx, '/api/v1/accountActiveOrders', { account_index: this.accountIndex(), market_id: market }, 'accountActiveOrders'));
    if (!body.success) throw new VenueParseError('accountActiveOrders: bad shape');
    return body.data.orders.map((o) => toOrderState(o, this.ctx.markets.symbolOf(o.market_index)));
  }

  /** Pages newest first with next_cursor until rows are older than `sinceMs` or run out. */
  private async paged<T>(path: string, query: Record<string, string | number | undefined>, route: string, parse: (b: unknown) => { rows: readonly T[]; next: string | undefined }, timeOf: (r: T) => number, sinceMs: number): Promise<T[]> {
    const rows = await collectPages<T, string>({
      fetch: async (cursor) => {
        const p = parse(await privateGet(this.ctx, path, { ...query, limit: PAGE_LIMIT, cursor: cursor ?? undefined }, route));
        return { rows: p.rows, next: p.next ?? null };
      },
      done: (page) => page.length > 0 && timeOf(page[page.length - 1]!) < sinceMs,
    });
    return rows.filter((r) => timeOf(r) >= sinceMs);
  }

  async fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    const account = this.accountIndex();
    const market = symbol === null ? undefined : (this.ctx.markets.indexOf(symbol) ?? undefined);
    const rows = await this.paged('/api/v1/trades', { account_index: account, market_id: market, sort_by: 'timestamp', sort_dir: 'desc' }, 'trades', (b) => {
      const p = tradesResponse.safeParse(b);
      if (!p.success) throw new VenueParseError('trades: bad shape');
      return { rows: p.data.trades, next: p.data.next_cursor };
    }, (t) => toMs(t.timestamp), sinceMs);
    return rows.map((t) => toFill(t, this.ctx.markets.symbolOf(t.market_id), account));
  }

  async fundingPayments(symbol: string | null, sinceMs: number): Promise<readonly FundingPayment[]> {
    const market = symbol === null ? undefined : (this.ctx.markets.indexOf(symbol) ?? undefined);
    const rows = await this.paged('/api/v1/positionFunding', { account_index: this.accountIndex(), market_id: market }, 'positionFunding', (b) => {
      const p = positionFundingResponse.safeParse(b);
      if (!p.success) throw new VenueParseError('positionFunding: bad shape');
      return { rows: p.data.position_fundings, next: p.data.next_cursor };
    }, (r) => toMs(r.timestamp), sinceMs);
    return rows.map((r) => toFundingPayment(r, this.ctx.markets.symbolOf(r.market_id)));
  }

  private async account(): Promise<z.infer<typeof accountResponse>['accounts'][number]> {
    const accountIndex = this.ctx.accountIndex;
    if (accountIndex === undefined) throw new VenueError('definitive', 'Lighter account index is not configured');
    const res = await this.ctx.http.request({ path: '/api/v1/account', query: { by: 'index', value: accountIndex }, route: 'account' });
    const parsed = accountResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`account: ${parsed.error.issues[0]?.message ?? 'bad shape'}`, res.body);
    const acc = parsed.data.accounts[0];
    if (acc === undefined) throw new VenueError('definitive', 'account not found');
    return acc;
  }

  async positions(): Promise<readonly Position[]> {
    const acc = await this.account();
    return acc.positions.filter((p) => p.sign !== 0 && signDecimal(p.position) !== 0).map((p) => toPosition(p, this.ctx.markets.symbolOf(p.market_id)));
  }

  async balance(): Promise<Balance> {
    return toBalance(await this.account());
  }
}
