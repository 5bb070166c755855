// core.rss_mb: the whole core in sim mode (both venues' books streaming for 120 markets, market
// data, screener, trading core) with 20 pairs opened through the contract, held for 60 s: the
// core process's peak resident set size. The simulator runs in a child process
// (core-process/sim-child.ts) with 53 synthetic markets added to the 67 both venues list, so the
// figure is the app's own footprint, as on a trader's machine where the venues are remote.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createCore } from '../../src-core/host/core';
import type { ExternalSimulator } from '../../src-core/host/venues';
import type { Ticker } from '../../src-core/host/screener-emitter';
import { silentLogger } from '../../src-core/telemetry/log';
import { tempDir } from '../helpers/tmp';
import { round, type BenchResult } from './harness';

export const name = 'core';
/** Runs after the micro benches (run.ts). */
export const heavy = true;

const PAIRS = 20;
const HOLD_MS = 60_000;
const MARKETS = 120;
/** Markets both venues list in the real snapshot (sim universe): the rest are synthetic. */
const REAL_COMMON_MARKETS = 67;
const SEED = 9;

interface ChildReady {
  readonly kind: 'ready';
  readonly endpoints: ExternalSimulator;
  readonly commonSymbolCount: number;
}

function startSimChild(): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const child = fork(join(__dirname, 'core-process', 'sim-child.ts'), [String(SEED), String(MARKETS - REAL_COMMON_MARKETS)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator child exited with ${code}`)));
    child.on('message', (m: { kind?: string }) => {
      if (m.kind === 'ready') resolve({ child, ready: m as ChildReady });
    });
  });
}

function childPeakRss(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on('message', (m: { kind?: string; peakRssBytes?: number }) => {
      if (m.kind === 'rss') resolve(m.peakRssBytes ?? 0);
    });
    child.send('rss');
  });
}
const handTicker: Ticker = { every: () => () => undefined };

async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`bench: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(): Promise<BenchResult[]> {
  const t = tempDir();
  const { child, ready } = await startSimChild();
  if (ready.commonSymbolCount !== MARKETS) throw new Error(`bench: the simulator lists ${ready.commonSymbolCount} markets on both venues, not ${MARKETS}`);
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, externalSimulator: ready.endpoints, tradingTicker: handTicker });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 250);
  try {
    // A dust remainder below both venues' minimum order ends some sim entries 'broken'; the failures breaker
    // would then stop trading, which is not what this bench measures.
    const set = await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, maxOpenPairs: PAIRS, makerTimeoutMs: 1_000, notionalPerPairUsd: 100, cooldownMinutes: 0 }, risk: { maxConsecutiveFailedEntryCount: 100 } });
    if (!set.ok) throw new Error(`settings: ${set.error.message}`);
    await core.trading()!.reconciled();
    const rt = core.runtime()!;
    const markets = rt.market.symbols().length;
    let opened = 0;
    for (const symbol of rt.market.symbols()) {
      if (opened === PAIRS) break;
      let r = await core.dispatcher.call('command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' });
      // The previous entry may still be unwinding its bookkeeping: one entry at a time.
      for (let i = 0; i < 100 && !r.ok && r.error.message.includes('another entry'); i++) {
        await new Promise((res) => setTimeout(res, 50));
        r = await core.dispatcher.call('command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' });
      }
      if (!r.ok) continue;
      const attemptId = (r.value as { attemptId: number }).attemptId;
      await until(() => core.trading()!.queries.attempts(5).some((a) => a.attemptId === attemptId && a.finishedAtMs !== null), `entry of ${symbol}`);
      const pair = core.trading()!.queries.listPairs().find((p) => p.symbol === symbol);
      // A pair left 'broken' by a dust remainder still holds both legs' positions: it counts.
      if (pair?.state === 'open' || pair?.state === 'broken') opened += 1;
      // Progress on stderr (stdout carries the figures): a slow machine takes minutes here.
      process.stderr.write(`core bench: ${symbol} ${pair?.state ?? 'no pair'} (${opened}/${PAIRS} open, rss ${round(process.memoryUsage().rss / 2 ** 20, 0)} MB)\n`);
    }
    if (opened < PAIRS) throw new Error(`bench: only ${opened} of ${PAIRS} pairs opened: ${JSON.stringify(core.trading()!.queries.attempts(100).filter((a) => a.outcome !== "opened").map((a) => [a.symbol, a.outcome, a.reason]))}`.slice(0, 3000));
    const t0 = Date.now();
    // Hold: books stream, the screener recomputes, the risk feed reads the pairs' legs.
    while (Date.now() - t0 < HOLD_MS) {
      await core.trading()!.riskFeed.tick();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const simMb = round((await childPeakRss(child)) / 2 ** 20, 1);
    return [{ bench: 'core.rss_mb', value: round(peak / 2 ** 20, 1), unit: `MB (core process; ${markets} markets on both venues, ${opened} open pairs, ${HOLD_MS / 1000} s; the simulator's own process peaked at ${simMb} MB)`, target: 200, better: 'lower' }];
  } finally {
    clearInterval(sampler);
    await core.close();
    child.removeAllListeners('exit');
    child.disconnect();
    t.cleanup();
  }
}
