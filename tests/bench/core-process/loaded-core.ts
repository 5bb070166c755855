// The whole core under the benches' standard load (core.bench.ts, main.bench.ts): sim mode on a
// simulator in a child process (core-process/sim-child.ts) listing 120 markets on both venues
// (53 synthetic added to the 67 both venues list), books streaming for all of them, market data,
// screener and trading core, with 20 pairs opened through the contract. The simulator runs
// apart so what the bench measures is the app's process, as on a trader's machine where the
// venues are remote.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Dispatcher } from '../../../src-core/api/dispatcher';
import { createCore, type Core } from '../../../src-core/host/core';
import type { ExternalSimulator } from '../../../src-core/host/venues';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { round } from '../harness';
import { pollUntil } from '../../helpers/wait';

export const PAIRS = 20;
export const MARKETS = 120;
/** Markets both venues list in the real snapshot (sim universe): the rest are synthetic. */
export const REAL_COMMON_MARKETS = 67;
const SEED = 9;

export interface ChildReady {
  readonly kind: 'ready';
  readonly endpoints: ExternalSimulator;
  readonly commonSymbolCount: number;
}

export interface LoadedCore {
  readonly core: Core;
  readonly markets: number;
  readonly opened: number;
  /** The simulator process's peak RSS in bytes. */
  simPeakRss(): Promise<number>;
  stop(): Promise<void>;
}

/** sim-child.ts beside this file; a compiled copy of this file (core-child.ts run by core.bench.ts)
 *  is written elsewhere and names it. */
const SIM_CHILD = process.env.FUNDINGBOT_BENCH_SIM_CHILD ?? join(__dirname, 'sim-child.ts');

export function startSimChild(): Promise<{ child: ChildProcess; ready: ChildReady }> {
  const child = fork(SIM_CHILD, [String(SEED), String(MARKETS - REAL_COMMON_MARKETS)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

/** The simulator child, checked to list MARKETS markets on both venues; `stopChild` ends it. */
export async function startBenchSim(): Promise<{ child: ChildProcess; ready: ChildReady; stopChild: () => void }> {
  const { child, ready } = await startSimChild();
  const stopChild = () => {
    child.removeAllListeners('exit');
    child.disconnect();
  };
  if (ready.commonSymbolCount !== MARKETS) {
    stopChild();
    throw new Error(`bench: the simulator lists ${ready.commonSymbolCount} markets on both venues, not ${MARKETS}`);
  }
  return { child, ready, stopChild };
}

/** No auto-entry, room for the pairs, and a failures breaker that dust remainders cannot trip (a
 *  remainder below both venues' minimum order ends some sim entries 'broken'; the breaker would
 *  then stop trading, which is not what these benches measure). */
export const BENCH_SETTINGS = {
  trading: { autoEntry: false, maxOpenPairs: PAIRS, makerTimeoutMs: 1_000, notionalPerPairUsd: 100, cooldownMinutes: 0 },
  risk: { maxConsecutiveFailedEntryCount: 100 },
} as const;

interface Attempt {
  readonly attemptId: number;
  readonly symbol: string;
  readonly outcome: string;
  readonly reason: string | null;
  readonly finishedAtMs: number | null;
}

/** A contract call's value; throws naming the channel when it is refused. */
export async function value<T>(core: Pick<Dispatcher, 'call'>, kind: 'query' | 'command', channel: string, payload: unknown): Promise<T> {
  const r = await core.call(kind, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Opens PAIRS pairs through the contract, one entry at a time, trying `symbols` in turn; returns
 *  how many the ledger holds. `label` prefixes the progress lines (stderr: stdout carries the
 *  figures). Throws, naming the failed attempts, when fewer than PAIRS opened. */
export async function openBenchPairs(dispatcher: Pick<Dispatcher, 'call'>, symbols: readonly string[], label: string): Promise<number> {
  // Counted from the ledger, not from the answers: on a loaded machine an open whose answer came
  // after the wait's bound still opened a pair. A pair left 'broken' by a dust remainder still
  // holds both legs' positions: it counts.
  const holding = async (): Promise<number> => (await value<{ pairs: { state: string }[] }>(dispatcher, 'query', 'pairs.list', {})).pairs.filter((p) => p.state === 'open' || p.state === 'broken').length;
  let opened = 0;
  for (const symbol of symbols) {
    opened = await holding();
    if (opened >= PAIRS) break;
    // One entry at a time (the previous one may still be unwinding its bookkeeping), and the
    // entry gate's rate-limit hold waited out: opening pairs back to back on a fresh core held
    // Lighter's rolling minute over 90 % after 7 pairs, and every later symbol was refused until
    // the list ran out (2026-12-04, idle machine).
    const r = await pollUntil(() => dispatcher.call('command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' }), {
      until: (res) => res.ok || !(res.error.message.includes('another entry') || res.error.message.includes('entries wait above')),
      what: `the entry of ${symbol} to be accepted or refused`,
      timeoutMs: 90_000,
      intervalMs: 250,
    }).catch(() => null);
    if (r === null || !r.ok) {
      process.stderr.write(`${label} bench: ${symbol} refused: ${r === null ? 'another entry or the rate limit kept it waiting' : `${r.error.code} ${r.error.message}`}\n`);
      continue;
    }
    const attemptId = (r.value as { attemptId: number }).attemptId;
    // A slow machine takes minutes here.
    await pollUntil(() => value<{ attempts: Attempt[] }>(dispatcher, 'query', 'pairs.attempts', { limit: 5 }), { until: (a) => a.attempts.some((x) => x.attemptId === attemptId && x.finishedAtMs !== null), what: `entry of ${symbol}`, timeoutMs: 120_000, intervalMs: 50 });
    const pair = (await value<{ pairs: { symbol: string; state: string }[] }>(dispatcher, 'query', 'pairs.list', {})).pairs.find((p) => p.symbol === symbol);
    opened = await holding();
    process.stderr.write(`${label} bench: ${symbol} ${pair?.state ?? 'no pair'} (${opened}/${PAIRS} open, rss ${round(process.memoryUsage().rss / 2 ** 20, 0)} MB)\n`);
  }
  if (opened < PAIRS) {
    const attempts = await value<{ attempts: Attempt[] }>(dispatcher, 'query', 'pairs.attempts', { limit: 100 });
    throw new Error(`bench: only ${opened} of ${PAIRS} pairs opened: ${JSON.stringify(attempts.attempts.filter((a) => a.outcome !== 'opened').map((a) => [a.symbol, a.outcome, a.reason]))}`.slice(0, 3000));
  }
  return opened;
}

/** Starts the simulator child and the core, opens PAIRS pairs; `label` prefixes the progress
 *  lines (stderr: stdout carries the figures). */
export async function startLoadedCore(label: string): Promise<LoadedCore> {
  const t = tempDir();
  const { child, ready, stopChild } = await startBenchSim();
  // The trading loops are ticked by hand (the risk feed by the bench's hold loop).
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, externalSimulator: ready.endpoints, tradingTicker: handTicker });
  const stop = async () => {
    await core.close();
    stopChild();
    t.cleanup();
  };
  try {
    const set = await core.dispatcher.call('command', 'settings.update', BENCH_SETTINGS);
    if (!set.ok) throw new Error(`settings: ${set.error.message}`);
    await core.trading()!.reconciled();
    const rt = core.runtime()!;
    const markets = rt.market.symbols().length;
    const opened = await openBenchPairs(core.dispatcher, rt.market.symbols(), label);
    return { core, markets, opened, simPeakRss: () => childPeakRss(child), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Holds the load for `ms`: books stream, the screener recomputes, and the risk feed reads the
 *  pairs' legs once a second (its ticker is the bench's). */
export async function hold(core: Core, ms: number): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    await core.trading()!.riskFeed.tick();
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
