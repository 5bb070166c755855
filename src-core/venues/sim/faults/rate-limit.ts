// The venues' own request limits, enforced by the simulator when enabled (off by default) so the
// adapters' limiters can be tested against a server that really answers 429.
export interface VenueLimit {
  readonly perMinute: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly defaultWeight: number;
}

// Lighter premium: 24 000 weighted requests a minute; standard: 60 unweighted (venues.md §1.7).
export const LIGHTER_PREMIUM: VenueLimit = {
  perMinute: 24_000,
  weights: { sendTx: 6, sendTxBatch: 6, nextNonce: 6, accountInactiveOrders: 100, apikeys: 150, trades: 600, recentTrades: 600 },
  defaultWeight: 300,
};
export const LIGHTER_STANDARD: VenueLimit = { perMinute: 60, weights: {}, defaultWeight: 1 };
// Extended: 1 000 requests a minute per IP across endpoints (venues.md §2.6).
export const EXTENDED_DEFAULT: VenueLimit = { perMinute: 1_000, weights: {}, defaultWeight: 1 };

/** Sliding one-minute window of weights. */
export class WindowLimiter {
  private readonly events: { atMs: number; weight: number }[] = [];
  private used = 0;

  constructor(
    readonly limit: VenueLimit,
    private readonly now: () => number,
  ) {}

  weightOf(route: string): number {
    return this.limit.weights[route] ?? this.limit.defaultWeight;
  }

  /** Charges the route; false when over the limit (the request gets a 429 and is not charged). */
  tryCharge(route: string): boolean {
    const t = this.now();
    while (this.events.length > 0 && this.events[0]!.atMs <= t - 60_000) this.used -= this.events.shift()!.weight;
    const w = this.weightOf(route);
    if (this.used + w > this.limit.perMinute) return false;
    this.events.push({ atMs: t, weight: w });
    this.used += w;
    return true;
  }

  usedInWindow(): number {
    return this.used;
  }
}
