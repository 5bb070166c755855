// The core's worker thread (started by host/worker/proxy.ts): runs createCore with the options
// main passed (workerData, checked against protocol.ts) and serves it over parentPort. The whole
// core (book frames, screener, trading core, SQLite) runs on this thread's event loop, so
// Electron's main thread only relays IPC calls and events (ISSUE 15, acceptance 6).
import { parentPort, workerData } from 'node:worker_threads';
import { createCore, type CoreOptions } from '../core';
import { embeddedSimulatorLines } from '../sim-cli';
import { createLogger, silentLogger } from '../../telemetry/log';
import { workerOptionsSchema, type CoreWorkerOptions, type WorkerMessage } from './protocol';
import { serveCore } from './serve';

function coreOptions(o: CoreWorkerOptions): CoreOptions {
  return {
    dataDir: o.dataDir,
    mode: o.mode,
    transport: o.transport ?? 'ipc',
    log: o.logLevel === 'silent' ? silentLogger : createLogger({ level: o.logLevel ?? 'info' }),
    ...(o.nativeBinding === undefined ? {} : { nativeBinding: o.nativeBinding }),
    ...(o.simulatorControlPort === undefined ? {} : { simulator: { controlPort: o.simulatorControlPort } }),
    ...(o.externalSimulator === undefined ? {} : { externalSimulator: o.externalSimulator }),
  };
}

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('host/worker/entry.ts runs only as a worker thread');
  const post = (m: WorkerMessage): void => port.postMessage(m);
  const options = workerOptionsSchema.safeParse(workerData);
  if (!options.success) {
    post({ type: 'failed', error: `bad core worker options: ${options.error.message}`.slice(0, 2_000) });
    return;
  }
  let core;
  try {
    core = await createCore(coreOptions(options.data));
  } catch (e) {
    post({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    return;
  }
  // As in main before (main/crash-guard.ts): an exception nobody caught does not end the core,
  // whose open pairs still need their exits and dead-man keepers; main's crash guard is told and
  // tightens the trading state through the proxy.
  const detail = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 2_000);
  process.on('uncaughtException', (e) => post({ type: 'crash', kind: 'uncaught-exception', detail: detail(e) }));
  process.on('unhandledRejection', (e) => post({ type: 'crash', kind: 'unhandled-rejection', detail: detail(e) }));
  const handle = serveCore(core, post);
  port.on('message', (m: unknown) => void handle(m));
  post({ type: 'ready', tradingState: core.tradingState(), simulatorLines: embeddedSimulatorLines(core.runtime()?.sim ?? null) });
}

void main();
