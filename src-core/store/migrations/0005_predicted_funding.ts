import { VENUES } from '../../domain/enums';
import type { Migration } from './runner';
import { sqlIn } from './sql-enum';

// What the venues predicted for each settlement of a market we hold: the first prediction seen
// (a venue publishes the next hour's rate from the previous settlement on, so the first sample is
// "the hour before") and the last one before the settlement. The funding attribution compares
// them with the settled rate and the payment (ledger/funding-report.ts). Rates are REAL
// (analytics, never money). One row per (venue, market, settlement): re-observing is an update.
export const m0005PredictedFunding: Migration = {
  version: 5,
  name: 'predicted_funding',
  up(db) {
    db.exec(`
      CREATE TABLE predicted_funding (
        venue TEXT NOT NULL CHECK (${sqlIn('venue', VENUES)}),
        symbol TEXT NOT NULL,
        settlement_time_ms INTEGER NOT NULL,
        first_hourly_rate REAL NOT NULL,
        first_at_ms INTEGER NOT NULL,
        last_hourly_rate REAL NOT NULL,
        last_at_ms INTEGER NOT NULL,
        CHECK (last_at_ms >= first_at_ms),
        PRIMARY KEY (venue, symbol, settlement_time_ms)
      ) WITHOUT ROWID;
    `);
  },
};
