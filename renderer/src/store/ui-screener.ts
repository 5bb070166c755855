// Screener state: rows by symbol, sorting and filtering as pure functions (unit-tested), and a
// batched apply so one update event is one store change. The displayed order is held in `order`
// and recomputed only on demand (a sort click, the re-sort button) or by the screen's timer
// (RESORT_INTERVAL_MS, skipped while a row is hovered or selected): live values move ten times
// a second, and a table re-sorted on each one moves rows under the trader's pointer.
import { create } from 'zustand';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';

export type SortKey = 'symbol' | 'netApy' | 'expectedValueUsd' | 'entryCostBps' | 'breakevenHours' | 'lighterHourlyRate' | 'extendedHourlyRate' | 'capacityUsd' | 'spreadOpenHours' | 'status';
export type SortDir = 'asc' | 'desc';

export interface ScreenerFilter {
  readonly text: string;
  readonly passingOnly: boolean;
}

function value(row: ScreenerRow, key: SortKey): number | string {
  switch (key) {
    case 'symbol':
      return row.symbol;
    case 'status':
      return row.passed ? 0 : 1;
    case 'entryCostBps':
    case 'breakevenHours':
      return row[key] ?? Number.POSITIVE_INFINITY;
    case 'lighterHourlyRate':
    case 'extendedHourlyRate':
      return row[key] ?? 0;
    default:
      return row[key];
  }
}

export function sortRows(rows: readonly ScreenerRow[], key: SortKey, dir: SortDir): ScreenerRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, key);
    const y = value(b, key);
    const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y)) : x - y;
    return c !== 0 ? sign * c : a.symbol.localeCompare(b.symbol);
  });
}

export function filterRows(rows: readonly ScreenerRow[], f: ScreenerFilter): ScreenerRow[] {
  const q = f.text.trim().toUpperCase();
  return rows.filter((r) => (q === '' || r.symbol.includes(q)) && (!f.passingOnly || r.passed));
}

/** How often the screen re-sorts by itself when no row is hovered or selected. */
export const RESORT_INTERVAL_MS = 5_000;

/** The rows in the held order, new symbols (not sorted yet) after them in sort order, filtered. */
export function heldView(rows: Readonly<Record<string, ScreenerRow>>, order: readonly string[], filter: ScreenerFilter, key: SortKey, dir: SortDir): ScreenerRow[] {
  const seen = new Set<string>();
  const held: ScreenerRow[] = [];
  for (const symbol of order) {
    const r = rows[symbol];
    if (r === undefined || seen.has(symbol)) continue;
    seen.add(symbol);
    held.push(r);
  }
  const fresh = Object.values(rows).filter((r) => !seen.has(r.symbol));
  return filterRows(fresh.length === 0 ? held : [...held, ...sortRows(fresh, key, dir)], filter);
}

export interface ScreenerState {
  rows: Record<string, ScreenerRow>;
  /** Symbols in the displayed order (see heldView); replaced only by resort(). */
  order: readonly string[];
  sortKey: SortKey;
  sortDir: SortDir;
  filter: ScreenerFilter;
  selected: string | null;
  detailOpen: boolean;
  applyRows(rows: readonly ScreenerRow[]): void;
  setSort(key: SortKey): void;
  setFilter(f: Partial<ScreenerFilter>): void;
  select(symbol: string | null): void;
  openDetail(open: boolean): void;
  resort(): void;
}

const sortedSymbols = (rows: Readonly<Record<string, ScreenerRow>>, key: SortKey, dir: SortDir): string[] => sortRows(Object.values(rows), key, dir).map((r) => r.symbol);

export const useScreenerStore = create<ScreenerState>((set) => ({
  rows: {},
  order: [],
  sortKey: 'expectedValueUsd',
  sortDir: 'desc',
  filter: { text: '', passingOnly: false },
  selected: null,
  detailOpen: false,
  applyRows: (rows) =>
    set((s) => {
      if (rows.length === 0) return s;
      const next = { ...s.rows };
      for (const r of rows) next[r.symbol] = r;
      // The first rows are sorted at once; later new symbols wait in heldView's tail.
      return s.order.length === 0 ? { rows: next, order: sortedSymbols(next, s.sortKey, s.sortDir) } : { rows: next };
    }),
  setSort: (key) =>
    set((s) => {
      const sortDir: SortDir = s.sortKey === key && s.sortDir === 'desc' ? 'asc' : 'desc';
      return { sortKey: key, sortDir, order: sortedSymbols(s.rows, key, sortDir) };
    }),
  resort: () => set((s) => ({ order: sortedSymbols(s.rows, s.sortKey, s.sortDir) })),
  setFilter: (f) => set((s) => ({ filter: { ...s.filter, ...f } })),
  select: (symbol) => set({ selected: symbol }),
  openDetail: (open) => set({ detailOpen: open }),
}));
