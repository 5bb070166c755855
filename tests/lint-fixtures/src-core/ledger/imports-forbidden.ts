// Fixture: ledger/ importing the venue port (even a type) or execution must be flagged (2).
import type { Fill } from '../venues/port';
import { applyOrderEvent } from '../execution/order-fsm';
export type X = Fill;
export const x = applyOrderEvent;
