// The per-pair buttons: Close (maker first), Close now (taker on both legs, after a confirm),
// Rebalance, and Cancel entry for a pair still entering. Every one goes through useCommand, so a
// refusal (CONFLICT, UNAVAILABLE, a gate's reason) is an error toast, never silence.
import { useState } from 'react';
import type { PairState } from '../../../src-core/domain/enums';
import { useCommand } from '../api/use-command';

const HELD: ReadonlySet<PairState> = new Set(['open', 'broken', 'closing', 'close-failed']);

export function PairActions({ pairSeq, symbol, state }: { pairSeq: number; symbol: string; state: PairState }): React.JSX.Element {
  const run = useCommand();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = `${symbol} #${pairSeq}`;
  const go = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const held = HELD.has(state);
  return (
    <div className="pair-actions" data-testid="pair-actions">
      <button className="ghost" disabled={busy || !held} data-testid="pair-close" title="Close both legs, maker first"
        onClick={() => void go(() => run('pairs.close', { pairSeq, urgency: 'normal' }, `Close ${name}`, 'close started'))}>Close</button>
      {!confirming ? (
        <button className="ghost danger" disabled={busy || !held} data-testid="pair-close-now" title="Emergency: taker orders on both legs at once"
          onClick={() => setConfirming(true)}>Close now…</button>
      ) : (
        <span className="confirm" data-testid="close-now-confirm">
          <span className="error">Taker-close both legs now?</span>
          <button className="danger-solid" disabled={busy} data-testid="pair-close-now-confirm"
            onClick={() => void go(async () => { setConfirming(false); await run('pairs.close', { pairSeq, urgency: 'emergency' }, `Close ${name} now`, 'emergency close started'); })}>Yes, close now</button>
          <button className="ghost" onClick={() => setConfirming(false)} data-testid="pair-close-now-cancel">Keep</button>
        </span>
      )}
      <button className="ghost" disabled={busy || !(state === 'open' || state === 'broken')} data-testid="pair-rebalance" title="Trade the legs' difference on the larger leg, reduce-only"
        onClick={() => void go(() => run('pairs.rebalance', { pairSeq }, `Rebalance ${name}`, 'rebalance started'))}>Rebalance</button>
      {state === 'opening' && (
        <button className="ghost danger" disabled={busy} data-testid="pair-cancel-entry" title="Stop the entry: cancel the maker order, hedge or roll back what filled"
          onClick={() => void go(() => run('pairs.cancelEntry', { pairSeq }, `Cancel entry ${name}`, 'entry cancel asked'))}>Cancel entry</button>
      )}
    </div>
  );
}
