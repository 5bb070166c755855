// Migration 0006 on real SQLite files: a ledger written by a release whose pair states did not
// know 'close-failed' gets the new CHECK, keeps every row and foreign key; a database whose 0004
// already wrote the current list is left as it is.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PAIR_STATES } from '../../../src-core/domain/enums';
import { openDatabase } from '../../../src-core/store/db';
import { MIGRATIONS } from '../../../src-core/store/migrations';
import { migrate } from '../../../src-core/store/migrations/runner';
import { sqlIn } from '../../../src-core/store/migrations/sql-enum';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The pair states v5 released with. */
const V5_PAIR_STATES = ['opening', 'open', 'closing', 'closed', 'rolled-back', 'broken'];

function openAt(version: number) {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const db = openDatabase(join(t.dir, 'ledger.db'));
  cleanups.push(() => db.close());
  migrate(db, MIGRATIONS, version);
  return db;
}
type Db = ReturnType<typeof openAt>;

const pairsSql = (db: Db) => (db.prepare("SELECT sql FROM sqlite_master WHERE type='table' AND name='pairs'").get() as { sql: string }).sql;

/** Turns a fresh v5 database into what the v5 release wrote: the pairs CHECK with the old list. */
function asReleasedV5(db: Db): void {
  const sql = pairsSql(db).replace(sqlIn('state', PAIR_STATES), sqlIn('state', V5_PAIR_STATES));
  db.pragma('foreign_keys = OFF');
  db.pragma('legacy_alter_table = ON');
  db.exec('ALTER TABLE pairs RENAME TO p_old');
  db.exec(sql);
  db.exec('DROP TABLE p_old');
  db.exec('CREATE INDEX pairs_by_state ON pairs (state)');
  db.pragma('legacy_alter_table = OFF');
  db.pragma('foreign_keys = ON');
}

function fill(db: Db): void {
  db.prepare("INSERT INTO pairs (id, symbol, long_venue, short_venue, state, target_size, created_at_ms, close_reason) VALUES (7, 'ETH', 'lighter', 'extended', 'open', '0.5', 1, 'why')").run();
  db.prepare("INSERT INTO legs (pair_id, leg, venue, position_side) VALUES (7, 0, 'lighter', 'long')").run();
  db.prepare("INSERT INTO execution_attempts (triggered_by, symbol, long_venue, short_venue, started_at_ms, outcome, pair_id) VALUES ('auto', 'ETH', 'lighter', 'extended', 1, 'opened', 7)").run();
}

describe('migration 0006: pair state close-failed', () => {
  it('a released v5 ledger refuses close-failed; after 0006 it takes it and keeps rows and foreign keys', () => {
    const db = openAt(5);
    asReleasedV5(db);
    fill(db);
    expect(() => db.prepare("UPDATE pairs SET state = 'close-failed' WHERE id = 7").run()).toThrow(/CHECK/);
    expect(migrate(db, MIGRATIONS)).toBe(6);
    expect(pairsSql(db)).toContain(sqlIn('state', PAIR_STATES));
    expect(db.prepare('SELECT id, symbol, state, target_size, close_reason FROM pairs').all()).toEqual([{ id: 7, symbol: 'ETH', state: 'open', target_size: '0.5', close_reason: 'why' }]);
    db.prepare("UPDATE pairs SET state = 'close-failed' WHERE id = 7").run();
    expect(() => db.prepare("UPDATE pairs SET state = 'gone' WHERE id = 7").run()).toThrow(/CHECK/);
    // The children still reference "pairs" (not the renamed-away table), and enforce it.
    const legsSql = (db.prepare("SELECT sql FROM sqlite_master WHERE name='legs'").get() as { sql: string }).sql;
    expect(legsSql).toContain('REFERENCES pairs (id)');
    expect(() => db.prepare("INSERT INTO legs (pair_id, leg, venue, position_side) VALUES (99, 0, 'lighter', 'long')").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type='index' AND name='pairs_by_state'").get()).toEqual({ name: 'pairs_by_state' });
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE 'pairs_v6%'").get()).toEqual({ n: 0 });
  });

  it('a fresh ledger (0004 already wrote the current list) is left as it is', () => {
    const db = openAt(5);
    const before = pairsSql(db);
    expect(migrate(db, MIGRATIONS)).toBe(6);
    expect(pairsSql(db)).toBe(before);
    expect(before).toContain(sqlIn('state', PAIR_STATES));
  });

  it('a table rebuild that leaves a foreign key dangling is refused, nothing changes, foreign keys stay on', () => {
    const db = openAt(6);
    fill(db);
    const bad = [...MIGRATIONS, { version: 7, name: 'drops-a-parent', rebuildsTables: true, up: (d: Db) => d.exec('DELETE FROM pairs') }];
    expect(() => migrate(db, bad)).toThrow(/foreign keys dangling/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
