// Fixture: risk/ importing domain, ledger, store and telemetry is allowed.
import { parseDecimal } from '../domain/decimal';
import { LedgerRepo } from '../ledger/ledger-repo';
import { TradingStateRepo } from '../store/trading-state-repo';
import { Histogram } from '../telemetry/histogram';
export const x = [parseDecimal, LedgerRepo, TradingStateRepo, Histogram];
