// screener.full_recompute_ms: every common symbol, both directions, from in-memory views with
// 20-level books and 30 days of history (target ≤ 2 ms; the Python bot's scan took ~5 s).
import { defaultSettings } from '../../src-core/config/schema';
import { screenerParams } from '../../src-core/config/screener-params';
import { screenAll } from '../../src-core/strategy/screener';
import type { AccountView, HistoryView, SymbolView } from '../../src-core/market/types';
import { commonSymbols } from '../../src-core/venues/sim/universe/universe';
import { symbolView, NOW } from '../unit/strategy/fixtures';
import { median, round, type BenchResult } from './harness';

export const name = 'screener';

export async function run(): Promise<BenchResult[]> {
  const symbols = commonSymbols();
  const views: SymbolView[] = symbols.map((s, i) => symbolView(((i % 7) - 3) * 0.00002, ((i % 5) - 2) * 0.00003, { symbol: s }));
  const history = new Map(symbols.map((s, i) => [s, Array.from({ length: 720 }, (_v, h) => Math.sin(h / 10 + i) * 0.00005)]));
  // The same 30 days per venue (Lighter 0, Extended the net), ending at NOW's hour: the spike
  // gates and the EV blend read these (strategy/spread-history.ts).
  const hourStart = Math.floor(NOW / 3_600_000) * 3_600_000;
  const venueRows = new Map(symbols.map((s) => {
    const net = history.get(s)!;
    const times = net.map((_v, h) => hourStart - (net.length - 1 - h) * 3_600_000);
    return [s, { lighter: times.map((timeMs) => ({ timeMs, hourlyRate: 0 })), extended: times.map((timeMs, h) => ({ timeMs, hourlyRate: net[h]! })) }];
  }));
  const hv: HistoryView = { netHourly: (s) => history.get(s) ?? [], venueHourly: (s, v) => venueRows.get(s)?.[v] ?? [] };
  const account: AccountView = { availableUsd: { lighter: 50_000, extended: 50_000 }, openPairs: 0, openSymbols: new Set(), lastCloseMs: new Map() };
  const params = screenerParams(defaultSettings);
  const samples: number[] = [];
  for (let i = 0; i < 400; i++) {
    const t0 = performance.now();
    screenAll(views, params, account, hv, NOW);
    samples.push(performance.now() - t0);
  }
  return [{ bench: 'screener.full_recompute_ms', value: round(median(samples.slice(50))), unit: 'ms', target: 2, better: 'lower' }];
}
