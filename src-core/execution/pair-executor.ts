// The pair executor: one entry from an opportunity to an open, delta-neutral pair (or a clean
// refusal, or a rollback). Preflight (gate, markets, books, balances, one exact size for both
// legs, leverage on both venues) sends no order; then the maker leg rests (maker-leg.ts) while
// the hedger hedges each of its fills (hedger.ts); what cannot be hedged is rolled back
// (rollback.ts). Everything runs inside one monotonic deadline (settings.entryDeadlineMs), and
// every attempt is recorded in the ledger with its outcome and reason.
import type { Clock } from '../domain/clock';
import { absDecimal, compareDecimal, signDecimal, subDecimal } from '../domain/decimal';
import type { VenueId } from '../domain/venue';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { Logger } from '../telemetry/log';
import { AttemptCounter } from './entry-plan';
import { EntryRun } from './entry-run';
import type { EntryGate, EntryRequest, EntryResult, EntrySettings, ExecutionVenue } from './entry-types';
import { withDeadline } from './entry-wait';
import { Hedger } from './hedger';
import { runMakerLeg, type MakerLegOptions } from './maker-leg';
import { rollbackUnhedged, type RollbackEnd } from './rollback';
import { sizeEntry, type SizedEntry } from './entry-sizing';
import type { OrderTracker } from './tracker-types';

export interface PairExecutorOptions {
  readonly tracker: OrderTracker;
  readonly ledger: LedgerRepo;
  readonly venues: Readonly<Record<VenueId, ExecutionVenue>>;
  readonly clock: Clock;
  readonly gate: EntryGate;
  /** Read at the start of each entry (settings.trading), so an edit applies to the next one. */
  readonly settings: () => EntrySettings;
  readonly log: Logger;
  readonly maker?: Partial<MakerLegOptions>;
}

type Preflight = SizedEntry;

/** Time kept at the end of the entry for the rollback: one IOC's worth, at most half the entry. */
export function rollbackReserveMs(s: Pick<EntrySettings, 'hedgeAttemptTimeoutMs' | 'entryDeadlineMs'>): number {
  return Math.min(s.hedgeAttemptTimeoutMs, Math.floor(s.entryDeadlineMs / 2));
}

export class PairExecutor {
  private readonly running = new Map<number, EntryRun>();
  private readonly makerOpts: MakerLegOptions;

  constructor(private readonly o: PairExecutorOptions) {
    this.makerOpts = { repriceToleranceTicks: o.maker?.repriceToleranceTicks ?? 0, improveTicks: o.maker?.improveTicks ?? 0 };
  }

  /** Pair sequences of the entries under way. */
  active(): readonly number[] {
    return [...this.running.keys()];
  }

  /** Stops an entry in progress: no more repricing, the maker order is cancelled, what filled
   *  is hedged or rolled back. False when no such entry runs. */
  cancelEntry(pairSeq: number, reason = 'cancelled by the user'): boolean {
    const run = this.running.get(pairSeq);
    if (run === undefined) return false;
    run.stopReason ??= reason;
    run.wake.poke();
    return true;
  }

  /** What entering now would send (sizes, prices) without gate, leverage or any order. */
  preview(req: EntryRequest): Promise<SizedEntry> {
    const s = this.o.settings();
    return sizeEntry(this.o.venues, this.o.clock, req, s, this.o.clock.monoNow() + s.entryDeadlineMs);
  }

  async enter(req: EntryRequest): Promise<EntryResult> {
    const { ledger, clock } = this.o;
    const s = this.o.settings();
    const deadlineMono = clock.monoNow() + s.entryDeadlineMs;
    const attemptId = ledger.startAttempt({ triggeredBy: req.triggeredBy, symbol: req.symbol, longVenue: req.longVenue, shortVenue: req.shortVenue, startedAtMs: clock.now() });
    req.onAttempt?.(attemptId);
    const refuse = (reason: string): EntryResult => {
      ledger.finishAttempt(attemptId, { outcome: 'refused', reason, pairSeq: null, finishedAtMs: clock.now() });
      return { outcome: 'refused', reason, attemptId, pairSeq: null, targetSize: null, legSizes: ['0', '0'], rollback: null, cooldownSymbol: null };
    };
    let pre: Preflight;
    try {
      pre = await this.preflight(req, s, deadlineMono);
    } catch (e) {
      return refuse(`preflight: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!pre.ok) return refuse(pre.reason);

    const pairSeq = ledger.allocatePairSeq();
    const pair = {
      pairSeq,
      symbol: req.symbol,
      longVenue: req.longVenue,
      shortVenue: req.shortVenue,
      targetSize: pre.size,
      entryLongHourlyRate: req.entryLongHourlyRate,
      entryShortHourlyRate: req.entryShortHourlyRate,
      entryApy: req.entryApy,
      createdAtMs: clock.now(),
    };
    const run = new EntryRun(
      { tracker: this.o.tracker, ledger, venues: this.o.venues, clock, gate: this.o.gate, log: this.o.log.child({ pairSeq }) },
      s,
      pre.plan,
      { maker: pre.makerMeta, hedge: pre.hedgeMeta },
      pair,
      new AttemptCounter(),
      deadlineMono,
      rollbackReserveMs(s),
    );
    this.running.set(pairSeq, run);
    const hedger = new Hedger(run);
    try {
      return await this.execute(run, hedger, attemptId);
    } catch (e) {
      // A bug or a ledger failure mid-entry: orders may be live, so the pair is broken (for
      // reconciliation), never silently dropped.
      const reason = `entry failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
      this.o.log.error('entry failed unexpectedly', { pairSeq, error: String(e) });
      const hasPair = ledger.intentsOfPair(pairSeq).length > 0;
      if (hasPair) ledger.setPairState(pairSeq, 'broken', clock.now(), reason);
      ledger.finishAttempt(attemptId, { outcome: 'broken', reason, pairSeq: hasPair ? pairSeq : null, finishedAtMs: clock.now() });
      return { outcome: 'broken', reason, attemptId, pairSeq: hasPair ? pairSeq : null, targetSize: pre.size, legSizes: [run.netOf(0), run.netOf(1)], rollback: null, cooldownSymbol: req.symbol };
    } finally {
      hedger.stop();
      run.close();
      this.running.delete(pairSeq);
    }
  }

  private async execute(run: EntryRun, hedger: Hedger, attemptId: number): Promise<EntryResult> {
    const { ledger, clock } = this.o;
    const maker = await runMakerLeg(run, this.makerOpts);
    // Every maker fill reaches the hedger; wait until it has hedged all it can.
    hedger.kick();
    await hedger.idle();
    let rollback: RollbackEnd | null = null;
    if (maker.kind !== 'unresolved' && !run.anyUnsettled()) rollback = await rollbackUnhedged(run);
    const leg0 = run.netOf(0);
    const leg1 = run.netOf(1);
    const settledAll = !run.anyUnsettled();
    // A remainder below BOTH venues' minimum order cannot be hedged nor rolled back by any order
    // (the venue refuses it): the pair opens with it named in its reason, and the broken-hedge
    // breaker judges it against its tolerance like any imbalance. Never silent, never guessed.
    const diff = absDecimal(subDecimal(leg0, leg1));
    const dust = settledAll && signDecimal(diff) > 0 && signDecimal(leg0) > 0 && signDecimal(leg1) > 0 &&
      compareDecimal(diff, run.markets.maker.minSize) < 0 && compareDecimal(diff, run.markets.hedge.minSize) < 0;
    const balanced = (compareDecimal(leg0, leg1) === 0 || dust) && settledAll;
    const makerWhy = maker.kind === 'filled' ? 'maker filled' : maker.kind === 'unresolved' ? `maker order ${maker.clientOrderId} unresolved` : maker.reason;
    let outcome: EntryResult['outcome'];
    let reason: string;
    // The pair's row is written with its first intent: an entry stopped before any order has
    // none (its sequence number is simply never used).
    const hasPair = ledger.intentsOfPair(run.pairSeq).length > 0;
    const pairSeq = hasPair ? run.pairSeq : null;
    const setState: typeof ledger.setPairState = (...a) => {
      if (hasPair) ledger.setPairState(...a);
    };
    if (!balanced) {
      outcome = 'broken';
      const why = rollback?.reason ?? hedger.failed ?? makerWhy;
      reason = compareDecimal(leg0, leg1) === 0 ? `an order is unresolved (legs ${leg0} / ${leg1}): ${why}` : `legs unequal (${leg0} vs ${leg1}): ${why}`;
      setState(run.pairSeq, 'broken', clock.now(), reason);
    } else if (signDecimal(leg0) === 0) {
      outcome = rollback === null ? 'failed' : 'rolled-back';
      reason = rollback === null ? `nothing filled: ${makerWhy}` : `rolled back: ${hedger.failed ?? makerWhy}`;
      setState(run.pairSeq, 'rolled-back', clock.now(), reason);
    } else {
      outcome = 'opened';
      reason = dust ? `opened with an unhedgeable remainder of ${diff} (legs ${leg0} / ${leg1}: below both venues' minimum order)` : compareDecimal(leg0, run.pair.targetSize) === 0 ? 'opened' : `opened at ${leg0} of ${run.pair.targetSize}: ${rollback === null ? makerWhy : `rolled back ${rollback.closedSize}, ${hedger.failed ?? makerWhy}`}`;
      setState(run.pairSeq, 'open', clock.now());
    }
    const cool = rollback !== null || outcome === 'broken';
    ledger.finishAttempt(attemptId, {
      outcome,
      reason,
      pairSeq,
      finishedAtMs: clock.now(),
      detail: { targetSize: run.pair.targetSize, legSizes: [leg0, leg1], maker: maker.kind, hedgeAttempts: hedger.attempts.length, hedgeFailed: hedger.failed, rollback },
    });
    return {
      outcome,
      reason,
      attemptId,
      pairSeq,
      targetSize: run.pair.targetSize,
      legSizes: [leg0, leg1],
      rollback: rollback === null ? null : { venue: rollback.venue, closedSize: rollback.closedSize, leftSize: rollback.leftSize, realizedPnlUsd: rollback.realizedPnlUsd, feesUsd: rollback.feesUsd },
      cooldownSymbol: cool ? run.plan.symbol : null,
    };
  }

  private async preflight(req: EntryRequest, s: EntrySettings, deadlineMono: number): Promise<Preflight> {
    const verdict = this.o.gate({ effect: 'open', venue: req.longVenue, symbol: req.symbol });
    if (!verdict.allowed) return { ok: false, reason: `gate: ${verdict.reason ?? 'open refused'}` };
    const sized = await sizeEntry(this.o.venues, this.o.clock, req, s, deadlineMono);
    if (!sized.ok) return sized;
    const { plan, leverage } = sized;
    // Leverage before the first order, on both venues: the venue's own setting is not assumed
    // (upstream never set it, reference-upstream §2.3).
    for (const v of [plan.maker.venue, plan.hedge.venue]) {
      const r = await withDeadline(this.o.clock, this.o.venues[v].setLeverage(req.symbol, leverage), deadlineMono);
      if (r.kind !== 'done') return { ok: false, reason: `leverage on ${v}: ${r.kind === 'timeout' ? 'no answer before the deadline' : String(r.error)}` };
      if (r.value.kind !== 'accepted') return { ok: false, reason: `leverage on ${v}: ${r.value.kind === 'rejected' ? r.value.reason : 'outcome unknown'}` };
    }
    return sized;
  }
}
