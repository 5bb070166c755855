import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { useScreenerStore } from '../store/ui-screener';
import { useNow } from '../components/use-now';
import { FundingChart } from './FundingChart';
import { CostBreakdown } from './CostBreakdown';
import type { QueryOutput } from '../../../src-core/api/contract';
import { apyPct, bps, breakeven, hourlyPct, hours, usd } from '../format/numbers';
import { useAppStore } from '../store/app-store';
import { useControlsStore } from '../store/ui-controls';

type Explain = QueryOutput<'screener.explain'>;
type Direction = Explain['best'];

/** Which rate the expected value credited over the hold (strategy/ev-blend.ts), in words. */
function evRateText(d: Direction): string {
  switch (d.evRateSource) {
    case 'predicted':
      return 'the predicted rate over the whole hold';
    case 'decaying':
      return `the predicted rate for the next settlement, decaying toward the settled mean ${hourlyPct(d.evSettledMeanHourlyRate)} %/h`;
    case 'next-settlement-only':
      return 'the next settlement only (no settled history yet)';
  }
}

function formatGateValue(v: number | string | null, unit: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  switch (unit) {
    case 'apy':
      return `${apyPct(v)} %`;
    case 'usd':
      return usd(v);
    case 'fraction':
      return `${(v * 100).toFixed(3)} %`;
    case 'ms':
      return `${(v / 1000).toFixed(1)} s`;
    case 'hours':
      return `${hours(v)} h`;
    case 'minutes':
      return `${v.toFixed(0)} min`;
    case 'σ':
      return `${v.toFixed(1)} σ`;
    default:
      return `${Number.isInteger(v) ? v : v.toFixed(2)} ${unit}`;
  }
}

export function SymbolDetail({ symbol, onClose }: { symbol: string; onClose: () => void }): React.JSX.Element {
  const api = useApi();
  const [data, setData] = useState<Explain | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.query('screener.explain', { symbol }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setData(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    load();
    const t = setInterval(load, 2_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, symbol]);
  const d = data?.best;
  const row = useScreenerStore((s) => s.rows[symbol]);
  const holdHours = useAppStore((s) => s.settings?.screener.holdHours ?? null);
  const nowMs = useNow(10_000);
  return (
    <aside className="detail" data-testid="symbol-detail" aria-label={`${symbol} details`}>
      <header>
        <h2>{symbol}</h2>
        {d !== undefined && (
          <span className="muted">
            long {d.longVenue} · short {d.shortVenue} · net {apyPct(d.netApy)} % APY · EV {usd(d.expectedValueUsd)} · entry {bps(d.entryCostBps)} bps · B/E {breakeven(d.breakevenHours, holdHours).text}
          </span>
        )}
        <span className="spacer" />
        <button disabled={d === undefined} onClick={() => d !== undefined && useControlsStore.getState().showOpenPair({ symbol, longVenue: d.longVenue, shortVenue: d.shortVenue })} data-testid="open-pair-button" title="Preview and open this pair (o)">
          Open pair…
        </button>
        <button className="ghost" onClick={onClose} data-testid="detail-close" aria-label="Close details (Esc)">
          ✕
        </button>
      </header>
      {d !== undefined && (
        <p className="muted" data-testid="ev-rate-source" data-source={d.evRateSource}>
          EV rate {hourlyPct(d.evHourlyRate)} %/h: {evRateText(d)}
        </p>
      )}
      {error !== null && <div className="error">{error}</div>}
      {data !== null && <FundingChart history={data.history} row={row} nowMs={nowMs} />}
      {data?.costs != null && <CostBreakdown costs={data.costs} />}
      {d !== undefined && (
        <table className="gates" data-testid="gate-list">
          <thead>
            <tr>
              <th className="left">Gate</th>
              <th className="left">Result</th>
              <th className="right">Observed</th>
              <th className="right">Threshold</th>
              <th className="left">Why</th>
            </tr>
          </thead>
          <tbody>
            {d.gates.map((g) => (
              <tr key={g.gate} className={g.passed ? '' : 'failed'}>
                <td>{g.gate}</td>
                <td>{g.passed ? <span className="chip pass">ok</span> : <span className="chip reject">fail</span>}</td>
                <td className="num">{formatGateValue(g.observed, g.unit)}</td>
                <td className="num">{formatGateValue(g.threshold, g.unit)}</td>
                <td className="muted">{g.passed ? '' : g.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
