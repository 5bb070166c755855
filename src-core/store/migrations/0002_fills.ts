import type { Migration } from './runner';

// Fills are venue events keyed by (venue, venue_fill_id): re-delivery of the same fill (stream
// replay, readback after reconnect) is idempotent. Money columns are exact decimal strings.
export const m0002Fills: Migration = {
  version: 2,
  name: 'fills',
  up(db) {
    db.exec(`
      CREATE TABLE fills (
        venue TEXT NOT NULL CHECK (venue IN ('lighter','extended')),
        venue_fill_id TEXT NOT NULL,
        symbol TEXT NOT NULL,
        venue_order_id TEXT NOT NULL,
        client_order_id TEXT,
        side TEXT NOT NULL CHECK (side IN ('buy','sell')),
        size TEXT NOT NULL,
        price TEXT NOT NULL,
        fee_usd TEXT NOT NULL,
        is_maker INTEGER NOT NULL CHECK (is_maker IN (0,1)),
        time_ms INTEGER NOT NULL,
        PRIMARY KEY (venue, venue_fill_id)
      );
      CREATE INDEX fills_by_order ON fills (venue, venue_order_id);
      CREATE INDEX fills_by_client ON fills (client_order_id);
    `);
  },
};
