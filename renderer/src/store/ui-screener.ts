// Screener state: rows by symbol, sorting and filtering as pure functions (unit-tested), and a
// batched apply so one update event is one store change.
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

export interface ScreenerState {
  rows: Record<string, ScreenerRow>;
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
}

export const useScreenerStore = create<ScreenerState>((set) => ({
  rows: {},
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
      return { rows: next };
    }),
  setSort: (key) => set((s) => ({ sortKey: key, sortDir: s.sortKey === key && s.sortDir === 'desc' ? 'asc' : 'desc' })),
  setFilter: (f) => set((s) => ({ filter: { ...s.filter, ...f } })),
  select: (symbol) => set({ selected: symbol }),
  openDetail: (open) => set({ detailOpen: open }),
}));
