// Latency histogram per operation. Log-linear buckets (HDR-style: 32 sub-buckets per power of two)
// give ~3 % relative error on any quantile with O(1) record and constant memory, so a hot path
// (every book message, every order ack) can record without allocating.

const SUB_BUCKETS = 32;
const MIN_EXP = -10; // 2^-10 ms ≈ 1 µs resolution floor
const MAX_EXP = 24; // 2^24 ms ≈ 4.6 h ceiling
const BUCKETS = (MAX_EXP - MIN_EXP) * SUB_BUCKETS;

export interface LatencySnapshot {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

function bucketOf(ms: number): number {
  if (!(ms > 0)) return 0;
  const exp = Math.floor(Math.log2(ms));
  if (exp < MIN_EXP) return 0;
  if (exp >= MAX_EXP) return BUCKETS - 1;
  const base = 2 ** exp;
  const sub = Math.min(SUB_BUCKETS - 1, Math.floor(((ms - base) / base) * SUB_BUCKETS));
  return (exp - MIN_EXP) * SUB_BUCKETS + sub;
}

/** Upper edge of a bucket: quantiles are reported pessimistically (never under-stated). */
function bucketUpperMs(index: number): number {
  const exp = Math.floor(index / SUB_BUCKETS) + MIN_EXP;
  const sub = index % SUB_BUCKETS;
  const base = 2 ** exp;
  return base + (base * (sub + 1)) / SUB_BUCKETS;
}

export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private total = 0;
  private sumMs = 0;
  private maxMs = 0;

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.counts[bucketOf(ms)]! += 1;
    this.total += 1;
    this.sumMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  /** Times an async operation and records its duration, success or failure alike. */
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.record(performance.now() - t0);
    }
  }

  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(bucketUpperMs(i), this.maxMs);
    }
    return this.maxMs;
  }

  snapshot(): LatencySnapshot {
    return {
      count: this.total,
      p50Ms: this.quantile(0.5),
      p95Ms: this.quantile(0.95),
      p99Ms: this.quantile(0.99),
      maxMs: this.maxMs,
      meanMs: this.total === 0 ? 0 : this.sumMs / this.total,
    };
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumMs = 0;
    this.maxMs = 0;
  }
}

/** Histograms keyed by "venue.operation" (e.g. "lighter.rest.orderBookOrders", "extended.sign"). */
export class LatencyRegistry {
  private readonly byName = new Map<string, LatencyHistogram>();

  get(name: string): LatencyHistogram {
    let h = this.byName.get(name);
    if (h === undefined) {
      h = new LatencyHistogram();
      this.byName.set(name, h);
    }
    return h;
  }

  snapshot(): Record<string, LatencySnapshot> {
    const out: Record<string, LatencySnapshot> = {};
    for (const [name, h] of this.byName) out[name] = h.snapshot();
    return out;
  }
}
