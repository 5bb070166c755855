// The market data service: for every symbol listed on both venues, the latest books, marks,
// funding and metadata, held in memory so strategy code reads one consistent view without I/O.
// Changes are batched: listeners hear at most 10 times a second which symbols changed.
// A funding value an adapter refused as implausible is never silently frozen at the last good
// value: the symbol's venue is marked "rejected since", counted per venue and logged once per
// episode, until a later accepted value clears it.
import type { VenueId } from '../domain/venue';
import type { Logger } from '../telemetry/log';
import type { FundingRate, FundingRejection, L2Book, MarketDataPort, MarketMeta } from '../venues/port';
import type { SymbolView, VenueView } from './types';

export interface MarketDataOptions {
  readonly batchMs?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

interface VenueState {
  book: L2Book | null;
  predicted: FundingRate | null;
  settled: FundingRate | null;
  /** The open rejection episode: first refused value and how many since. */
  rejected: { sinceMs: number; reason: string; count: number } | null;
}

export interface FundingRejectionCounts {
  readonly venue: VenueId;
  /** Every refused value since start. */
  readonly total: number;
  /** Symbols whose latest value is still refused. */
  readonly symbols: string[];
  readonly lastReason: string | null;
  readonly lastAtMs: number | null;
}

export class MarketDataService {
  private readonly state = new Map<string, Record<VenueId, VenueState>>();
  private readonly metas = new Map<string, Record<VenueId, MarketMeta>>();
  private readonly views = new Map<string, SymbolView>();
  private readonly dirty = new Set<string>();
  private readonly listeners = new Set<(symbols: readonly string[]) => void>();
  private readonly offs: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private symbolsList: string[] = [];
  private readonly rejections: Record<VenueId, { total: number; last: FundingRejection | null }> = { lighter: { total: 0, last: null }, extended: { total: 0, last: null } };
  private readonly log: Logger | undefined;
  readonly batchMs: number;

  constructor(
    readonly ports: Readonly<Record<VenueId, MarketDataPort>>,
    options: MarketDataOptions = {},
  ) {
    this.batchMs = Math.max(100, options.batchMs ?? 100);
    this.log = options.log;
  }

  /** Loads both venues' markets, watches every common symbol's books and follows funding. */
  async start(): Promise<void> {
    const [l, e] = await Promise.all([this.ports.lighter.loadMarkets(), this.ports.extended.loadMarkets()]);
    const ext = new Map(e.map((m) => [m.symbol, m]));
    for (const lm of l) {
      const em = ext.get(lm.symbol);
      // Listed and not delisted on both venues; a reduce-only market is still watched (open pairs
      // there must be closable) and the screener's market-status gate refuses new entries.
      if (em === undefined || !watchable(lm) || !watchable(em)) continue;
      this.metas.set(lm.symbol, { lighter: lm, extended: em });
      this.state.set(lm.symbol, { lighter: fresh(), extended: fresh() });
    }
    this.symbolsList = [...this.metas.keys()].sort();
    for (const venue of ['lighter', 'extended'] as const) {
      const port = this.ports[venue];
      this.offs.push(port.onBook((b) => this.onBook(venue, b)));
      this.offs.push(port.onFunding((r) => this.onFunding(venue, r, true)));
      this.offs.push(port.onFundingRejected((r) => this.onFundingRejected(venue, r)));
      port.watchBooks(this.symbolsList);
      for (const r of await port.currentFunding()) this.onFunding(venue, r, false);
    }
    this.timer = setInterval(() => this.flush(), this.batchMs);
    this.timer.unref?.();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  symbols(): readonly string[] {
    return this.symbolsList;
  }

  private onBook(venue: VenueId, book: L2Book): void {
    const s = this.state.get(book.symbol);
    if (s === undefined) return;
    s[venue].book = book;
    this.touch(book.symbol);
  }

  /** `live`: the adapter just accepted this value. Re-reads of its cache (currentFunding) are not
   *  live: they return the last good value and must not end a rejection episode. */
  private onFunding(venue: VenueId, rate: FundingRate, live: boolean): void {
    const s = this.state.get(rate.symbol);
    if (s === undefined) return;
    const vs = s[venue];
    if (rate.kind === 'predicted') vs.predicted = rate;
    else vs.settled = rate;
    // The predicted rate is what the screener trades on and what a refused value would have
    // replaced: a newly accepted one ends the episode.
    if (live && rate.kind === 'predicted' && vs.rejected !== null) {
      this.log?.info('funding accepted again', { venue, symbol: rate.symbol, rejectedSinceMs: vs.rejected.sinceMs, rejections: vs.rejected.count });
      vs.rejected = null;
    }
    this.touch(rate.symbol);
  }

  private onFundingRejected(venue: VenueId, r: FundingRejection): void {
    const counts = this.rejections[venue];
    counts.total += 1;
    counts.last = r;
    const vs = this.state.get(r.symbol)?.[venue];
    if (vs === undefined) return;
    if (vs.rejected === null) {
      // Once per episode, not per frame: the count says how many followed.
      this.log?.warn('funding value refused as implausible', { venue, symbol: r.symbol, raw: r.raw, reason: r.reason });
      vs.rejected = { sinceMs: r.atMs, reason: r.reason, count: 1 };
    } else {
      vs.rejected.count += 1;
      vs.rejected.reason = r.reason;
    }
    this.touch(r.symbol);
  }

  /** Per venue: refused values since start and the symbols still refused. */
  fundingRejections(): FundingRejectionCounts[] {
    return (['lighter', 'extended'] as const).map((venue) => {
      const symbols: string[] = [];
      for (const [symbol, s] of this.state) if (s[venue].rejected !== null) symbols.push(symbol);
      const c = this.rejections[venue];
      return { venue, total: c.total, symbols: symbols.sort(), lastReason: c.last?.reason ?? null, lastAtMs: c.last?.atMs ?? null };
    });
  }

  /** The last settled rate we hold for a venue and symbol (with its settlement time), or null. */
  settledRate(venue: VenueId, symbol: string): FundingRate | null {
    return this.state.get(symbol)?.[venue].settled ?? null;
  }

  /** Refreshes settled rates and re-reads funding the adapters cache (Lighter settles hourly). */
  async refreshFunding(): Promise<void> {
    for (const venue of ['lighter', 'extended'] as const) for (const r of await this.ports[venue].currentFunding()) this.onFunding(venue, r, false);
  }

  /** Reads one symbol's funding on both venues now (port.refreshFunding): an entry re-validates
   *  on it. A venue's failed read rejects: a stale rate is never passed off as fresh. */
  async refreshSymbolFunding(symbol: string): Promise<void> {
    await Promise.all((['lighter', 'extended'] as const).map((venue) => this.ports[venue].refreshFunding(symbol)));
  }

  private touch(symbol: string): void {
    this.views.delete(symbol);
    this.dirty.add(symbol);
  }

  private flush(): void {
    if (this.dirty.size === 0) return;
    const changed = [...this.dirty];
    this.dirty.clear();
    for (const cb of this.listeners) cb(changed);
  }

  /** Batched change notifications (at most one per batch interval). */
  onUpdate(cb: (symbols: readonly string[]) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  view(symbol: string): SymbolView | undefined {
    const cached = this.views.get(symbol);
    if (cached !== undefined) return cached;
    const s = this.state.get(symbol);
    const m = this.metas.get(symbol);
    if (s === undefined || m === undefined) return undefined;
    const v: SymbolView = { symbol, lighter: venueView('lighter', m.lighter, s.lighter), extended: venueView('extended', m.extended, s.extended) };
    this.views.set(symbol, v);
    return v;
  }

  *allViews(): Iterable<SymbolView> {
    for (const s of this.symbolsList) {
      const v = this.view(s);
      if (v !== undefined) yield v;
    }
  }
}

function fresh(): VenueState {
  return { book: null, predicted: null, settled: null, rejected: null };
}

function watchable(m: MarketMeta): boolean {
  return m.status === 'active' || m.status === 'reduce-only';
}

function venueView(venue: VenueId, meta: MarketMeta, s: VenueState): VenueView {
  return {
    venue,
    meta,
    bids: s.book?.bids ?? [],
    asks: s.book?.asks ?? [],
    bookFresh: s.book?.fresh ?? false,
    bookStaleReason: s.book === null ? 'no book yet' : s.book.staleReason,
    bookVenueTimeMs: s.book?.venueTimeMs ?? 0,
    markPrice: s.predicted?.markPrice ?? s.settled?.markPrice ?? null,
    indexPrice: s.predicted?.indexPrice ?? s.settled?.indexPrice ?? null,
    predictedHourlyRate: s.predicted?.hourlyRate ?? null,
    settledHourlyRate: s.settled?.hourlyRate ?? null,
    nextSettlementMs: s.predicted?.settlementTimeMs ?? null,
    fundingRejectedSinceMs: s.rejected?.sinceMs ?? null,
    fundingRejectedReason: s.rejected?.reason ?? null,
  };
}
