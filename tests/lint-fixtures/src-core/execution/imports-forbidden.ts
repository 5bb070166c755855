// Fixture: execution/ importing an adapter, the store or market data must be flagged (3).
import { LighterAdapter } from '../venues/lighter/adapter';
import { openStore } from '../store/db';
import type { SymbolView } from '../market/types';
export type X = SymbolView;
export const x = [LighterAdapter, openStore];
