// Flatten all, step two of two: the pairs a flatten would close now (the core's list), and a
// Confirm that needs the word typed. The command carries `confirm: true` and the listed pair
// sequences; the core refuses (CONFLICT, nothing closed) if the open pairs changed since, and the
// dialog then shows the new list to confirm again.
import { useCallback, useEffect, useState } from 'react';
import type { QueryOutput } from '../../../src-core/api/contract';
import { useApi } from '../api/context';
import { useCommand } from '../api/use-command';
import { useAppStore } from '../store/app-store';
import { useToastStore } from '../store/ui-toasts';
import { Dialog } from './Dialog';

type PairRow = QueryOutput<'pairs.closeAllPreview'>['pairs'][number];

/** What the trader types to arm the Confirm. */
export const FLATTEN_WORD = 'FLATTEN';

function legsText(p: PairRow): string {
  return p.legs.map((l) => `${l.venue === 'lighter' ? 'LGT' : 'EXT'} ${l.positionSize}`).join(' · ');
}

export function FlattenDialog({ onClose }: { onClose: () => void }): React.JSX.Element {
  const api = useApi();
  const run = useCommand();
  const push = useToastStore((s) => s.push);
  const trading = useAppStore((s) => s.tradingState);
  const [pairs, setPairs] = useState<readonly PairRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [word, setWord] = useState('');
  const [sending, setSending] = useState(false);

  const load = useCallback(() => {
    void api.query('pairs.closeAllPreview').then(
      (r) => {
        if (r.ok) {
          setPairs(r.value.pairs);
          setError(null);
        } else setError(`${r.error.code}: ${r.error.message}`);
      },
      (e: unknown) => setError(`no answer from the core: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);

  const confirm = async (): Promise<void> => {
    if (pairs === null) return;
    setSending(true);
    const r = await run('pairs.closeAll', { confirm: true, pairSeqs: pairs.map((p) => p.pairSeq) }, 'Flatten all');
    setSending(false);
    if (r.ok) {
      push({ kind: 'success', title: 'Flatten all', message: `closing ${r.value.closing.length} pairs (${r.value.closing.map((p) => p.symbol).join(', ')}); trading is ${r.value.tradingState}` });
      onClose();
      return;
    }
    // The typed error is in a toast; the list is read again so what is confirmed next is current.
    setWord('');
    load();
  };

  const state = trading?.state ?? 'ACTIVE';
  const armed = word.trim() === FLATTEN_WORD && pairs !== null && pairs.length > 0 && !sending;
  return (
    <Dialog title="Flatten all pairs" onClose={onClose} testId="flatten-dialog" wide>
      <div className="warn-note">
        Every pair below is closed on both venues, maker first. Trading moves to <strong>REDUCING</strong> first (no new entries) and stays there until you resume.
        {state === 'HALTED' && ' Trading is HALTED now (cancels only): the flatten moves it to REDUCING so the closes can trade.'}
      </div>
      {error !== null && <div className="error" data-testid="flatten-error">{error}</div>}
      {pairs === null && error === null && <div className="muted">Reading the open pairs…</div>}
      {pairs !== null && pairs.length === 0 && <div className="empty" data-testid="flatten-empty">No open pairs: nothing to flatten.</div>}
      {pairs !== null && pairs.length > 0 && (
        <table className="grid compact" data-testid="flatten-list">
          <thead>
            <tr>
              <th className="left">Pair</th>
              <th className="left">Symbol</th>
              <th className="left">Long / Short</th>
              <th className="left">State</th>
              <th className="left">Positions (base)</th>
              <th className="right">Net PnL</th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={p.pairSeq} data-testid={`flatten-pair-${p.pairSeq}`}>
                <td className="num">#{p.pairSeq}</td>
                <td className="sym">{p.symbol}</td>
                <td className="venues">
                  <span className="long">{p.longVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
                  <span className="muted"> / </span>
                  <span className="short">{p.shortVenue === 'lighter' ? 'LGT' : 'EXT'}</span>
                </td>
                <td>{p.state}</td>
                <td className="mono small">{legsText(p)}</td>
                <td className="num" title={`$${p.pnl.netUsd}`}>{`${Number(p.pnl.netUsd) < -0.005 ? '−' : ''}$${Math.abs(Number(p.pnl.netUsd)).toFixed(2)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="field">
        <span>
          Type <code>{FLATTEN_WORD}</code> to confirm
        </span>
        <input data-testid="flatten-word" value={word} onChange={(e) => setWord(e.target.value)} autoFocus aria-label={`Type ${FLATTEN_WORD} to confirm`} spellCheck={false} autoComplete="off" />
      </label>
      <div className="dialog-actions">
        <button className="ghost" onClick={onClose} data-testid="flatten-cancel">Cancel</button>
        <button className="danger-solid" disabled={!armed} onClick={() => void confirm()} data-testid="flatten-confirm">
          {sending ? 'Flattening…' : pairs === null || pairs.length === 0 ? 'Flatten' : `Flatten ${pairs.length} pair${pairs.length === 1 ? '' : 's'}`}
        </button>
      </div>
    </Dialog>
  );
}
