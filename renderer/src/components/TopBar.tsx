import { useAppStore } from '../store/app-store';
import { useNow } from './use-now';
import { TradingControls } from '../shell/TradingControls';
import { useNoticeStore } from '../store/ui-notices';
import { useNavStore } from '../store/ui-nav';

export function TopBar(): React.JSX.Element {
  const info = useAppStore((s) => s.info);
  const hb = useAppStore((s) => s.heartbeat);
  const hbAt = useAppStore((s) => s.heartbeatAtMs);
  const trading = useAppStore((s) => s.tradingState);
  const now = useNow(500);
  const decisions = useNoticeStore((s) => s.decisionsWaiting);
  const go = useNavStore((s) => s.go);
  const ageMs = hbAt === null ? null : Math.max(0, now - hbAt); // useNow may lag the beat's own stamp
  const live = ageMs !== null && ageMs < 3_000;
  const mode = info?.mode ?? 'sim';
  return (
    <header className="topbar">
      <span className="brand">Fundingbot</span>
      <span className={`badge mode-${mode}`} data-testid="mode-badge">
        {mode.toUpperCase()}
      </span>
      <span className={`badge state-${(trading?.state ?? 'ACTIVE').toLowerCase()}`} data-testid="trading-state">
        {trading?.state ?? '—'}
      </span>
      <TradingControls />
      {decisions > 0 && (
        <button className="badge decisions" data-testid="decisions-badge" onClick={() => go('positions')} title="Reconciliation findings waiting for your decision">
          {decisions} decision{decisions === 1 ? '' : 's'} waiting
        </button>
      )}
      <span className="spacer" />
      <span className={`heartbeat ${live ? 'ok' : 'down'}`} data-testid="heartbeat" title="core heartbeat">
        <span className="dot" />
        <span data-testid="heartbeat-seq">{hb?.seq ?? 0}</span>
        <span className="muted num">{ageMs === null ? 'no link' : `${(ageMs / 1000).toFixed(1)} s`}</span>
      </span>
      <span className="muted">v{info?.version ?? '…'}</span>
    </header>
  );
}
