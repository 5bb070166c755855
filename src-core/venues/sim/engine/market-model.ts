// Prices and funding. One common mid per symbol follows a random walk; each venue quotes it with
// a small mean-reverting basis. Funding per venue and symbol is an Ornstein-Uhlenbeck process
// around its snapshot level with regime shifts (spikes that decay, sign flips), so cross-venue
// spreads from a few % to several hundred % APY appear, last minutes to days, and vanish.
import type { VenueId } from '../../../domain/venue';
import type { SimMarket } from '../universe/universe';
import { Rng } from './rng';

const HOUR_MS = 3_600_000;

interface FundingState {
  /** Long-run level, signed hourly decimal. */
  meanHourly: number;
  /** Current instantaneous rate, signed hourly decimal. */
  hourly: number;
  /** Sum and count of samples in the current settlement window (for the TWAP). */
  windowSum: number;
  windowCount: number;
  lastSettledHourly: number;
  lastSettlementMs: number;
  /** A forced level that holds until cleared (fault injection: spike/flip on demand). */
  pinnedHourly: number | null;
}

export interface VenueQuote {
  readonly mid: number;
  readonly mark: number;
  readonly index: number;
}

export class MarketModel {
  readonly mids = new Map<string, number>();
  private readonly basis = new Map<string, number>();
  private readonly funding = new Map<string, FundingState>();
  private readonly vols = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    markets: readonly SimMarket[],
    startMs: number,
  ) {
    for (const m of markets) {
      if (!this.mids.has(m.symbol)) {
        this.mids.set(m.symbol, m.initialPrice);
        // Annualised vol 50-120 % → per-sqrt-ms scale.
        this.vols.set(m.symbol, rng.between(0.5, 1.2) / Math.sqrt(365 * 24 * HOUR_MS));
      }
      const key = `${m.venue}:${m.symbol}`;
      this.basis.set(key, rng.normal() * 0.0004);
      const seed = m.seedHourlyRate;
      this.funding.set(key, {
        meanHourly: seed,
        hourly: seed + rng.normal() * 0.00002,
        windowSum: 0,
        windowCount: 0,
        lastSettledHourly: seed,
        lastSettlementMs: Math.floor(startMs / HOUR_MS) * HOUR_MS,
        pinnedHourly: null,
      });
    }
  }

  quote(venue: VenueId, symbol: string): VenueQuote {
    const mid = this.mids.get(symbol)!;
    const basis = this.basis.get(`${venue}:${symbol}`) ?? 0;
    const venueMid = mid * (1 + basis);
    return { mid: venueMid, mark: venueMid, index: mid };
  }

  fundingOf(venue: VenueId, symbol: string): Readonly<FundingState> {
    return this.funding.get(`${venue}:${symbol}`)!;
  }

  /** The current hour's predicted rate: TWAP of the samples so far (as both venues compute it). */
  predictedHourly(venue: VenueId, symbol: string): number {
    const f = this.fundingOf(venue, symbol);
    return f.windowCount === 0 ? f.hourly : f.windowSum / f.windowCount;
  }

  step(dtMs: number): void {
    const sq = Math.sqrt(dtMs);
    for (const [symbol, mid] of this.mids) {
      const vol = this.vols.get(symbol)!;
      this.mids.set(symbol, mid * Math.exp(vol * sq * this.rng.normal()));
    }
    const theta = dtMs / (6 * HOUR_MS);
    for (const [key, b] of this.basis) this.basis.set(key, b - b * theta * 4 + this.rng.normal() * 0.00003 * Math.sqrt(dtMs / 1000));
    for (const f of this.funding.values()) this.stepFunding(f, dtMs);
  }

  private stepFunding(f: FundingState, dtMs: number): void {
    if (f.pinnedHourly !== null) {
      f.hourly = f.pinnedHourly;
    } else {
      // Mean reversion over ~8 h, noise, and rare regime shifts (about one per symbol-venue per
      // 12 h): spikes of up to ±0.25 %/h (≈ ±2 200 % APY) that decay back through the OU pull.
      const k = dtMs / (8 * HOUR_MS);
      f.hourly += (f.meanHourly - f.hourly) * k + this.rng.normal() * 0.000004 * Math.sqrt(dtMs / 60_000);
      if (this.rng.next() < dtMs / (12 * HOUR_MS)) {
        const r = this.rng.next();
        if (r < 0.6) f.hourly += this.rng.normal() * 0.0006;
        else if (r < 0.85) f.hourly = -f.hourly;
        else f.meanHourly = this.rng.normal() * 0.00006;
      }
    }
    f.windowSum += f.hourly;
    f.windowCount += 1;
  }

  /** Closes the funding window at a settlement; returns the settled rate per key. */
  settle(venue: VenueId, symbol: string, atMs: number): number {
    const f = this.funding.get(`${venue}:${symbol}`)!;
    const rate = f.windowCount === 0 ? f.hourly : f.windowSum / f.windowCount;
    f.lastSettledHourly = rate;
    f.lastSettlementMs = atMs;
    f.windowSum = 0;
    f.windowCount = 0;
    return rate;
  }

  /** Fault injection: holds a venue's rate at a level (spike) until released with null. */
  pinFunding(venue: VenueId, symbol: string, hourly: number | null): void {
    const f = this.funding.get(`${venue}:${symbol}`);
    if (f === undefined) throw new Error(`unknown market ${venue}:${symbol}`);
    f.pinnedHourly = hourly;
    if (hourly !== null) {
      f.hourly = hourly;
      // The predicted rate follows at once, as a venue's premium index would after a shock.
      f.windowSum = hourly;
      f.windowCount = 1;
    }
  }

  flipFunding(venue: VenueId, symbol: string): void {
    const f = this.funding.get(`${venue}:${symbol}`);
    if (f === undefined) throw new Error(`unknown market ${venue}:${symbol}`);
    this.pinFunding(venue, symbol, -(f.pinnedHourly ?? f.hourly));
  }
}
