// Fixture: store/ importing the ledger (a layer above it) must be flagged.
import { LedgerRepo } from '../ledger/ledger-repo';
export const x = LedgerRepo;
