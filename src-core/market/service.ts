// The market data service: for every symbol listed on both venues, the latest books, marks,
// funding and metadata, held in memory so strategy code reads one consistent view without I/O.
// Changes are batched: listeners hear at most 10 times a second which symbols changed.
import type { VenueId } from '../domain/venue';
import type { FundingRate, L2Book, MarketDataPort, MarketMeta } from '../venues/port';
import type { SymbolView, VenueView } from './types';

export interface MarketDataOptions {
  readonly batchMs?: number;
  readonly now?: () => number;
}

interface VenueState {
  book: L2Book | null;
  predicted: FundingRate | null;
  settled: FundingRate | null;
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
  readonly batchMs: number;

  constructor(
    readonly ports: Readonly<Record<VenueId, MarketDataPort>>,
    options: MarketDataOptions = {},
  ) {
    this.batchMs = Math.max(100, options.batchMs ?? 100);
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
      this.state.set(lm.symbol, { lighter: { book: null, predicted: null, settled: null }, extended: { book: null, predicted: null, settled: null } });
    }
    this.symbolsList = [...this.metas.keys()].sort();
    for (const venue of ['lighter', 'extended'] as const) {
      const port = this.ports[venue];
      this.offs.push(port.onBook((b) => this.onBook(venue, b)));
      this.offs.push(port.onFunding((r) => this.onFunding(venue, r)));
      port.watchBooks(this.symbolsList);
      for (const r of await port.currentFunding()) this.onFunding(venue, r);
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

  private onFunding(venue: VenueId, rate: FundingRate): void {
    const s = this.state.get(rate.symbol);
    if (s === undefined) return;
    if (rate.kind === 'predicted') s[venue].predicted = rate;
    else s[venue].settled = rate;
    this.touch(rate.symbol);
  }

  /** Refreshes settled rates and re-reads funding the adapters cache (Lighter settles hourly). */
  async refreshFunding(): Promise<void> {
    for (const venue of ['lighter', 'extended'] as const) for (const r of await this.ports[venue].currentFunding()) this.onFunding(venue, r);
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
  };
}
