// The reconciliation decision queue (top of Positions): what the last run left for the trader —
// destructive fixes without an opt-in, reviews, fixes that failed — each with Apply / Dismiss
// (reconcile.decide), the venues it could not read, and the invariants it found broken. It
// follows reconcile.changed, so an answer or a new run shows without a reload; it is hidden while
// everything is reconciled and nothing waits.
import { useEffect, useState } from 'react';
import type { QueryOutput } from '../../../src-core/api/contract';
import { useApi } from '../api/context';
import { useCommand } from '../api/use-command';

type Status = QueryOutput<'reconcile.pending'>;

const VENUE_NAMES = { lighter: 'Lighter', extended: 'Extended' } as const;

export function ReconcileQueue(): React.JSX.Element | null {
  const api = useApi();
  const run = useCommand();
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    void api.query('reconcile.pending').then((r) => r.ok && setStatus(r.value));
    return api.on('reconcile.changed', setStatus);
  }, [api]);

  if (status === null) return null;
  const quiet = status.reconciled && status.pending.length === 0 && status.skippedVenues.length === 0 && status.invariantViolations.length === 0;
  if (quiet) return null;

  const decide = async (id: string, decision: 'apply' | 'dismiss', what: string): Promise<void> => {
    setBusy(id);
    const r = await run('reconcile.decide', { id, decision }, `${decision === 'apply' ? 'Apply' : 'Dismiss'}: ${what}`, decision === 'apply' ? 'fix applied' : 'dismissed');
    if (r.ok) setStatus(r.value);
    setBusy(null);
  };

  return (
    <section className="panel reconcile-queue" data-testid="reconcile-queue">
      <h2>
        Reconciliation{' '}
        <span className={`chip ${status.reconciled && status.pending.length === 0 ? 'ok' : 'warn'}`} data-testid="reconcile-state">
          {status.running ? 'running…' : !status.reconciled ? 'incomplete: no new entries' : status.pending.length > 0 ? `read both venues · ${status.pending.length} waiting for you` : 'reconciled'}
        </span>
      </h2>
      {status.skippedVenues.map((s) => (
        <div key={s.venue} className="error" data-testid={`reconcile-skipped-${s.venue}`}>
          {VENUE_NAMES[s.venue]} could not be read ({s.failedQuery}: {s.error}). It is retried; nothing on it is treated as flat.
        </div>
      ))}
      {status.invariantViolations.map((v, i) => (
        <div key={`${v.kind}-${i}`} className="error" data-testid="reconcile-violation">
          Invariant broken — {v.kind}{v.symbol === null ? '' : ` ${v.symbol}`}{v.pairSeq === null ? '' : ` pair ${v.pairSeq}`}: {v.detail}
        </div>
      ))}
      {status.pending.length > 0 && (
        <table className="grid" data-testid="reconcile-pending">
          <thead>
            <tr><th>Finding</th><th>Venue</th><th>Symbol</th><th>Pair</th><th>Proposed</th><th>Why it waits</th><th /></tr>
          </thead>
          <tbody>
            {status.pending.map((p) => {
              const what = `${p.kind}${p.symbol === null ? '' : ` ${p.symbol}`}${p.venue === null ? '' : ` on ${VENUE_NAMES[p.venue]}`}`;
              return (
                <tr key={p.id} data-testid={`reconcile-item-${p.kind}`}>
                  <td><b>{p.kind}</b><div className="sub">{p.detail}</div></td>
                  <td>{p.venue === null ? '—' : VENUE_NAMES[p.venue]}</td>
                  <td>{p.symbol ?? '—'}</td>
                  <td>{p.pairSeq === null ? '—' : `#${p.pairSeq}`}</td>
                  <td>{p.action}</td>
                  <td className="muted">{p.why}</td>
                  <td className="actions">
                    <button disabled={busy !== null} onClick={() => void decide(p.id, 'apply', what)} data-testid="reconcile-apply">Apply</button>
                    <button className="ghost" disabled={busy !== null} onClick={() => void decide(p.id, 'dismiss', what)} data-testid="reconcile-dismiss">Dismiss</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button className="ghost" disabled={status.running} onClick={() => void run('reconcile.run', {}, 'Reconcile now').then((r) => r.ok && setStatus(r.value))} data-testid="reconcile-run">Reconcile now</button>
        {status.dismissedCount > 0 && <span className="muted">{status.dismissedCount} dismissed finding{status.dismissedCount === 1 ? '' : 's'} not asked again</span>}
      </div>
    </section>
  );
}
