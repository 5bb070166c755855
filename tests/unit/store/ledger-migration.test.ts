// Migration 0004 (the ledger) on real SQLite files: its CHECKs take their values from the shared
// enum arrays, keys make venue events idempotent, the client-id epoch is minted once and kept,
// and a database at v3 with fills in it migrates without losing them.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-core/store/db';
import { MIGRATIONS } from '../../../src-core/store/migrations';
import { CLIENT_ID_EPOCH_KEY } from '../../../src-core/store/migrations/0004_ledger';
import { migrate } from '../../../src-core/store/migrations/runner';
import { sqlIn } from '../../../src-core/store/migrations/sql-enum';
import { ORDER_PURPOSES, EPOCH_MAX } from '../../../src-core/domain/client-order-id';
import { ATTEMPT_OUTCOMES, ORDER_STATES, PAIR_STATES, TIME_IN_FORCE, VENUES } from '../../../src-core/domain/enums';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dbFile(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'ledger.db');
}

function fresh(file = dbFile()) {
  const db = openDatabase(file);
  migrate(db, MIGRATIONS);
  return db;
}

type Db = ReturnType<typeof fresh>;

function insertPair(db: Db, id: number, over: Record<string, unknown> = {}) {
  const row = { id, symbol: 'ETH', long: 'lighter', short: 'extended', state: 'opening', size: '0.5', at: 1, ...over };
  db.prepare(
    `INSERT INTO pairs (id, symbol, long_venue, short_venue, state, target_size, created_at_ms) VALUES (@id, @symbol, @long, @short, @state, @size, @at)`,
  ).run(row);
}

function insertLegAndIntent(db: Db, pairId: number, over: Record<string, unknown> = {}) {
  db.prepare("INSERT OR IGNORE INTO legs (pair_id, leg, venue, position_side) VALUES (?, 0, 'lighter', 'long')").run(pairId);
  const row = { pair: pairId, purpose: 'entry', attempt: 0, tif: 'post_only', cid: `c-${pairId}`, ...over };
  return db
    .prepare(
      `INSERT INTO order_intents (pair_id, leg, purpose, attempt, venue, symbol, side, size, price, tif, reduce_only, client_order_id, created_at_ms)
       VALUES (@pair, 0, @purpose, @attempt, 'lighter', 'ETH', 'buy', '0.5', '3000.1', @tif, 0, @cid, 1)`,
    )
    .run(row);
}

function tableSql(db: Db, name: string): string {
  return (db.prepare("SELECT sql FROM sqlite_master WHERE type='table' AND name=?").get(name) as { sql: string }).sql;
}

describe('migration 0004: ledger', () => {
  it('creates the ledger tables', () => {
    const db = fresh();
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['pairs', 'pair_seq', 'legs', 'order_intents', 'order_states', 'order_state_log', 'funding_payments', 'execution_attempts', 'capital_flows', 'equity_peak']),
    );
    db.close();
  });

  it('CHECK constraints carry exactly the shared enum arrays', () => {
    const db = fresh();
    expect(tableSql(db, 'pairs')).toContain(sqlIn('state', PAIR_STATES));
    expect(tableSql(db, 'order_intents')).toContain(sqlIn('purpose', ORDER_PURPOSES));
    expect(tableSql(db, 'order_intents')).toContain(sqlIn('tif', TIME_IN_FORCE));
    expect(tableSql(db, 'order_states')).toContain(sqlIn('state', ORDER_STATES));
    expect(tableSql(db, 'execution_attempts')).toContain(sqlIn('outcome', ATTEMPT_OUTCOMES));
    expect(tableSql(db, 'funding_payments')).toContain(sqlIn('venue', VENUES));
    db.close();
  });

  it('refuses values outside the enums, same-venue pairs and out-of-range ids', () => {
    const db = fresh();
    expect(() => insertPair(db, 1, { state: 'half-open' })).toThrow(/CHECK/);
    expect(() => insertPair(db, 1, { short: 'lighter' })).toThrow(/CHECK/);
    expect(() => insertPair(db, 2 ** 24)).toThrow(/CHECK/);
    insertPair(db, 1);
    expect(() => insertLegAndIntent(db, 1, { purpose: 'scalp' })).toThrow(/CHECK/);
    expect(() => insertLegAndIntent(db, 1, { tif: 'gtc' })).toThrow(/CHECK/);
    expect(() => insertLegAndIntent(db, 1, { attempt: 256 })).toThrow(/CHECK/);
    db.close();
  });

  it('client order ids are UNIQUE and an intent needs its pair and leg', () => {
    const db = fresh();
    insertPair(db, 1);
    insertLegAndIntent(db, 1, { cid: 'same' });
    expect(() => insertLegAndIntent(db, 1, { cid: 'same', attempt: 1 })).toThrow(/UNIQUE/);
    expect(() => insertLegAndIntent(db, 1, { cid: 'other' })).toThrow(/UNIQUE/); // same (pair, leg, purpose, attempt)
    expect(() => insertLegAndIntent(db, 99, { cid: 'orphan' })).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('funding payments are keyed (venue, market, settlement time)', () => {
    const db = fresh();
    const ins = db.prepare(
      `INSERT INTO funding_payments (venue, symbol, settlement_time_ms, venue_payment_id, cash_usd, position_side, position_size, recorded_at_ms)
       VALUES ('extended', 'ETH', 3600000, 'ETH-USD:3600000', '-0.0123', 'short', '0.5', 1)`,
    );
    ins.run();
    expect(() => ins.run()).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('mints the client-id epoch once (1..4095) and keeps it across reopen', () => {
    const file = dbFile();
    const db = fresh(file);
    const epoch = (db.prepare('SELECT value FROM meta WHERE key = ?').get(CLIENT_ID_EPOCH_KEY) as { value: string }).value;
    expect(Number(epoch)).toBeGreaterThanOrEqual(1);
    expect(Number(epoch)).toBeLessThanOrEqual(EPOCH_MAX);
    db.close();
    const again = fresh(file);
    expect((again.prepare('SELECT value FROM meta WHERE key = ?').get(CLIENT_ID_EPOCH_KEY) as { value: string }).value).toBe(epoch);
    again.close();
  });

  it('migrates a v3 database with fills in it; old fills have no intent', () => {
    const file = dbFile();
    const db = openDatabase(file);
    migrate(db, MIGRATIONS, 3);
    db.prepare("INSERT INTO fills VALUES ('lighter', 'f1', 'ETH', 'o1', NULL, 'buy', '0.1', '3000', '0.01', 1, 1)").run();
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    expect(db.prepare("SELECT venue_fill_id, intent_id FROM fills").all()).toEqual([{ venue_fill_id: 'f1', intent_id: null }]);
    expect(() => db.prepare('UPDATE fills SET intent_id = 12345').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('sqlIn quotes values as SQL literals', () => {
    expect(sqlIn('x', ['a', "o'k"])).toBe("x IN ('a','o''k')");
    expect(() => sqlIn('x', [])).toThrow();
  });
});
