// The pair executor's inputs and results (pair-executor.ts), shared by its parts.
import type { TradingSettings } from '../config/trading';
import type { OrderCheck, OrderEffect } from '../risk/trading-gate';
import type { AttemptOutcome, AttemptTrigger } from '../domain/enums';
import type { VenueId } from '../domain/venue';
import type { ActionOutcome, Balance, L2Book, MarketMeta } from '../venues/port';

/** What an order does to exposure, as the risk gate judges it (risk/trading-gate.ts
 *  ORDER_EFFECTS: a hedge completes an entry whose leg filled, so it lessens the pair's delta). */
export type GateEffect = OrderEffect;
export interface GateVerdict {
  readonly allowed: boolean;
  readonly reason?: string;
}
/** Asked before every order and cancel, with the order's venue and symbol (the risk layer's
 *  gate; injected). */
export type EntryGate = (check: OrderCheck) => GateVerdict;

/** The parts of a venue adapter the executor reads or calls besides the tracker. */
export interface ExecutionVenue {
  market(symbol: string): MarketMeta | undefined;
  book(symbol: string): L2Book | undefined;
  onBook(cb: (book: L2Book) => void): () => void;
  balance(): Promise<Balance>;
  setLeverage(symbol: string, leverage: number): Promise<ActionOutcome>;
}

export interface EntryRequest {
  readonly symbol: string;
  /** The venue where holding a long is cheap (the screener's direction). */
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
  /** What fits inside the slippage budget on both books, in base units (exact). */
  readonly capacityBase: string;
  readonly triggeredBy: AttemptTrigger;
  readonly entryLongHourlyRate: number | null;
  readonly entryShortHourlyRate: number | null;
  readonly entryApy: number | null;
  /** Open notional of our other pairs, per venue and in this symbol (exact USD). */
  readonly openNotionalUsd: Readonly<Record<VenueId, string>>;
  readonly openSymbolNotionalUsd: string;
  /** Notional of each leg for this entry (a manual open may set it); absent = settings. */
  readonly notionalUsd?: number;
  /** Called once the attempt is recorded, before any venue call (a command answers with it). */
  readonly onAttempt?: (attemptId: number) => void;
}

export interface RollbackReport {
  readonly venue: VenueId;
  /** Exact base size the rollback closed. */
  readonly closedSize: string;
  /** Exact size still unhedged after the rollback ("0" when it closed everything). */
  readonly leftSize: string;
  /** Price PnL the round trip realized on the rolled-back venue (negative = cost), and the
   *  fees of the rollback orders; both exact, from the ledger's fills. */
  readonly realizedPnlUsd: string;
  readonly feesUsd: string;
}

export interface EntryResult {
  readonly outcome: Exclude<AttemptOutcome, 'pending'>;
  readonly reason: string;
  readonly attemptId: number;
  readonly pairSeq: number | null;
  /** The size both legs aimed for, and each leg's net filled size at the end (exact). */
  readonly targetSize: string | null;
  readonly legSizes: readonly [string, string];
  readonly rollback: RollbackReport | null;
  /** The symbol to cool down (settings.trading.cooldownMinutes): the host keeps the map. */
  readonly cooldownSymbol: string | null;
}

export type EntrySettings = Pick<
  TradingSettings,
  | 'notionalPerPairUsd'
  | 'leverageMultiple'
  | 'makerVenue'
  | 'makerTimeoutMs'
  | 'maxSlippageBps'
  | 'minFreeMarginFraction'
  | 'maxNotionalPerVenueUsd'
  | 'maxNotionalPerSymbolUsd'
  | 'makerMaxRepriceCount'
  | 'makerBudgetExhausted'
  | 'hedgeSlippageStartBps'
  | 'hedgeSlippageStepBps'
  | 'hedgeSlippageCapBps'
  | 'hedgeMaxAttemptCount'
  | 'hedgeAttemptTimeoutMs'
  | 'inFlightCheckIntervalMs'
  | 'rollbackSlippageBps'
  | 'entryDeadlineMs'
>;
