// Settings → Notifications: one switch per kind of notice (settings.notifications), and in a
// browser the permission the page needs to show them.
import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import { useCommand } from '../api/use-command';
import { browserNotificationsAvailable } from '../api/use-notices';
import { NOTICE_KINDS, type NoticeKind } from '../../../src-core/domain/notice-kinds';

const LABELS: Readonly<Record<NoticeKind, string>> = {
  fill: 'Every fill of ours',
  pairOpened: 'A pair opened',
  pairClosed: 'A pair closed (with its PnL)',
  rollback: 'An entry rolled back',
  brokenHedge: 'A broken hedge or a failed close',
  breakerTrip: 'A breaker or guard paused or halted trading',
  reconcileDecision: 'Reconciliation waits for a decision',
};

export function NotificationsPanel(): React.JSX.Element | null {
  const settings = useAppStore((s) => s.settings);
  const run = useCommand();
  const [permission, setPermission] = useState<string>(browserNotificationsAvailable() ? Notification.permission : 'n/a');
  if (settings === null) return null;
  const toggle = (kind: NoticeKind, on: boolean) => void run('settings.update', { notifications: { [kind]: on } }, `Notifications: ${LABELS[kind]}`);
  return (
    <section className="panel" data-testid="notifications-panel">
      <h2>Notifications</h2>
      <p className="muted">Shown on the desktop{browserNotificationsAvailable() ? ' (by this browser)' : ''} and, for warnings, in this window.</p>
      {NOTICE_KINDS.map((kind) => (
        <label key={kind} className="check-row">
          <input type="checkbox" data-testid={`notify-${kind}`} checked={settings.notifications[kind]} onChange={(e) => toggle(kind, e.target.checked)} />
          <span>{LABELS[kind]}</span>
        </label>
      ))}
      {browserNotificationsAvailable() && (
        <div className="actions" data-testid="browser-notify">
          <span>Browser permission: <strong data-testid="browser-notify-permission">{permission}</strong></span>
          {permission === 'default' && (
            <button className="ghost" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Allow notifications
            </button>
          )}
          {permission === 'denied' && <span className="muted">Blocked: allow notifications for this page in the browser&apos;s site settings.</span>}
        </div>
      )}
    </section>
  );
}
