// History's state: the filter as typed (symbol, from and to dates in UTC), the loaded pages of
// closed pairs with the core's totals of every matching pair, and the selected pair.
import { create } from 'zustand';
import type { HistoryCursor, HistoryRow, HistoryTotals } from '../../../src-core/api/channels/history';

export interface HistoryFilter {
  /** As typed; sent upper-cased, empty = every symbol. */
  readonly symbol: string;
  /** yyyy-mm-dd (UTC) or empty: closed on or after that day. */
  readonly fromDate: string;
  /** yyyy-mm-dd (UTC) or empty: closed on or before that day. */
  readonly toDate: string;
}

const DAY_MS = 86_400_000;

/** The history.pairs / ledger.export filter for what is typed: whole UTC days, `to` inclusive. */
export function filterInput(f: HistoryFilter): { symbol?: string; fromMs?: number; toMs?: number } {
  const out: { symbol?: string; fromMs?: number; toMs?: number } = {};
  const symbol = f.symbol.trim().toUpperCase();
  if (symbol !== '') out.symbol = symbol;
  const from = f.fromDate === '' ? NaN : Date.parse(`${f.fromDate}T00:00:00Z`);
  const to = f.toDate === '' ? NaN : Date.parse(`${f.toDate}T00:00:00Z`);
  if (Number.isFinite(from)) out.fromMs = from;
  if (Number.isFinite(to)) out.toMs = to + DAY_MS;
  return out;
}

interface HistoryState {
  filter: HistoryFilter;
  rows: readonly HistoryRow[];
  totals: HistoryTotals | null;
  next: HistoryCursor | null;
  /** The last query's failure (typed error text), shown above the table. */
  error: string | null;
  loading: boolean;
  /** The pair whose detail a row click opened (null = none; 0 is a pair): HistoryScreen shows
   *  its PairDetail (renderer/src/screens/PairDetail.tsx) while this is not null. */
  selectedPairSeq: number | null;
  setFilter(f: Partial<HistoryFilter>): void;
  /** A first page (replace: true) or the next one appended. */
  loaded(page: { pairs: readonly HistoryRow[]; totals: HistoryTotals; next: HistoryCursor | null }, replace: boolean): void;
  failed(message: string): void;
  setLoading(loading: boolean): void;
  select(pairSeq: number | null): void;
}

export const useHistoryStore = create<HistoryState>((set) => ({
  filter: { symbol: '', fromDate: '', toDate: '' },
  rows: [],
  totals: null,
  next: null,
  error: null,
  loading: false,
  selectedPairSeq: null,
  setFilter: (f) => set((s) => ({ filter: { ...s.filter, ...f } })),
  loaded: (page, replace) => set((s) => ({ rows: replace ? page.pairs : [...s.rows, ...page.pairs], totals: page.totals, next: page.next, error: null, loading: false })),
  failed: (message) => set({ error: message, loading: false }),
  setLoading: (loading) => set({ loading }),
  select: (pairSeq) => set({ selectedPairSeq: pairSeq }),
}));
