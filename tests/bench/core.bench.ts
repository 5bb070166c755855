// core.rss_mb: the whole core in sim mode (both venues' books streaming for 120 markets, market
// data, screener, trading core) with 20 pairs opened through the contract, held for 60 s: the
// core process's peak resident set size (the load: core-process/loaded-core.ts).
import { round, type BenchResult } from './harness';
import { hold, startLoadedCore } from './core-process/loaded-core';

export const name = 'core';
/** Runs after the micro benches (run.ts). */
export const heavy = true;

const HOLD_MS = 60_000;

export async function run(): Promise<BenchResult[]> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  const loaded = await startLoadedCore('core').catch((e: unknown) => {
    clearInterval(sampler);
    throw e;
  });
  try {
    await hold(loaded.core, HOLD_MS);
    const simMb = round((await loaded.simPeakRss()) / 2 ** 20, 1);
    return [{ bench: 'core.rss_mb', value: round(peak / 2 ** 20, 1), unit: `MB (core process; ${loaded.markets} markets on both venues, ${loaded.opened} open pairs, ${HOLD_MS / 1000} s; the simulator's own process peaked at ${simMb} MB)`, target: 200, better: 'lower' }];
  } finally {
    clearInterval(sampler);
    await loaded.stop();
  }
}
