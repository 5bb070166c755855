// Notices: what the core tells the trader without being asked (fills, a pair opened or closed,
// a rollback, a broken hedge, a breaker trip, reconciliation waiting for a decision). The core
// decides what is a notice and filters it by settings.notifications (host/notices/); Electron
// main shows each as a desktop notification, a headless browser through the Notification API,
// and the window as a toast. The text is made once, in the core, so every surface says the same.
import { z } from 'zod';
import { NOTICE_KINDS, NOTICE_SEVERITIES } from '../../domain/notice-kinds';

/** How many recent notices `notices.recent` keeps (memory only: the ledger is the record). */
export const NOTICES_RECENT_MAX = 50;

export const noticeSchema = z.strictObject({
  /** Increasing per core run; a surface that saw an id does not show it again. */
  id: z.number().int().nonnegative(),
  kind: z.enum(NOTICE_KINDS),
  severity: z.enum(NOTICE_SEVERITIES),
  title: z.string().max(200),
  body: z.string().max(1_000),
  /** The pair it is about (0 is a valid pair), or null. */
  pairSeq: z.number().int().nonnegative().nullable(),
  atMs: z.number().int().nonnegative(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const noticeStatusSchema = z.strictObject({
  /** Reconciliation findings waiting for the trader's decision (the tray's badge). */
  decisionsWaiting: z.number().int().nonnegative(),
});

export const noticesChannels = {
  queries: {
    'notices.recent': {
      input: z.strictObject({}).optional(),
      output: z.strictObject({ notices: z.array(noticeSchema).max(NOTICES_RECENT_MAX), status: noticeStatusSchema }),
    },
  },
  commands: {},
  events: {
    /** A notice the trader's settings let through. */
    'notices.new': noticeSchema,
    /** The badge count changed. */
    'notices.status': noticeStatusSchema,
  },
} as const;
