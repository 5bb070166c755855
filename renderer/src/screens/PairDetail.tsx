// Pair detail: both legs with their orders and fills (pairs.detail), the pair's timeline, the
// funding attribution per settlement (pairs.funding), the PnL split over time, the exit-rule table
// (pairs.exits, only while the pair is judged) and the per-pair buttons. Also opened from History
// for a closed pair (props: pairSeq, onClose). Re-read on every event of this pair, and the exit
// table every two seconds (its values move with the books).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QueryOutput } from '../../../src-core/api/contract';
import { useApi } from '../api/context';
import { PairActions } from '../positions/PairActions';
import { PnlChart } from '../positions/PnlChart';
import { pairTimeline, pnlSeries, type PairDetailData } from '../positions/pair-history';
import { baseSize, money, moneyClass, percent, price, signedMoney } from '../format/money';
import { usePositionsStore } from '../store/ui-positions';
import '../positions/positions.css';

type Funding = QueryOutput<'pairs.funding'>;
type Exits = QueryOutput<'pairs.exits'>;

const EXIT_REFRESH_MS = 2_000;

function utc(ms: number | null): string {
  if (ms === null) return '—';
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

function rate(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(4)} %/h`;
}

function ruleValue(v: number | null, unit: string): string {
  if (v === null) return '—';
  switch (unit) {
    case 'apy': return `${(v * 100).toFixed(1)} % APY`;
    case 'apy/hour': return `${(v * 100).toFixed(2)} % APY/h`;
    case 'hourlyRate': return rate(v);
    case 'usd': return money(v);
    case 'hours': return `${v.toFixed(1)} h`;
    case 'fraction': return percent(v, 2);
    case 'sigma': return `${v.toFixed(2)} σ`;
    default: return v.toFixed(4);
  }
}

function Legs({ d }: { d: PairDetailData }): React.JSX.Element {
  const asset = d.pair.symbol;
  return (
    <div className="legs" data-testid="pair-legs">
      {d.legs.map((l) => {
        const orders = d.orders.filter((o) => o.leg === l.leg);
        const fills = d.fills.filter((f) => f.leg === l.leg);
        return (
          <section key={l.leg} className="leg-card" data-testid={`leg-${l.positionSide}`}>
            <h3><span className={l.positionSide === 'long' ? 'pos' : 'neg'}>{l.positionSide.toUpperCase()}</span> {l.venue}</h3>
            <div className="kv">
              <span>open size</span><b className="num">{baseSize(l.positionSize, asset)}</b>
              <span>avg entry</span><b className="num">{price(l.avgEntryPrice)}</b>
              <span>cost basis</span><b className="num">{money(l.costBasisUsd)}</b>
              <span>realized / fees</span><b className="num">{signedMoney(l.pnl.realizedPnlUsd, 4)} / {money(l.pnl.feesUsd, 4)}</b>
              <span>funding</span><b className="num">{signedMoney(Number(l.pnl.fundingReceivedUsd) - Number(l.pnl.fundingPaidUsd), 4)}</b>
            </div>
            <table className="grid compact" data-testid={`orders-${l.positionSide}`}>
              <thead><tr><th className="left">Order</th><th className="left">Side</th><th className="right">Size</th><th className="right">Price</th><th className="left">State</th><th className="right">Filled</th></tr></thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.intentId} data-testid="order-row">
                    <td title={`client id ${o.clientOrderId}`}>{o.purpose} {o.tif}{o.reduceOnly ? ' RO' : ''}</td>
                    <td>{o.side}</td>
                    <td className="num">{baseSize(o.size, asset)}</td>
                    <td className="num">{price(o.price)}</td>
                    <td title={o.rejectReason ?? o.endReason ?? ''}>{o.state}</td>
                    <td className="num">{o.filledSize}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="grid compact" data-testid={`fills-${l.positionSide}`}>
              <thead><tr><th className="left">Fill</th><th className="left">Side</th><th className="right">Size</th><th className="right">Price</th><th className="right">Fee</th></tr></thead>
              <tbody>
                {fills.length === 0 && <tr><td colSpan={5} className="muted">no fills</td></tr>}
                {fills.map((f) => (
                  <tr key={f.venueFillId} data-testid="fill-row">
                    <td>{utc(f.timeMs).slice(11)}</td>
                    <td>{f.side} {f.isMaker ? 'maker' : 'taker'}</td>
                    <td className="num">{baseSize(f.size, asset)}</td>
                    <td className="num">{price(f.price)}</td>
                    <td className="num">{money(f.feeUsd, 4)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

function Attribution({ f }: { f: Funding }): React.JSX.Element {
  return (
    <section data-testid="funding-attribution">
      <h3>Funding attribution <span className="muted small">realized {signedMoney(f.realizedCarryUsd, 4)} · promised {signedMoney(f.promisedCarryUsd, 4)} · ratio {f.realizedToPromisedRatio === null ? '—' : f.realizedToPromisedRatio.toFixed(2)}</span></h3>
      <table className="grid compact">
        <thead><tr><th className="left">Settlement</th><th className="left">Venue</th><th className="right">Size</th><th className="right">Entry rate</th><th className="right">Predicted (first / last)</th><th className="right">Settled</th><th className="right">Paid</th><th className="right">Expected at entry</th><th className="right">Difference</th></tr></thead>
        <tbody>
          {f.rows.length === 0 && <tr><td colSpan={9} className="muted">no settlement yet</td></tr>}
          {f.rows.map((r) => (
            <tr key={`${r.venue}:${r.settlementTimeMs}`} data-testid="attribution-row">
              <td>{utc(r.settlementTimeMs)}</td>
              <td>{r.venue} {r.positionSide}</td>
              <td className="num">{r.positionSize}</td>
              <td className="num">{rate(r.entryHourlyRate)}</td>
              <td className="num">{rate(r.hourBeforeHourlyRate)} / {rate(r.lastPredictedHourlyRate)}</td>
              <td className="num">{rate(r.settledHourlyRate)}</td>
              <td className={`num ${moneyClass(r.paymentUsd, 4)}`}>{signedMoney(r.paymentUsd, 4)}</td>
              <td className="num">{signedMoney(r.expectedAtEntryUsd, 4)}</td>
              <td className={`num ${moneyClass(r.differenceVsEntryUsd, 4)}`}>{signedMoney(r.differenceVsEntryUsd, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ExitRules({ exits, why }: { exits: Exits | null; why: string | null }): React.JSX.Element {
  return (
    <section data-testid="exit-rules">
      <h3>Exit rules {exits !== null && <span className="muted small">decision: {exits.decision.rule === null ? 'hold' : `${exits.decision.rule} (${exits.decision.urgency})`} — {exits.decision.why}</span>}</h3>
      {exits === null ? (
        <div className="muted small">{why ?? 'loading…'}</div>
      ) : (
        <table className="grid compact">
          <thead><tr><th className="left">Rule</th><th className="left">Effect</th><th className="right">Observed</th><th className="right">Threshold</th><th className="left">Why</th></tr></thead>
          <tbody>
            {exits.rules.map((r) => (
              <tr key={r.rule} className={r.fired ? 'fired' : ''} data-testid={`exit-rule-${r.rule}`}>
                <td>{r.rule}</td>
                <td><span className="muted">{r.effect}</span> {r.fired && <span className="chip reject">fired</span>}</td>
                <td className="num">{ruleValue(r.observed, r.unit)}</td>
                <td className="num">{ruleValue(r.threshold, r.unit)}</td>
                <td className="muted">{r.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PairDetail({ pairSeq, onClose }: { pairSeq: number; onClose: () => void }): React.JSX.Element {
  const api = useApi();
  const [detail, setDetail] = useState<PairDetailData | null>(null);
  const [funding, setFunding] = useState<Funding | null>(null);
  const [exits, setExits] = useState<Exits | null>(null);
  const [exitsWhy, setExitsWhy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The held pair's price PnL at the mark, from the Positions overview (null for a closed pair).
  const row = usePositionsStore((s) => s.overview?.rows.find((r) => r.pairSeq === pairSeq) ?? null);
  const computedAtMs = usePositionsStore((s) => s.overview?.computedAtMs ?? null);

  const loadLedger = useCallback(() => {
    void api.query('pairs.detail', { pairSeq }).then((r) => (r.ok ? (setDetail(r.value), setError(null)) : setError(`${r.error.code}: ${r.error.message}`)));
    void api.query('pairs.funding', { pairSeq }).then((r) => r.ok && setFunding(r.value));
  }, [api, pairSeq]);
  const loadExits = useCallback(() => {
    void api.query('pairs.exits', { pairSeq }).then((r) => {
      if (r.ok) {
        setExits(r.value);
        setExitsWhy(null);
      } else {
        setExits(null);
        setExitsWhy(`not judged: ${r.error.message}`);
      }
    });
  }, [api, pairSeq]);

  useEffect(() => {
    loadLedger();
    loadExits();
    const mine = (p: { pairSeq: number }) => p.pairSeq === pairSeq && loadLedger();
    const offs = [api.on('pairs.update', mine), api.on('fills.new', mine), api.on('orders.update', mine)];
    const t = setInterval(loadExits, EXIT_REFRESH_MS);
    return () => {
      offs.forEach((off) => off());
      clearInterval(t);
    };
  }, [api, pairSeq, loadLedger, loadExits]);

  // Funding arrives without a pairs.update: the overview's figure moving is the cue to re-read.
  const rowFunding = row?.fundingUsd ?? null;
  useEffect(() => {
    if (rowFunding !== null) loadLedger();
  }, [rowFunding, loadLedger]);

  const timeline = useMemo(() => (detail === null ? [] : pairTimeline(detail)), [detail]);
  const points = useMemo(
    () => (detail === null ? [] : pnlSeries(detail, row === null || computedAtMs === null ? null : { atMs: computedAtMs, pricePnlUsd: row.pricePnlUsd })),
    [detail, row, computedAtMs],
  );

  const p = detail?.pair;
  return (
    <aside className="detail pair-detail" data-testid="pair-detail" aria-label={`pair ${pairSeq} details`}>
      <header>
        <h2>{p === undefined ? `Pair #${pairSeq}` : `${p.symbol} #${p.pairSeq}`}</h2>
        {p !== undefined && (
          <span className="muted" data-testid="pair-detail-summary">
            <span className={`chip state-chip ${p.state}`}>{p.state}</span> long {p.longVenue} · short {p.shortVenue} · target {baseSize(p.targetSize, p.symbol)} · net (ledger) <span className={moneyClass(p.pnl.netUsd, 4)}>{signedMoney(p.pnl.netUsd, 4)}</span>
          </span>
        )}
        <span className="spacer" />
        {p !== undefined && <PairActions pairSeq={p.pairSeq} symbol={p.symbol} state={p.state} />}
        <button className="ghost" onClick={onClose} data-testid="pair-detail-close" aria-label="Close pair details (Esc)">✕</button>
      </header>
      {error !== null && <div className="error">{error}</div>}
      {detail !== null && (
        <>
          <Legs d={detail} />
          <div className="detail-cols">
            <section data-testid="pnl-section">
              <h3>PnL over time <span className="muted small">price (fills at average cost{row !== null ? ', now at the mark' : ''}), funding, fees</span></h3>
              <PnlChart points={points} />
            </section>
            <section data-testid="pair-timeline">
              <h3>Timeline</h3>
              <ol className="timeline">
                {timeline.map((e, i) => (
                  <li key={i} className={`tl-${e.kind}`} data-testid={`timeline-${e.kind}`}>
                    <span className="mono small muted">{utc(e.atMs).slice(5, 19)}</span>
                    {e.venue !== null && <span className="tl-venue">{e.venue}</span>}
                    <span>{e.text}</span>
                    {e.amountUsd !== null && <span className={`num ${e.kind === 'fill' ? 'zero' : moneyClass(e.amountUsd, 4)}`}>{e.kind === 'fill' ? `fee ${money(e.amountUsd, 4)}` : signedMoney(e.amountUsd, 4)}</span>}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          {funding !== null && <Attribution f={funding} />}
          <ExitRules exits={exits} why={exitsWhy} />
        </>
      )}
    </aside>
  );
}
