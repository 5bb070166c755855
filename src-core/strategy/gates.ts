// Entry gates: each one a named check that reports what it saw, what it needed and the unit, so
// every rejection explains itself with numbers (reference-upstream.md §1.3-1.5 and §8 defaults).
/** Every gate, in the order they are evaluated and shown. */
export const GATE_NAMES = [
  'blacklist',
  'tradfi',
  'market-status',
  'market-data',
  'stale-book',
  'one-sided-book',
  'min-apy',
  'spread-open-hours',
  'spread-z',
  'depth',
  'max-spread',
  'expected-value',
  'breakeven',
  'ev-to-spread',
  'cooldown',
  'max-open-pairs',
  'margin',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface GateResult {
  readonly gate: GateName;
  readonly passed: boolean;
  readonly reason: string;
  readonly observed: number | string | null;
  readonly threshold: number | string | null;
  readonly unit: string;
}

export function pass(gate: GateName, observed: number | string | null, threshold: number | string | null, unit: string): GateResult {
  return { gate, passed: true, reason: 'ok', observed, threshold, unit };
}

export function fail(gate: GateName, reason: string, observed: number | string | null, threshold: number | string | null, unit: string): GateResult {
  return { gate, passed: false, reason, observed, threshold, unit };
}

// Symbols the Python bot filters as TradFi/FX by substring.
const TRADFI = ['XAU', 'XAG', 'XBR', 'EUR', 'GBP', 'JPY', 'CHF', 'SPY', 'QQQ', 'DJI', 'NDX', 'SPX500', 'TECH100', 'AAPL', 'AMZN', 'TSLA', 'NVDA'];

export function isTradfi(symbol: string): boolean {
  return TRADFI.some((t) => symbol.includes(t)) || /USD$/.test(symbol);
}
