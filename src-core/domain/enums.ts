// Every enumeration the layers share, defined once: the adapters, the simulator, the contract's
// zod schemas and the store's CHECK constraints all take their values from here.

export const VENUES = ['lighter', 'extended'] as const;
export type VenueId = (typeof VENUES)[number];

/** The mode is chosen at start (CLI `--mode`, createCore's option) and picks the database file;
 *  it is never a setting, so a stored document cannot disagree with the file it lives in. */
export const MODES = ['sim', 'paper', 'live'] as const;
export type Mode = (typeof MODES)[number];

/** ACTIVE: everything; REDUCING: only exposure-reducing orders; HALTED: cancels only. */
export const TRADING_STATES = ['ACTIVE', 'REDUCING', 'HALTED'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export const STREAM_STATES = ['connecting', 'open', 'stalled', 'backoff', 'closed'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** gtt: rests until its expiry; ioc: fills what it can now, the rest is cancelled; post_only:
 *  rests as maker or is refused. */
export const TIME_IN_FORCE = ['gtt', 'ioc', 'post_only'] as const;
export type TimeInForce = (typeof TIME_IN_FORCE)[number];

/** Health alarms raised by automatic guards (risk/alarms.ts).
 *  funding-unit: a funding payment's cash disagrees with our rate by a known unit factor, a gross
 *  ratio or its sign (trading moved to REDUCING); funding-drift: off by more than the tolerance
 *  but not enough to act on (a warning, cleared by a consistent payment); close-failed: a pair's
 *  close ran out of retries with a leg still open (trading moved to REDUCING). */
export const ALARM_KINDS = ['funding-unit', 'funding-drift', 'close-failed'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const ALARM_SEVERITIES = ['warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

export const SIDES = ['buy', 'sell'] as const;
export const POSITION_SIDES = ['long', 'short'] as const;

/** A pair's life: opening (entry legs in progress), open (both legs on), closing, closed,
 *  rolled-back (entry failed and what filled was undone), broken (one leg without its hedge:
 *  needs a rollback, a re-hedge or the user's decision), close-failed (a close ran out of
 *  retries with a leg still open: alerted, trading REDUCING, the trader decides). Adding a value
 *  needs a migration that rebuilds the CHECK (store/migrations/0006). */
export const PAIR_STATES = ['opening', 'open', 'closing', 'closed', 'rolled-back', 'broken', 'close-failed'] as const;
export type PairState = (typeof PAIR_STATES)[number];

/** The order state machine's states (execution/order-fsm.ts), in NautilusTrader's vocabulary;
 *  here so the ledger's CHECK constraints share them. */
export const ORDER_STATES = [
  'initialized',
  'denied',
  'submitted',
  'accepted',
  'pending-cancel',
  'partially-filled',
  'filled',
  'canceled',
  'expired',
  'rejected',
  'lost',
] as const;
export type OrderStateName = (typeof ORDER_STATES)[number];

/** Closed states: the order is no longer working on the venue (it may still take a late fill). */
export const CLOSED_ORDER_STATES: readonly OrderStateName[] = ['denied', 'filled', 'canceled', 'expired', 'rejected'];

/** Who started an entry attempt. */
export const ATTEMPT_TRIGGERS = ['auto', 'manual'] as const;
export type AttemptTrigger = (typeof ATTEMPT_TRIGGERS)[number];

/** How an entry attempt ended ('pending' while it runs): opened a pair, was refused before any
 *  order (gates, risk, stale data), failed with nothing left open, or rolled back a filled leg. */
export const ATTEMPT_OUTCOMES = ['pending', 'opened', 'refused', 'failed', 'rolled-back', 'broken'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Which rate the screener's expected value credited over the hold (strategy/ev-blend.ts):
 *  predicted: the live predicted net rate for every hour (the blend is off, or the settled mean
 *  is not below it: a recovery is never credited); decaying: the predicted rate for the next
 *  settlement, its excess over the settled mean halving every evSpikeHalfLifeHours;
 *  next-settlement-only: no settled hour in the window, so only the next settlement counts. */
export const EV_RATE_SOURCES = ['predicted', 'decaying', 'next-settlement-only'] as const;
export type EvRateSource = (typeof EV_RATE_SOURCES)[number];
