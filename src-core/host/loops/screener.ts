// The screener loop: recomputes a symbol's report when the market service says it changed (and
// every symbol each second, and all of them after a settings change), keeps the latest report and
// contract row per symbol, and sends the changes as `screener.update` through the one emitter.
import type { EventHub } from '../../api/events';
import type { ScreenerRow } from '../../api/channels/screener';
import type { Settings } from '../../config/schema';
import { screenerParams } from '../../config/screener-params';
import type { AccountView, HistoryView, SymbolView } from '../../market/types';
import { screenSymbol, type SymbolReport } from '../../strategy/screener';
import { toRow } from '../projections/screener-rows';
import { ScreenerEmitter, type Ticker } from '../screener-emitter';

export interface ScreenerLoopOptions {
  readonly market: {
    symbols(): readonly string[];
    view(symbol: string): SymbolView | undefined;
    onUpdate(cb: (symbols: readonly string[]) => void): () => void;
  };
  readonly history: HistoryView;
  /** Read on every recompute: a settings change applies to the next pass. */
  readonly settings: () => Settings;
  readonly account: () => AccountView;
  readonly events: Pick<EventHub, 'emit' | 'subscribe'>;
  readonly now: () => number;
  readonly ticker?: Ticker;
}

export interface ScreenerLoop {
  rows(): ScreenerRow[];
  report(symbol: string): SymbolReport | undefined;
  stop(): void;
}

export function startScreenerLoop(o: ScreenerLoopOptions): ScreenerLoop {
  const reports = new Map<string, SymbolReport>();
  const rows = new Map<string, ScreenerRow>();
  const recompute = (symbols: readonly string[]): ScreenerRow[] => {
    const params = screenerParams(o.settings());
    const t = o.now();
    const account = o.account();
    const changed: ScreenerRow[] = [];
    for (const symbol of symbols) {
      const view = o.market.view(symbol);
      if (view === undefined) continue;
      const report = screenSymbol(view, params, account, o.history, t);
      reports.set(symbol, report);
      const row = toRow(report, view, t);
      rows.set(symbol, row);
      changed.push(row);
    }
    return changed;
  };
  // The table is full before the first query: no event for it, the list query serves it.
  recompute(o.market.symbols());
  const emitter = new ScreenerEmitter({
    symbols: () => o.market.symbols(),
    recompute,
    emit: (changed) => o.events.emit('screener.update', { rows: changed, computedAtMs: o.now() }),
    ...(o.ticker === undefined ? {} : { ticker: o.ticker }),
  });
  const offUpdate = o.market.onUpdate((symbols) => emitter.markDirty(symbols));
  // New sizes or thresholds change every row: recompute all on the next flush, not in a second.
  const offSettings = o.events.subscribe('settings.changed', () => emitter.markAllDirty());
  emitter.start();

  return {
    rows: () => [...rows.values()],
    report: (symbol) => reports.get(symbol),
    stop() {
      emitter.stop();
      offUpdate();
      offSettings();
    },
  };
}
