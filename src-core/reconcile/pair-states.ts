// Which pair states reconciliation treats how (domain/enums.ts PAIR_STATES).
import type { PairState } from '../domain/enums';

/** A pair in these states is expected to hold legs on the venues (or to be putting them on). */
export const LIVE_PAIR_STATES: readonly PairState[] = ['opening', 'open', 'closing', 'broken'];

/** A pair in these states holds no position, so a new payment is not attributed to it here. */
export const CLOSED_PAIR_STATES_FOR_FUNDING: readonly PairState[] = ['closed', 'rolled-back'];
