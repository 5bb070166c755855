// Fixture: strategy/ importing domain, market, config and port types is allowed.
import { parseDecimal } from '../domain/decimal';
import type { SymbolView } from '../market/types';
import { defaultSettings } from '../config/schema';
import type { MarketMeta } from '../venues/port';
export type X = [SymbolView, MarketMeta];
export const y = [parseDecimal, defaultSettings];
