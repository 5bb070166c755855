// Desktop notifications for fills, wired through main (the renderer never calls the OS). The
// text comes from a pure formatter so it is unit-tested; Electron's Notification only shows it.
import { Notification } from 'electron';
import type { EventHub } from '../src-core/api/events';
import { fillNotification, type FillNotice } from './notify-format';

export function notifyFill(fill: FillNotice): void {
  if (!Notification.isSupported()) return;
  const { title, body } = fillNotification(fill);
  new Notification({ title, body, silent: false }).show();
}

/** One notification per fill of ours (`fills.new`: already validated by the hub); returns the
 *  unsubscribe. */
export function subscribeFillNotifications(events: Pick<EventHub, 'subscribe'>): () => void {
  return events.subscribe('fills.new', notifyFill);
}

/** An alert the trader must see (a crash handled, trading moved to a safer state). */
export function notifyAlert(title: string, body: string): void {
  if (!Notification.isSupported()) return;
  new Notification({ title, body, silent: false, urgency: 'critical' }).show();
}
