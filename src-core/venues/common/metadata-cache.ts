// Market metadata, cached for a TTL and refreshed in the background before it expires, so a
// reader never waits on an expired cache. Both adapters keep their markets here.
export interface MetadataCacheOptions<M> {
  readonly load: () => Promise<readonly M[]>;
  readonly ttlMs: number;
  readonly now: () => number;
  readonly onRefreshError?: (e: unknown) => void;
}

export class MetadataCache<M> {
  private loadedAtMs: number | null = null;
  private items: readonly M[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private inflight: Promise<readonly M[]> | null = null;

  constructor(private readonly options: MetadataCacheOptions<M>) {}

  async get(): Promise<readonly M[]> {
    if (this.loadedAtMs !== null && this.options.now() - this.loadedAtMs < this.options.ttlMs) return this.items;
    return this.refresh();
  }

  /** One load at a time: concurrent callers share it. */
  refresh(): Promise<readonly M[]> {
    this.inflight ??= this.options
      .load()
      .then((items) => {
        this.items = items;
        this.loadedAtMs = this.options.now();
        return items;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  startBackgroundRefresh(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.refresh().catch((e: unknown) => this.options.onRefreshError?.(e)), Math.max(1_000, this.options.ttlMs * 0.9));
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
