// The core in its own process for core.rss_mb: the bench's standard load (loaded-core.ts) held for
// the time the parent names (argv), with this process's RSS sampled every 250 ms. It reports, over
// IPC, the peak RSS and where the memory was at the peak sample and after the hold (V8's heap, its
// old space, memory outside the heap), then a full GC's live heap when run with --expose-gc. Run
// by core.bench.ts compiled (core-process/compile.ts), as the app ships the core.
import { getHeapSpaceStatistics } from 'node:v8';
import { hold, startLoadedCore } from './loaded-core';

export interface MemorySample {
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly oldSpaceMb: number;
  readonly newSpaceMb: number;
  readonly externalMb: number;
  readonly arrayBuffersMb: number;
}

export interface CoreChildReport {
  readonly kind: 'report';
  readonly markets: number;
  readonly opened: number;
  readonly simPeakRssMb: number;
  readonly peak: MemorySample;
  readonly afterHold: MemorySample;
  /** After a full GC at the end (null without --expose-gc). */
  readonly afterGc: MemorySample | null;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function sample(): MemorySample {
  const m = process.memoryUsage();
  const space = (name: string) => getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), oldSpaceMb: mb(space('old_space')), newSpaceMb: mb(space('new_space')), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers) };
}

async function main(): Promise<void> {
  const holdMs = Number(process.argv[2]);
  let peak = sample();
  const sampler = setInterval(() => {
    const s = sample();
    if (s.rssMb > peak.rssMb) peak = s;
  }, 250);
  const loaded = await startLoadedCore('core');
  await hold(loaded.core, holdMs);
  clearInterval(sampler);
  const afterHold = sample();
  const simPeakRssMb = mb(await loaded.simPeakRss());
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const report: CoreChildReport = { kind: 'report', markets: loaded.markets, opened: loaded.opened, simPeakRssMb, peak, afterHold, afterGc: gc === undefined ? null : sample() };
  await loaded.stop();
  process.send?.(report);
  process.disconnect?.();
}

main().catch((e: unknown) => {
  process.send?.({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.disconnect?.();
});
