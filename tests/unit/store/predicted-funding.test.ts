// Migration 0005 and the predicted-funding repository on a real SQLite file: the first sample of
// a settlement is kept, the last is updated only by a newer one, a sample at or after its
// settlement is not a prediction, bad values are refused by the table, and pruning drops old rows.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-core/store/db';
import { MIGRATIONS } from '../../../src-core/store/migrations';
import { migrate } from '../../../src-core/store/migrations/runner';
import { PredictedFundingRepo } from '../../../src-core/store/predicted-funding-repo';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function repo() {
  const t = tempDir();
  const db = openDatabase(join(t.dir, 'p.db'));
  migrate(db, MIGRATIONS);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return { db, repo: new PredictedFundingRepo(db) };
}

const T = 1_700_002_800_000;

describe('predicted funding (migration 0005)', () => {
  it('keeps the first sample, moves the last forward only', () => {
    const { repo: r } = repo();
    expect(r.observe('lighter', 'ETH', T, 0.00001, T - 3_600_000)).toBe(true);
    expect(r.observe('lighter', 'ETH', T, 0.00003, T - 60_000)).toBe(true);
    // An older re-read does not overwrite the newer last sample.
    expect(r.observe('lighter', 'ETH', T, 0.00009, T - 1_800_000)).toBe(false);
    expect(r.of('ETH', T, T)).toEqual([{ venue: 'lighter', symbol: 'ETH', settlementTimeMs: T, firstHourlyRate: 0.00001, firstAtMs: T - 3_600_000, lastHourlyRate: 0.00003, lastAtMs: T - 60_000 }]);
  });

  it('a sample at or after its settlement, a non-finite rate or a bad time is not recorded', () => {
    const { repo: r } = repo();
    expect(r.observe('lighter', 'ETH', T, 0.00001, T)).toBe(false);
    expect(r.observe('lighter', 'ETH', T, Number.NaN, T - 1)).toBe(false);
    expect(r.observe('lighter', 'ETH', T + 0.5, 0.00001, T - 1)).toBe(false);
    expect(r.of('ETH', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('the table refuses an unknown venue; rows are per venue and market; pruning drops old settlements', () => {
    const { db, repo: r } = repo();
    expect(() => db.prepare("INSERT INTO predicted_funding VALUES ('binance', 'ETH', 1, 0, 0, 0, 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO predicted_funding VALUES ('lighter', 'ETH', 1, 0, 5, 0, 4)").run()).toThrow(/CHECK/);
    r.observe('extended', 'ETH', T, 0.00002, T - 10);
    r.observe('lighter', 'ETH', T, 0.00001, T - 10);
    r.observe('lighter', 'BTC', T, 0.00005, T - 10);
    r.observe('lighter', 'ETH', T - 3_600_000, 0.00001, T - 3_600_010);
    expect(r.of('ETH', T, T).map((x) => x.venue)).toEqual(['extended', 'lighter']);
    expect(r.pruneBefore(T)).toBe(1);
    expect(r.of('ETH', 0, T).length).toBe(2);
  });
});

describe('migration 0005 on an existing database', () => {
  it('a v4 database with a ledger in it gains the table and keeps its rows', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = openDatabase(join(t.dir, 'v4.db'));
    cleanups.push(() => db.close());
    migrate(db, MIGRATIONS, 4);
    db.prepare("INSERT INTO fills (venue, venue_fill_id, symbol, venue_order_id, client_order_id, side, size, price, fee_usd, is_maker, time_ms) VALUES ('lighter', 'f1', 'ETH', 'o1', NULL, 'buy', '0.1', '3000', '0.01', 1, 1)").run();
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT COUNT(*) AS n FROM fills').get()).toEqual({ n: 1 });
    expect(new PredictedFundingRepo(db).observe('lighter', 'ETH', T, 0.00001, T - 1)).toBe(true);
  });
});
