// The core is lost: a full-width banner above everything, the screens dimmed and inert (no
// click, no key, no focus reaches a control that would send a command into the void), and what
// to do about a restarted core. Mounted once in App.tsx.
import { useEffect } from 'react';
import { useAppStore } from '../store/app-store';
import { connectionView, lostThresholdMs, useConnectionStore } from '../store/ui-connection';
import { ageMs } from '../format/numbers';
import { useNow } from './use-now';
import './connection-banner.css';

/** What the banner makes inert while the core is lost (the top bar's controls and the screens). */
const INERT_SELECTORS = ['.app > .topbar', '.app > .body'];

export function ConnectionBanner(): React.JSX.Element | null {
  const socket = useConnectionStore((s) => s.socket);
  const openedAtMs = useConnectionStore((s) => s.openedAtMs);
  const closedAtMs = useConnectionStore((s) => s.closedAtMs);
  const heartbeatAtMs = useAppStore((s) => s.heartbeatAtMs);
  const intervalMs = useAppStore((s) => s.settings?.app.heartbeatIntervalMs ?? null);
  const now = useNow(250);
  const thresholdMs = lostThresholdMs(intervalMs);
  const view = connectionView(socket, openedAtMs, heartbeatAtMs, now, thresholdMs);

  useEffect(() => {
    document.body.classList.toggle('core-lost', view.lost);
    for (const sel of INERT_SELECTORS) document.querySelector(sel)?.toggleAttribute('inert', view.lost);
  }, [view.lost]);

  if (!view.lost) return null;
  const since = view.why === 'socket-closed' ? closedAtMs : heartbeatAtMs;
  const headless = socket !== 'none';
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner" data-why={view.why} data-threshold-ms={thresholdMs}>
      <strong>Connection to the core lost</strong>
      <span>
        {view.why === 'socket-closed' ? 'the socket closed' : `no heartbeat for more than ${ageMs(thresholdMs)}`}
        {since !== null && ` · ${ageMs(Math.max(0, now - since))} ago`} · the data below is frozen and the controls are off.
      </span>
      <span className="hint" data-testid="connection-hint">
        {headless
          ? 'Reconnecting by itself. A core restarted with the same --port and --data-dir keeps this page’s token, so the page comes back alone; otherwise open the new URL the core printed (“ready: http://127.0.0.1:PORT/?token=…”).'
          : 'The core inside the app stopped answering: restart Fundingbot.'}
      </span>
    </div>
  );
}
