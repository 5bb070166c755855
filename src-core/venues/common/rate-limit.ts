// Client-side token buckets per venue and tier, weighted by endpoint, with a priority lane:
// orders and cancels are served before any queued market-data request and may dip into a
// reserve that market data never touches, so a burst of book refreshes cannot delay a hedge.
// Bulk reads (the funding-history backfill) come last and may spend at most a share of the budget
// in any rolling minute (the venues count a rolling minute: Lighter's rate-limit page): a first backfill asks for every market on both venues (on Lighter 134 asks of
// weight 300, more than a whole minute of the 24 000 premium budget), and without the share it
// held the budget above the entry gate's 90 % for minutes and queued position reads behind it
// until a close's readback timed out (found by the crash suite's soak).
export type Priority = 'order' | 'data' | 'bulk';

export interface BucketConfig {
  readonly perMinute: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly defaultWeight: number;
  /** Fraction of the budget only orders may use. */
  readonly orderReserve: number;
  /** Fraction of the budget per minute bulk reads may spend, at most. */
  readonly bulkShare: number;
}

export const LIGHTER_PREMIUM_BUCKET: BucketConfig = {
  perMinute: 24_000,
  weights: { sendTx: 6, sendTxBatch: 6, nextNonce: 6, accountInactiveOrders: 100, apikeys: 150, trades: 600, recentTrades: 600 },
  defaultWeight: 300,
  orderReserve: 0.2,
  bulkShare: 0.5,
};
export const LIGHTER_STANDARD_BUCKET: BucketConfig = { perMinute: 60, weights: {}, defaultWeight: 1, orderReserve: 0.2, bulkShare: 0.5 };
export const EXTENDED_BUCKET: BucketConfig = { perMinute: 1_000, weights: {}, defaultWeight: 1, orderReserve: 0.2, bulkShare: 0.5 };

interface Waiter {
  readonly weight: number;
  readonly priority: Priority;
  readonly resolve: () => void;
}

export interface RateLimiterState {
  /** Budget spent over the last minute, bulk reads included (what the venue counts). */
  readonly usedFraction: number;
  /** The same without bulk reads: the demand of orders and reads, which bulk yields to (what the
   *  entry gate reads: a backfill running must not hold entries back). */
  readonly demandFraction: number;
  readonly queued: number;
  readonly warning: boolean;
}

export class RateLimiter {
  private tokens: number;
  private lastRefillMs: number;
  /** Bulk grants of the last minute (the share is a rolling-minute cap, not a bucket: a bucket's
   *  burst plus its refill would let a first minute spend twice the share). */
  private bulkWindow: { atMs: number; weight: number }[] = [];
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private spentWindow: { atMs: number; weight: number; bulk: boolean }[] = [];

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

  private floorOf(w: Waiter): number {
    return w.priority === 'order' ? 0 : this.config.perMinute * this.config.orderReserve;
  }

  private bulkSpent(): number {
    const t = this.now();
    this.bulkWindow = this.bulkWindow.filter((e) => e.atMs > t - 60_000);
    return this.bulkWindow.reduce((sum, e) => sum + e.weight, 0);
  }

  /** An empty window lets one request through even when it weighs more than the share. */
  private bulkAllows(w: Waiter): boolean {
    if (w.priority !== 'bulk') return true;
    const spent = this.bulkSpent();
    return spent === 0 || spent + w.weight <= this.config.perMinute * this.config.bulkShare;
  }

  private canTake(w: Waiter): boolean {
    return this.tokens - w.weight >= this.floorOf(w) && this.bulkAllows(w);
  }

  /** Resolves when the request may be sent. Orders jump every queued data and bulk request,
   *  data jumps every queued bulk one. */
  acquire(route: string, priority: Priority = 'data'): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = { weight: this.weightOf(route), priority, resolve };
      const behind: readonly Priority[] = priority === 'order' ? ['data', 'bulk'] : priority === 'data' ? ['bulk'] : [];
      const first = this.queue.findIndex((q) => behind.includes(q.priority));
      this.queue.splice(first < 0 ? this.queue.length : first, 0, waiter);
      this.drain();
    });
  }

  private drain(): void {
    this.refill();
    while (this.queue.length > 0 && this.canTake(this.queue[0]!)) {
      const w = this.queue.shift()!;
      this.tokens -= w.weight;
      if (w.priority === 'bulk') this.bulkWindow.push({ atMs: this.now(), weight: w.weight });
      this.spentWindow.push({ atMs: this.now(), weight: w.weight, bulk: w.priority === 'bulk' });
      w.resolve();
    }
    if (this.queue.length > 0 && this.timer === null) {
      const head = this.queue[0]!;
      const missing = head.weight + this.floorOf(head) - this.tokens;
      // A bulk head held by its share waits for the oldest bulk grant to leave the window.
      const oldestBulk = this.bulkWindow[0];
      const bulkWaitMs = head.priority === 'bulk' && !this.bulkAllows(head) && oldestBulk !== undefined ? oldestBulk.atMs + 60_000 - this.now() : 0;
      const waitMs = Math.max(5, Math.ceil((missing / this.config.perMinute) * 60_000), bulkWaitMs);
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
    const demand = this.spentWindow.reduce((s, e) => s + (e.bulk ? 0 : e.weight), 0) / this.config.perMinute;
    return { usedFraction: used, demandFraction: demand, queued: this.queue.length, warning: used >= 0.8 };
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
