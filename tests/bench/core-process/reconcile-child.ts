// The core in its own process for reconcile.restart_ready_ms: starts on the data directory and the
// simulator the parent names (argv: data dir, endpoints as JSON), and once the startup
// reconciliation has completed (the trading gate is open: trading-ready) tells the parent how long
// that took from this process's start (performance.timeOrigin). The parent then SIGKILLs it.
import { performance } from 'node:perf_hooks';
import { createCore } from '../../../src-core/host/core';
import type { ExternalSimulator } from '../../../src-core/host/venues';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';

const handTicker: Ticker = { every: () => () => undefined };

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const endpoints = JSON.parse(process.argv[3]!) as ExternalSimulator;
  const core = await createCore({ dataDir, mode: 'sim', log: silentLogger, externalSimulator: endpoints, tradingTicker: handTicker });
  await core.trading()!.reconciled();
  // performance.now() counts from the process's time origin (its start).
  const readyMs = performance.now();
  const status = core.trading()!.reconcile.status();
  process.send?.({ kind: 'ready', sinceProcessStartMs: readyMs, pending: status.pending.length, violations: status.invariantViolations.length });
}

main().catch((e: unknown) => {
  process.send?.({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
});
