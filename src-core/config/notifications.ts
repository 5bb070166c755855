// Notification settings: which events reach the trader as a desktop notification (through
// Electron main; the browser's Notification API when headless) and as a toast in the window.
// One switch per kind of notice (api/channels/notices.ts NOTICE_KINDS): every kind on by default,
// since each one is something a trader running real money wants to hear about.
import { z } from 'zod';
import { NOTICE_KINDS, type NoticeKind } from '../domain/notice-kinds';

const DESCRIPTIONS: Readonly<Record<NoticeKind, string>> = {
  fill: 'notify on every fill of ours',
  pairOpened: 'notify when a pair is open (both legs filled)',
  pairClosed: 'notify when a pair is closed',
  rollback: 'notify when an entry was rolled back (its hedge could not be placed)',
  brokenHedge: 'notify when a pair holds one leg only or its close failed',
  breakerTrip: 'notify when a breaker or guard moves trading to REDUCING or HALTED',
  reconcileDecision: 'notify when reconciliation found something that waits for your decision',
};

export const notificationSettingsSchema = z
  .object(Object.fromEntries(NOTICE_KINDS.map((k) => [k, z.boolean().describe(DESCRIPTIONS[k])])) as Record<NoticeKind, z.ZodBoolean>)
  .strict();

export type NotificationSettings = Record<NoticeKind, boolean>;

export const notificationDefaults: NotificationSettings = Object.fromEntries(NOTICE_KINDS.map((k) => [k, true])) as NotificationSettings;
