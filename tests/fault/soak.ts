// `npm run soak`: the crash suite (crash-run.ts) with 200 kills and a random seed, printed first
// so a failure can be replayed: `SOAK_SEED=<seed> npm run soak` (SOAK_KILLS changes the count;
// SOAK_KEEP=1 keeps the data directory, the core's SQLite file and core.log, for a diagnosis).
// Ends with the figures (kills, restarts, discrepancies found and resolved per kind, time to
// trading-ready) and exits non-zero when any invariant was violated.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFigures, runCrashSuite } from './crash-run';

async function main(): Promise<void> {
  const seedText = process.env['SOAK_SEED'];
  const seed = seedText === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  const kills = Number(process.env['SOAK_KILLS'] ?? '200');
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(kills) || kills < 1) throw new Error('SOAK_SEED and SOAK_KILLS must be integers (SOAK_KILLS at least 1)');
  process.stdout.write(`soak: seed ${seed}, ${kills} kills (replay: SOAK_SEED=${seed} npm run soak)\n`);
  const dir = mkdtempSync(join(tmpdir(), 'fundingbot-soak-'));
  process.stdout.write(`data directory ${dir}\n`);
  const startedAt = Date.now();
  try {
    const figures = await runCrashSuite({ seed, kills, dataDir: dir, log: (l) => process.stdout.write(`${l}\n`) });
    process.stdout.write(`${formatFigures(figures).join('\n')}\n  wall time ${Math.round((Date.now() - startedAt) / 1000)} s\n`);
    for (const v of figures.violations) process.stdout.write(`VIOLATION: ${v}\n`);
    process.exitCode = figures.violations.length === 0 ? 0 : 1;
  } finally {
    if (process.env['SOAK_KEEP'] === undefined) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`data kept in ${dir}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`soak failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
