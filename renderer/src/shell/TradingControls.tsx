import { useApi } from '../api/context';
import { useAppStore } from '../store/app-store';

/** Pause / halt / resume, the same actions as the tray menu. */
export function TradingControls(): React.JSX.Element {
  const api = useApi();
  const state = useAppStore((s) => s.tradingState?.state ?? 'ACTIVE');
  const set = (next: 'ACTIVE' | 'REDUCING' | 'HALTED', reason: string) => void api.command('trading.state.set', { state: next, reason });
  return (
    <span className="trading-controls">
      <button className="ghost" disabled={state !== 'ACTIVE'} onClick={() => set('REDUCING', 'ui: pause entries')} data-testid="pause">Pause</button>
      <button className="ghost danger" disabled={state === 'HALTED'} onClick={() => set('HALTED', 'ui: halt')} data-testid="halt">Halt</button>
      <button className="ghost" disabled={state === 'ACTIVE'} onClick={() => set('ACTIVE', 'ui: resume')} data-testid="resume">Resume</button>
    </span>
  );
}
