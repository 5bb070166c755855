// Handlers of the history channels (api/channels/history.ts). Both read the ledger only, so they
// answer whenever the database is open, trading loop or not.
import type { Handlers } from '../../api/dispatcher';
import { ApiFailure } from '../../api/envelope';
import { EXPORT_MAX_BYTES, type ExportQuery } from '../../api/channels/history';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import { historyPage } from '../../history/closed-pairs';
import type { ExportReader } from '../../history/export-reader';
import { exportRecords, ExportTooLargeError, toCsv } from '../../history/ledger-csv';

export interface HistoryHandlerDeps {
  readonly queries: Pick<LedgerQueries, 'listPairs'>;
  readonly exportReader: ExportReader;
  /** Bytes of CSV past which the export is refused (EXPORT_MAX_BYTES; smaller in tests). */
  readonly exportMaxBytes?: number;
}

type HistoryQueries = Pick<Handlers['queries'], 'history.pairs' | 'ledger.export'>;

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** fundingbot-ledger[-SYMBOL][-from][-to].csv: lower case, so the name passes any file system. */
export function exportFileName(q: ExportQuery): string {
  const parts = ['fundingbot-ledger'];
  if (q.symbol !== undefined) parts.push(q.symbol.toLowerCase());
  if (q.fromMs !== undefined) parts.push(`from-${day(q.fromMs)}`);
  if (q.toMs !== undefined) parts.push(`to-${day(q.toMs)}`);
  return `${parts.join('-')}.csv`;
}

export function historyHandlers(deps: HistoryHandlerDeps): { readonly queries: HistoryQueries; readonly commands: Record<never, never> } {
  const maxBytes = deps.exportMaxBytes ?? EXPORT_MAX_BYTES;
  return {
    queries: {
      'history.pairs': (q) => historyPage(deps.queries.listPairs(), q),
      'ledger.export': (q) => {
        const records = exportRecords(deps.exportReader.read(q.symbol ?? null), { fromMs: q.fromMs ?? null, toMs: q.toMs ?? null });
        try {
          return { csv: toCsv(records, maxBytes), rowCount: records.length, fileName: exportFileName(q) };
        } catch (e) {
          if (e instanceof ExportTooLargeError) throw new ApiFailure('VALIDATION', `${records.length} rows: ${e.message}`, [{ path: 'fromMs', message: 'narrow the range' }]);
          throw e;
        }
      },
    },
    commands: {},
  };
}
