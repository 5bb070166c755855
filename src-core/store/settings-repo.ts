import type Database from 'better-sqlite3';
import { defaultSettings, parseSettings, type Settings } from '../config/schema';
import { SETTINGS_VERSION, upgradeSettings } from '../config/upgrade';

// Settings persist as one validated JSON document tagged with its schema version. An older
// document is upgraded on load and written back in the new shape (the original is kept in `meta`
// under `settings.v<N>` for recovery). A stored document that does not validate (hand-edited,
// from a newer app) is reported, never silently replaced by defaults.
export class SettingsRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly keepStmt;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.getStmt = db.prepare('SELECT json FROM settings WHERE id = 1');
    this.putStmt = db.prepare(
      'INSERT INTO settings (id, json, updated_at_ms) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at_ms = excluded.updated_at_ms',
    );
    this.keepStmt = db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)');
  }

  load(): Settings {
    const row = this.getStmt.get() as { json: string } | undefined;
    if (row === undefined) return defaultSettings;
    const { fromVersion, document } = upgradeSettings(JSON.parse(row.json));
    const settings = parseSettings(document);
    if (fromVersion !== SETTINGS_VERSION) {
      this.db.transaction(() => {
        this.keepStmt.run(`settings.v${fromVersion}`, row.json);
        this.save(settings, this.now());
      })();
    }
    return settings;
  }

  save(settings: Settings, nowMs: number): void {
    this.putStmt.run(JSON.stringify({ settingsVersion: SETTINGS_VERSION, ...parseSettings(settings) }), nowMs);
  }
}
