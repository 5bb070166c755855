// Lighter's market-data half: metadata over REST (cached, refreshed in the background), books and
// funding over /stream, funding history over REST.
import { VenueError, VenueParseError } from '../common/errors';
import { Listeners } from '../common/listeners';
import { MetadataCache } from '../common/metadata-cache';
import type { FundingRate, FundingRejection, L2Book, MarketMeta } from '../port';
import { LighterBooks } from './books';
import { DEFAULT_FEES, feesFromAccountLimits, type FeeRates } from './fees';
import { HOUR_MS, type LighterContext } from './options';
import { privateGet } from './private-get';
import { hourlyFromFundingsRow, hourlyFromWsPercent, toMs } from './wire/funding';
import { fundingsResponse, orderBookDetailsResponse, orderBookOrdersResponse, type MarketStatsEntry } from './wire/schemas';
import { parseSize } from '../common/book-state';

/** The venue caps count_back; 1000 rows is 41 days of hourly funding. */
const MAX_COUNT_BACK = 1_000;

export class LighterMarketData {
  readonly books: LighterBooks;
  readonly bookListeners: Listeners<L2Book>;
  readonly fundingListeners: Listeners<FundingRate>;
  readonly rejectionListeners: Listeners<FundingRejection>;
  private readonly funding = new Map<string, { predicted: FundingRate; settled: FundingRate }>();
  private readonly cache: MetadataCache<MarketMeta>;
  listenerErrors = 0;

  constructor(private readonly ctx: LighterContext) {
    const onError = () => {
      this.listenerErrors += 1;
    };
    this.bookListeners = new Listeners(onError);
    this.fundingListeners = new Listeners(onError);
    this.rejectionListeners = new Listeners(onError);
    this.books = new LighterBooks(ctx, (b) => this.bookListeners.emit(b), (e) => this.onStats(e));
    this.cache = new MetadataCache({ load: () => this.fetchMarkets(), ttlMs: ctx.options.metadataTtlMs ?? HOUR_MS, now: ctx.now });
  }

  async start(): Promise<void> {
    await this.cache.get();
    this.cache.startBackgroundRefresh();
    this.books.start();
  }

  stop(): void {
    this.cache.stop();
    this.books.stop();
  }

  loadMarkets(): Promise<readonly MarketMeta[]> {
    return this.cache.get();
  }

  /** The account's fees (accountLimits, auth) or the tier's published defaults. */
  private async fees(): Promise<FeeRates> {
    const tier = this.ctx.options.tier ?? 'premium';
    const account = this.ctx.options.credentials?.accountIndex;
    if (this.ctx.auth === null || account === undefined) return DEFAULT_FEES[tier];
    try {
      return feesFromAccountLimits(await privateGet(this.ctx, '/api/v1/accountLimits', { account_index: account }, 'accountLimits'), tier) ?? DEFAULT_FEES[tier];
    } catch {
      // Metadata must load without the private read; defaults are the documented rates.
      return DEFAULT_FEES[tier];
    }
  }

  private async fetchMarkets(): Promise<readonly MarketMeta[]> {
    const [res, fees] = await Promise.all([this.ctx.http.request({ path: '/api/v1/orderBookDetails', query: { market_id: 255, filter: 'perp' }, route: 'orderBookDetails' }), this.fees()]);
    const parsed = orderBookDetailsResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`orderBookDetails: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
    const out: MarketMeta[] = [];
    for (const d of parsed.data.order_book_details) {
      const m: MarketMeta = {
        venue: 'lighter',
        symbol: d.symbol,
        venueMarket: d.symbol,
        marketIndex: d.market_id,
        tickSize: d.price_decimals === 0 ? '1' : `0.${'0'.repeat(d.price_decimals - 1)}1`,
        stepSize: d.size_decimals === 0 ? '1' : `0.${'0'.repeat(d.size_decimals - 1)}1`,
        minSize: d.min_base_amount,
        minNotionalUsd: d.min_quote_amount,
        // IMF is in basis points of 10 000: 200 → 2 % → 50x.
        maxLeverage: d.min_initial_margin_fraction > 0 ? 10_000 / d.min_initial_margin_fraction : 1,
        makerFeeRate: fees.makerFeeRate,
        takerFeeRate: fees.takerFeeRate,
        fundingIntervalHours: 1,
        status: d.status === 'active' ? 'active' : 'delisted',
      };
      this.ctx.markets.set(m);
      out.push(m);
    }
    return out;
  }

  market(symbol: string): MarketMeta | undefined {
    return this.ctx.markets.bySymbol.get(symbol);
  }

  private reject(symbol: string, raw: string, reason: string): void {
    this.rejectionListeners.emit({ venue: 'lighter', symbol, raw, reason, atMs: this.ctx.now() });
  }

  private onStats(e: MarketStatsEntry): void {
    const symbol = this.ctx.markets.symbolOf(e.market_id);
    let predictedHourly: number;
    let settledHourly: number;
    try {
      predictedHourly = hourlyFromWsPercent(e.current_funding_rate);
      settledHourly = hourlyFromWsPercent(e.funding_rate);
    } catch (err) {
      this.books.noteParseError();
      this.reject(symbol, `${e.current_funding_rate}/${e.funding_rate}`, err instanceof Error ? err.message : String(err));
      return;
    }
    const mark = Number(e.mark_price);
    const index = Number(e.index_price);
    const predicted: FundingRate = { venue: 'lighter', symbol, hourlyRate: predictedHourly, kind: 'predicted', settlementTimeMs: Math.floor(this.ctx.now() / HOUR_MS) * HOUR_MS + HOUR_MS, markPrice: mark, indexPrice: index };
    const settled: FundingRate = { venue: 'lighter', symbol, hourlyRate: settledHourly, kind: 'settled', settlementTimeMs: toMs(e.funding_timestamp), markPrice: mark, indexPrice: index };
    this.funding.set(symbol, { predicted, settled });
    this.fundingListeners.emit(predicted);
  }

  /** Lighter pushes market_stats on the stream: the held rate is the current one. */
  refreshFunding(symbol: string): Promise<void> {
    if (!this.funding.has(symbol)) return Promise.reject(new VenueError('definitive', `no funding held for ${symbol}`));
    return Promise.resolve();
  }

  currentFunding(): readonly FundingRate[] {
    return [...this.funding.values()].flatMap((f) => [f.predicted, f.settled]);
  }

  /** Hourly history, paged by count_back: the upstream bot reports that the venue honours
   *  count_back and ignores start/end (venues.md §7.2, unverified), so each request asks for
   *  enough rows to reach `fromMs` counted back from now, then pages backwards by end_timestamp.
   *  Rows are keyed by settlement time, so a venue that ignores the window (and answers every
   *  page alike) yields no duplicates and ends the paging. */
  async fundingHistory(symbol: string, fromMs: number, toMs_: number): Promise<readonly FundingRate[]> {
    const m = this.market(symbol);
    if (m === undefined || m.marketIndex === null) throw new VenueError('definitive', `unknown market ${symbol}`);
    const byTime = new Map<number, FundingRate>();
    let endMs = toMs_;
    for (let page = 0; page < 100 && endMs >= fromMs; page++) {
      const countBack = Math.min(MAX_COUNT_BACK, Math.ceil((Math.max(this.ctx.now(), endMs) - fromMs) / HOUR_MS) + 1);
      const res = await this.ctx.http.request({
        path: '/api/v1/fundings',
        query: { market_id: m.marketIndex, resolution: '1h', start_timestamp: Math.floor(fromMs / 1000), end_timestamp: Math.floor(endMs / 1000), count_back: countBack },
        route: 'fundings',
        // History is a bulk read: it spends at most the limiter's bulk share (common/rate-limit.ts).
        priority: 'bulk',
      });
      const parsed = fundingsResponse.safeParse(res.body);
      if (!parsed.success) throw new VenueParseError(`fundings: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
      let oldestNew = Infinity;
      for (const r of parsed.data.fundings) {
        const t = toMs(r.timestamp);
        if (t < fromMs || t > toMs_ || byTime.has(t)) continue;
        byTime.set(t, { venue: 'lighter', symbol, hourlyRate: hourlyFromFundingsRow(r.rate, r.direction), kind: 'settled', settlementTimeMs: t, markPrice: null, indexPrice: null });
        oldestNew = Math.min(oldestNew, t);
      }
      if (oldestNew === Infinity) break;
      endMs = oldestNew - 1_000;
    }
    return [...byTime.values()].sort((a, b) => a.settlementTimeMs - b.settlementTimeMs);
  }

  /** A REST snapshot of the book. orderBookOrders lists individual orders (L3), not levels:
   *  they are summed per price here (the Python bot treated each order as a level). */
  async restBook(symbol: string, limit = 100): Promise<{ bids: { price: number; size: number }[]; asks: { price: number; size: number }[] }> {
    const idx = this.ctx.markets.indexOf(symbol);
    if (idx === null) throw new VenueError('definitive', `unknown market ${symbol}`);
    const res = await this.ctx.http.request({ path: '/api/v1/orderBookOrders', query: { market_id: idx, limit }, route: 'orderBookOrders' });
    const parsed = orderBookOrdersResponse.safeParse(res.body);
    if (!parsed.success) throw new VenueParseError('orderBookOrders: bad shape', res.body);
    const levels = (orders: readonly { price: string; remaining_base_amount: string }[], desc: boolean) => {
      const byPrice = new Map<string, bigint>();
      for (const o of orders) byPrice.set(o.price, (byPrice.get(o.price) ?? 0n) + parseSize(o.remaining_base_amount));
      return [...byPrice.entries()].map(([p, sz]) => ({ price: Number(p), size: Number(sz) / 1e12 })).sort((a, b) => (desc ? b.price - a.price : a.price - b.price));
    };
    return { bids: levels(parsed.data.bids, true), asks: levels(parsed.data.asks, false) };
  }
}
