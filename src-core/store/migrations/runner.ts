// Forward-only numbered migrations. Each runs in its own transaction and is recorded in
// schema_migrations; a database written by newer code is refused rather than guessed at.
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
  /** Runs with foreign keys off (SQLite's documented table-rebuild procedure: a table whose
   *  constraints change is rebuilt beside the old one and renamed into its place, which needs
   *  them off, and they cannot be switched inside a transaction). The runner checks every
   *  foreign key before the commit and refuses the migration if one dangles. */
  readonly rebuildsTables?: boolean;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export function currentVersion(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(db: Database.Database, migrations: readonly Migration[], upTo?: number): number {
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i]!.version !== i + 1) throw new MigrationError(`migration #${i + 1} is numbered ${migrations[i]!.version}`);
  }
  const target = upTo ?? migrations.length;
  const from = currentVersion(db);
  if (from > migrations.length) {
    throw new MigrationError(`database schema v${from} is newer than this app (v${migrations.length}); refusing to open it`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    const fkWasOn = (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (m.rebuildsTables === true) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        m.up(db);
        if (m.rebuildsTables === true) {
          const dangling = db.pragma('foreign_key_check') as unknown[];
          if (dangling.length > 0) throw new MigrationError(`migration ${m.version} (${m.name}) leaves ${dangling.length} foreign keys dangling`);
        }
        record.run(m.version, m.name, Date.now());
      })();
    } finally {
      if (m.rebuildsTables === true && fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
  return currentVersion(db);
}
