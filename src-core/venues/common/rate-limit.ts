// Client-side token buckets per venue and tier, weighted by endpoint, with a priority lane:
// orders and cancels are served before any queued market-data request and may dip into a
// reserve that market data never touches, so a burst of book refreshes cannot delay a hedge.
export type Priority = 'order' | 'data';

export interface BucketConfig {
  readonly perMinute: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly defaultWeight: number;
  /** Fraction of the budget only orders may use. */
  readonly orderReserve: number;
}

export const LIGHTER_PREMIUM_BUCKET: BucketConfig = {
  perMinute: 24_000,
  weights: { sendTx: 6, sendTxBatch: 6, nextNonce: 6, accountInactiveOrders: 100, apikeys: 150, trades: 600, recentTrades: 600 },
  defaultWeight: 300,
  orderReserve: 0.2,
};
export const LIGHTER_STANDARD_BUCKET: BucketConfig = { perMinute: 60, weights: {}, defaultWeight: 1, orderReserve: 0.2 };
export const EXTENDED_BUCKET: BucketConfig = { perMinute: 1_000, weights: {}, defaultWeight: 1, orderReserve: 0.2 };

interface Waiter {
  readonly weight: number;
  readonly priority: Priority;
  readonly resolve: () => void;
}

export interface RateLimiterState {
  readonly usedFraction: number;
  readonly queued: number;
  readonly warning: boolean;
}

export class RateLimiter {
  private tokens: number;
  private lastRefillMs: number;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private spentWindow: { atMs: number; weight: number }[] = [];

  constructor(
    readonly config: BucketConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = config.perMinute;
    this.lastRefillMs = now();
  }

  weightOf(route: string): number {
    return this.config.weights[route] ?? this.config.defaultWeight;
  }

  private refill(): void {
    const t = this.now();
    const add = ((t - this.lastRefillMs) / 60_000) * this.config.perMinute;
    this.tokens = Math.min(this.config.perMinute, this.tokens + add);
    this.lastRefillMs = t;
  }

  private canTake(w: Waiter): boolean {
    const floor = w.priority === 'order' ? 0 : this.config.perMinute * this.config.orderReserve;
    return this.tokens - w.weight >= floor;
  }

  /** Resolves when the request may be sent. Orders jump every queued data request. */
  acquire(route: string, priority: Priority = 'data'): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { weight: this.weightOf(route), priority, resolve };
      if (priority === 'order') {
        const firstData = this.queue.findIndex((q) => q.priority === 'data');
        this.queue.splice(firstData < 0 ? this.queue.length : firstData, 0, waiter);
      } else this.queue.push(waiter);
      this.drain();
    });
  }

  private drain(): void {
    this.refill();
    while (this.queue.length > 0 && this.canTake(this.queue[0]!)) {
      const w = this.queue.shift()!;
      this.tokens -= w.weight;
      this.spentWindow.push({ atMs: this.now(), weight: w.weight });
      w.resolve();
    }
    if (this.queue.length > 0 && this.timer === null) {
      const head = this.queue[0]!;
      const floor = head.priority === 'order' ? 0 : this.config.perMinute * this.config.orderReserve;
      const missing = head.weight + floor - this.tokens;
      const waitMs = Math.max(5, Math.ceil((missing / this.config.perMinute) * 60_000));
      this.timer = setTimeout(() => {
        this.timer = null;
        this.drain();
      }, waitMs);
      this.timer.unref?.();
    }
  }

  /** Budget used over the last minute, for telemetry (warn at 80 %). */
  state(): RateLimiterState {
    const t = this.now();
    this.spentWindow = this.spentWindow.filter((e) => e.atMs > t - 60_000);
    const used = this.spentWindow.reduce((s, e) => s + e.weight, 0) / this.config.perMinute;
    return { usedFraction: used, queued: this.queue.length, warning: used >= 0.8 };
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
