// Fixture: reconcile/ importing a ledger value, execution, the store or a venue adapter must be flagged (4).
import { LedgerRepo } from '../ledger/ledger-repo';
import { applyOrderEvent } from '../execution/order-fsm';
import { TradingStateRepo } from '../store/trading-state-repo';
import type { LighterAdapter } from '../venues/lighter/adapter';
export type X = LighterAdapter;
export const x = [LedgerRepo, applyOrderEvent, TradingStateRepo];
