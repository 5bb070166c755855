// The breaker board: where every breaker's result meets the trading state and the gate.
// - A trip goes through the one transition rule (risk/trading-state.ts decideTransition: an
//   automatic guard only tightens) and, when it changes the state, to the host's trading-state
//   control, which persists it with its log row and announces it. The request names the breaker
//   as its source ('breaker:drawdown') and in its reason, since the persisted log keeps only the
//   reason: the Health screen then says which breaker stopped trading and why.
// - Blocking conditions are level-triggered: each breaker reports the conditions it sees now; the
//   board keeps when each one started and drops those no longer reported.
// - The gate's input (risk/trading-gate.ts GateState) is read from here.
// Pure and synchronous: no clock, no I/O; the caller passes the time and owns the sink.
import type { TradingStateRecord, TransitionRequest } from './trading-state';
import { decideTransition } from './trading-state';
import { checkOrder, type GateState, type GateVerdict, type OrderCheck } from './trading-gate';
import type { BlockingCondition, BreakerName, BreakerResult, Condition } from './breakers/types';

/** What the host's TradingStateControl (host/trading-state-control.ts) already provides. */
export interface TradingStateSink {
  current(): TradingStateRecord;
  /** Applies the request if the rule allows it; the new record, or null when unchanged. */
  request(req: TransitionRequest): TradingStateRecord | null;
}

/** A breaker's output: a trip or none, and for breakers that also block, the conditions now. */
export type BreakerOutput = BreakerResult & { readonly conditions?: readonly Condition[] };

/** The trading-state reason is bounded like the trader's (api trading channel: 200 characters). */
export const REASON_MAX_LENGTH = 200;

export interface ConditionChange {
  readonly raised: readonly BlockingCondition[];
  readonly cleared: readonly BlockingCondition[];
}

export class BreakerBoard {
  private reconciledFlag = false;
  private readonly held = new Map<BreakerName, ReadonlyMap<string, BlockingCondition>>();

  constructor(private readonly sink: TradingStateSink) {}

  /** Startup sets it after a readback of both venues; until then the gate allows cancels only. */
  setReconciled(reconciled: boolean): void {
    this.reconciledFlag = reconciled;
  }

  /** Applies a breaker's trip (if any) and its conditions (if it reports any). Returns the new
   *  trading-state record when the trip changed the state, else null. */
  apply(breaker: BreakerName, output: BreakerOutput, atMs: number): TradingStateRecord | null {
    if (output.conditions !== undefined) this.setConditions(breaker, output.conditions, atMs);
    if (output.trip === null) return null;
    const req: TransitionRequest = {
      state: output.trip.to,
      reason: `breaker:${breaker}: ${output.trip.reason}`.slice(0, REASON_MAX_LENGTH),
      source: `breaker:${breaker}`,
      atMs,
    };
    // A breaker keeps tripping while its cause lasts; only a change reaches the sink.
    if (decideTransition(this.sink.current(), req).kind === 'unchanged') return null;
    return this.sink.request(req);
  }

  /** Replaces the conditions `breaker` reports; those still reported keep their start time. */
  setConditions(breaker: BreakerName, conditions: readonly Condition[], atMs: number): ConditionChange {
    const before = this.held.get(breaker) ?? new Map<string, BlockingCondition>();
    const now = new Map<string, BlockingCondition>();
    const raised: BlockingCondition[] = [];
    for (const c of conditions) {
      const prev = before.get(c.key);
      const held: BlockingCondition = { source: breaker, key: c.key, venue: c.venue, reason: c.reason, sinceMs: prev?.sinceMs ?? c.sinceMs ?? atMs };
      if (prev === undefined) raised.push(held);
      now.set(c.key, held);
    }
    const cleared = [...before.values()].filter((c) => !now.has(c.key));
    this.held.set(breaker, now);
    return { raised, cleared };
  }

  /** Every active condition, the oldest first. */
  conditions(): BlockingCondition[] {
    const all: BlockingCondition[] = [];
    for (const m of this.held.values()) all.push(...m.values());
    return all.sort((a, b) => a.sinceMs - b.sinceMs || a.key.localeCompare(b.key));
  }

  gateState(): GateState {
    return { tradingState: this.sink.current().state, reconciled: this.reconciledFlag, conditions: this.conditions() };
  }

  checkOrder(order: OrderCheck): GateVerdict {
    return checkOrder(this.gateState(), order);
  }
}
