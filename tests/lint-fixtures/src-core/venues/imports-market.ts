// Fixture: venues/ importing market data or the ledger must be flagged (twice).
import { MarketService } from '../../market/service';
import { LedgerRepo } from '../../ledger/ledger-repo';
export const x = [MarketService, LedgerRepo];
