// History channels: the pairs that are over (closed or rolled back) with their exact PnL split and
// hold time, filtered by symbol and close date and paginated; and the ledger as one CSV text
// (docs/EXPORT.md documents its columns). Money crosses as the ledger's exact decimal strings.
import { z } from 'zod';
import { pairRowSchema, pnlSummarySchema, SYMBOL_RE } from './pairs';

/** The pair states History lists: the pair is over and its PnL will not change. */
export const HISTORY_PAIR_STATES = ['closed', 'rolled-back'] as const;

/** history.pairs: rows per page (default HISTORY_DEFAULT_LIMIT). */
export const HISTORY_MAX_LIMIT = 500;
export const HISTORY_DEFAULT_LIMIT = 100;

/** ledger.export: the longest CSV the core answers with. A reply crosses the WebSocket as one
 *  frame, and the host terminates a client whose unsent bytes pass 8 MiB (host/ws-backpressure.ts
 *  DEFAULT_BACKPRESSURE.hardLimitBytes); 4 MiB of CSV leaves room for the JSON escaping of its
 *  quotes and line breaks. Past it the export is refused (never cut short: a tax file missing
 *  rows is worse than none) and the trader narrows the date range or the symbol. */
export const EXPORT_MAX_BYTES = 4 * 1024 * 1024;

const symbol = z.string().regex(SYMBOL_RE, 'must be 1–20 capital letters or digits');
const timeMs = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const pairSeq = z.number().int().nonnegative();

/** A time range [fromMs, toMs): from inclusive, to exclusive, both optional. */
function orderedRange(v: { fromMs?: number | undefined; toMs?: number | undefined }, ctx: z.RefinementCtx): void {
  if (v.fromMs !== undefined && v.toMs !== undefined && v.fromMs >= v.toMs) ctx.addIssue({ code: 'custom', path: ['toMs'], message: 'toMs must be after fromMs' });
}

/** The page cursor: the last row of the previous page (rows are ordered by close time, then pair
 *  sequence, both descending; the next page starts strictly after this key). */
export const historyCursorSchema = z.strictObject({ closedAtMs: timeMs, pairSeq });
export type HistoryCursor = z.infer<typeof historyCursorSchema>;

export const historyQuerySchema = z
  .strictObject({
    symbol: symbol.optional(),
    fromMs: timeMs.optional().describe('closed at or after (epoch ms)'),
    toMs: timeMs.optional().describe('closed before (epoch ms)'),
    limit: z.number().int().min(1).max(HISTORY_MAX_LIMIT).optional(),
    before: historyCursorSchema.optional().describe('the previous page\'s `next`'),
  })
  .superRefine(orderedRange);
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyRowSchema = pairRowSchema.extend({
  state: z.enum(HISTORY_PAIR_STATES),
  closedAtMs: timeMs,
  holdMs: z.number().int().nonnegative().nullable().describe('closed − opened; null for a pair that never opened (rolled back during entry)'),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const historyTotalsSchema = pnlSummarySchema.extend({
  pairCount: z.number().int().nonnegative(),
});
export type HistoryTotals = z.infer<typeof historyTotalsSchema>;

export const historyPageSchema = z.strictObject({
  pairs: z.array(historyRowSchema).max(HISTORY_MAX_LIMIT),
  /** Over every pair the filter matches, not only this page. */
  totals: historyTotalsSchema,
  next: historyCursorSchema.nullable().describe('pass as `before` for the next page; null = last page'),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const exportQuerySchema = z
  .strictObject({
    symbol: symbol.optional(),
    fromMs: timeMs.optional().describe('events at or after (epoch ms)'),
    toMs: timeMs.optional().describe('events before (epoch ms)'),
  })
  .superRefine(orderedRange);
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export const ledgerExportSchema = z.strictObject({
  csv: z.string().max(EXPORT_MAX_BYTES),
  /** Data rows (the header not counted). */
  rowCount: z.number().int().nonnegative(),
  fileName: z.string().regex(/^[a-z0-9-]+\.csv$/),
});
export type LedgerExport = z.infer<typeof ledgerExportSchema>;

export const historyChannels = {
  queries: {
    'history.pairs': { input: historyQuerySchema, output: historyPageSchema },
    /** The ledger's fills and funding payments as CSV (docs/EXPORT.md). */
    'ledger.export': { input: exportQuerySchema, output: ledgerExportSchema },
  },
  commands: {},
  events: {},
} as const;
