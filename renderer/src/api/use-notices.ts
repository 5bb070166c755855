// Shows the core's notices. Under Electron, main already shows each one as a desktop
// notification (main/notify.ts), so the window only toasts the ones that need attention; in a
// browser (npm run serve) the page shows them through the Notification API once the trader has
// allowed it (Settings → Notifications), since no main process is there to do it.
import { useEffect } from 'react';
import { useApi } from './context';
import { useNoticeStore } from '../store/ui-notices';
import { useToastStore } from '../store/ui-toasts';

/** True in a browser: Electron's preload provides window.api. */
export function isHeadless(): boolean {
  return window.api === undefined;
}

export function browserNotificationsAvailable(): boolean {
  return isHeadless() && typeof Notification !== 'undefined';
}

export function useNotices(): void {
  const api = useApi();
  const { add, load, setWaiting } = useNoticeStore();
  const push = useToastStore((s) => s.push);
  useEffect(() => {
    void api.query('notices.recent').then((r) => r.ok && load(r.value.notices, r.value.status.decisionsWaiting));
    const offs = [
      api.on('notices.new', (n) => {
        if (!add(n)) return;
        if (n.severity !== 'info') push({ kind: n.severity === 'critical' ? 'error' : 'info', title: n.title, message: n.body });
        if (browserNotificationsAvailable() && Notification.permission === 'granted') {
          // The tag folds a notice shown twice (two tabs) into one.
          new Notification(n.title, { body: n.body, tag: `fundingbot-${n.id}`, requireInteraction: n.severity === 'critical' });
        }
      }),
      api.on('notices.status', (s) => setWaiting(s.decisionsWaiting)),
    ];
    return () => offs.forEach((off) => off());
  }, [api, add, load, setWaiting, push]);
}
