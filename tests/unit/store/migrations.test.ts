import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, openStore } from '../../../src-core/store/db';
import { MIGRATIONS } from '../../../src-core/store/migrations';
import { currentVersion, migrate, MigrationError } from '../../../src-core/store/migrations/runner';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function freshDb() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return openDatabase(join(t.dir, 'test.db'));
}

function tables(db: ReturnType<typeof freshDb>): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('0001 creates settings and trading state tables', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 1);
    expect(tables(db)).toEqual(expect.arrayContaining(['meta', 'settings', 'trading_state', 'trading_state_log']));
    expect(() => db.prepare("INSERT INTO trading_state VALUES (1, 'PANIC', 'r', 1)").run()).toThrow(/CHECK/);
    db.close();
  });

  it('0002 creates fills keyed by (venue, venue_fill_id)', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS, 2);
    const ins = db.prepare("INSERT INTO fills VALUES ('lighter', ?, 'ETH', 'o1', 'c1', 'buy', '0.1', '3000', '0', 1, 1)");
    ins.run('f1');
    expect(() => ins.run('f1')).toThrow(/UNIQUE/);
    db.close();
  });

  it('apply once: re-running is a no-op', () => {
    const db = freshDb();
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    const n = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(n.n).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database newer than the code', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(MIGRATIONS.length + 1, 'future', 1);
    expect(() => migrate(db, MIGRATIONS)).toThrow(MigrationError);
    db.close();
  });

  it('a failing migration rolls back and records nothing', () => {
    const db = freshDb();
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', up: (d: typeof db) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } }];
    expect(() => migrate(db, bad)).toThrow('boom');
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('opens one file per mode with WAL, NORMAL sync and foreign keys', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    for (const mode of ['sim', 'paper', 'live'] as const) {
      const db = openStore({ dataDir: t.dir, mode });
      expect(db.name).toBe(join(t.dir, `${mode}.db`));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      db.close();
    }
  });
});
