// Fixture: ledger/ importing domain and store is allowed.
import { parseDecimal } from '../domain/decimal';
import { CLIENT_ID_EPOCH_KEY } from '../store/migrations/0004_ledger';
export const x = [parseDecimal, CLIENT_ID_EPOCH_KEY];
