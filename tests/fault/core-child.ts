// The core in its own process for the crash suite: the real host (createCore + the WebSocket
// server) on a data directory with its real SQLite file, against the simulator running in
// another process (sim-child.ts), with the product's own loops and timers (auto-entry included).
// The parent SIGKILLs it at chosen points and starts it again on the same directory. It tells the
// parent its WebSocket URL once it listens, and when the trading core's first reconciliation
// completed (trading-ready); on request it reads a symbol's funding at once (the product polls
// Extended one market a minute: tests/helpers/funding.ts says why a test must not wait for it).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../src-core/host/core';
import { startHostServer } from '../../src-core/host/ws-server';
import type { ExternalSimulator } from '../../src-core/host/venues';
import { createLogger } from '../../src-core/telemetry/log';
import type { CoreRequest } from './sim-protocol';

async function main(): Promise<void> {
  const startedAtMs = Date.now();
  const dataDir = process.argv[2]!;
  const endpoints = JSON.parse(process.argv[3]!) as ExternalSimulator;
  // Held until the parent says go (startCoreChild's beforeStart): it arms the simulator's trap on
  // this pid first, so a trap on what the startup itself sends cannot be outrun.
  if (process.argv[4] === 'wait-for-go') await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const rendererDir = join(dataDir, 'renderer-stub');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
  // Its log goes to core.log in the data directory (every start appends): what the parent shows
  // when a phase waited out its deadline, and what a replayed failure is read from.
  const logFile = join(dataDir, 'core.log');
  const log = createLogger({ level: 'info', sink: (line) => appendFileSync(logFile, `${line}\n`) });
  const core = await createCore({ dataDir, mode: 'sim', transport: 'ws', log, externalSimulator: endpoints, extendedFundingPollMs: 5_000 });
  const server = await startHostServer({ core, rendererDir });
  process.send?.({ kind: 'ready', wsUrl: server.wsUrl, startedAtMs });
  void core.trading()?.reconciled().then(() => process.send?.({ kind: 'reconciled', atMs: Date.now() }));
  process.on('message', (raw) => {
    const m = raw as CoreRequest & { id: number };
    const rt = core.runtime();
    const work = m.op === 'refreshFunding' && rt !== null ? rt.market.refreshSymbolFunding(m.symbol) : Promise.resolve();
    work.then(
      () => process.send?.({ kind: 'reply', id: m.id, ok: true, value: null }),
      (e: unknown) => process.send?.({ kind: 'reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  // The parent went away without killing us (a failed test): stop cleanly.
  process.on('disconnect', () => {
    void server.close().then(() => core.close()).finally(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`core-child: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
