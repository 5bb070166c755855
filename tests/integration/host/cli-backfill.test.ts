// `backfill` in-process against the embedded simulator on a real data dir: the named symbols'
// funding history lands in the store with a progress line per series, a second run resumes
// (no row twice), and a symbol not listed on both venues or a malformed list changes nothing.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runSupportCli } from '../../../src-core/host/support/run';
import { openStore } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function backfill(dataDir: string, ...args: string[]): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runSupportCli(['backfill', '--data-dir', dataDir, ...args], { out: (l) => lines.push(l), err: (l) => errors.push(l), log: silentLogger });
  return { code, lines, errors };
}

function storedRows(dataDir: string): { venue: string; symbol: string; n: number; dupes: number }[] {
  const db = openStore({ dataDir, mode: 'sim' });
  try {
    return db
      .prepare('SELECT venue, symbol, COUNT(*) AS n, COUNT(*) - COUNT(DISTINCT settlement_time_ms) AS dupes FROM funding_history GROUP BY venue, symbol ORDER BY symbol, venue')
      .all() as { venue: string; symbol: string; n: number; dupes: number }[];
  } finally {
    db.close();
  }
}

describe('cli backfill', () => {
  it('fills the named symbols on both venues with progress lines, then resumes without writing a row twice', { timeout: 120_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = await backfill(t.dir, '--symbols', 'ETH,BTC');
    expect(first.errors).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.lines[0]).toBe('Backfilling 30 days of funding history for 2 symbols on both venues (sim mode)');
    expect(first.lines.slice(1, 5).map((l) => l.replace(/: \d+ new rows so far$/, ''))).toEqual(['  [1/4] ETH lighter', '  [2/4] ETH extended', '  [3/4] BTC lighter', '  [4/4] BTC extended']);
    const rows = storedRows(t.dir);
    expect(rows.map((r) => `${r.symbol} ${r.venue}`)).toEqual(['BTC extended', 'BTC lighter', 'ETH extended', 'ETH lighter']);
    // Hourly settlements over 30 days: about 720 per series (the window's ends may cut one).
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(719);
    const written = Number(/Done: 4 series, (\d+) new settlements stored/.exec(first.lines.at(-1)!)?.[1]);
    expect(written).toBe(rows.reduce((s, r) => s + r.n, 0));

    const second = await backfill(t.dir, '--symbols', 'ETH,BTC');
    expect(second.code).toBe(0);
    const again = Number(/Done: 4 series, (\d+) new settlements stored/.exec(second.lines.at(-1)!)?.[1]);
    // Only hours settled since the first run (none or one, on a slow machine) are new.
    expect(again).toBeLessThanOrEqual(4);
    expect(storedRows(t.dir).every((r) => r.dupes === 0)).toBe(true);
  });

  it('refuses a symbol not listed on both venues before fetching anything', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const r = await backfill(t.dir, '--symbols', 'ETH,NOPE');
    expect(r.code).toBe(1);
    expect(r.errors).toEqual(['backfill failed: not listed on both venues: NOPE']);
    expect(storedRows(t.dir)).toEqual([]);
  });

  it('refuses a malformed symbol list with exit 2 and opens nothing', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const r = await backfill(`${t.dir}/never`, '--symbols', 'eth');
    expect(r.code).toBe(2);
    expect(r.errors[0]).toMatch(/^error: --symbols: "eth" is not a symbol/);
    expect(r.lines).toEqual([]);
    expect(existsSync(`${t.dir}/never`)).toBe(false);
  });
});
