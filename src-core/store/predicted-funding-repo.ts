// The predicted rates seen per settlement of the markets we hold (migration 0005): the first
// sample kept, the last one updated. Written on the main connection (analytics, not money: a
// sample lost on power loss costs a column of the attribution, never cash).
import type Database from 'better-sqlite3';
import type { VenueId } from '../domain/venue';

export interface PredictedFundingRow {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly settlementTimeMs: number;
  /** The first prediction seen for this settlement (≈ an hour before for hourly funding). */
  readonly firstHourlyRate: number;
  readonly firstAtMs: number;
  /** The last prediction seen before the settlement. */
  readonly lastHourlyRate: number;
  readonly lastAtMs: number;
}

export class PredictedFundingRepo {
  private readonly upsert;
  private readonly range;
  private readonly prune;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO predicted_funding (venue, symbol, settlement_time_ms, first_hourly_rate, first_at_ms, last_hourly_rate, last_at_ms)
       VALUES (@venue, @symbol, @settlementTimeMs, @hourlyRate, @atMs, @hourlyRate, @atMs)
       ON CONFLICT (venue, symbol, settlement_time_ms) DO UPDATE SET last_hourly_rate = excluded.last_hourly_rate, last_at_ms = excluded.last_at_ms
       WHERE excluded.last_at_ms >= predicted_funding.last_at_ms`,
    );
    this.range = db.prepare(
      `SELECT venue, symbol, settlement_time_ms AS settlementTimeMs, first_hourly_rate AS firstHourlyRate, first_at_ms AS firstAtMs,
              last_hourly_rate AS lastHourlyRate, last_at_ms AS lastAtMs
         FROM predicted_funding WHERE symbol = ? AND settlement_time_ms BETWEEN ? AND ? ORDER BY settlement_time_ms, venue`,
    );
    this.prune = db.prepare('DELETE FROM predicted_funding WHERE settlement_time_ms < ?');
  }

  /** A prediction for a settlement, seen at `atMs`. An older sample than the last is ignored
   *  (a re-read cache must not overwrite a newer value). A sample at or after its settlement is
   *  not a prediction and is not recorded. */
  observe(venue: VenueId, symbol: string, settlementTimeMs: number, hourlyRate: number, atMs: number): boolean {
    if (!Number.isFinite(hourlyRate) || !Number.isSafeInteger(settlementTimeMs) || !Number.isSafeInteger(atMs) || atMs >= settlementTimeMs) return false;
    return this.upsert.run({ venue, symbol, settlementTimeMs, hourlyRate, atMs }).changes > 0;
  }

  /** Rows of one market (both venues) with settlements in [fromMs, toMs]. */
  of(symbol: string, fromMs: number, toMs: number): PredictedFundingRow[] {
    return this.range.all(symbol, fromMs, toMs) as PredictedFundingRow[];
  }

  /** Drops settlements before `beforeMs` (the host keeps what open and recent pairs need). */
  pruneBefore(beforeMs: number): number {
    return this.prune.run(beforeMs).changes;
  }
}
