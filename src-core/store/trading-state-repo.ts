import type Database from 'better-sqlite3';
import type { TradingStateRecord } from '../domain/trading-state';

export type { TradingStateRecord } from '../domain/trading-state';

// The trading state persists across restarts; every change is also appended to a log so the
// user can see who or what paused trading and when.
export class TradingStateRepo {
  private readonly getStmt;
  private readonly putStmt;
  private readonly logStmt;

  constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare('SELECT state, reason, changed_at_ms AS changedAtMs FROM trading_state WHERE id = 1');
    this.putStmt = db.prepare(
      `INSERT INTO trading_state (id, state, reason, changed_at_ms) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET state = excluded.state, reason = excluded.reason, changed_at_ms = excluded.changed_at_ms`,
    );
    this.logStmt = db.prepare('INSERT INTO trading_state_log (state, reason, changed_at_ms) VALUES (?, ?, ?)');
  }

  /** First start is ACTIVE in sim; the caller decides the initial state per mode. */
  load(initial: TradingStateRecord): TradingStateRecord {
    return (this.getStmt.get() as TradingStateRecord | undefined) ?? initial;
  }

  save(record: TradingStateRecord): void {
    this.db.transaction(() => {
      this.putStmt.run(record.state, record.reason, record.changedAtMs);
      this.logStmt.run(record.state, record.reason, record.changedAtMs);
    })();
  }
}
