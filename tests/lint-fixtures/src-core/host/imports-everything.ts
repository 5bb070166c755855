// Fixture: host/ (the composition root) may import every layer.
import { LighterAdapter } from '../venues/lighter/adapter';
import { LedgerRepo } from '../ledger/ledger-repo';
import { applyOrderEvent } from '../execution/order-fsm';
import { openStore } from '../store/db';
import { screen } from '../strategy/screener';
export const x = [LighterAdapter, LedgerRepo, applyOrderEvent, openStore, screen];
