import type { Migration } from './runner';

// Settings as one JSON document (validated by the config schema on read and write) and the
// trading state, which must survive restarts (ARCHITECTURE.md, safety rules).
export const m0001Meta: Migration = {
  version: 1,
  name: 'meta_settings_trading_state',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL, updated_at_ms INTEGER NOT NULL);
      CREATE TABLE trading_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        state TEXT NOT NULL CHECK (state IN ('ACTIVE','REDUCING','HALTED')),
        reason TEXT NOT NULL,
        changed_at_ms INTEGER NOT NULL
      );
      CREATE TABLE trading_state_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        state TEXT NOT NULL, reason TEXT NOT NULL, changed_at_ms INTEGER NOT NULL
      );
    `);
  },
};
