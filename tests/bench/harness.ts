// Bench result format, exactly as `npm run bench` must print it: one JSON line per figure.
export interface BenchResult {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
  readonly better: 'lower' | 'higher';
}

export interface BenchModule {
  readonly name: string;
  run(): Promise<readonly BenchResult[]>;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 0 ? (s[mid - 1]! + s[mid]!) / 2 : s[mid]!;
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function meets(r: BenchResult): boolean {
  return r.better === 'lower' ? r.value <= r.target : r.value >= r.target;
}
