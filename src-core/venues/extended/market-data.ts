// Extended's market-data half: metadata with the account's fees (cached an hour), every book over
// one path-based stream, and funding read per market from /info/markets/{m}/stats, each market at
// most once a minute (venues.md §7.3).
import { z } from 'zod';
import type { FundingRate, FundingRejection, L2Book, MarketMeta } from '../port';
import { VenueError, VenueParseError } from '../common/errors';
import { Listeners } from '../common/listeners';
import { MetadataCache } from '../common/metadata-cache';
import { collectPages } from '../common/paging';
import type { ResilientSocket } from '../common/ws';
import { DEFAULT_MAKER_FEE, DEFAULT_TAKER_FEE } from './constants';
import type { L2Config } from './signing/order';
import type { ExtendedRest } from './rest';
import { BookStream } from './book-stream';
import { hourlyFromExtended, nextFundingTimeMs, symbolOf } from './wire/funding';
import { marketStatusOf } from './wire/mappers';
import { plainRate } from './wire/money';
import { feeRows, fundingHistoryRow, marketSchema, marketStatsSchema } from './wire/schemas';

export interface Scheduler {
  every(intervalMs: number, fn: () => void): () => void;
}

export const realScheduler: Scheduler = {
  every(intervalMs, fn) {
    const t = setInterval(fn, intervalMs);
    t.unref?.();
    return () => clearInterval(t);
  },
};

export interface MarketInfo {
  readonly meta: MarketMeta;
  readonly l2: L2Config;
  /** The account's rates as the venue wrote them (plain decimals, for signing). */
  readonly makerFeeRate: string;
  readonly takerFeeRate: string;
}

export interface MarketDataOptions {
  readonly rest: ExtendedRest;
  readonly wsUrls: readonly string[];
  readonly authenticated: boolean;
  readonly metadataTtlMs: number;
  readonly stallMs: number;
  readonly fundingPollPerMarketMs: number;
  readonly scheduler: Scheduler;
  readonly now: () => number;
  readonly onError: (e: unknown) => void;
}

export class ExtendedMarketData {
  readonly bookListeners: Listeners<L2Book>;
  readonly fundingListeners: Listeners<FundingRate>;
  readonly rejectionListeners: Listeners<FundingRejection>;
  readonly books: BookStream;
  private readonly markets = new Map<string, MarketInfo>();
  private readonly cache: MetadataCache<MarketMeta>;
  private readonly funding = new Map<string, FundingRate>();
  private readonly settled = new Map<string, FundingRate>();
  private stopPoll: (() => void) | null = null;
  private pollCursor = 0;
  private pollInFlight = false;
  /** Funding requests sent by the per-market poll (the budget test reads it). */
  fundingRequests = 0;

  constructor(private readonly o: MarketDataOptions) {
    this.bookListeners = new Listeners(o.onError);
    this.fundingListeners = new Listeners(o.onError);
    this.rejectionListeners = new Listeners(o.onError);
    this.cache = new MetadataCache({ load: () => this.loadMarketsNow(), ttlMs: o.metadataTtlMs, now: o.now, onRefreshError: o.onError });
    this.books = new BookStream({ wsUrls: o.wsUrls, stallMs: o.stallMs, listeners: this.bookListeners, symbolKnown: (s) => this.markets.has(s) });
  }

  async start(): Promise<void> {
    await this.cache.get();
    this.cache.startBackgroundRefresh();
    this.books.start();
    // One market per tick, round robin: each market is read once per minute and the requests are
    // spread evenly instead of bursting.
    const n = Math.max(1, this.markets.size);
    this.stopPoll = this.o.scheduler.every(Math.ceil(this.o.fundingPollPerMarketMs / n), () => void this.pollNext());
  }

  stop(): void {
    this.stopPoll?.();
    this.stopPoll = null;
    this.cache.stop();
    this.books.stop();
  }

  loadMarkets(): Promise<readonly MarketMeta[]> {
    return this.cache.get();
  }

  market(symbol: string): MarketMeta | undefined {
    return this.markets.get(symbol)?.meta;
  }

  info(symbol: string): MarketInfo | undefined {
    return this.markets.get(symbol);
  }

  all(): readonly MarketInfo[] {
    return [...this.markets.values()];
  }

  /** Re-reads metadata and fees now (after a fee error, or when fees were never loaded). */
  refresh(): Promise<readonly MarketMeta[]> {
    return this.cache.refresh();
  }

  private async loadMarketsNow(): Promise<readonly MarketMeta[]> {
    const { data } = await this.o.rest.get('/info/markets', z.array(marketSchema), 'info/markets');
    const fees = new Map<string, { maker: string; taker: string }>();
    if (this.o.authenticated) {
      const f = await this.o.rest.get('/user/fees', feeRows, 'user/fees');
      for (const row of f.data) fees.set(row.market, { maker: plainRate(row.makerFeeRate), taker: plainRate(row.takerFeeRate) });
    }
    for (const m of data) {
      const symbol = symbolOf(m.name);
      const fee = fees.get(m.name) ?? { maker: DEFAULT_MAKER_FEE, taker: DEFAULT_TAKER_FEE };
      this.markets.set(symbol, {
        meta: {
          venue: 'extended',
          symbol,
          venueMarket: m.name,
          marketIndex: null,
          tickSize: m.tradingConfig.minPriceChange,
          stepSize: m.tradingConfig.minOrderSizeChange,
          minSize: m.tradingConfig.minOrderSize,
          minNotionalUsd: '0',
          maxLeverage: Number(m.tradingConfig.maxLeverage),
          makerFeeRate: Number(fee.maker),
          takerFeeRate: Number(fee.taker),
          fundingIntervalHours: 1,
          status: marketStatusOf(m.status, m.active),
        },
        l2: { syntheticId: m.l2Config.syntheticId, syntheticResolution: m.l2Config.syntheticResolution, collateralId: m.l2Config.collateralId, collateralResolution: m.l2Config.collateralResolution },
        makerFeeRate: fee.maker,
        takerFeeRate: fee.taker,
      });
      this.onStats(symbol, m.marketStats);
    }
    return [...this.markets.values()].map((m) => m.meta);
  }

  /** One market's stats now (an entry's re-validation, a test's pinned rate); throws on failure. */
  async refreshFunding(symbol: string): Promise<void> {
    const m = this.markets.get(symbol);
    if (m === undefined) throw new VenueError('definitive', `unknown market ${symbol}`);
    await this.readStats(m);
  }

  private async readStats(m: MarketInfo): Promise<void> {
    this.fundingRequests += 1;
    const { data } = await this.o.rest.get(`/info/markets/${encodeURIComponent(m.meta.venueMarket)}/stats`, marketStatsSchema, 'info/markets/stats');
    this.onStats(m.meta.symbol, data);
  }

  private async pollNext(): Promise<void> {
    if (this.pollInFlight) return;
    const all = [...this.markets.values()];
    if (all.length === 0) return;
    const m = all[this.pollCursor % all.length]!;
    this.pollCursor += 1;
    this.pollInFlight = true;
    try {
      await this.readStats(m);
    } catch (e) {
      this.o.onError(e);
    } finally {
      this.pollInFlight = false;
    }
  }

  private onStats(symbol: string, s: z.infer<typeof marketStatsSchema>): void {
    let rate: FundingRate;
    try {
      rate = { venue: 'extended', symbol, hourlyRate: hourlyFromExtended(s.fundingRate), kind: 'predicted', settlementTimeMs: nextFundingTimeMs(s.nextFundingRate), markPrice: Number(s.markPrice), indexPrice: Number(s.indexPrice) };
    } catch (e) {
      // Surfaced, never silently frozen at the last good value.
      this.rejectionListeners.emit({ venue: 'extended', symbol, raw: s.fundingRate, reason: e instanceof Error ? e.message : String(e), atMs: this.o.now() });
      return;
    }
    this.funding.set(symbol, rate);
    this.fundingListeners.emit(rate);
  }

  currentFunding(): readonly FundingRate[] {
    return [...this.funding.values(), ...this.settled.values()];
  }

  /** Pages through every cursor: the Python bot once lost 37 % of the rows reading one page. */
  async fundingHistory(symbol: string, fromMs: number, toMs: number): Promise<readonly FundingRate[]> {
    const m = this.markets.get(symbol);
    if (m === undefined) throw new VenueError('definitive', `unknown market ${symbol}`);
    const raw = await collectPages<z.infer<typeof fundingHistoryRow>, number>({
      fetch: async (cursor) => {
        const r = await this.o.rest.get(`/info/${encodeURIComponent(m.meta.venueMarket)}/funding`, z.array(fundingHistoryRow), 'info/funding', { startTime: fromMs, endTime: toMs, limit: 1000, ...(cursor === null ? {} : { cursor }) }, 'bulk');
        return { rows: r.data, next: r.cursor };
      },
      maxPages: 1_000,
    });
    const rows: FundingRate[] = [];
    for (const row of raw) {
      try {
        rows.push({ venue: 'extended', symbol, hourlyRate: hourlyFromExtended(row.f), kind: 'settled', settlementTimeMs: row.T, markPrice: null, indexPrice: null });
      } catch (e) {
        if (!(e instanceof VenueParseError)) throw e;
        this.rejectionListeners.emit({ venue: 'extended', symbol, raw: row.f, reason: e.message, atMs: this.o.now() });
      }
    }
    rows.sort((a, b) => a.settlementTimeMs - b.settlementTimeMs);
    const last = rows[rows.length - 1];
    if (last !== undefined) this.settled.set(symbol, last);
    return rows;
  }

  health(): ResilientSocket | null {
    return this.books.socket;
  }
}

