// The closed pairs table: one row per pair with its exact PnL split and hold time, and the totals
// of every pair the filter matches (the core's sums, not only the rows loaded) in the footer.
import type { HistoryRow, HistoryTotals } from '../../../src-core/api/channels/history';
import { exactSignClass, exactUsd, holdTime } from '../format/exact-usd';

function Money({ value, testId, paid = false }: { value: string; testId: string; paid?: boolean }): React.JSX.Element {
  // Paid funding and fees are costs: shown as amounts, coloured as costs when not zero.
  const cls = paid ? (exactSignClass(value) === 'zero' ? 'zero' : 'neg') : exactSignClass(value);
  return (
    <td className={`num ${cls}`} data-testid={testId} data-value={value} title={`${value} USD`}>
      {exactUsd(value)}
    </td>
  );
}

const when = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function HistoryTable({ rows, totals, selected, onSelect }: { rows: readonly HistoryRow[]; totals: HistoryTotals; selected: number | null; onSelect(pairSeq: number): void }): React.JSX.Element {
  return (
    <table className="grid history-table" data-testid="history-table">
      <thead>
        <tr>
          <th className="right">#</th>
          <th className="left">Symbol</th>
          <th className="left">Long / short</th>
          <th className="left">State</th>
          <th className="left">Closed (UTC)</th>
          <th className="right">Held</th>
          <th className="right">Price PnL</th>
          <th className="right">Funding in</th>
          <th className="right">Funding out</th>
          <th className="right">Fees</th>
          <th className="right">Net</th>
          <th className="left">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.pairSeq}
            data-testid={`history-row-${r.pairSeq}`}
            className={`clickable${selected === r.pairSeq ? ' selected' : ''}`}
            onClick={() => onSelect(r.pairSeq)}
            tabIndex={0}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(r.pairSeq)}
            title="Open the pair's detail"
          >
            <td className="num muted">{r.pairSeq}</td>
            <td className="sym">{r.symbol}</td>
            <td className="venues">
              <span className="long">{r.longVenue}</span> / <span className="short">{r.shortVenue}</span>
            </td>
            <td className={`pair-state ${r.state}`}>{r.state}</td>
            <td className="mono">{when(r.closedAtMs)}</td>
            <td className="num" data-testid="hold">{holdTime(r.holdMs)}</td>
            <Money value={r.pnl.realizedPnlUsd} testId="realized" />
            <Money value={r.pnl.fundingReceivedUsd} testId="funding-received" />
            <Money value={r.pnl.fundingPaidUsd} testId="funding-paid" paid />
            <Money value={r.pnl.feesUsd} testId="fees" paid />
            <Money value={r.pnl.netUsd} testId="net" />
            <td className="small muted reason">{r.closeReason ?? ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="history-totals">
          <td colSpan={6} className="strong">
            Total · {totals.pairCount} {totals.pairCount === 1 ? 'pair' : 'pairs'}
          </td>
          <Money value={totals.realizedPnlUsd} testId="total-realized" />
          <Money value={totals.fundingReceivedUsd} testId="total-funding-received" />
          <Money value={totals.fundingPaidUsd} testId="total-funding-paid" paid />
          <Money value={totals.feesUsd} testId="total-fees" paid />
          <Money value={totals.netUsd} testId="total-net" />
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
