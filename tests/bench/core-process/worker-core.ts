// The benches' standard load (core-process/loaded-core.ts: a simulator child listing 120 markets
// on both venues, books streaming for all of them, 20 pairs opened) with the core in a worker
// thread behind the same proxy Electron's main uses (src-core/host/worker/proxy.ts), the pairs
// opened through the proxy's dispatcher (the contract). The trading loops run on their own
// timers, as in the app.
import { startCoreWorker, type CoreWorker } from '../../../src-core/host/worker/proxy';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { round } from '../harness';
import { MARKETS, PAIRS, startSimChild } from './loaded-core';

export interface WorkerLoadedCore {
  readonly core: CoreWorker;
  readonly markets: number;
  readonly opened: number;
  stop(): Promise<void>;
}

interface Attempt {
  readonly attemptId: number;
  readonly symbol: string;
  readonly outcome: string;
  readonly reason: string | null;
  readonly finishedAtMs: number | null;
}

async function value<T>(core: CoreWorker, kind: 'query' | 'command', channel: string, payload: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export async function startWorkerLoadedCore(label: string): Promise<WorkerLoadedCore> {
  const t = tempDir();
  const { child, ready } = await startSimChild();
  const stopChild = () => {
    child.removeAllListeners('exit');
    child.disconnect();
  };
  if (ready.commonSymbolCount !== MARKETS) {
    stopChild();
    throw new Error(`bench: the simulator lists ${ready.commonSymbolCount} markets on both venues, not ${MARKETS}`);
  }
  const core = await startCoreWorker({ dataDir: t.dir, mode: 'sim', transport: 'ipc', logLevel: 'silent', externalSimulator: ready.endpoints }, { log: silentLogger });
  const stop = async () => {
    await core.close();
    stopChild();
    t.cleanup();
  };
  try {
    // As in loaded-core.ts: no auto-entry, room for the pairs, a failures breaker that dust
    // remainders cannot trip.
    await value(core, 'command', 'settings.update', { trading: { autoEntry: false, maxOpenPairs: PAIRS, makerTimeoutMs: 1_000, notionalPerPairUsd: 100, cooldownMinutes: 0 }, risk: { maxConsecutiveFailedEntryCount: 100 } });
    await pollUntil(() => value<{ reconciled: boolean }>(core, 'query', 'reconcile.pending', {}), { until: (s) => s.reconciled, what: 'the first reconciliation', timeoutMs: 120_000, intervalMs: 100 });
    const listed = await pollUntil(() => value<{ rows: { symbol: string }[] }>(core, 'query', 'screener.list', {}), { until: (l) => new Set(l.rows.map((r) => r.symbol)).size >= PAIRS, what: 'the screener rows', timeoutMs: 120_000, intervalMs: 200 });
    const symbols = [...new Set(listed.rows.map((r) => r.symbol))];
    // Counted from the ledger, not from the answers: on a loaded machine an open whose answer
    // came after the wait's bound still opened a pair (a first run here stopped at 19 of 20).
    const holding = async (): Promise<number> => (await value<{ pairs: { state: string }[] }>(core, 'query', 'pairs.list', {})).pairs.filter((p) => p.state === 'open' || p.state === 'broken').length;
    let opened = 0;
    for (const symbol of symbols) {
      opened = await holding();
      if (opened >= PAIRS) break;
      // Waits out the entry gate's rate-limit hold as well: opening pairs back to back on a fresh
      // core held Lighter's rolling minute over 90 % after 7 pairs, and every later symbol was
      // refused until the list ran out (2026-12-04, idle machine).
      const r = await pollUntil(() => core.dispatcher.call('command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' }), {
        until: (res) => res.ok || !(res.error.message.includes('another entry') || res.error.message.includes('entries wait above')),
        what: `the entry of ${symbol} to be accepted or refused`,
        timeoutMs: 90_000,
        intervalMs: 250,
      }).catch(() => null);
      if (r === null || !r.ok) {
        process.stderr.write(`${label} bench: ${symbol} refused: ${r === null ? 'another entry kept running' : `${r.error.code} ${r.error.message}`}\n`);
        continue;
      }
      const attemptId = (r.value as { attemptId: number }).attemptId;
      await pollUntil(() => value<{ attempts: Attempt[] }>(core, 'query', 'pairs.attempts', { limit: 5 }), { until: (a) => a.attempts.some((x) => x.attemptId === attemptId && x.finishedAtMs !== null), what: `entry of ${symbol}`, timeoutMs: 120_000, intervalMs: 50 });
      const pair = (await value<{ pairs: { symbol: string; state: string }[] }>(core, 'query', 'pairs.list', {})).pairs.find((p) => p.symbol === symbol);
      // A pair left 'broken' by a dust remainder still holds both legs' positions: it counts.
      opened = await holding();
      process.stderr.write(`${label} bench: ${symbol} ${pair?.state ?? 'no pair'} (${opened}/${PAIRS} open, main rss ${round(process.memoryUsage().rss / 2 ** 20, 0)} MB)\n`);
    }
    if (opened < PAIRS) {
      const attempts = await value<{ attempts: Attempt[] }>(core, 'query', 'pairs.attempts', { limit: 100 });
      throw new Error(`bench: only ${opened} of ${PAIRS} pairs opened: ${JSON.stringify(attempts.attempts.filter((a) => a.outcome !== 'opened').map((a) => [a.symbol, a.outcome, a.reason]))}`.slice(0, 3000));
    }
    return { core, markets: ready.commonSymbolCount, opened, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
