// History's closed pairs: the pairs that are over, filtered by symbol and close time, newest close
// first, one page at a time, with the exact totals of every matching pair (not only the page).
// Pure: the handler hands it the ledger's pair rows (ledger-queries.ts listPairs), whose PnL is
// already the ledger's exact split; sums here stay exact decimal strings.
import { normalizeDecimal, sumDecimals } from '../domain/decimal';
import type { PairView } from '../ledger/query-types';
import { HISTORY_DEFAULT_LIMIT, HISTORY_PAIR_STATES, type HistoryCursor, type HistoryPage, type HistoryQuery, type HistoryRow, type HistoryTotals } from '../api/channels/history';

type OverState = (typeof HISTORY_PAIR_STATES)[number];

const isOver = (s: string): s is OverState => (HISTORY_PAIR_STATES as readonly string[]).includes(s);

/** A pair that is over, as History shows it; null for one still running (or with no close time,
 *  which the ledger never writes for a closed pair but a hand-edited file could hold). */
export function toHistoryRow(p: PairView): HistoryRow | null {
  const state = p.state;
  const closedAtMs = p.closedAtMs;
  if (!isOver(state) || closedAtMs === null) return null;
  // A clock stepped back between open and close must not show a negative hold.
  const holdMs = p.openedAtMs === null ? null : Math.max(0, closedAtMs - p.openedAtMs);
  return { ...p, legs: [...p.legs], state, closedAtMs, holdMs };
}

/** Newest close first; the pair sequence breaks ties, so the order (and a cursor) is total. */
function newerFirst(a: HistoryRow, b: HistoryRow): number {
  return b.closedAtMs - a.closedAtMs || b.pairSeq - a.pairSeq;
}

/** True when `r` comes after the cursor's row in newerFirst order. */
function afterCursor(r: HistoryRow, c: HistoryCursor): boolean {
  return r.closedAtMs < c.closedAtMs || (r.closedAtMs === c.closedAtMs && r.pairSeq < c.pairSeq);
}

function matches(r: HistoryRow, q: HistoryQuery): boolean {
  if (q.symbol !== undefined && r.symbol !== q.symbol) return false;
  if (q.fromMs !== undefined && r.closedAtMs < q.fromMs) return false;
  if (q.toMs !== undefined && r.closedAtMs >= q.toMs) return false;
  return true;
}

export function historyTotals(rows: readonly HistoryRow[]): HistoryTotals {
  const sum = (pick: (r: HistoryRow) => string): string => normalizeDecimal(sumDecimals(rows.map(pick)));
  return {
    pairCount: rows.length,
    realizedPnlUsd: sum((r) => r.pnl.realizedPnlUsd),
    fundingReceivedUsd: sum((r) => r.pnl.fundingReceivedUsd),
    fundingPaidUsd: sum((r) => r.pnl.fundingPaidUsd),
    feesUsd: sum((r) => r.pnl.feesUsd),
    netUsd: sum((r) => r.pnl.netUsd),
  };
}

export function historyPage(pairs: readonly PairView[], q: HistoryQuery): HistoryPage {
  const matching = pairs
    .map(toHistoryRow)
    .filter((r): r is HistoryRow => r !== null && matches(r, q))
    .sort(newerFirst);
  const limit = q.limit ?? HISTORY_DEFAULT_LIMIT;
  const before = q.before;
  const rest = before === undefined ? matching : matching.filter((r) => afterCursor(r, before));
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  const next = rest.length > limit && last !== undefined ? { closedAtMs: last.closedAtMs, pairSeq: last.pairSeq } : null;
  return { pairs: page, totals: historyTotals(matching), next };
}
