// Seeded randomness: the same seed gives the same prices, funding paths and books, so a test can
// assert exact cash after N settlements and a bug report can be replayed.

/** mulberry32: tiny, fast, good enough for a market model (not for cryptography). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal via Box-Muller. */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  fork(label: string): Rng {
    return new Rng((this.state ^ hashSeed(label)) >>> 0);
  }
}

/** FNV-1a of a string, for per-symbol stable seeds. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
