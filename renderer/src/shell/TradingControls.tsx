// The top bar's global controls: pause entries (REDUCING), halt (HALTED), resume (ACTIVE), the
// same actions as the tray menu, and flatten all behind its two-step confirmation (this button,
// then the dialog's list and typed word). Every command goes through useCommand, so a refusal
// shows as a toast with the typed error.
import { useCommand } from '../api/use-command';
import { FlattenDialog } from '../components/FlattenDialog';
import { useAppStore } from '../store/app-store';
import { useControlsStore } from '../store/ui-controls';

type State = 'ACTIVE' | 'REDUCING' | 'HALTED';

export function TradingControls(): React.JSX.Element {
  const run = useCommand();
  const state = useAppStore((s) => s.tradingState?.state ?? 'ACTIVE');
  const flattenOpen = useControlsStore((s) => s.flattenOpen);
  const showFlatten = useControlsStore((s) => s.showFlatten);
  const set = (next: State, reason: string, what: string) => void run('trading.state.set', { state: next, reason }, what);
  return (
    <span className="trading-controls">
      <button className="ghost" disabled={state !== 'ACTIVE'} onClick={() => set('REDUCING', 'ui: pause entries', 'Pause entries')} data-testid="pause" title="REDUCING: no new entries, open pairs still close">
        Pause
      </button>
      <button className="ghost danger" disabled={state === 'HALTED'} onClick={() => set('HALTED', 'ui: halt', 'Halt trading')} data-testid="halt" title="HALTED: cancels only">
        Halt
      </button>
      <button className="ghost" disabled={state === 'ACTIVE'} onClick={() => set('ACTIVE', 'ui: resume', 'Resume trading')} data-testid="resume">
        Resume
      </button>
      <button className="ghost danger flatten" onClick={() => showFlatten(true)} data-testid="flatten" title="Close every open pair on both venues (asks to confirm)">
        Flatten all…
      </button>
      {flattenOpen && <FlattenDialog onClose={() => showFlatten(false)} />}
    </span>
  );
}
