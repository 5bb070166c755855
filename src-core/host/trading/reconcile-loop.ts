// The reconcile loop: reads both venues into snapshots (reconcile/read-snapshot.ts), builds the
// ledger's view, diffs, resolves, applies the plan's automatic fixes (reconcile-apply.ts) and
// keeps what waits for the trader for the reconcile.pending query.
//
// When: at startup (after the tracker restored its unresolved intents), every
// reconcile.periodicIntervalMs, after every private-stream resubscribe (fills and order updates
// may have been missed while it was down), and on the trader's reconcile.run. Runs never overlap:
// a trigger during a run queues one more run after it (several coalesce into one).
//
// The gate (docs/ARCHITECTURE.md "Safety rules": reconcile before any new entry): until one run
// reads both venues completely, board.setReconciled stays false (cancels only). If the startup
// run cannot complete, a venue's query failed: that is never "flat" (reference-upstream §13 B15),
// so trading moves to REDUCING through the trading-state control with a reason naming the venue
// and the failed query, and the run is retried every reconcile.retryIntervalMs. When a run
// completes the gate opens; REDUCING stays until the trader resumes. Decided so because every
// automatic guard only tightens (risk/trading-state.ts decideTransition), and a venue that was
// unreachable at startup is worth the trader's look before new entries go out again.
//
// Destructive fixes: those the trader opted in to run after the ledger fixes, through `fix`
// (reconcile-fix.ts); the others wait as pending items, each with a stable id
// (reconcile-pending.ts), for the trader's reconcile.decide: 'apply' runs the same fix, 'dismiss'
// drops it from the list and it is not asked again while later runs find it unchanged (in memory:
// a restart asks again, which errs on the side of asking). After each run the invariants are
// checked (reconcile/invariants.ts); a violation is shown in the status, logged, and keeps new
// entries refused through a blocking condition (exposure-reducing orders and cancels still go, so
// the trader's fixes can), and the status says not reconciled until a run finds none. Every run's
// end and every decision is announced (onChanged: the reconcile.changed event).
//
// Once the gate is open, a later incomplete run (a periodic read during a venue blip) does not
// close it again: the venue-down breaker refuses entries while a venue is down, and the loop
// retries at the retry interval until a run completes.
import type { ReconcileDecision, ReconcileInvariantViolation, ReconcilePendingItem, ReconcileStatus, ReconcileTrigger } from '../../api/channels/reconcile';
import type { ReconcileSettings } from '../../config/reconcile';
import type { Clock } from '../../domain/clock';
import type { VenueId } from '../../domain/enums';
import type { LedgerView } from '../../reconcile/ledger-view';
import { diffReconcile } from '../../reconcile/diff';
import { marketKey } from '../../reconcile/diff-context';
import { checkInvariants } from '../../reconcile/invariants';
import { resolvePlan, type PlannedFix, type ReconcilePlan } from '../../reconcile/resolver';
import type { VenueSnapshot } from '../../reconcile/venue-snapshot';
import { REASON_MAX_LENGTH } from '../../risk/breaker-board';
import type { Logger } from '../../telemetry/log';
import type { TradingStateControl } from '../trading-state-control';
import type { ApplyResult } from './reconcile-apply';
import { isVenueFix, type FixOutcome, type VenueFixAction } from './reconcile-fix';
import { findingId, pendingItem } from './reconcile-pending';

/** Why a decision was refused: 'unknown-id' (not pending after the last run: never was, already
 *  decided, or gone since), 'not-applicable' (a review or a skipped venue: no fix to apply),
 *  'fix-failed' (the fix ran and did not succeed; the item stays, with the error as its why). */
export type ReconcileDecisionErrorCode = 'unknown-id' | 'not-applicable' | 'fix-failed';

export class ReconcileDecisionError extends Error {
  override readonly name = 'ReconcileDecisionError';
  constructor(
    readonly code: ReconcileDecisionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The fill and funding window starts this much before the last complete run: a fill stamped by
 *  the venue a little before the read that missed it is still inside. */
export const RECONCILE_WINDOW_SKEW_MS = 60_000;
/** With no complete run yet, the window covers at least the last day, and back to the oldest pair
 *  not closed (its fills and payments must all be checked after a restart). */
export const RECONCILE_STARTUP_LOOKBACK_MS = 24 * 3_600_000;

export interface ReconcileLoopOptions {
  readonly venues: readonly VenueId[];
  readonly read: (venue: VenueId, sinceMs: number) => Promise<VenueSnapshot>;
  /** The ledger's view after the reads; `moving` names the pairs the executors worked on since
   *  the reads began (ledger-view.ts activePairSeqs) and when they began. */
  readonly view: (sinceMs: number, moving: RunMoving) => LedgerView;
  /** Pairs an executor (entry, close) works on now. */
  readonly activePairs: () => readonly number[];
  readonly apply: (plan: ReconcilePlan) => ApplyResult;
  /** The tracker's restore (execution/order-tracker.ts): once, before the first run. */
  readonly restore: () => Promise<unknown>;
  /** Subscribes to private-stream resubscribes of any venue. */
  readonly onResubscribed: (cb: (venue: VenueId) => void) => () => void;
  readonly board: { setReconciled(reconciled: boolean): void };
  readonly tradingState: Pick<TradingStateControl, 'request'>;
  readonly settings: () => ReconcileSettings;
  readonly oldestUnclosedPairCreatedAtMs: () => number | null;
  /** Creation time of the oldest order the ledger holds unresolved (in flight, open, lost). */
  readonly oldestUnresolvedOrderCreatedAtMs?: () => number | null;
  readonly clock: Clock;
  readonly log: Logger;
  /** Runs a destructive fix on a venue (reconcile-fix.ts applyVenueFix). */
  readonly fix: (action: VenueFixAction) => Promise<FixOutcome>;
  /** True while the tracker still resolves the order (its fills are its to record). */
  readonly trackedOpen: (clientOrderId: string) => boolean;
  /** Refuses new entries while invariants are violated (empty list: allows them again). */
  readonly blockEntries: (violations: readonly ReconcileInvariantViolation[], atMs: number) => void;
  /** The status after every run and every decision (the reconcile.changed event). */
  readonly onChanged: (status: ReconcileStatus) => void;
}

export interface RunMoving {
  readonly sinceMs: number;
  readonly pairSeqs: ReadonlySet<number>;
}

export interface ReconcileLoop {
  /** Runs now (or right after the current run); resolves with that run's status. */
  run(trigger: ReconcileTrigger): Promise<ReconcileStatus>;
  status(): ReconcileStatus;
  /** The trader's decision on a pending item; throws ReconcileDecisionError. */
  decide(id: string, decision: ReconcileDecision): Promise<ReconcileStatus>;
  /** Resolves when a run first completed (the gate opened). */
  reconciled(): Promise<void>;
  stop(): void;
}

/** Per discrepancy kind: found in the plan, and resolved (its automatic fix did not fail). */
function kindCounts(plan: ReconcilePlan, failedFixes: readonly PlannedFix[]): ReconcileStatus['lastRunKinds'] {
  const counts = new Map<string, { found: number; resolved: number }>();
  const at = (kind: string) => {
    let c = counts.get(kind);
    if (c === undefined) counts.set(kind, (c = { found: 0, resolved: 0 }));
    return c;
  };
  for (const f of [...plan.automatic, ...plan.awaitingDecision, ...plan.skipped]) at(f.discrepancy.kind).found++;
  const failed = new Set(failedFixes.map((f) => f.discrepancy));
  for (const f of plan.automatic) if (!failed.has(f.discrepancy)) at(f.discrepancy.kind).resolved++;
  return [...counts].map(([kind, c]) => ({ kind, ...c })).sort((a, b) => a.kind.localeCompare(b.kind));
}

export function startReconcileLoop(o: ReconcileLoopOptions): ReconcileLoop {
  const log = o.log.child({ part: 'reconcile' });
  let stopped = false;
  let restored = false;
  let running = false;
  let lastTrigger: ReconcileTrigger | null = null;
  let lastRunAtMs: number | null = null;
  let lastCompleteAtMs: number | null = null;
  let lastRunDurationMs: number | null = null;
  let skippedVenues: ReconcileStatus['skippedVenues'] = [];
  let appliedCount = 0;
  let deferredCount = 0;
  let pending: ReconcilePendingItem[] = [];
  /** The planned fix behind each pending item, by its id. */
  let fixes = new Map<string, PlannedFix>();
  let dismissed = new Set<string>();
  let dismissedCount = 0;
  let violations: ReconcileInvariantViolation[] = [];
  let lastRunKinds: ReconcileStatus['lastRunKinds'] = [];
  let gateOpen = false;
  let cancelTimer: (() => void) | null = null;
  let queued: Promise<ReconcileStatus> | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let resolveReconciled!: () => void;
  const reconciledP = new Promise<void>((r) => (resolveReconciled = r));

  const status = (): ReconcileStatus => ({
    reconciled: gateOpen && violations.length === 0,
    running,
    lastTrigger,
    lastRunAtMs,
    lastCompleteAtMs,
    lastRunDurationMs,
    skippedVenues,
    appliedCount,
    deferredCount,
    pending,
    dismissedCount,
    invariantViolations: violations,
    lastRunKinds,
  });

  /** Shows what waits: each planned fix once by its id, the dismissed ones left out. */
  const setPending = (items: readonly PlannedFix[]) => {
    const next = new Map<string, PlannedFix>();
    for (const f of items) if (!next.has(findingId(f))) next.set(findingId(f), f);
    // A dismissal holds while the finding is found again unchanged; one gone is forgotten.
    dismissed = new Set([...dismissed].filter((id) => next.has(id)));
    dismissedCount = dismissed.size;
    fixes = new Map([...next].filter(([id]) => !dismissed.has(id)));
    pending = [...fixes.values()].map(pendingItem);
  };

  /** Runs the opted-in venue fixes; what they touched is excused from this run's invariants. */
  const runVenueFixes = async (list: readonly PlannedFix[]) => {
    const failed: PlannedFix[] = [];
    const excused = { clientOrderIds: new Set<string>(), markets: new Set<string>() };
    let applied = 0;
    for (const f of list) {
      if (!isVenueFix(f.action)) continue;
      const a = f.action;
      const out = await o.fix(a);
      if (a.kind === 'cancel-order') excused.clientOrderIds.add(a.clientOrderId);
      if (a.kind === 'close-position') excused.markets.add(marketKey(a.venue, a.symbol));
      if (out.ok) {
        applied++;
        log.info('reconcile fix applied', { action: a.kind, why: f.why, detail: out.detail });
      } else failed.push({ ...f, why: `${f.why}, but the fix failed: ${out.why}` });
    }
    return { failed, excused, applied };
  };

  const sinceMs = (now: number): number => {
    // An order still unresolved is judged from the venue's fills over its whole life
    // (reconcile/diff-orders.ts): a window that starts after it was created leaves it unresolved
    // for good, and its pair's legs unjudged. Found by the crash suite: an order that went lost
    // a minute after a restart's first complete run was never resolved by a later run.
    const oldestOrder = o.oldestUnresolvedOrderCreatedAtMs?.() ?? null;
    if (lastCompleteAtMs !== null) return Math.max(0, Math.min(lastCompleteAtMs, oldestOrder ?? lastCompleteAtMs) - RECONCILE_WINDOW_SKEW_MS);
    const oldest = o.oldestUnclosedPairCreatedAtMs();
    return Math.max(0, Math.min(oldest ?? now, now - RECONCILE_STARTUP_LOOKBACK_MS) - RECONCILE_WINDOW_SKEW_MS);
  };

  // A complete run that left invariants broken or orders to the tracker is looked at again soon
  // (retry interval, doubling up to the periodic one) rather than at the next periodic run: after
  // a restart the usual case is a fill the tracker is still reading back, and until a run finds
  // the invariants whole new entries stay refused (found by the crash suite's soak: refused for
  // the whole 5 minutes). So is a run that left pairs unjudged because they moved during its
  // reads (an entry or a close under way). Doubling, because one run reads ~2 000 of Lighter's
  // 24 000 a minute.
  let followUps = 0;
  let movingCount = 0;
  const schedule = (complete: boolean) => {
    if (stopped) return;
    cancelTimer?.();
    const s = o.settings();
    const followUp = complete && (violations.length > 0 || deferredCount > 0 || movingCount > 0);
    followUps = followUp ? followUps + 1 : 0;
    const delayMs = !complete ? s.retryIntervalMs : followUp ? Math.min(s.periodicIntervalMs, s.retryIntervalMs * 2 ** (followUps - 1)) : s.periodicIntervalMs;
    const trigger: ReconcileTrigger = complete && !followUp ? 'periodic' : gateOpen ? 'retry' : 'startup';
    cancelTimer = o.clock.after(delayMs, () => {
      cancelTimer = null;
      void run(trigger);
    });
  };

  /** Trading goes REDUCING while the startup reconciliation cannot read a venue. */
  const holdForVenues = (failed: ReconcileStatus['skippedVenues'], atMs: number) => {
    const why = failed.map((f) => `${f.venue} could not be read (${f.failedQuery}: ${f.error})`).join('; ');
    const reason = `reconcile: startup reconciliation incomplete: ${why}`.slice(0, REASON_MAX_LENGTH);
    const changed = o.tradingState.request({ state: 'REDUCING', reason, source: 'automatic', atMs });
    if (changed !== null) log.warn('startup reconciliation incomplete: trading is REDUCING', { reason });
  };

  const once = async (trigger: ReconcileTrigger): Promise<ReconcileStatus> => {
    if (stopped) return status();
    running = true;
    lastTrigger = trigger;
    const startMono = o.clock.monoNow();
    let complete = false;
    try {
      if (!restored) {
        await o.restore();
        restored = true;
      }
      const now = o.clock.now();
      const since = sinceMs(now);
      const activeAtReads = o.activePairs();
      const snapshots = await Promise.all(o.venues.map((v) => o.read(v, since)));
      if (stopped) return status();
      // Every pair worked on at some moment of the run: at the reads' start or at the view's.
      const view = () => o.view(since, { sinceMs: now, pairSeqs: new Set([...activeAtReads, ...o.activePairs()]) });
      const diffView = view();
      movingCount = diffView.activePairSeqs.size;
      const plan = resolvePlan(diffReconcile(snapshots, diffView, o.settings(), o.venues), o.settings());
      const result = o.apply(plan);
      lastRunAtMs = now;
      skippedVenues = snapshots.flatMap((s) => (s.kind === 'failed' ? [{ venue: s.venue, failedQuery: s.failedQuery, error: s.error }] : []));
      complete = plan.complete;
      const opening = complete && !gateOpen;
      if (opening && result.venueFixes.length > 0) {
        // The closer's reduce orders need the gate reconciled; new entries stay refused until
        // the invariants below say otherwise.
        o.blockEntries([{ kind: 'fixes-running', venue: null, symbol: null, pairSeq: null, detail: 'reconciliation is applying its fixes' }], now);
        gateOpen = true;
        o.board.setReconciled(true);
      }
      const venue = await runVenueFixes(result.venueFixes);
      appliedCount = result.applied + venue.applied;
      deferredCount = result.deferred;
      const cancelled = venue.excused.clientOrderIds;
      violations = checkInvariants(snapshots, view(), { markets: venue.excused.markets, clientOrderIds: { has: (cid) => cancelled.has(cid) || o.trackedOpen(cid) } });
      if (violations.length > 0) log.warn('reconciliation invariants violated: new entries refused', { violations });
      o.blockEntries(violations, o.clock.now());
      setPending([...plan.skipped, ...plan.awaitingDecision, ...result.failed, ...venue.failed]);
      lastRunKinds = kindCounts(plan, [...result.failed, ...venue.failed]);
      if (complete) {
        lastCompleteAtMs = now;
        if (opening) {
          gateOpen = true;
          o.board.setReconciled(true);
          log.info('reconciled both venues: new entries may go', { applied: appliedCount, pending: pending.length, invariantViolations: violations.length });
          resolveReconciled();
        }
      } else {
        log.warn('reconciliation incomplete', { trigger, skipped: skippedVenues });
        if (!gateOpen) holdForVenues(skippedVenues, now);
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      log.warn('reconciliation failed', { trigger, error: msg });
      lastRunAtMs = o.clock.now();
      fixes = new Map();
      pending = [{ id: 'run-failed', kind: 'run-failed', action: 'review', venue: null, symbol: null, pairSeq: null, why: 'the run itself failed: nothing was concluded', detail: msg }];
    } finally {
      running = false;
      lastRunDurationMs = o.clock.monoNow() - startMono;
    }
    schedule(complete);
    const s = status();
    o.onChanged(s);
    return s;
  };

  const decide = async (id: string, decision: ReconcileDecision): Promise<ReconcileStatus> => {
    const f = fixes.get(id);
    if (f === undefined) throw new ReconcileDecisionError('unknown-id', `no pending reconciliation item ${id}: the last run did not leave it (decided already, or gone since)`);
    if (decision === 'dismiss') {
      fixes.delete(id);
      dismissed.add(id);
      dismissedCount = dismissed.size;
      pending = pending.filter((p) => p.id !== id);
      log.info('reconcile item dismissed by the trader', { id, kind: f.discrepancy.kind });
      o.onChanged(status());
      return status();
    }
    const a = f.action;
    if (!isVenueFix(a)) throw new ReconcileDecisionError('not-applicable', `${f.discrepancy.kind} has no fix to apply (${a.kind}): it can only be dismissed`);
    // Runs between runs, never beside one (a run's snapshot would not see the fix's orders).
    const p = chain.then(() => o.fix(a));
    chain = p.catch(() => undefined);
    const outcome: FixOutcome = await p;
    if (!outcome.ok) {
      const why = `the trader's fix failed: ${outcome.why}`;
      if (fixes.has(id)) {
        fixes.set(id, { ...f, why });
        pending = pending.map((p) => (p.id === id ? { ...p, why } : p));
      }
      o.onChanged(status());
      throw new ReconcileDecisionError('fix-failed', why);
    }
    fixes.delete(id);
    pending = pending.filter((p) => p.id !== id);
    appliedCount += 1;
    log.info('reconcile fix applied on the trader\'s decision', { id, action: a.kind, detail: outcome.detail });
    o.onChanged(status());
    return status();
  };

  const run = (trigger: ReconcileTrigger): Promise<ReconcileStatus> => {
    if (stopped) return Promise.resolve(status());
    if (queued !== null) return queued;
    const p = chain.then(() => {
      queued = null;
      return once(trigger);
    });
    queued = p;
    chain = p.catch(() => undefined);
    return p;
  };

  const off = o.onResubscribed((venue) => {
    log.info('private stream resubscribed: reconciling', { venue });
    void run('resubscribed');
  });
  o.board.setReconciled(false);
  void run('startup');

  return {
    run,
    status,
    decide,
    reconciled: () => reconciledP,
    stop() {
      stopped = true;
      cancelTimer?.();
      off();
    },
  };
}
