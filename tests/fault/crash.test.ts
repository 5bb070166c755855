// Issue 13, acceptance 2 (CI size): the core in a child process, SIGKILLed 20 times at seeded
// random points of entries, closes, funding settlements and reconciliation against the simulator
// in another process (tests/fault/crash-run.ts); after each restart the invariants of
// tests/fault/checks.ts hold. `npm run soak` runs the same with 200 kills and a random seed.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { formatFigures, runCrashSuite } from './crash-run';

const SEED = 1313;
const KILLS = Number(process.env['CRASH_KILLS'] ?? '20');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('crash suite: SIGKILL the core, restart, reconcile, continue', () => {
  it(`${KILLS} kills with seed ${SEED}: no naked leg unasked, no duplicate order, ledger equal to the venues`, { timeout: 1_800_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const lines: string[] = [];
    const figures = await runCrashSuite({ seed: SEED, kills: KILLS, dataDir: t.dir, log: (l) => lines.push(l) });
    const report = formatFigures(figures);
    process.stdout.write(`${report.join('\n')}\n`);
    expect(figures.violations, lines.join('\n')).toEqual([]);
    expect(figures.kills).toBe(KILLS);
    expect(figures.restarts).toBeGreaterThanOrEqual(KILLS);
    // The schedule reached the venue's traps, not only the fallbacks.
    expect(figures.trapKills).toBeGreaterThan(0);
  });
});
