// Reconciliation channels: what the last run of the ledger against both venues found that waits
// for the trader (destructive fixes without an opt-in, reviews, fixes that failed), which venue
// could not be read and why, and the command that runs it now. Runs are made by the trading
// core's reconcile loop (host/trading/reconcile-loop.ts).
import { z } from 'zod';
import { VENUES } from '../../domain/enums';

const venue = z.enum(VENUES);
const timeMs = z.number().int().nonnegative();

/** What started a run: startup (with its retries), the periodic timer, a private-stream
 *  resubscribe, or the trader's command. */
export const RECONCILE_TRIGGERS = ['startup', 'periodic', 'retry', 'resubscribed', 'command'] as const;
export type ReconcileTrigger = (typeof RECONCILE_TRIGGERS)[number];

export const reconcilePendingItemSchema = z.strictObject({
  /** The discrepancy (reconcile/discrepancy.ts DiscrepancyKind), or 'run-failed' when the run
   *  itself threw (nothing was concluded). */
  kind: z.string(),
  /** The action proposed for it (reconcile/discrepancy.ts ProposedAction kind). */
  action: z.string(),
  venue: venue.nullable(),
  symbol: z.string().nullable(),
  pairSeq: z.number().int().nonnegative().nullable(),
  /** Why it waits (the opt-in that is off, the error of a failed fix, the venue's failed query). */
  why: z.string(),
  /** What was found, in words (sizes as exact decimal strings). */
  detail: z.string(),
});
export type ReconcilePendingItem = z.infer<typeof reconcilePendingItemSchema>;

export const reconcileStatusSchema = z.strictObject({
  /** True once a run read both venues and applied its automatic fixes: new entries may go. */
  reconciled: z.boolean(),
  running: z.boolean(),
  lastTrigger: z.enum(RECONCILE_TRIGGERS).nullable(),
  lastRunAtMs: timeMs.nullable(),
  lastCompleteAtMs: timeMs.nullable(),
  /** Venues the last run could not read: the query that failed and its error. */
  skippedVenues: z.array(z.strictObject({ venue, failedQuery: z.string(), error: z.string() })),
  /** Automatic fixes the last run applied, and the ones it left to the order tracker. */
  appliedCount: z.number().int().nonnegative(),
  deferredCount: z.number().int().nonnegative(),
  pending: z.array(reconcilePendingItemSchema),
  /** What the last run found, per discrepancy kind: how many, and how many of them it resolved
   *  (applied, or left to the order tracker that owns the order); the rest are in pending. */
  lastRunKinds: z.array(z.strictObject({ kind: z.string(), found: z.number().int().nonnegative(), resolved: z.number().int().nonnegative() })),
});
export type ReconcileStatus = z.infer<typeof reconcileStatusSchema>;

export const reconcileChannels = {
  queries: {
    /** The last run's state and everything it left for the trader (no venue call). */
    'reconcile.pending': { input: z.object({}).strict().optional(), output: reconcileStatusSchema },
  },
  commands: {
    /** Runs a reconciliation of both venues now; answers with its result. */
    'reconcile.run': { input: z.object({}).strict().optional(), output: reconcileStatusSchema },
  },
  events: {},
} as const;
