import type Database from 'better-sqlite3';
import { defaultSettings, parseSettings, type Settings } from '../config/schema';

// Settings persist as one validated JSON document. A stored document that no longer validates
// (hand-edited, older schema) is reported, never silently replaced by defaults.
export class SettingsRepo {
  private readonly getStmt;
  private readonly putStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare('SELECT json FROM settings WHERE id = 1');
    this.putStmt = db.prepare(
      'INSERT INTO settings (id, json, updated_at_ms) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at_ms = excluded.updated_at_ms',
    );
  }

  load(): Settings {
    const row = this.getStmt.get() as { json: string } | undefined;
    if (row === undefined) return defaultSettings;
    return parseSettings(JSON.parse(row.json));
  }

  save(settings: Settings, nowMs: number): void {
    this.putStmt.run(JSON.stringify(parseSettings(settings)), nowMs);
  }
}
