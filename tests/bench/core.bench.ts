// core.rss_mb: the whole core in sim mode (both venues' books streaming for 120 markets, market
// data, screener and trading core) with 20 pairs opened through the contract, held for 60 s: the
// core process's peak resident set size. The core runs in a process of its own
// (core-process/core-child.ts over loaded-core.ts), compiled as the app ships it
// (core-process/compile.ts); the simulator in another (sim-child.ts).
//
// Where the memory goes (measured 2026-12-04, 2 shared cores, load average 2-13):
// - Before: 495 MB, sampled in the bench runner itself, under tsx, after it had imported every
//   bench module (playwright, the signer oracle, ...). The core alone in its own process peaked
//   at 384 MB under tsx and 324-340 MB compiled: tsx's loader, per-file transforms and inline
//   source maps are about 60 MB (an idle process importing the core: 145 MB RSS under tsx, 87 MB
//   compiled), 10-17 MB of it on the heap.
// - Of the compiled 324-340 MB, V8's heap was 170-190 MB (old space 130-150 MB, new space 32 MB)
//   while a full GC left 35-39 MB live: the rest was promoted garbage that V8's default growing
//   factor let pile up between mark-compacts. Its source is taken to be the book streams (not
//   profiled): every frame rebuilds its book's level arrays (book-state.ts snapshot()), and a
//   snapshot lives until its market's next frame, long enough to survive two scavenges. Outside
//   the heap (smaps): ~49 MB file-backed (the node binary, better-sqlite3, keyring), the malloc
//   heap ~14 MB and three thread arenas of ~7 MB, 5-9 MB external (buffers).
// - The core now caps the growing factor at 1.2 (src-core/host/heap-growth.ts, set by
//   createCore): old space 44-60 MB, heap 83-98 MB; this bench 166.2 MB (load 6-8) and 160.0 MB
//   (load 3-4), probes 181-194 MB at load 9-13; 224.6 MB under tsx in its own process. The same
//   total GC pause time (23.2 s against 24.3 s over a 3-minute run), in 147 major GCs, not 25.
// - Retained state: the live heap after a forced GC every 10 s of the hold was 40.2, 40.8, 41.6,
//   42.1, 42.3, 42.8 MB. Two heap snapshots 50 s apart put the growth (26.5k small objects, 54.5k
//   heap numbers) in arrays of 720 rows: FundingHistoryStore's per-series cache (market/
//   funding-history.ts venueHourly) filling as the backfill stores 30 days of hourly settlements
//   for 240 series. Also up: 857 objects shaped like a FundingRate (2 085 in all; not traced);
//   symbol and venue views were flat (+9, +17). That cache holds
//   every stored row since epoch and the table is never pruned, so over the app's life it grows
//   by 24 rows a series a day (~0.35 MB a day for 120 markets). Not bounded yet: each reader
//   (netHourly for the screener's stability, the exits' spread cache, the funding tripwire, the
//   screener explanation) needs its window stated first.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { BenchResult } from './harness';
import { compileCoreChild } from './core-process/compile';
import type { CoreChildReport } from './core-process/core-child';

export const name = 'core';
/** Runs after the micro benches (run.ts). */
export const heavy = true;

const HOLD_MS = 60_000;

function runChild(file: string): Promise<CoreChildReport> {
  // The progress lines go to stderr; the report comes over IPC. --expose-gc only for the last
  // sample (after the hold): nothing in the core calls gc().
  const child = fork(file, [String(HOLD_MS)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, FUNDINGBOT_BENCH_SIM_CHILD: join(__dirname, 'core-process/sim-child.ts') } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`core child exited with ${code} before reporting`)));
    child.on('message', (m: { kind?: string; message?: string }) => {
      if (m.kind === 'report') resolve(m as CoreChildReport);
      else if (m.kind === 'error') reject(new Error(`core child: ${m.message}`));
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  const r = await runChild(await compileCoreChild());
  const p = r.peak;
  const gc = r.afterGc === null ? '' : `; after a full GC: ${r.afterGc.rssMb} MB RSS, ${r.afterGc.heapUsedMb} MB heap used`;
  return [
    {
      bench: 'core.rss_mb',
      value: p.rssMb,
      unit: `MB (core process, compiled; ${r.markets} markets on both venues, ${r.opened} open pairs, ${HOLD_MS / 1000} s; at the peak heap ${p.heapTotalMb} MB (old space ${p.oldSpaceMb}, new space ${p.newSpaceMb}, used ${p.heapUsedMb}), external ${p.externalMb} MB${gc}; the simulator's own process peaked at ${r.simPeakRssMb} MB)`,
      target: 200,
      better: 'lower',
    },
  ];
}
