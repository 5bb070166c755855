// Positions (nav 2): the account totals on top, one row per held pair below (from the core's
// positions.overview, then each positions.update), and the pair detail of the selected row.
// Money from the ledger is shown as the exact figure rounded for display; figures valued at the
// mark are estimates and say so in their column titles. Unknown is "—", never a zero.
import { memo, useEffect } from 'react';
import type { PositionRow, PositionsOverview } from '../../../src-core/api/channels/positions';
import { useApi } from '../api/context';
import { useNow } from '../components/use-now';
import { baseSize, breakEvenText, hoursText, liquidationText, money, moneyClass, percent, price, signedMoney, untilText } from '../format/money';
import { usePositionsStore } from '../store/ui-positions';
import { PairDetail } from './PairDetail';
import { ReconcileQueue } from './ReconcileQueue';
import '../positions/positions.css';

const VENUE_SHORT = { lighter: 'LGT', extended: 'EXT' } as const;

function apy(v: number | null): string {
  return percent(v, 1);
}

function Totals({ o }: { o: PositionsOverview }): React.JSX.Element {
  const t = o.totals;
  return (
    <div className="totals" data-testid="positions-totals">
      {t.venues.map((v) => (
        <div key={v.venue} className="total" data-testid={`equity-${v.venue}`}>
          <span className="label">{v.venue} equity</span>
          <b className="num">{money(v.equityUsd)}</b>
          <span className="sub">free {money(v.freeMarginUsd)} · exposure {money(v.exposureUsd)}</span>
        </div>
      ))}
      <div className="total" data-testid="total-equity"><span className="label">equity</span><b className="num">{money(t.equityUsd)}</b><span className="sub">both venues</span></div>
      <div className="total" data-testid="total-free-margin"><span className="label">free margin</span><b className="num">{money(t.freeMarginUsd)}</b><span className="sub">both venues</span></div>
      <div className="total" data-testid="total-exposure"><span className="label">exposure</span><b className="num">{money(t.exposureUsd)}</b><span className="sub">all legs at mark</span></div>
      <div className="total" data-testid="funding-today"><span className="label">funding today</span><b className={`num ${moneyClass(t.fundingTodayUsd, 4)}`}>{signedMoney(t.fundingTodayUsd, 4)}</b><span className="sub">since 00:00 UTC</span></div>
    </div>
  );
}

const COLUMNS: readonly { label: string; title: string; right?: boolean }[] = [
  { label: 'Pair', title: 'Symbol, pair number and state' },
  { label: 'Long / Short', title: 'Long venue / short venue' },
  { label: 'Size', title: 'Open size of each leg (ledger) and its notional at the mark (estimate)', right: true },
  { label: 'Delta', title: 'Long + short live venue positions, in base and USD at the mark; — when a venue position is unknown', right: true },
  { label: 'Entry L / S', title: 'Average entry price per leg (ledger)', right: true },
  { label: 'Mark L / S', title: 'Mark price per leg', right: true },
  { label: 'Price PnL', title: 'Realized plus unrealized price PnL at the marks (estimate)', right: true },
  { label: 'Funding', title: 'Funding received minus paid (ledger, exact)', right: true },
  { label: 'Fees', title: 'Trading fees paid (ledger, exact)', right: true },
  { label: 'Net PnL', title: 'Price PnL + funding − fees (estimate at the marks); ledger net below', right: true },
  { label: 'Held', title: 'Hours since both legs were open', right: true },
  { label: 'Break-even', title: 'Share of the fees paid so far that funding has paid back, and the hours left at the current carry', right: true },
  { label: 'APY now / entry', title: 'Net funding APY now (predicted rates) vs at entry', right: true },
  { label: 'Next funding', title: 'Time to the next settlement on the core\'s clock', right: true },
  { label: 'Liq. L / S', title: 'How far the mark may move against each leg before its liquidation price; — when the venue gives none', right: true },
  { label: 'Nearest exit', title: 'The exit rule that fired, or the one closest to its threshold' },
];

function exitText(r: PositionRow): { main: string; sub: string; fired: boolean } {
  const e = r.nearestExit;
  if (e === null) return { main: '—', sub: r.state === 'open' || r.state === 'broken' ? 'no market data yet' : 'not judged', fired: false };
  // The full why is the cell's tooltip; the cell says only how close the rule is.
  return { main: e.rule, sub: e.fired ? (e.held ? 'fired · held by min-hold' : 'fired') : `${percent(e.distanceFraction, 0)} from threshold`, fired: e.fired };
}

const Row = memo(function Row({ r, selected, nowMs, onOpen }: { r: PositionRow; selected: boolean; nowMs: number; onOpen: (seq: number) => void }): React.JSX.Element {
  const be = breakEvenText(r.breakEven);
  const ex = exitText(r);
  const heldNow = r.openedAtMs === null ? null : Math.max(0, nowMs - r.openedAtMs) / 3_600_000;
  return (
    <tr className={selected ? 'selected' : ''} data-testid={`position-${r.pairSeq}`} aria-selected={selected} onClick={() => onOpen(r.pairSeq)}>
      <td className="sym">{r.symbol} <span className="muted">#{r.pairSeq}</span><div><span className={`chip state-chip ${r.state}`}>{r.state}</span></div></td>
      <td className="venues"><span className="long">{VENUE_SHORT[r.longVenue]}</span><span className="muted"> / </span><span className="short">{VENUE_SHORT[r.shortVenue]}</span></td>
      <td className="num" data-testid="cell-size"><div>{baseSize(r.sizeBase, r.symbol)}</div><div className="sub">{money(r.sizeUsd)}</div></td>
      <td className={`num ${r.deltaBase !== null && Number(r.deltaBase) !== 0 ? 'warn' : ''}`} data-testid="cell-delta"><div>{r.deltaBase === null ? 'unknown' : baseSize(r.deltaBase, r.symbol)}</div><div className="sub">{money(r.deltaUsd)}</div></td>
      <td className="num"><div>{price(r.long.entryPrice)}</div><div className="sub">{price(r.short.entryPrice)}</div></td>
      <td className="num"><div>{price(r.long.markPrice)}</div><div className="sub">{price(r.short.markPrice)}</div></td>
      <td className={`num ${moneyClass(r.pricePnlUsd)}`} data-testid="cell-price-pnl">{signedMoney(r.pricePnlUsd)}</td>
      <td className={`num ${moneyClass(r.fundingUsd, 4)}`} data-testid="cell-funding">{signedMoney(r.fundingUsd, 4)}</td>
      <td className="num" data-testid="cell-fees">{money(r.feesUsd, 4)}</td>
      <td className={`num strong ${moneyClass(r.netPnlUsd)}`} data-testid="cell-net"><div>{signedMoney(r.netPnlUsd)}</div><div className="sub">ledger {signedMoney(r.ledgerNetUsd, 4)}</div></td>
      <td className="num">{hoursText(heldNow)}</td>
      <td className="num" data-testid="cell-break-even"><div>{be.main}</div><div className="sub">{be.sub}</div></td>
      <td className="num"><div className={moneyClass(r.currentNetApy, 3)}>{apy(r.currentNetApy)}</div><div className="sub">{apy(r.entryNetApy)}</div></td>
      <td className="num" data-testid="cell-next-funding">{untilText(r.nextSettlementMs, nowMs)}</td>
      <td className="num"><div>{liquidationText(r.long.liquidationDistanceFraction)}</div><div className="sub">{liquidationText(r.short.liquidationDistanceFraction)}</div></td>
      <td className={ex.fired ? 'exit fired' : 'exit'} data-testid="cell-exit" title={r.nearestExit?.why ?? ''}><div>{ex.main}</div><div className="sub">{ex.sub}</div></td>
    </tr>
  );
});

export function PositionsScreen(): React.JSX.Element {
  const api = useApi();
  const { overview, coreOffsetMs, error, selected, detail, setOverview, setError, select, openDetail } = usePositionsStore();
  const nowMs = Math.floor((useNow(1000) + coreOffsetMs) / 1000) * 1000;

  useEffect(() => {
    void api.query('positions.overview').then((r) => (r.ok ? setOverview(r.value) : setError(`${r.error.code}: ${r.error.message}`)));
    return api.on('positions.update', setOverview);
  }, [api, setOverview, setError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement) return;
      const rows = overview?.rows ?? [];
      if (e.key === 'Escape' && detail !== null) openDetail(null);
      else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && rows.length > 0) {
        e.preventDefault();
        const i = rows.findIndex((r) => r.pairSeq === selected);
        const next = e.key === 'ArrowDown' ? Math.min(rows.length - 1, i + 1) : Math.max(0, i - 1);
        select(rows[next]!.pairSeq);
      } else if (e.key === 'Enter' && selected !== null) openDetail(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [overview, selected, detail, select, openDetail]);

  if (overview === null) return <div className="empty" data-testid="positions-loading">{error === null ? 'Loading positions…' : `Positions unavailable — ${error}`}</div>;
  const rows = overview.rows;
  return (
    <div className="positions" data-testid="positions">
      <ReconcileQueue />
      <Totals o={overview} />
      {rows.length === 0 ? (
        <div className="empty" data-testid="positions-empty">No open pairs. Open one from the Screener (1): select a passing row and use Open pair.</div>
      ) : (
        <div className={`table-wrap ${detail !== null ? 'with-detail' : ''}`}>
          <table className="grid positions-table" data-testid="positions-table">
            <thead><tr>{COLUMNS.map((c) => <th key={c.label} className={c.right === true ? 'right' : 'left'} title={c.title}>{c.label}</th>)}</tr></thead>
            <tbody>{rows.map((r) => <Row key={r.pairSeq} r={r} selected={selected === r.pairSeq} nowMs={nowMs} onOpen={openDetail} />)}</tbody>
          </table>
        </div>
      )}
      {detail !== null && <PairDetail key={detail} pairSeq={detail} onClose={() => openDetail(null)} />}
    </div>
  );
}
