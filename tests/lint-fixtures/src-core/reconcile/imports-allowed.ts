// Fixture: reconcile/ importing domain, config, the venue port's types and the ledger's types is allowed.
import type { Fill } from '../venues/port';
import type { PairView } from '../ledger/query-types';
import { parseDecimal } from '../domain/decimal';
import { reconcileDefaults } from '../config/reconcile';
export const x = [parseDecimal, reconcileDefaults];
export type X = Fill | PairView;
