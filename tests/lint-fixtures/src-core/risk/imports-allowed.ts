// Fixture: risk/ importing domain, ledger, store, telemetry and the venue port's types is allowed.
import type { Balance } from '../venues/port';
import { parseDecimal } from '../domain/decimal';
import { LedgerRepo } from '../ledger/ledger-repo';
import { TradingStateRepo } from '../store/trading-state-repo';
import { Histogram } from '../telemetry/histogram';
export const x = [parseDecimal, LedgerRepo, TradingStateRepo, Histogram];
export type B = Balance;
