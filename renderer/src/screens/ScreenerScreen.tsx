import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { heldView, RESORT_INTERVAL_MS, useScreenerStore } from '../store/ui-screener';
import { useAppStore } from '../store/app-store';
import { nextIndex, pageSizeOf } from '../components/table-keys';
import { useNow } from '../components/use-now';
import { SymbolDetail } from './SymbolDetail';
import { COLUMNS } from './screener-columns';
import { ScreenerRow } from './ScreenerRow';
import { LiveWindow } from './screener-window';
import { useLiveRange } from './use-live-range';
import './screener-ux.css';
import './screener-table.css';
import { useControlsStore } from '../store/ui-controls';

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
  // Every row is in the DOM, but only those in the scroll viewport (the live window) are handed
  // each update; the others redraw about once a second (screener-window.ts).
  const range = useLiveRange(wrapRef, visible.length);
  const [liveWindow] = useState(() => new LiveWindow());
  const shown = useMemo(() => liveWindow.pick(visible, range, nowSec, Date.now()), [liveWindow, visible, range, nowSec]);

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
        <table className="grid screener-grid" data-testid="screener-table">
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.label} style={c.widthPx === null ? undefined : { width: c.widthPx }} />
            ))}
          </colgroup>
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
            {shown.map((r) => (
              <ScreenerRow key={r.row.symbol} row={r.row} live={r.live} selected={r.row.symbol === selected} nowSec={r.nowSec} holdHours={holdHours} onOpen={openRow} />
            ))}
          </tbody>
        </table>
        {Object.keys(rows).length === 0 && <div className="empty">Waiting for market data…</div>}
      </div>
      {detailOpen && selected !== null && <SymbolDetail symbol={selected} onClose={() => openDetail(false)} />}
    </div>
  );
}
