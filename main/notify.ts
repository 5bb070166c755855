// Desktop notifications for fills, wired through main (the renderer never calls the OS). The
// text comes from a pure formatter so it is unit-tested; Electron's Notification only shows it.
import { Notification } from 'electron';
import type { Fill } from '../src-core/venues/port';
import { fillNotification } from './notify-format';

export function notifyFill(fill: Fill): void {
  if (!Notification.isSupported()) return;
  const { title, body } = fillNotification(fill);
  new Notification({ title, body, silent: false }).show();
}
