// Handlers of the exit channels (api/channels/exits.ts). The exit-rule table and the close and
// rebalance commands need the trading core (ExitControls) and answer UNAVAILABLE while it is not
// running; a pair that does not exist is NOT_FOUND, one that is not open is CONFLICT (its rules
// are not judged, and a closed pair has nothing to close).
import type { Handlers } from '../../api/dispatcher';
import { ApiFailure } from '../../api/envelope';
import type { ExitTable } from '../../api/channels/exits';
import type { PairState } from '../../domain/enums';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import { TRADING_NOT_RUNNING } from './pairs';
import type { CloseUrgency } from '../trading/exit-loop';

/** Implemented by the trading core. */
export interface ExitControls {
  /** The rules of a judged pair now; null when its market view is not there yet. */
  evaluate(pairSeq: number): ExitTable | null;
  /** Starts a close; resolves when it was taken (the close runs on). */
  close(pairSeq: number, urgency: CloseUrgency, reason: string): void;
  rebalance(pairSeq: number, reason: string): void;
}

export interface ExitsHandlerDeps {
  readonly queries: Pick<LedgerQueries, 'pair'>;
  readonly controls: ExitControls | null;
}

type ExitQueries = Pick<Handlers['queries'], 'pairs.exits'>;
type ExitCommands = Pick<Handlers['commands'], 'pairs.close' | 'pairs.rebalance'>;

/** States a close or rebalance may be asked of: the pair holds (or may hold) a position. */
const HELD: ReadonlySet<PairState> = new Set(['open', 'broken', 'closing', 'close-failed']);

export function exitsHandlers(deps: ExitsHandlerDeps): { readonly queries: ExitQueries; readonly commands: ExitCommands } {
  const controls = (): ExitControls => {
    if (deps.controls === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
    return deps.controls;
  };
  const held = (pairSeq: number, what: string): PairState => {
    const pair = deps.queries.pair(pairSeq);
    if (pair === null) throw new ApiFailure('NOT_FOUND', `no pair ${pairSeq}`);
    if (!HELD.has(pair.state)) throw new ApiFailure('CONFLICT', `pair ${pairSeq} is ${pair.state}: nothing to ${what}`);
    return pair.state;
  };
  return {
    queries: {
      'pairs.exits': ({ pairSeq }) => {
        const c = controls();
        held(pairSeq, 'judge');
        const table = c.evaluate(pairSeq);
        if (table === null) throw new ApiFailure('UNAVAILABLE', `pair ${pairSeq}: no market data to judge its exit rules yet`);
        return table;
      },
    },
    commands: {
      'pairs.close': ({ pairSeq, urgency }) => {
        const c = controls();
        const state = held(pairSeq, 'close');
        c.close(pairSeq, urgency ?? 'normal', 'closed by the trader');
        return { pairSeq, state };
      },
      'pairs.rebalance': ({ pairSeq }) => {
        const c = controls();
        const state = held(pairSeq, 'rebalance');
        if (state === 'closing' || state === 'close-failed') throw new ApiFailure('CONFLICT', `pair ${pairSeq} is ${state}: close it`);
        c.rebalance(pairSeq, 'rebalance asked by the trader');
        return { pairSeq, state };
      },
    },
  };
}
