// Fixture: risk/ importing execution, or a venue adapter (not the port's types), must be flagged (2).
import { applyOrderEvent } from '../execution/order-fsm';
import type { LighterAdapter } from '../venues/lighter/adapter';
export type X = LighterAdapter;
export const x = applyOrderEvent;
