// One venue market's book: synthetic liquidity generated around the venue's mid (at least 20
// levels a side, refilled after being consumed) plus resting account orders. Prices are integer
// ticks and sizes integer steps, so every level the faces print is exact.
import type { SimMarket } from '../universe/universe';
import { Rng } from './rng';

export type Level = readonly [priceTicks: number, sizeSteps: number];

export interface RestingOrder {
  readonly orderId: number;
  readonly accountId: string;
  readonly isAsk: boolean;
  readonly priceTicks: number;
  remainingSteps: number;
  readonly seq: number;
}

export const BOOK_LEVELS = 20;

const NOTIONAL_PER_LEVEL_USD = { deep: 250_000, normal: 25_000, thin: 600 } as const;
const SPACING_BPS = { deep: 0.6, normal: 2.5, thin: 25 } as const;

export class SyntheticBook {
  readonly tick: number;
  readonly step: number;
  /** Steps consumed at a price level by takers, recovering over a few seconds. */
  private readonly depletion = new Map<number, number>();
  readonly resting: RestingOrder[] = [];
  /** Thin markets sometimes lose one side entirely (like EDEN on the real venues). */
  missingSide: 'bids' | 'asks' | null = null;
  private levelNoise: number[];
  bids: Level[] = [];
  asks: Level[] = [];
  seq = 0;
  venueTimeMs = 0;

  constructor(
    readonly market: SimMarket,
    private readonly rng: Rng,
  ) {
    this.tick = Number(market.tickSize);
    this.step = Number(market.stepSize);
    this.levelNoise = Array.from({ length: BOOK_LEVELS * 2 }, () => rng.between(0.6, 1.4));
  }

  /** Recomputes levels around `mid`; returns true when anything visible changed. */
  regenerate(mid: number, dtMs: number): boolean {
    const liq = this.market.liquidity;
    const spacingTicks = Math.max(1, Math.round((mid * SPACING_BPS[liq]) / 10_000 / this.tick));
    const midTicks = mid / this.tick;
    const bestBid = Math.floor(midTicks - spacingTicks / 2);
    const bestAsk = Math.max(bestBid + 1, Math.ceil(midTicks + spacingTicks / 2));
    const baseSteps = Math.max(1, Math.round(NOTIONAL_PER_LEVEL_USD[liq] / (mid * this.step)));
    for (let i = 0; i < this.levelNoise.length; i++) {
      if (this.rng.next() < 0.15) this.levelNoise[i] = this.rng.between(0.6, 1.4);
    }
    // Depletion recovers ~30 % a second.
    const keep = Math.pow(0.7, dtMs / 1000);
    for (const [p, d] of this.depletion) {
      const left = Math.floor(d * keep);
      if (left <= 0) this.depletion.delete(p);
      else this.depletion.set(p, left);
    }
    if (liq === 'thin' && this.rng.next() < dtMs / 600_000) {
      this.missingSide = this.missingSide === null ? (this.rng.next() < 0.5 ? 'bids' : 'asks') : null;
    }
    const bids: Level[] = [];
    const asks: Level[] = [];
    for (let i = 0; i < BOOK_LEVELS; i++) {
      const size = (k: number) => Math.max(1, Math.round(baseSteps * (1 + i * 0.35) * this.levelNoise[k]!));
      const bp = bestBid - i * spacingTicks;
      const ap = bestAsk + i * spacingTicks;
      if (bp > 0) bids.push([bp, Math.max(0, size(i) - (this.depletion.get(bp) ?? 0))]);
      asks.push([ap, Math.max(0, size(BOOK_LEVELS + i) - (this.depletion.get(ap) ?? 0))]);
    }
    const next = this.merge(bids.filter((l) => l[1] > 0), asks.filter((l) => l[1] > 0));
    const changed = !sameLevels(next.bids, this.bids) || !sameLevels(next.asks, this.asks);
    this.bids = next.bids;
    this.asks = next.asks;
    return changed;
  }

  /** Adds resting orders to the synthetic levels; drops synthetic levels they would cross. */
  private merge(bids: Level[], asks: Level[]): { bids: Level[]; asks: Level[] } {
    const add = (levels: Level[], price: number, steps: number) => {
      const i = levels.findIndex((l) => l[0] === price);
      if (i >= 0) levels[i] = [price, levels[i]![1] + steps];
      else levels.push([price, steps]);
    };
    const b = this.missingSide === 'bids' ? [] : bids;
    const a = this.missingSide === 'asks' ? [] : asks;
    for (const o of this.resting) add(o.isAsk ? a : b, o.priceTicks, o.remainingSteps);
    b.sort((x, y) => y[0] - x[0]);
    a.sort((x, y) => x[0] - y[0]);
    // A resting order priced through the synthetic book would already have traded against it;
    // keep the book uncrossed by trimming the synthetic side.
    const bestBid = b[0]?.[0] ?? -Infinity;
    const bestAsk = a[0]?.[0] ?? Infinity;
    return {
      bids: b.filter((l) => l[0] < bestAsk || this.isRestingPrice(l[0], false)),
      asks: a.filter((l) => l[0] > bestBid || this.isRestingPrice(l[0], true)),
    };
  }

  private isRestingPrice(price: number, isAsk: boolean): boolean {
    return this.resting.some((o) => o.isAsk === isAsk && o.priceTicks === price);
  }

  /** Synthetic steps available at a price (resting orders excluded). */
  syntheticAt(priceTicks: number, isAskSide: boolean): number {
    const levels = isAskSide ? this.asks : this.bids;
    const level = levels.find((l) => l[0] === priceTicks);
    const own = this.resting.filter((o) => o.isAsk === isAskSide && o.priceTicks === priceTicks).reduce((s, o) => s + o.remainingSteps, 0);
    return level === undefined ? 0 : Math.max(0, level[1] - own);
  }

  consume(priceTicks: number, steps: number): void {
    this.depletion.set(priceTicks, (this.depletion.get(priceTicks) ?? 0) + steps);
  }

  bestBid(): number | null {
    return this.bids[0]?.[0] ?? null;
  }

  bestAsk(): number | null {
    return this.asks[0]?.[0] ?? null;
  }
}

function sameLevels(a: readonly Level[], b: readonly Level[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/** Levels that differ between two snapshots, with absolute new sizes (0 = removed). */
export function diffLevels(prev: readonly Level[], next: readonly Level[]): Level[] {
  const before = new Map(prev.map((l) => [l[0], l[1]]));
  const out: Level[] = [];
  for (const [p, s] of next) {
    if (before.get(p) !== s) out.push([p, s]);
    before.delete(p);
  }
  for (const p of before.keys()) out.push([p, 0]);
  return out;
}
