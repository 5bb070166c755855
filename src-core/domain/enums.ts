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
 *  but not enough to act on (a warning, cleared by a consistent payment). */
export const ALARM_KINDS = ['funding-unit', 'funding-drift'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const ALARM_SEVERITIES = ['warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];
