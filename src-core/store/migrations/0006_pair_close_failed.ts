import { PAIR_STATES } from '../../domain/enums';
import type { Migration } from './runner';
import { sqlIn } from './sql-enum';

// A pair's state gains 'close-failed' (execution/close.ts: a close that ran out of retries with a
// leg still open). SQLite cannot alter a CHECK, so the pairs table is rebuilt with the state list
// as it is now; every other column, constraint and row is kept as stored (the table's own stored
// DDL is reused with only its state CHECK replaced). A database whose 0004 already wrote the
// current list (0004 reads the shared array) is left as it is.
//
// The rebuild is SQLite's documented procedure (https://sqlite.org/lang_altertable.html, "making
// other kinds of table schema changes"): the new table beside the old one, the rows copied, the
// old one dropped and the new one renamed into its place, foreign keys off (the runner switches
// them and checks every one before the commit: `rebuildsTables`). The children (legs,
// funding_payments, execution_attempts) name "pairs" and find every parent row under it again.
const STATE_CHECK = /CHECK \(state IN \([^)]*\)\)/;

export const m0006PairCloseFailed: Migration = {
  version: 6,
  name: 'pair_close_failed',
  rebuildsTables: true,
  up(db) {
    const stored = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'pairs'").get() as { sql: string } | undefined)?.sql;
    if (stored === undefined) throw new Error('migration 0006: no pairs table');
    const wanted = `CHECK (${sqlIn('state', PAIR_STATES)})`;
    if (stored.includes(wanted)) return;
    if (!STATE_CHECK.test(stored)) throw new Error('migration 0006: the pairs table has no state CHECK to replace');
    const indexes = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pairs' AND sql IS NOT NULL").all() as { sql: string }[]).map((r) => r.sql);
    db.exec(stored.replace(/^CREATE TABLE pairs\b/, 'CREATE TABLE pairs_v6').replace(STATE_CHECK, wanted));
    db.exec('INSERT INTO pairs_v6 SELECT * FROM pairs');
    db.exec('DROP TABLE pairs');
    db.exec('ALTER TABLE pairs_v6 RENAME TO pairs');
    for (const sql of indexes) db.exec(sql);
  },
};
