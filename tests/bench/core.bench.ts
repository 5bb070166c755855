// core.rss_mb: the whole core in sim mode (both venues' books streaming for 120 markets, market
// data, screener and trading core) with 20 pairs opened through the contract, held for 60 s: the
// core process's peak resident set size. The core runs in a process of its own
// (core-process/core-child.ts over loaded-core.ts), compiled as the app ships it
// (core-process/compile.ts); the simulator in another (sim-child.ts).
//
// Where the memory goes (measured 2026-12-04, 2 shared cores, load average 2-10):
// - Before: 495 MB, measured in the bench runner itself, under tsx, after it had imported every
//   bench module (playwright, the signer oracle, ...). The core alone in its own process under tsx
//   peaked at 384 MB, compiled at 324 MB: tsx's loader, transforms and inline source maps were
//   about 60 MB of it (an idle process importing the core: 145 MB RSS under tsx, 87 MB compiled).
// - Of the compiled 324 MB, V8's heap was 170-178 MB (old space 130-139 MB, new space 32 MB) while
//   a full GC left 35 MB live: the rest was garbage promoted from the book stream (a market's book
//   snapshot lives until its next frame, long enough to survive two scavenges) that V8's default
//   growing factor let pile up between mark-compacts. Outside the heap: about 49 MB of the node
//   binary and native modules (file-backed), 30-40 MB of malloc arenas (SQLite, V8's own
//   allocations), 5-9 MB external (buffers). Retained state does not grow over the hold: books,
//   views, the risk feed and the event hub hold the same live size after a GC at 10 s and 60 s.
// - The core now sets V8's heap growing factor to 1.2 at start (src-core/host/heap-growth.ts):
//   old space 41-55 MB over the same load, figure below.
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
