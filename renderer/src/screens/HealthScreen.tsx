import { useHealthStore } from '../store/ui-health';
import { ageMs, sinceTime } from '../format/numbers';
import type { HealthSnapshot } from '../../../src-core/api/channels/health';

function QualityBar({ score }: { score: number }): React.JSX.Element {
  const cls = score >= 80 ? 'good' : score >= 50 ? 'warn' : 'bad';
  return (
    <span className={`quality ${cls}`} title={`${score} / 100`}>
      <span className="bar" style={{ width: `${Math.max(2, score)}%` }} />
      <span className="val">{score}</span>
    </span>
  );
}

/** What automatic guards found (the funding-unit tripwire first): at the top, so a trader who
 *  wonders why trading went to REDUCING sees it at once. */
function Alarms({ alarms, nowMs }: { alarms: HealthSnapshot['alarms']; nowMs: number }): React.JSX.Element | null {
  if (alarms.length === 0) return null;
  return (
    <section className="panel wide alarms" data-testid="alarms" role="alert">
      <h2>Alarms</h2>
      <table className="grid compact">
        <thead>
          <tr><th className="left">Severity</th><th className="left">Kind</th><th className="left">Venue</th><th className="left">Symbol</th><th className="left">Since</th><th className="right">Times</th><th className="left">What</th></tr>
        </thead>
        <tbody>
          {alarms.map((a) => (
            <tr key={`${a.kind}:${a.venue}:${a.symbol}`} className={`alarm ${a.severity}`} data-testid={`alarm-${a.kind}-${a.venue}-${a.symbol}`}>
              <td className="sev">{a.severity}</td>
              <td className="mono">{a.kind}</td>
              <td>{a.venue}</td>
              <td>{a.symbol}</td>
              <td>{sinceTime(a.sinceMs, nowMs)}</td>
              <td className="num">{a.count}</td>
              <td className="small">{a.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function HealthScreen(): React.JSX.Element {
  const h = useHealthStore((s) => s.snapshot);
  if (h === null) return <div className="empty">Waiting for the first health sample…</div>;
  return (
    <div className="health" data-testid="health">
      <Alarms alarms={h.alarms} nowMs={h.sampledAtMs} />
      <section className="panel wide">
        <h2>Streams</h2>
        <table className="grid compact" data-testid="streams">
          <thead>
            <tr><th className="left">Venue</th><th className="left">Stream</th><th className="left">State</th><th className="left">Quality</th><th className="right">Last frame</th><th className="right">Reconnects</th><th className="right">Resyncs</th><th className="left">Endpoint</th></tr>
          </thead>
          <tbody>
            {h.streams.map((s) => (
              <tr key={`${s.venue}:${s.stream}`} data-testid={`stream-${s.venue}-${s.stream}`}>
                <td>{s.venue}</td>
                <td>{s.stream}</td>
                <td><span className={`state ${s.state}`} data-testid="stream-state">{s.state}</span></td>
                <td><QualityBar score={s.qualityScore} /></td>
                <td className="num">{ageMs(s.lastFrameAgeMs)}</td>
                <td className="num" data-testid="stream-reconnects">{s.reconnects}</td>
                <td className="num">{s.resyncs}</td>
                <td className="muted mono small">{s.endpoint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="health-row">
        <section className="panel">
          <h2>Market data freshness</h2>
          <table className="grid compact" data-testid="freshness">
            <thead><tr><th className="left">Venue</th><th className="right">Fresh books</th><th className="right">Stale</th><th className="right">Oldest</th></tr></thead>
            <tbody>
              {h.freshness.map((f) => (
                <tr key={f.venue}>
                  <td>{f.venue}</td>
                  <td className="num pos">{f.freshBooks}</td>
                  <td className={`num ${f.staleBooks > 0 ? 'neg' : ''}`} data-testid={`stale-${f.venue}`}>{f.staleBooks}</td>
                  <td className="num">{ageMs(f.oldestBookAgeMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>Funding refused as implausible</h2>
          <table className="grid compact" data-testid="funding-rejections">
            <thead><tr><th className="left">Venue</th><th className="right">Refused</th><th className="left">Still refused</th><th className="left">Last reason</th></tr></thead>
            <tbody>
              {h.fundingRejections.map((r) => (
                <tr key={r.venue} data-testid={`funding-rejections-${r.venue}`}>
                  <td>{r.venue}</td>
                  <td className={`num ${r.total > 0 ? 'neg' : ''}`}>{r.total}</td>
                  <td className="small">{r.symbols.length === 0 ? '—' : r.symbols.join(', ')}</td>
                  <td className="small muted" title={r.lastAtMs === null ? '' : sinceTime(r.lastAtMs, h.sampledAtMs)}>{r.lastReason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>Rate-limit budgets</h2>
          <table className="grid compact">
            <thead><tr><th className="left">Venue</th><th className="left">Used (1 min)</th><th className="right">Queued</th></tr></thead>
            <tbody>
              {h.rateLimits.map((r) => (
                <tr key={r.venue}>
                  <td>{r.venue}</td>
                  <td>
                    <span className={`quality ${r.usedFraction >= 0.95 ? 'bad' : r.usedFraction >= 0.8 ? 'warn' : 'good'}`}>
                      <span className="bar" style={{ width: `${Math.min(100, Math.max(2, r.usedFraction * 100))}%` }} />
                      <span className="val">{(r.usedFraction * 100).toFixed(1)} %</span>
                    </span>
                  </td>
                  <td className="num">{r.queued}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="panel">
          <h2>HTTP pools</h2>
          <table className="grid compact">
            <thead><tr><th className="left">Venue</th><th className="right">Connected</th><th className="right">Idle</th><th className="right">Active</th><th className="right">Pending</th></tr></thead>
            <tbody>
              {h.pools.map((p) => (
                <tr key={p.venue}><td>{p.venue}</td><td className="num">{p.connected}</td><td className="num">{p.free}</td><td className="num">{p.running}</td><td className="num">{p.pending}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="panel wide">
        <h2>Latency per operation</h2>
        <table className="grid compact" data-testid="latency">
          <thead><tr><th className="left">Operation</th><th className="right">Count</th><th className="right">p50 ms</th><th className="right">p95 ms</th><th className="right">p99 ms</th><th className="right">max ms</th></tr></thead>
          <tbody>
            {[...h.latency].sort((a, b) => a.operation.localeCompare(b.operation)).map((l) => (
              <tr key={l.operation}><td className="mono">{l.operation}</td><td className="num">{l.count}</td><td className="num">{l.p50Ms.toFixed(2)}</td><td className="num">{l.p95Ms.toFixed(2)}</td><td className="num">{l.p99Ms.toFixed(2)}</td><td className="num">{l.maxMs.toFixed(2)}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
