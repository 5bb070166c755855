// The pair closer's inputs and report (close.ts), shared by its parts.
import type { LifecycleSettings } from '../config/lifecycle';
import type { TradingSettings } from '../config/trading';
import type { VenueId } from '../domain/venue';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { CloseFailure } from '../risk/breakers/close-failed';
import type { Logger } from '../telemetry/log';
import type { Clock } from '../domain/clock';
import type { Position } from '../venues/port';
import type { EntryGate, ExecutionVenue } from './entry-types';
import type { OrderTracker } from './tracker-types';

/** 'emergency': taker IOCs on both legs at once from the start, within emergencyDeadlineMs
 *  (broken hedge, liquidation distance, delta bound, catastrophic flip: strategy/exits). */
export type CloseUrgency = 'normal' | 'emergency';

/** A venue as the closer needs it: the executor's view plus the live position read. */
export interface CloseVenue extends ExecutionVenue {
  positions(): Promise<readonly Position[]>;
}

/** Read at the start of each close, so an edit applies to the next one. */
export interface CloseSettings {
  readonly lifecycle: LifecycleSettings;
  /** The in-flight check interval (a lost IOC's verdict is asked again at it) and the rest of
   *  the entry's parameters the shared order run reads. */
  readonly trading: TradingSettings;
}

export interface PairCloserOptions {
  readonly tracker: OrderTracker;
  readonly ledger: LedgerRepo;
  readonly venues: Readonly<Record<VenueId, CloseVenue>>;
  readonly clock: Clock;
  /** The risk gate, asked before every order and cancel (a close's orders are 'reduce'). */
  readonly gate: EntryGate;
  readonly settings: () => CloseSettings;
  readonly log: Logger;
  /** Called once when a close ends with a leg open: the alarm and the move to REDUCING
   *  (risk/breakers/close-failed.ts closeFailureHook). */
  readonly onCloseFailed: (f: CloseFailure) => void;
}

export interface CloseLegReport {
  readonly leg: 0 | 1;
  readonly venue: VenueId;
  /** Exact base size this close filled on the leg, and the leg's net size left (the ledger's). */
  readonly closedSize: string;
  readonly leftSize: string;
  /** Close orders sent on the leg (maker and IOCs). */
  readonly orderCount: number;
  /** Why the leg is not closed, or null. */
  readonly failure: string | null;
}

export type CloseOutcome =
  /** Both legs flat in the ledger and on the venues' positions. */
  | 'closed'
  /** Retries spent with a leg open: the pair is 'close-failed', alerted, trading REDUCING. */
  | 'close-failed'
  /** Nothing to do or not allowed now (no such pair, already closed, entry still running). */
  | 'refused';

export interface CloseReport {
  readonly pairSeq: number;
  readonly urgency: CloseUrgency;
  readonly reason: string;
  readonly outcome: CloseOutcome;
  readonly detail: string;
  /** Rounds run (the first and each retry). */
  readonly rounds: number;
  readonly legs: readonly CloseLegReport[];
  readonly elapsedMs: number;
}
