import type { Migration } from './runner';

// Settled funding per venue market, keyed by settlement time: re-fetching a page is idempotent
// and a resumed backfill can neither duplicate nor skip an hour.
export const m0003FundingHistory: Migration = {
  version: 3,
  name: 'funding_history',
  up(db) {
    db.exec(`
      CREATE TABLE funding_history (
        venue TEXT NOT NULL CHECK (venue IN ('lighter','extended')),
        symbol TEXT NOT NULL,
        settlement_time_ms INTEGER NOT NULL,
        hourly_rate REAL NOT NULL,
        PRIMARY KEY (venue, symbol, settlement_time_ms)
      ) WITHOUT ROWID;
    `);
  },
};
