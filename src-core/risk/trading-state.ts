// Trading-state transitions, in one place (docs/ARCHITECTURE.md, "Safety rules"): ACTIVE allows
// everything, REDUCING only exposure-reducing orders, HALTED cancels only. An automatic alarm can
// only tighten (ACTIVE → REDUCING → HALTED); only the trader loosens. Pure: the caller persists
// and announces the record this returns.
import type { TradingState } from '../domain/venue';
import type { TradingStateRecord } from '../domain/trading-state';

export type { TradingStateRecord } from '../domain/trading-state';

/** Who asks: the trader (tray, UI, CLI) may move either way; an automatic guard only tightens.
 *  A breaker names itself ('breaker:drawdown') so the log says which one acted; it is an
 *  automatic guard like any other. */
export type TransitionSource = 'trader' | 'automatic' | `breaker:${string}`;

const STRICTNESS: Readonly<Record<TradingState, number>> = { ACTIVE: 0, REDUCING: 1, HALTED: 2 };

/** True when `a` allows less than `b`. */
export function stricterThan(a: TradingState, b: TradingState): boolean {
  return STRICTNESS[a] > STRICTNESS[b];
}

export type TransitionDecision =
  | { readonly kind: 'change'; readonly next: TradingStateRecord }
  | { readonly kind: 'unchanged'; readonly why: string };

export interface TransitionRequest {
  readonly state: TradingState;
  readonly reason: string;
  readonly source: TransitionSource;
  readonly atMs: number;
}

export function decideTransition(current: TradingStateRecord, req: TransitionRequest): TransitionDecision {
  const next: TradingStateRecord = { state: req.state, reason: req.reason, changedAtMs: req.atMs };
  // The trader's command is always recorded, even a repeat of the current state: the log then
  // shows that someone looked and confirmed it (and the new reason).
  if (req.source === 'trader') return { kind: 'change', next };
  // Every other source is an automatic guard.
  if (stricterThan(req.state, current.state)) return { kind: 'change', next };
  return { kind: 'unchanged', why: `already ${current.state}: an automatic guard only tightens (asked for ${req.state})` };
}
