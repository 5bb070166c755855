import { memo, useEffect, useMemo, useRef } from 'react';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { filterRows, sortRows, useScreenerStore, type SortKey } from '../store/ui-screener';
import { apyPct, bps, compactUsd, countdown, hourlyPct, hours, signClass, sinceTime, usd } from '../format/numbers';
import { useNow } from '../components/use-now';
import { SymbolDetail } from './SymbolDetail';
import { useControlsStore } from '../store/ui-controls';

interface Column {
  readonly key: SortKey | null;
  readonly label: string;
  readonly title: string;
  readonly align: 'left' | 'right';
}

const COLUMNS: readonly Column[] = [
  { key: 'symbol', label: 'Symbol', title: 'Base asset', align: 'left' },
  { key: null, label: 'Long / Short', title: 'Long venue / short venue of the better direction', align: 'left' },
  { key: 'lighterHourlyRate', label: 'Lighter %/h', title: 'Lighter predicted funding, percent per hour (settled below)', align: 'right' },
  { key: 'extendedHourlyRate', label: 'Extended %/h', title: 'Extended predicted funding, percent per hour (settled below)', align: 'right' },
  { key: 'netApy', label: 'Net APY %', title: 'Net carry of the pair, annualised (hourly × 8 760)', align: 'right' },
  { key: null, label: 'Funding in', title: 'Time to the next settlement on Lighter / Extended', align: 'right' },
  { key: 'entryCostBps', label: 'Entry bps', title: 'Entry cost: fees plus cross-venue spread and slippage at the default size', align: 'right' },
  { key: 'expectedValueUsd', label: 'EV $', title: 'Expected value over the hold horizon at the default size', align: 'right' },
  { key: 'breakevenHours', label: 'B/E h', title: 'Hours of carry to pay back entry and exit costs', align: 'right' },
  { key: 'capacityUsd', label: 'Capacity', title: 'Largest notional within the slippage budget on both books', align: 'right' },
  { key: 'spreadOpenHours', label: 'Open h', title: 'Hours the spread has stayed above the APY threshold; z-score of now vs history', align: 'right' },
  { key: 'status', label: 'Status', title: 'Passes all gates, or the first gate that rejects', align: 'left' },
];

/** The venue's rate, or — while the adapter refuses its funding as implausible — when that began
 *  (the rate held is then only the last good one and is not shown as if current). */
function Rate({ rate, settled, rejectedSinceMs, rejectedReason, nowMs, testId }: { rate: number | null; settled: number | null; rejectedSinceMs: number | null; rejectedReason: string | null; nowMs: number; testId: string }): React.JSX.Element {
  if (rejectedSinceMs !== null) {
    return (
      <td className="num rejected" data-testid={testId} title={rejectedReason ?? ''}>
        funding rejected since {sinceTime(rejectedSinceMs, nowMs)}
      </td>
    );
  }
  return (
    <td className="num" data-testid={testId}>
      <div className={signClass(rate)}>{hourlyPct(rate)}</div>
      <div className="sub">{hourlyPct(settled)}</div>
    </td>
  );
}

const Row = memo(function Row({ row, selected, nowSec, onOpen }: { row: ScreenerRow; selected: boolean; nowSec: number; onOpen: (s: string) => void }): React.JSX.Element {
  const now = nowSec * 1000;
  return (
    <tr className={`${selected ? 'selected' : ''} ${row.passed ? 'passing' : ''}`} data-testid={`row-${row.symbol}`} aria-selected={selected} onClick={() => onOpen(row.symbol)}>
      <td className="sym">{row.symbol}</td>
      <td className="venues">
        <span className="long">{row.longVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
        <span className="muted"> / </span>
        <span className="short">{row.shortVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
      </td>
      <Rate rate={row.lighterHourlyRate} settled={row.lighterSettledHourlyRate} rejectedSinceMs={row.lighterFundingRejectedSinceMs} rejectedReason={row.lighterFundingRejectedReason} nowMs={now} testId={`rate-lighter-${row.symbol}`} />
      <Rate rate={row.extendedHourlyRate} settled={row.extendedSettledHourlyRate} rejectedSinceMs={row.extendedFundingRejectedSinceMs} rejectedReason={row.extendedFundingRejectedReason} nowMs={now} testId={`rate-extended-${row.symbol}`} />
      <td className={`num strong ${signClass(row.netApy)}`}>{apyPct(row.netApy)}</td>
      <td className="num">
        <div>{countdown(row.lighterNextFundingMs, now)}</div>
        <div className="sub">{countdown(row.extendedNextFundingMs, now)}</div>
      </td>
      <td className="num">{bps(row.entryCostBps)}</td>
      <td className={`num ${signClass(row.expectedValueUsd)}`} data-testid={`ev-${row.symbol}`}>{usd(row.expectedValueUsd)}</td>
      <td className="num">{hours(row.breakevenHours)}</td>
      <td className="num" data-testid={`capacity-${row.symbol}`}>{compactUsd(row.capacityUsd)}</td>
      <td className="num">
        <div>{row.spreadOpenHours}</div>
        <div className="sub">z {row.stabilityZ.toFixed(1)}</div>
      </td>
      <td className="status" data-testid={`status-${row.symbol}`}>
        {row.passed ? <span className="chip pass">PASS</span> : <span className="chip reject" title={row.rejectReason ?? ''}>{row.rejectGate}</span>}
        {!row.passed && <span className="reason">{row.rejectReason}</span>}
      </td>
    </tr>
  );
});

export function ScreenerScreen(): React.JSX.Element {
  const { rows, sortKey, sortDir, filter, selected, detailOpen, setSort, setFilter, select, openDetail } = useScreenerStore();
  const nowSec = Math.floor(useNow(1000) / 1000);
  const filterRef = useRef<HTMLInputElement>(null);
  const visible = useMemo(() => sortRows(filterRows(Object.values(rows), filter), sortKey, sortDir), [rows, filter, sortKey, sortDir]);
  const passing = useMemo(() => Object.values(rows).filter((r) => r.passed).length, [rows]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const typing = e.target instanceof HTMLInputElement;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        filterRef.current?.focus();
        return;
      }
      if (typing && e.key !== 'Escape') return;
      if (e.key === 'Escape') {
        if (detailOpen) openDetail(false);
        else (e.target as HTMLElement).blur?.();
        return;
      }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const i = visible.findIndex((r) => r.symbol === selected);
        const next = visible[Math.min(visible.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
        if (next !== undefined) select(next.symbol);
      } else if (e.key === 'Enter' && selected !== null && !(e.target instanceof HTMLButtonElement)) {
        openDetail(true);
      } else if (e.key === 'o' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        // Open pair…: the preview dialog for the selected row's better direction.
        const row = visible.find((r) => r.symbol === selected);
        // Not typed into the dialog's notional field, which takes the focus as it opens.
        e.preventDefault();
        if (row !== undefined) useControlsStore.getState().showOpenPair({ symbol: row.symbol, longVenue: row.longVenue, shortVenue: row.shortVenue });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, selected, detailOpen, select, openDetail]);

  return (
    <div className="screener">
      <div className="toolbar">
        <input ref={filterRef} data-testid="screener-filter" placeholder="Filter symbols  ( / )" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} aria-label="Filter symbols" />
        <label className="toggle">
          <input type="checkbox" data-testid="passing-only" checked={filter.passingOnly} onChange={(e) => setFilter({ passingOnly: e.target.checked })} />
          Passing only
        </label>
        <span className="spacer" />
        <span className="muted" data-testid="screener-count">
          {visible.length} of {Object.keys(rows).length} symbols · <span className="pos">{passing} passing</span>
        </span>
      </div>
      <div className={`table-wrap ${detailOpen ? 'with-detail' : ''}`}>
        <table className="grid" data-testid="screener-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  title={c.title}
                  className={`${c.align} ${c.key !== null ? 'sortable' : ''} ${c.key === sortKey ? 'sorted' : ''}`}
                  tabIndex={c.key === null ? -1 : 0}
                  data-testid={c.key === null ? undefined : `sort-${c.key}`}
                  aria-sort={c.key === sortKey ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}
                  onClick={() => c.key !== null && setSort(c.key)}
                  onKeyDown={(e) => {
                    if (c.key !== null && (e.key === 'Enter' || e.key === ' ')) {
                      e.preventDefault();
                      e.stopPropagation();
                      setSort(c.key);
                    }
                  }}
                >
                  {c.label}
                  {c.key === sortKey ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <Row
                key={r.symbol}
                row={r}
                selected={r.symbol === selected}
                nowSec={nowSec}
                onOpen={(s) => {
                  select(s);
                  openDetail(true);
                }}
              />
            ))}
          </tbody>
        </table>
        {Object.keys(rows).length === 0 && <div className="empty">Waiting for market data…</div>}
      </div>
      {detailOpen && selected !== null && <SymbolDetail symbol={selected} onClose={() => openDetail(false)} />}
    </div>
  );
}
