import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src-core/store/db';
import { BatchWriter } from '../../../src-core/store/batch-writer';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const db = openDatabase(join(t.dir, 'b.db'));
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO rows (id, v) VALUES (?, ?)');
  return { db, ins };
}

describe('BatchWriter', () => {
  it('commits one transaction per batch', () => {
    const { db, ins } = setup();
    // A second connection's data_version changes whenever another connection has committed
    // since its last read. Reading it before every row and after the flush counts commits:
    // inside one transaction the rows are invisible to it; with autocommit each row is a commit.
    const observer = openDatabase(db.name);
    const version = () => observer.pragma('data_version', { simple: true }) as number;
    const seen: number[] = [];
    const w = new BatchWriter<{ id: number; v: string }>({
      db,
      write: (r) => {
        seen.push(version());
        ins.run(r.id, r.v);
      },
      maxBatch: 1000,
      flushAfterMs: 10_000,
    });
    const before = version();
    for (let i = 0; i < 250; i++) w.push({ id: i, v: `r${i}` });
    expect(w.flush()).toBe(250);
    seen.push(version());
    const commits = new Set(seen).size - 1;
    expect(new Set(seen.slice(0, -1))).toEqual(new Set([before]));
    expect(commits).toBe(1);
    expect(w.commits).toBe(1);
    expect((observer.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n).toBe(250);
    observer.close();
    w.close();
    db.close();
  });

  it('flushes automatically at maxBatch', () => {
    const { db, ins } = setup();
    const w = new BatchWriter<number>({ db, write: (i) => ins.run(i, 'x'), maxBatch: 10, flushAfterMs: 10_000 });
    for (let i = 0; i < 25; i++) w.push(i);
    expect(w.commits).toBe(2);
    expect(w.pending).toBe(5);
    w.close();
    expect(w.commits).toBe(3);
    expect(() => w.push(99)).toThrow(/closed/);
    db.close();
  });

  it('a failing row rolls back its whole batch', () => {
    const { db, ins } = setup();
    const failed: number[][] = [];
    const w = new BatchWriter<number>({ db, write: (i) => ins.run(i, 'x'), maxBatch: 100, flushAfterMs: 10_000, onError: (_e, rows) => failed.push([...rows]) });
    w.push(1);
    w.push(2);
    w.push(1); // duplicate primary key
    expect(w.flush()).toBe(0);
    expect(failed).toEqual([[1, 2, 1]]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('flushes on its timer, once flushAfterMs has passed', () => {
    const { db, ins } = setup();
    const clock = new ManualClock(0);
    const w = new BatchWriter<number>({ db, write: (i) => ins.run(i, 'x'), maxBatch: 100, flushAfterMs: 5, schedule: (fn, ms) => clock.after(ms, fn) });
    w.push(1);
    w.push(2);
    clock.advance(4);
    expect(w.pending).toBe(2);
    expect(w.commits).toBe(0);
    clock.advance(1);
    expect(w.pending).toBe(0);
    expect(w.commits).toBe(1);
    // An explicit flush commits at once; the timer it cancelled adds no second commit.
    w.push(3);
    expect(w.flush()).toBe(1);
    clock.advance(100);
    expect(w.commits).toBe(2);
    expect((db.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n).toBe(3);
    db.close();
  });
});
