// Fixture: risk/ importing execution or venues must be flagged (2).
import { applyOrderEvent } from '../execution/order-fsm';
import type { Balance } from '../venues/port';
export type X = Balance;
export const x = applyOrderEvent;
