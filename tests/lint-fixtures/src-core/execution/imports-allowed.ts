// Fixture: execution/ importing port values, domain, ledger, risk and telemetry is allowed.
import { REJECT_REASONS } from '../venues/port';
import { parseDecimal } from '../domain/decimal';
import { LedgerRepo } from '../ledger/ledger-repo';
import { breaker } from '../risk/breaker';
import { Histogram } from '../telemetry/histogram';
export const x = [REJECT_REASONS, parseDecimal, LedgerRepo, breaker, Histogram];
