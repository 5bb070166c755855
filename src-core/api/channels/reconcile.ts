// Reconciliation channels: what the last run of the ledger against both venues found that waits
// for the trader (destructive fixes without an opt-in, reviews, fixes that failed), which venue
// could not be read and why, and the command that runs it now. Runs are made by the trading
// core's reconcile loop (host/trading/reconcile-loop.ts).
import { z } from 'zod';
import { VENUES } from '../../domain/enums';

const venue = z.enum(VENUES);
const timeMs = z.number().int().nonnegative();

/** What started a run: startup (with its retries), the periodic timer, a private-stream
 *  resubscribe, the trader's command, or the OS waking from sleep (host/power-resume.ts). */
export const RECONCILE_TRIGGERS = ['startup', 'periodic', 'retry', 'resubscribed', 'command', 'resumed'] as const;
export type ReconcileTrigger = (typeof RECONCILE_TRIGGERS)[number];

export const reconcilePendingItemSchema = z.strictObject({
  /** Stable for the same finding (kind, place and amounts): a run that finds it again gives it the
   *  same id, and one whose amounts changed gives a new one (a dismissal does not cover it). */
  id: z.string().min(1).max(300),
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
  /** How long the last run took, reads to fixes (monotonic ms). */
  lastRunDurationMs: z.number().nonnegative().nullable(),
  /** Venues the last run could not read: the query that failed and its error. */
  skippedVenues: z.array(z.strictObject({ venue, failedQuery: z.string(), error: z.string() })),
  /** Automatic fixes the last run applied, and the ones it left to the order tracker. */
  appliedCount: z.number().int().nonnegative(),
  deferredCount: z.number().int().nonnegative(),
  pending: z.array(reconcilePendingItemSchema),
  /** Findings the trader dismissed that the last run found again unchanged (not asked again). */
  dismissedCount: z.number().int().nonnegative(),
  /** What the invariants check after the last complete run found broken
   *  (reconcile/invariants.ts); while any is listed new entries are refused. */
  invariantViolations: z.array(z.strictObject({ kind: z.string(), venue: venue.nullable(), symbol: z.string().nullable(), pairSeq: z.number().int().nonnegative().nullable(), detail: z.string() })),
  /** What the last run found, per discrepancy kind: how many, and how many of them it resolved
   *  (applied, or left to the order tracker that owns the order); the rest are in pending. */
  lastRunKinds: z.array(z.strictObject({ kind: z.string(), found: z.number().int().nonnegative(), resolved: z.number().int().nonnegative() })),
});
export type ReconcileStatus = z.infer<typeof reconcileStatusSchema>;
export type ReconcileInvariantViolation = ReconcileStatus['invariantViolations'][number];

/** The trader's answer to a pending item: apply its destructive fix, or dismiss it. */
export const RECONCILE_DECISIONS = ['apply', 'dismiss'] as const;
export type ReconcileDecision = (typeof RECONCILE_DECISIONS)[number];

export const reconcileDecideInputSchema = z.strictObject({ id: z.string().min(1).max(300), decision: z.enum(RECONCILE_DECISIONS) });
export type ReconcileDecideInput = z.infer<typeof reconcileDecideInputSchema>;

export const reconcileChannels = {
  queries: {
    /** The last run's state and everything it left for the trader (no venue call). */
    'reconcile.pending': { input: z.object({}).strict().optional(), output: reconcileStatusSchema },
  },
  commands: {
    /** Runs a reconciliation of both venues now; answers with its result. */
    'reconcile.run': { input: z.object({}).strict().optional(), output: reconcileStatusSchema },
    /** The trader's decision on a pending item (by its id): 'apply' runs its destructive fix
     *  (close the position through the closer or a reduce-only IOC, cancel the order, close the
     *  zombie pair in the ledger), 'dismiss' records it and it is not asked again while the
     *  finding stays the same. NOT_FOUND for an id the last run did not leave pending; CONFLICT
     *  for an item with no fix to apply (a review, a skipped venue) or a fix that failed. */
    'reconcile.decide': { input: reconcileDecideInputSchema, output: reconcileStatusSchema },
  },
  events: {
    /** The status, when a run ends or a decision is made. */
    'reconcile.changed': reconcileStatusSchema,
  },
} as const;
