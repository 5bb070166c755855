// Handlers of the pairs channels (api/channels/pairs.ts). Queries read the ledger through
// LedgerQueries and work whenever the database is open; preview, open and cancelEntry need the
// trading loop (PairCommands), and answer UNAVAILABLE while it is not running, so the UI can
// show the pairs of a stopped core but never believes an order was placed.
import type { Handlers } from '../../api/dispatcher';
import { ApiFailure } from '../../api/envelope';
import { ATTEMPTS_DEFAULT_LIMIT, type PairPreview } from '../../api/channels/pairs';
import type { CommandInput, CommandOutput } from '../../api/contract';
import { LedgerQueryError, type LedgerQueries } from '../../ledger/ledger-queries';

/** What the trader asked for: a symbol, which venue is long and which short, and optionally the
 *  notional of each leg (exact decimal string; absent = settings.trading.notionalPerPairUsd). */
export type PairRequest = CommandInput<'pairs.open'>;

/** Implemented by the trading loop. Each method may throw ApiFailure (CONFLICT, NOT_FOUND, …)
 *  to refuse with a specific code; anything else becomes INTERNAL. */
export interface PairCommands {
  /** Sizes, prices, fees and expected costs of opening the pair now; places nothing. */
  preview(request: PairRequest): PairPreview | Promise<PairPreview>;
  /** Starts an entry attempt (recorded in the ledger) and returns its id at once; the outcome
   *  arrives as pairs.update / orders.update / fills.new events and in pairs.attempts. */
  open(request: PairRequest): CommandOutput<'pairs.open'> | Promise<CommandOutput<'pairs.open'>>;
  /** Stops the entry of a pair that is still opening: cancels its maker order, hedges or rolls
   *  back what filled. Returns the pair's state when the request was taken. */
  cancelEntry(pairSeq: number): CommandOutput<'pairs.cancelEntry'> | Promise<CommandOutput<'pairs.cancelEntry'>>;
}

export interface PairsHandlerDeps {
  readonly queries: LedgerQueries;
  /** Read on every call (a getter may hand over the loop once it starts); null = not running. */
  readonly commands: PairCommands | null;
}

type PairsQueries = Pick<Handlers['queries'], 'pairs.list' | 'pairs.detail' | 'pairs.attempts' | 'pairs.preview' | 'pairs.funding'>;
type PairsCommands = Pick<Handlers['commands'], 'pairs.open' | 'pairs.cancelEntry'>;

export const TRADING_NOT_RUNNING = 'trading core is not running';

function needCommands(deps: PairsHandlerDeps): PairCommands {
  const c = deps.commands;
  if (c === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
  return c;
}

/** A refusal of the read side is the caller's bad input, never an internal error. */
function reading<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LedgerQueryError && e.code !== 'not-read-only') throw new ApiFailure('VALIDATION', e.message);
    throw e;
  }
}

function noPair(pairSeq: number): ApiFailure {
  return new ApiFailure('NOT_FOUND', `no pair ${pairSeq}`);
}

export function pairsHandlers(deps: PairsHandlerDeps): { readonly queries: PairsQueries; readonly commands: PairsCommands } {
  return {
    queries: {
      'pairs.list': () => ({ pairs: reading(() => deps.queries.listPairs()) }),
      'pairs.detail': ({ pairSeq }) => {
        const d = reading(() => deps.queries.pairDetail(pairSeq));
        if (d === null) throw noPair(pairSeq);
        return d;
      },
      'pairs.funding': ({ pairSeq }) => {
        const a = reading(() => deps.queries.fundingAttribution(pairSeq));
        if (a === null) throw noPair(pairSeq);
        return { ...a, rows: [...a.rows] };
      },
      'pairs.attempts': (input) => ({ attempts: reading(() => deps.queries.attempts(input?.limit ?? ATTEMPTS_DEFAULT_LIMIT)) }),
      'pairs.preview': (request) => needCommands(deps).preview(request),
    },
    commands: {
      'pairs.open': (request) => needCommands(deps).open(request),
      'pairs.cancelEntry': ({ pairSeq }) => {
        const commands = needCommands(deps);
        const pair = reading(() => deps.queries.pair(pairSeq));
        if (pair === null) throw noPair(pairSeq);
        // Only an entry in progress can be cancelled; an open pair is closed, not cancelled.
        if (pair.state !== 'opening') throw new ApiFailure('CONFLICT', `pair ${pairSeq} is ${pair.state}, not opening`);
        return commands.cancelEntry(pairSeq);
      },
    },
  };
}
