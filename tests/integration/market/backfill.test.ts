// Acceptance 4: the funding-history backfill survives a restart halfway through without
// duplicates or gaps, against the simulator through the real adapters and a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-core/store/db';
import { FundingHistoryStore } from '../../../src-core/market/funding-history';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import { tempDir } from '../../helpers/tmp';

let sim: Simulator;
let ports: { lighter: LighterAdapter; extended: ExtendedAdapter };
const t = tempDir();
const HOUR = 3_600_000;
// The venue's clock and the backfill's "now" are one manual clock: an hour boundary passing
// during the test (real time) cannot move the window the asserts expect.
const clock = new ManualClock(Date.UTC(2026, 10, 24, 10, 20));

beforeAll(async () => {
  sim = await startSimulator({ seed: 4, clock, controlPort: null });
  ports = {
    lighter: new LighterAdapter({ restUrl: sim.lighter.restUrl, wsUrls: [sim.lighter.wsUrl] }),
    extended: new ExtendedAdapter({ restUrl: sim.extended.restUrl, wsUrls: [sim.extended.wsUrl], network: 'testnet' }),
  };
  await Promise.all([ports.lighter.loadMarkets(), ports.extended.loadMarkets()]);
});

afterAll(async () => {
  await Promise.all([ports.lighter.stop(), ports.extended.stop()]);
  await sim.close();
  t.cleanup();
});

describe('funding history backfill', () => {
  it('resumes after a crash halfway with neither duplicates nor gaps', async () => {
    const symbols = ['BTC', 'ETH', 'SOL', 'DOGE', 'LINK', 'AAVE'];
    const now = Math.floor(clock.nowMs() / HOUR) * HOUR;
    const days = 10;
    // First run: "crash" after 5 of the 12 (symbol, venue) series by stopping mid-way.
    const db1 = openStore({ dataDir: t.dir, mode: 'sim' });
    const store1 = new FundingHistoryStore(db1);
    let calls = 0;
    const first = await store1.backfill(ports, symbols, days, now, undefined, () => ++calls > 6);
    expect(first.done).toBeLessThan(first.total);
    db1.close();

    // Restart on the same file and finish.
    const db2 = openStore({ dataDir: t.dir, mode: 'sim' });
    const store2 = new FundingHistoryStore(db2);
    const second = await store2.backfill(ports, symbols, days, now);
    expect(second.done).toBe(second.total);

    // A third run adds nothing: idempotent. Within the same hour it does not even ask: every
    // series holds the newest settlement there can be.
    let asks = 0;
    const counted = {
      lighter: { fundingHistory: (s: string, f: number, t: number) => (asks++, ports.lighter.fundingHistory(s, f, t)) },
      extended: { fundingHistory: (s: string, f: number, t: number) => (asks++, ports.extended.fundingHistory(s, f, t)) },
    };
    const third = await store2.backfill(counted, symbols, days, now + 59 * 60_000);
    expect(third).toEqual({ done: 12, total: 12, rowsWritten: 0 });
    expect(asks).toBe(0);
    // Past the next boundary each series is asked again, once.
    await store2.backfill(counted, symbols, days, now + HOUR);
    expect(asks).toBe(12);

    for (const symbol of symbols) {
      for (const venue of ['lighter', 'extended'] as const) {
        const rows = db2.prepare('SELECT settlement_time_ms AS t FROM funding_history WHERE venue = ? AND symbol = ? ORDER BY t').all(venue, symbol) as { t: number }[];
        const times = rows.map((r) => r.t);
        expect(new Set(times).size).toBe(times.length);
        // Hourly, contiguous, covering the whole window.
        for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(HOUR);
        expect(times[0]).toBe(now - days * 24 * HOUR);
        expect(times.at(-1)).toBeGreaterThanOrEqual(sim.engine.startedAtMs - HOUR);
      }
    }
    db2.close();
  });
});
