// The exit loop: every second, every open pair's exit rules (strategy/exits) over a snapshot built
// from memory (exit-snapshot.ts: no venue call in the evaluation). When a close rule fires, the
// loop says so once (pairs.exitFired, until that rule stops firing or another takes over) and,
// with auto-exit on, hands the pair to the closer with the rule's urgency; a pair whose legs drift
// apart inside the rebalance band (below the delta bound) is handed to the rebalancer, at most
// once per REBALANCE_RETRY_MS. The closer and the rebalancer send the orders, through the
// trading gate, from live venue positions; this loop only decides.
import type { ExitFired, ExitTable } from '../../api/channels/exits';
import type { ExitSettings } from '../../config/exits';
import type { PairState } from '../../domain/enums';
import type { PairView } from '../../ledger/query-types';
import { evaluateExits, type ExitEvaluation, type ExitSnapshot } from '../../strategy/exits';
import type { Logger } from '../../telemetry/log';
import { realTicker, type Ticker } from '../screener-emitter';

export const EXIT_TICK_MS = 1_000;
/** A rebalance that did not bring the legs inside the band is tried again after this long. */
export const REBALANCE_RETRY_MS = 60_000;
/** A close that ended with the pair still judged (refused by the gate, say) is asked again after
 *  this long while its rule keeps firing. */
export const CLOSE_RETRY_MS = 60_000;
/** States whose pair holds both legs and is judged by the rules ('broken': one leg is off; the
 *  broken-hedge rule closes it). */
export const JUDGED_STATES: ReadonlySet<PairState> = new Set(['open', 'broken']);

export type CloseUrgency = 'normal' | 'emergency';

export interface ExitCloser {
  /** Closes both legs; a second call for a pair already closing joins (or escalates) that close. */
  close(pairSeq: number, urgency: CloseUrgency, reason: string): Promise<unknown>;
}

export interface ExitRebalancer {
  rebalance(pairSeq: number, reason: string): Promise<unknown>;
}

export interface ExitLoopOptions {
  readonly pairs: () => readonly PairView[];
  /** The pair's snapshot now, or null when it cannot be judged (no market view yet). */
  readonly snapshot: (pair: PairView) => ExitSnapshot | null;
  readonly settings: () => ExitSettings;
  /** Off: rules are evaluated and announced, the trader closes. */
  readonly autoExit: () => boolean;
  readonly closer: ExitCloser | null;
  readonly rebalancer: ExitRebalancer | null;
  readonly onFired: (e: ExitFired) => void;
  readonly log: Logger;
  readonly now: () => number;
  readonly ticker?: Ticker;
}

export interface ExitLoop {
  /** One pass over every judged pair (the ticker calls it; tests may too). */
  tick(): void;
  /** The pair's rules evaluated now; null when the pair is not judged or cannot be yet. */
  evaluate(pairSeq: number): ExitTable | null;
  stop(): void;
}

export function exitTable(snapshot: ExitSnapshot, e: ExitEvaluation, atMs: number): ExitTable {
  return {
    pairSeq: snapshot.pairSeq,
    symbol: snapshot.symbol,
    evaluatedAtMs: atMs,
    decision: e.decision,
    rules: [...e.rules],
    rebalanceAdvised: e.rebalanceAdvised,
    ageHours: e.ageHours,
    currentNetHourlyRate: e.currentNetHourlyRate,
    netPnlUsd: e.netPnlUsd,
  };
}

export function startExitLoop(o: ExitLoopOptions): ExitLoop {
  let stopped = false;
  /** The rule last announced per pair (announce again only when it changes). */
  const announced = new Map<number, string>();
  const rebalancing = new Map<number, number>();
  const closing = new Set<number>();
  /** When each pair was last handed to the closer. */
  const closeAskedMs = new Map<number, number>();

  const judge = (pair: PairView, settings: ExitSettings): { snapshot: ExitSnapshot; evaluation: ExitEvaluation } | null => {
    const snapshot = o.snapshot(pair);
    return snapshot === null ? null : { snapshot, evaluation: evaluateExits(snapshot, settings) };
  };

  const act = (pair: PairView, e: ExitEvaluation, atMs: number): void => {
    const d = e.decision;
    if (d.urgency === 'none' || d.rule === null) {
      announced.delete(pair.pairSeq);
      if (e.rebalanceAdvised) rebalance(pair, atMs);
      return;
    }
    const auto = o.autoExit() && o.closer !== null;
    const key = `${d.rule}:${d.urgency}`;
    if (announced.get(pair.pairSeq) !== key) {
      announced.set(pair.pairSeq, key);
      const row = e.rules.find((r) => r.rule === d.rule)!;
      o.onFired({
        pairSeq: pair.pairSeq, symbol: pair.symbol, rule: d.rule, urgency: d.urgency, why: d.why,
        observed: row.observed, threshold: row.threshold, unit: row.unit, action: auto ? 'closing' : 'advised', atMs,
      });
      o.log.info('exit rule fired', { pairSeq: pair.pairSeq, symbol: pair.symbol, rule: d.rule, urgency: d.urgency, why: d.why, auto });
      // A new urgency (normal → emergency) is handed over again: the closer escalates.
      if (auto) close(pair.pairSeq, d.urgency, `${d.rule}: ${d.why}`, atMs);
      return;
    }
    // Still firing after a close that ended without closing the pair: ask again, once a while.
    const asked = closeAskedMs.get(pair.pairSeq);
    if (auto && !closing.has(pair.pairSeq) && asked !== undefined && atMs - asked >= CLOSE_RETRY_MS) close(pair.pairSeq, d.urgency, `${d.rule}: ${d.why}`, atMs);
  };

  const close = (pairSeq: number, urgency: CloseUrgency, reason: string, atMs: number): void => {
    closing.add(pairSeq);
    closeAskedMs.set(pairSeq, atMs);
    o.closer!.close(pairSeq, urgency, reason).then(
      () => closing.delete(pairSeq),
      (err: unknown) => {
        closing.delete(pairSeq);
        // The closer alerts and moves trading to REDUCING itself; announce again next tick.
        announced.delete(pairSeq);
        o.log.error('close failed', { pairSeq, error: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  const rebalance = (pair: PairView, atMs: number): void => {
    if (!o.autoExit() || o.rebalancer === null || closing.has(pair.pairSeq)) return;
    const last = rebalancing.get(pair.pairSeq);
    if (last !== undefined && atMs - last < REBALANCE_RETRY_MS) return;
    rebalancing.set(pair.pairSeq, atMs);
    o.rebalancer.rebalance(pair.pairSeq, 'legs differ beyond the rebalance band').catch((err: unknown) => {
      o.log.error('rebalance failed', { pairSeq: pair.pairSeq, error: err instanceof Error ? err.message : String(err) });
    });
  };

  const tick = (): void => {
    if (stopped) return;
    const atMs = o.now();
    const settings = o.settings();
    const judged = new Set<number>();
    for (const pair of o.pairs()) {
      if (!JUDGED_STATES.has(pair.state)) continue;
      judged.add(pair.pairSeq);
      try {
        const j = judge(pair, settings);
        if (j !== null) act(pair, j.evaluation, atMs);
      } catch (err) {
        // One pair's bad data must not stop the others' exits.
        o.log.error('exit evaluation failed', { pairSeq: pair.pairSeq, error: err instanceof Error ? err.message : String(err) });
      }
    }
    for (const seq of announced.keys()) if (!judged.has(seq)) announced.delete(seq);
    for (const seq of rebalancing.keys()) if (!judged.has(seq)) rebalancing.delete(seq);
    for (const seq of closeAskedMs.keys()) if (!judged.has(seq)) closeAskedMs.delete(seq);
  };

  const stopTicker = (o.ticker ?? realTicker).every(EXIT_TICK_MS, tick);
  return {
    tick,
    evaluate(pairSeq) {
      const pair = o.pairs().find((p) => p.pairSeq === pairSeq);
      if (pair === undefined || !JUDGED_STATES.has(pair.state)) return null;
      const atMs = o.now();
      const j = judge(pair, o.settings());
      return j === null ? null : exitTable(j.snapshot, j.evaluation, atMs);
    },
    stop() {
      stopped = true;
      stopTicker();
    },
  };
}
