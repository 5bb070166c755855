// Desktop notifications, shown by main (the renderer never calls the OS). The core decides what
// is a notice, words it and filters it by the trader's settings (src-core/host/notices/); main
// only shows each `notices.new` once. Critical notices stay until dismissed where the OS allows.
import { Notification } from 'electron';
import type { EventHub } from '../src-core/api/events';
import type { Notice } from '../src-core/api/channels/notices';

export function showNotice(notice: Pick<Notice, 'title' | 'body' | 'severity'>): void {
  if (!Notification.isSupported()) return;
  new Notification({
    title: notice.title,
    body: notice.body,
    silent: notice.severity === 'info',
    urgency: notice.severity === 'critical' ? 'critical' : 'normal',
    timeoutType: notice.severity === 'critical' ? 'never' : 'default',
  }).show();
}

/** One desktop notification per notice; returns the unsubscribe. */
export function subscribeNotifications(events: Pick<EventHub, 'subscribe'>, show: (n: Notice) => void = showNotice): () => void {
  return events.subscribe('notices.new', show);
}

/** An alert of the shell itself (a crash handled, a quit that did not happen, an update): the
 *  core is not asked to word it, it may not be running. */
export function notifyAlert(title: string, body: string): void {
  showNotice({ title, body, severity: 'critical' });
}
