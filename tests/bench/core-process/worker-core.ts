// The benches' standard load (core-process/loaded-core.ts: a simulator child listing 120 markets
// on both venues, books streaming for all of them, 20 pairs opened) with the core in a worker
// thread behind the same proxy Electron's main uses (src-core/host/worker/proxy.ts), the pairs
// opened through the proxy's dispatcher (the contract). The trading loops run on their own
// timers, as in the app.
import { startCoreWorker, type CoreWorker } from '../../../src-core/host/worker/proxy';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { BENCH_SETTINGS, openBenchPairs, PAIRS, startBenchSim, value } from './loaded-core';

export interface WorkerLoadedCore {
  readonly core: CoreWorker;
  readonly markets: number;
  readonly opened: number;
  stop(): Promise<void>;
}

export async function startWorkerLoadedCore(label: string): Promise<WorkerLoadedCore> {
  const t = tempDir();
  const { ready, stopChild } = await startBenchSim();
  const core = await startCoreWorker({ dataDir: t.dir, mode: 'sim', transport: 'ipc', logLevel: 'silent', externalSimulator: ready.endpoints }, { log: silentLogger });
  const stop = async () => {
    await core.close();
    stopChild();
    t.cleanup();
  };
  try {
    await value(core.dispatcher, 'command', 'settings.update', BENCH_SETTINGS);
    await pollUntil(() => value<{ reconciled: boolean }>(core.dispatcher, 'query', 'reconcile.pending', {}), { until: (st) => st.reconciled, what: 'the first reconciliation', timeoutMs: 120_000, intervalMs: 100 });
    const listed = await pollUntil(() => value<{ rows: { symbol: string }[] }>(core.dispatcher, 'query', 'screener.list', {}), { until: (l) => new Set(l.rows.map((r) => r.symbol)).size >= PAIRS, what: 'the screener rows', timeoutMs: 120_000, intervalMs: 200 });
    const symbols = [...new Set(listed.rows.map((r) => r.symbol))];
    const opened = await openBenchPairs(core.dispatcher, symbols, label);
    return { core, markets: ready.commonSymbolCount, opened, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
