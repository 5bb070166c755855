// The pair's PnL over time, split into price, funding and fees, with the net on top: plain SVG
// (step lines: each value holds until the next fill or payment), axis labels in USD and UTC time.
import type { PnlPoint } from './pair-history';
import { money } from '../format/money';

const W = 720;
const H = 200;
const PAD = { left: 64, right: 12, top: 10, bottom: 22 };
const SERIES = [
  { key: 'priceUsd', label: 'price', color: '#4d9fff' },
  { key: 'fundingUsd', label: 'funding', color: '#2ebd85' },
  { key: 'feesUsd', label: 'fees', color: '#f2b134' },
  { key: 'netUsd', label: 'net', color: '#d7dee8' },
] as const;

function timeLabel(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export function PnlChart({ points }: { points: readonly PnlPoint[] }): React.JSX.Element {
  if (points.length === 0) return <div className="empty small" data-testid="pnl-chart-empty">No fills or funding yet: nothing to chart.</div>;
  const t0 = points[0]!.atMs;
  const t1 = Math.max(points.at(-1)!.atMs, t0 + 60_000);
  const values = points.flatMap((p) => SERIES.map((s) => p[s.key]));
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi - lo < 0.01) { hi += 0.005; lo -= 0.005; }
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const path = (key: (typeof SERIES)[number]['key']) => {
    let d = `M${x(points[0]!.atMs).toFixed(1)},${y(points[0]![key]).toFixed(1)}`;
    for (let i = 1; i < points.length; i++) d += ` H${x(points[i]!.atMs).toFixed(1)} V${y(points[i]![key]).toFixed(1)}`;
    return d;
  };
  const ticks = [hi, (hi + lo) / 2, lo];
  const last = points.at(-1)!;
  return (
    <figure className="pnl-chart" data-testid="pnl-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="PnL over time: price, funding, fees and net">
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#2a3442" strokeDasharray="3 3" />
        {ticks.map((v, i) => (
          <text key={i} x={PAD.left - 6} y={y(v) + 3} textAnchor="end" className="axis">{money(v)}</text>
        ))}
        <text x={PAD.left} y={H - 6} className="axis">{timeLabel(t0)} UTC</text>
        <text x={W - PAD.right} y={H - 6} textAnchor="end" className="axis">{timeLabel(t1)} UTC</text>
        {SERIES.map((s) => (
          <path key={s.key} d={path(s.key)} fill="none" stroke={s.color} strokeWidth={s.key === 'netUsd' ? 2 : 1.5} strokeDasharray={s.key === 'netUsd' ? '5 3' : undefined} data-series={s.key} />
        ))}
      </svg>
      <figcaption className="legend">
        {SERIES.map((s) => (
          <span key={s.key}><i style={{ background: s.color }} /> {s.label} {money(last[s.key])}</span>
        ))}
      </figcaption>
    </figure>
  );
}
