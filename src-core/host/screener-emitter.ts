// The one source of `screener.update` events. Market changes (the market service's 100 ms
// batches), the once-a-second refresh (countdowns and staleness move with time even when no frame
// arrives) and settings changes only mark symbols dirty; a single ticker flushes the dirty set at
// most once per interval. Two emitters (batch + timer) used to send ~11 events a second against a
// documented maximum of 10. The ticker is injectable so tests count events without sleeping.

export interface Ticker {
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const realTicker: Ticker = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref?.();
    return () => clearInterval(t);
  },
};

export interface ScreenerEmitterOptions<Row> {
  readonly symbols: () => readonly string[];
  readonly recompute: (symbols: readonly string[]) => Row[];
  readonly emit: (rows: Row[]) => void;
  /** Flush interval; 100 ms gives the contract's at most 10 events a second. */
  readonly intervalMs?: number;
  /** Every symbol is recomputed this often even without market changes. */
  readonly refreshAllMs?: number;
  readonly ticker?: Ticker;
}

export class ScreenerEmitter<Row> {
  private readonly dirty = new Set<string>();
  private readonly intervalMs: number;
  private readonly refreshEveryTicks: number;
  private ticks = 0;
  private stopTicker: (() => void) | null = null;

  constructor(private readonly options: ScreenerEmitterOptions<Row>) {
    this.intervalMs = Math.max(100, options.intervalMs ?? 100);
    this.refreshEveryTicks = Math.max(1, Math.round((options.refreshAllMs ?? 1_000) / this.intervalMs));
  }

  start(): void {
    if (this.stopTicker !== null) return;
    this.stopTicker = (this.options.ticker ?? realTicker).every(this.intervalMs, () => this.tick());
  }

  stop(): void {
    this.stopTicker?.();
    this.stopTicker = null;
  }

  markDirty(symbols: Iterable<string>): void {
    for (const s of symbols) this.dirty.add(s);
  }

  markAllDirty(): void {
    this.markDirty(this.options.symbols());
  }

  private tick(): void {
    this.ticks += 1;
    if (this.ticks % this.refreshEveryTicks === 0) this.markAllDirty();
    if (this.dirty.size === 0) return;
    const symbols = [...this.dirty];
    this.dirty.clear();
    const rows = this.options.recompute(symbols);
    if (rows.length > 0) this.options.emit(rows);
  }
}
