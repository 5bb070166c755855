/** History (nav 3): the pairs that are over, with their exact PnL split and hold time, filtered by
 *  symbol and close date (UTC days), the totals of every matching pair, and the ledger export.
 *  A row click opens that pair's PairDetail beside the table (the same one Positions shows). */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/context';
import { useHistoryStore, filterInput } from '../store/ui-history';
import { useToastStore } from '../store/ui-toasts';
import { HISTORY_PAIR_STATES, type HistoryCursor } from '../../../src-core/api/channels/history';
import { HistoryTable } from '../history/HistoryTable';
import { exportLedgerCsv } from '../history/export-csv';
import { PairDetail } from './PairDetail';
import '../history/history.css';

const PAGE = 100;

function errorText(e: { message: string; issues?: readonly { path: string; message: string }[] }): string {
  const issues = e.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  return issues ? `${e.message} (${issues})` : e.message;
}

export function HistoryScreen(): React.JSX.Element {
  const api = useApi();
  const push = useToastStore((s) => s.push);
  const { filter, rows, totals, next, error, loading, selectedPairSeq, setFilter, loaded, failed, setLoading, select } = useHistoryStore();
  const [exporting, setExporting] = useState(false);
  // Only the newest request may fill the table: an older answer arriving late is dropped.
  const seq = useRef(0);

  const load = useCallback(
    async (before: HistoryCursor | null) => {
      const mine = ++seq.current;
      setLoading(true);
      try {
        const r = await api.query('history.pairs', { ...filterInput(filter), limit: PAGE, ...(before === null ? {} : { before }) });
        if (mine !== seq.current) return;
        if (r.ok) loaded(r.value, before === null);
        else failed(errorText(r.error));
      } catch (e) {
        if (mine === seq.current) failed(`no answer from the core: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    [api, filter, loaded, failed, setLoading],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  // A pair that ends while History is open appears without a reload.
  useEffect(
    () =>
      api.on('pairs.update', (p) => {
        if ((HISTORY_PAIR_STATES as readonly string[]).includes(p.state)) void load(null);
      }),
    [api, load],
  );

  const onExport = async (): Promise<void> => {
    setExporting(true);
    try {
      await exportLedgerCsv(api, window.api?.saveLedgerExport, filterInput(filter), push);
    } finally {
      setExporting(false);
    }
  };

  const filtered = filter.symbol !== '' || filter.fromDate !== '' || filter.toDate !== '';
  return (
    <div className="history" data-testid="history">
      <div className="toolbar">
        <label className="field">
          <span className="muted">Symbol</span>
          <input data-testid="history-symbol" placeholder="all" value={filter.symbol} maxLength={20} onChange={(e) => setFilter({ symbol: e.target.value })} />
        </label>
        <label className="field">
          <span className="muted">Closed from</span>
          <input type="date" data-testid="history-from" value={filter.fromDate} onChange={(e) => setFilter({ fromDate: e.target.value })} />
        </label>
        <label className="field">
          <span className="muted">to</span>
          <input type="date" data-testid="history-to" value={filter.toDate} onChange={(e) => setFilter({ toDate: e.target.value })} />
        </label>
        <span className="unit">UTC days</span>
        {filtered && (
          <button className="ghost" data-testid="history-clear" onClick={() => setFilter({ symbol: '', fromDate: '', toDate: '' })}>
            Clear
          </button>
        )}
        <span className="spacer" />
        <button data-testid="history-export" disabled={exporting} onClick={() => void onExport()} title="The ledger's fills and funding payments for this filter (docs/EXPORT.md)">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {error !== null && (
        <div className="history-error error" role="alert" data-testid="history-error">
          {error}
        </div>
      )}
      {totals !== null && rows.length > 0 ? (
        <div className={`table-wrap${selectedPairSeq !== null ? ' with-detail' : ''}`}>
          <HistoryTable rows={rows} totals={totals} selected={selectedPairSeq} onSelect={select} />
          {next !== null && (
            <div className="more">
              <button className="ghost" data-testid="history-more" disabled={loading} onClick={() => void load(next)}>
                Load more ({totals.pairCount - rows.length} more)
              </button>
            </div>
          )}
        </div>
      ) : (
        error === null && (
          <div className="empty" data-testid="history-empty">
            {loading && totals === null ? 'Loading…' : filtered ? 'No closed pairs match this filter.' : 'No closed pairs yet. A pair appears here once it is closed or rolled back; the ledger export still holds every fill and funding payment.'}
          </div>
        )
      )}
      {selectedPairSeq !== null && <PairDetail key={selectedPairSeq} pairSeq={selectedPairSeq} onClose={() => select(null)} />}
    </div>
  );
}
