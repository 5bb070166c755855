import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { heldView, RESORT_INTERVAL_MS, useScreenerStore, type SortKey } from '../store/ui-screener';
import { apyPct, bps, breakeven, compactUsd, countdown, hourlyPct, signClass, sinceTime, usd } from '../format/numbers';
import { useAppStore } from '../store/app-store';
import { FlashTd } from '../components/FlashTd';
import { nextIndex, pageSizeOf } from '../components/table-keys';
import { useNow } from '../components/use-now';
import { SymbolDetail } from './SymbolDetail';
import './screener-ux.css';
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
  { key: 'breakevenHours', label: 'B/E', title: 'Hours of carry to pay back entry and exit costs; "never" when that is later than the hold', align: 'right' },
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

const Row = memo(function Row({ row, selected, nowSec, holdHours, onOpen }: { row: ScreenerRow; selected: boolean; nowSec: number; holdHours: number | null; onOpen: (s: string) => void }): React.JSX.Element {
  const now = nowSec * 1000;
  const be = breakeven(row.breakevenHours, holdHours);
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
      <FlashTd className={`num strong ${signClass(row.netApy)}`} text={apyPct(row.netApy)} />
      <td className="num">
        <div>{countdown(row.lighterNextFundingMs, now)}</div>
        <div className="sub">{countdown(row.extendedNextFundingMs, now)}</div>
      </td>
      <FlashTd className="num" testId={`entry-cost-${row.symbol}`} text={bps(row.entryCostBps)} />
      <FlashTd className={`num ${signClass(row.expectedValueUsd)}`} testId={`ev-${row.symbol}`} text={usd(row.expectedValueUsd)} />
      <FlashTd className="num" testId={`breakeven-${row.symbol}`} text={be.text} title={be.title} />
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
  const { rows, order, sortKey, sortDir, filter, selected, detailOpen, setSort, setFilter, select, openDetail, resort } = useScreenerStore();
  // One callback for every row across renders: a new inline function each render defeated the
  // rows' memo, so every row re-rendered on every screener update, changed or not.
  const openRow = useCallback((s: string) => {
    select(s);
    openDetail(true);
  }, [select, openDetail]);
  const holdHours = useAppStore((s) => s.settings?.screener.holdHours ?? null);
  const nowSec = Math.floor(useNow(1000) / 1000);
  const filterRef = useRef<HTMLInputElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState(false);
  const visible = useMemo(() => heldView(rows, order, filter, sortKey, sortDir), [rows, order, filter, sortKey, sortDir]);
  const passing = useMemo(() => Object.values(rows).filter((r) => r.passed).length, [rows]);
  const held = hovered || selected !== null;

  // Re-sort by itself only while the trader is not pointing at or holding a row.
  useEffect(() => {
    if (held) return;
    const t = setInterval(resort, RESORT_INTERVAL_MS);
    return () => clearInterval(t);
  }, [held, resort]);

  // The selected row stays in view, whether moved to by key or left behind by a re-sort.
  useEffect(() => {
    if (selected === null) return;
    wrapRef.current?.querySelector(`[data-testid="row-${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, order]);

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
        else if (typing) (e.target as HTMLElement).blur();
        else select(null);
        return;
      }
      const i = nextIndex(e.key, visible.findIndex((r) => r.symbol === selected), visible.length, pageSizeOf(wrapRef.current));
      if (i !== null) {
        e.preventDefault();
        const next = visible[i];
        if (next !== undefined) select(next.symbol);
      } else if ((e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        resort();
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
  }, [visible, selected, detailOpen, select, openDetail, resort]);

  return (
    <div className="screener">
      <div className="toolbar">
        <input ref={filterRef} data-testid="screener-filter" placeholder="Filter symbols  ( / )" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} aria-label="Filter symbols" />
        <label className="toggle">
          <input type="checkbox" data-testid="passing-only" checked={filter.passingOnly} onChange={(e) => setFilter({ passingOnly: e.target.checked })} />
          Passing only
        </label>
        <span className="spacer" />
        <span className="muted" data-testid="order-held" data-held={held}>
          {held ? (selected !== null ? 'order held while a row is selected (Esc releases)' : 'order held under the pointer') : `re-sorts every ${RESORT_INTERVAL_MS / 1000} s`}
        </span>
        <button className="ghost" data-testid="resort" onClick={resort} title="Sort the rows now (R)">
          Re-sort
        </button>
        <span className="muted" data-testid="screener-count">
          {visible.length} of {Object.keys(rows).length} symbols · <span className="pos">{passing} passing</span>
        </span>
      </div>
      <div ref={wrapRef} className={`table-wrap ${detailOpen ? 'with-detail' : ''}`}>
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
          <tbody onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
            {visible.map((r) => (
              <Row
                key={r.symbol}
                row={r}
                selected={r.symbol === selected}
                nowSec={nowSec}
                holdHours={holdHours}
                onOpen={openRow}
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
