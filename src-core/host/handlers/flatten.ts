// Handlers of the flatten channel (api/channels/flatten.ts) over the one close-all path
// (host/trading/close-all.ts, shared with the CLI's close-all). The list works whenever the
// database is open; the command needs the trading core (UNAVAILABLE without it) and venues read
// back since start (a close before that could only cancel: the gate allows nothing else).
import { ApiFailure } from '../../api/envelope';
import type { flattenChannels } from '../../api/channels/flatten';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import type { Logger } from '../../telemetry/log';
import type { TradingStateControl } from '../trading-state-control';
import { closablePairs, CloseAllRefused, samePairSeqs, startCloseAll, type CloseAllDeps } from '../trading/close-all';
import { TRADING_NOT_RUNNING } from './pairs';
import type { ChannelHandlers } from './types';

export const FLATTEN_REASON = 'flatten all from the app';

/** What the trading core lends the command while it runs. */
export interface FlattenControls {
  readonly closer: CloseAllDeps['closer'];
  readonly listPairs: CloseAllDeps['listPairs'];
  /** Whether both venues have been read back since start (the gate allows more than cancels). */
  readonly reconciled: () => boolean;
}

export interface FlattenHandlerDeps {
  readonly queries: Pick<LedgerQueries, 'listPairs'>;
  readonly controls: FlattenControls | null;
  readonly tradingState: TradingStateControl;
  readonly log: Logger;
  readonly now: () => number;
}

export function flattenHandlers(deps: FlattenHandlerDeps): ChannelHandlers<typeof flattenChannels> {
  return {
    queries: {
      'pairs.closeAllPreview': () => ({ pairs: closablePairs(deps.queries.listPairs()) }),
    },
    commands: {
      'pairs.closeAll': async ({ pairSeqs }) => {
        const c = deps.controls;
        if (c === null) throw new ApiFailure('UNAVAILABLE', TRADING_NOT_RUNNING);
        if (!c.reconciled()) throw new ApiFailure('CONFLICT', 'the venues have not been read back since start: nothing was closed, try again once reconciliation completes');
        let started;
        try {
          started = await startCloseAll(
            {
              listPairs: c.listPairs,
              closer: c.closer,
              // HALTED allows cancels only, so no close could trade: the trader's confirmed flatten
              // moves it to REDUCING as well (the dialog says so before the confirm).
              needsReducing: () => deps.tradingState.current().state !== 'REDUCING',
              reduce: (reason) => {
                deps.tradingState.request({ state: 'REDUCING', reason, source: 'trader', atMs: deps.now() });
              },
            },
            FLATTEN_REASON,
            (open) =>
              samePairSeqs(open, pairSeqs)
                ? null
                : `the open pairs changed since the list you confirmed (now ${open.length === 0 ? 'none' : open.map((p) => `#${p.pairSeq} ${p.symbol}`).join(', ')}): nothing was closed, review the list again`,
          );
        } catch (e) {
          if (e instanceof CloseAllRefused) throw new ApiFailure('CONFLICT', e.message);
          throw e;
        }
        // Each close reports through pairs.update; one that did not end closed is logged here
        // too (the closer raises the alarm and REDUCING itself: risk/breakers/close-failed.ts).
        void started.outcomes.then((outcomes) => {
          for (const o of outcomes) {
            if (o.report?.outcome !== 'closed') deps.log.warn('flatten: pair not closed', { pairSeq: o.pair.pairSeq, outcome: o.report?.outcome ?? null, detail: o.report?.detail ?? o.error });
          }
        });
        return { closing: started.pairs.map((p) => ({ pairSeq: p.pairSeq, symbol: p.symbol, state: p.state })), tradingState: deps.tradingState.current().state };
      },
    },
  };
}
