// Fixture: the ledger importing reconcile/ (even a type) must be flagged (1).
import type { LedgerView } from '../reconcile/ledger-view';
export type X = LedgerView;
