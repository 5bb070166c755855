// Command line: `serve` runs the core headless and serves the UI on 127.0.0.1; `sim` runs the
// venue simulator alone; `doctor`, `backfill`, `close-all` and `reconcile` are the support commands
// (support/run.ts).
import { join, resolve } from 'node:path';
import { defaultDataDir } from './data-dir';
import { existsSync } from 'node:fs';
import { createCore } from './core';
import { startHostServer } from './ws-server';
import { argValue, parseMode, parsePort, refuseUnbuiltMode, CliArgsError } from './cli-args';
import { embeddedSimulatorLines, portBusyMessage } from './sim-cli';
import { persistentHostToken } from './host-token';
import { PortBusyError } from '../venues/sim/listen';

function arg(name: string): string | undefined {
  return argValue(process.argv, name);
}

async function serve(): Promise<void> {
  const dataDir = arg('data-dir') ?? defaultDataDir();
  const mode = parseMode(process.argv);
  refuseUnbuiltMode(mode);
  const port = parsePort(process.argv, 'port');
  const controlPort = parsePort(process.argv, 'control-port');
  if (controlPort !== undefined && mode !== 'sim') throw new CliArgsError('--control-port: only sim mode embeds the simulator');
  const rendererDir = resolve(__dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('renderer not built: run `npm run build` first');
  const core = await createCore({ dataDir, mode, transport: 'ws', ...(controlPort === undefined ? {} : { simulator: { controlPort } }) });
  // One token per data dir (host-token.ts): with a fixed --port, a restart keeps open pages working.
  const token = persistentHostToken(dataDir);
  const host = await startHostServer({ core, rendererDir, port: port ?? 0, token }).catch(async (e: unknown) => {
    await core.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliArgsError(`--port ${port}: 127.0.0.1:${port} is already in use (another Fundingbot?); stop it or choose another port`);
    throw e;
  });
  process.stdout.write(`Fundingbot (${mode}) ready: ${host.url}\n`);
  if (port === undefined) process.stdout.write(`  (a random port: pass --port ${host.port} to keep this URL across restarts)\n`);
  for (const line of embeddedSimulatorLines(core.runtime()?.sim ?? null)) process.stdout.write(`${line}\n`);
  const stop = (): void => {
    void host.close().then(() => core.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const cmd = process.argv[2];
  switch (cmd) {
    case 'serve':
      return serve();
    case 'sim': {
      const { runSimulatorCli } = await import('./sim-cli');
      return runSimulatorCli(process.argv.slice(3));
    }
    case 'doctor':
    case 'backfill':
    case 'close-all':
    case 'reconcile': {
      const { runSupportCli } = await import('./support/run');
      const code = await runSupportCli(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) });
      process.exit(code);
      break;
    }
    default: {
      const { SUPPORT_USAGE } = await import('./support/run');
      process.stderr.write(['usage: cli.ts serve [--data-dir DIR] [--port N] [--control-port N] [--mode sim|live] | sim [--help]', ...SUPPORT_USAGE.map((u) => `       cli.ts ${u}`)].join('\n') + '\n');
      process.exit(2);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof PortBusyError ? portBusyMessage(e) : e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof CliArgsError ? 2 : 1);
});
