// Starting a pair, for the auto-entry loop and the trader's pairs.open alike: re-validate the
// opportunity on funding read now and the current books (the screener's row may be a poll old),
// check the risk gate's entry limits against the ledger's pairs, then hand it to the executor.
// An automatic entry also needs the screener's gates to pass on the fresh data; a manual one is
// the trader's call on the opportunity, but never on the risk limits.
import { evaluateDirection } from '../../strategy/evaluate';
import type { Settings } from '../../config/schema';
import { screenerParams } from '../../config/screener-params';
import { numberToDecimal } from '../../domain/decimal';
import type { AttemptTrigger } from '../../domain/enums';
import type { VenueId } from '../../domain/venue';
import type { EntryResult } from '../../execution/entry-types';
import type { PairExecutor } from '../../execution/pair-executor';
import type { PairView } from '../../ledger/query-types';
import type { AccountView, HistoryView, SymbolView } from '../../market/types';
import type { BreakerBoard } from '../../risk/breaker-board';
import { checkEntry } from '../../risk/trading-gate';
import type { Logger } from '../../telemetry/log';
import { entryBook, openNotional, type MarkSource } from './exposure';

export interface PairRequestInput {
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  readonly triggeredBy: AttemptTrigger;
  /** Exact decimal USD per leg; absent = settings.trading.notionalPerPairUsd. */
  readonly notionalUsd?: string;
}

export type StartCheck =
  | {
      readonly ok: true;
      readonly capacityBase: string;
      readonly longHourlyRate: number;
      readonly shortHourlyRate: number;
      readonly netApy: number;
      readonly openNotionalUsd: Readonly<Record<VenueId, string>>;
      readonly openSymbolNotionalUsd: string;
      readonly notionalUsd: number;
    }
  /** scope 'all': nothing could start now (trading state, limits, reconciliation); 'symbol':
   *  only this opportunity is refused. */
  | { readonly ok: false; readonly reason: string; readonly scope: 'all' | 'symbol' };

export interface StartedEntry {
  /** Resolves once the attempt is recorded (before any venue call). */
  readonly attemptId: Promise<number>;
  readonly result: Promise<EntryResult>;
}

export interface PairStarterOptions {
  readonly executor: Pick<PairExecutor, 'enter' | 'active'>;
  readonly board: Pick<BreakerBoard, 'gateState'>;
  readonly market: {
    view(symbol: string): SymbolView | undefined;
    refreshSymbolFunding(symbol: string): Promise<void>;
  };
  readonly history: HistoryView;
  readonly account: () => AccountView;
  readonly pairs: () => readonly PairView[];
  readonly settings: () => Settings;
  readonly log: Logger;
  readonly now: () => number;
  readonly onResult: (r: EntryResult, req: PairRequestInput) => void;
}

export interface PairStarter {
  busy(): boolean;
  check(req: PairRequestInput): Promise<StartCheck>;
  start(req: PairRequestInput, check: Extract<StartCheck, { ok: true }>): StartedEntry;
}

const SCOPE_ALL = new Set(['halted', 'reducing', 'not-reconciled', 'blocked', 'max-open-pairs', 'venue-notional']);

export function createPairStarter(o: PairStarterOptions): PairStarter {
  let starting = 0;
  const marks: MarkSource = {
    mark(symbol) {
      const v = o.market.view(symbol);
      return v?.lighter.markPrice ?? v?.extended.markPrice ?? null;
    },
  };
  return {
    busy: () => starting > 0 || o.executor.active().length > 0,

    async check(req) {
      const settings = o.settings();
      const notionalUsd = req.notionalUsd === undefined ? settings.trading.notionalPerPairUsd : Number(req.notionalUsd);
      const book = entryBook(o.pairs(), marks, settings.trading.notionalPerPairUsd);
      const verdict = checkEntry(o.board.gateState(), book, { symbol: req.symbol, longVenue: req.longVenue, shortVenue: req.shortVenue, legNotionalUsd: numberToDecimal(notionalUsd), atMs: o.now() }, settings.trading);
      if (!verdict.allowed) return { ok: false, reason: verdict.detail, scope: SCOPE_ALL.has(verdict.reason) ? 'all' : 'symbol' };
      try {
        await o.market.refreshSymbolFunding(req.symbol);
      } catch (e) {
        return { ok: false, reason: `funding not re-read: ${e instanceof Error ? e.message : String(e)}`, scope: 'symbol' };
      }
      const view = o.market.view(req.symbol);
      if (view === undefined) return { ok: false, reason: `${req.symbol} has no market view`, scope: 'symbol' };
      const params = { ...screenerParams(settings), notionalUsd };
      const d = evaluateDirection(view, req.longVenue, params, o.account(), o.history, o.now());
      if (req.triggeredBy === 'auto' && !d.passed) return { ok: false, reason: `re-validation: ${d.rejection?.reason ?? 'did not pass'}`, scope: 'symbol' };
      const mark = marks.mark(req.symbol);
      if (mark === null || !(mark > 0) || !Number.isFinite(d.capacityUsd)) return { ok: false, reason: `${req.symbol}: no mark price to size against`, scope: 'symbol' };
      const open = openNotional(book, req.symbol);
      return {
        ok: true,
        // The screener's capacity (USD within the slippage budget) in base units; sizing floors it
        // to the step, so this float only bounds the exact size from above.
        capacityBase: numberToDecimal(Math.max(0, d.capacityUsd / mark)),
        longHourlyRate: d.longHourlyRate,
        shortHourlyRate: d.shortHourlyRate,
        netApy: d.netApy,
        openNotionalUsd: open.perVenue,
        openSymbolNotionalUsd: open.symbol,
        notionalUsd,
      };
    },

    start(req, check) {
      starting += 1;
      let resolveAttempt!: (id: number) => void;
      let rejectAttempt!: (e: unknown) => void;
      const attemptId = new Promise<number>((res, rej) => {
        resolveAttempt = res;
        rejectAttempt = rej;
      });
      const result = o.executor
        .enter({
          symbol: req.symbol,
          longVenue: req.longVenue,
          shortVenue: req.shortVenue,
          capacityBase: check.capacityBase,
          triggeredBy: req.triggeredBy,
          entryLongHourlyRate: check.longHourlyRate,
          entryShortHourlyRate: check.shortHourlyRate,
          entryApy: check.netApy,
          openNotionalUsd: check.openNotionalUsd,
          openSymbolNotionalUsd: check.openSymbolNotionalUsd,
          notionalUsd: check.notionalUsd,
          onAttempt: (id) => resolveAttempt(id),
        })
        .then((r) => {
          resolveAttempt(r.attemptId);
          o.log.info('entry ended', { symbol: req.symbol, outcome: r.outcome, reason: r.reason, pairSeq: r.pairSeq, attemptId: r.attemptId });
          o.onResult(r, req);
          return r;
        })
        .catch((e: unknown) => {
          rejectAttempt(e);
          throw e;
        })
        .finally(() => {
          starting -= 1;
        });
      return { attemptId, result };
    },
  };
}
