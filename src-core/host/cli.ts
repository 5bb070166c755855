// Command line: `serve` runs the core headless and serves the UI on 127.0.0.1; `sim` runs the
// venue simulator alone; `doctor`, `backfill`, `close-all` and `reconcile` are the support commands
// (support/run.ts).
import { join, resolve } from 'node:path';
import { defaultDataDir } from './data-dir';
import { existsSync } from 'node:fs';
import { createCore } from './core';
import { startHostServer } from './ws-server';
import { argValue, parseMode } from './cli-args';
import { embeddedSimulatorLines } from './sim-cli';

function arg(name: string): string | undefined {
  return argValue(process.argv, name);
}

async function serve(): Promise<void> {
  const dataDir = arg('data-dir') ?? defaultDataDir();
  const mode = parseMode(process.argv);
  const rendererDir = resolve(__dirname, '../../out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('renderer not built: run `npm run build` first');
  const core = await createCore({ dataDir, mode, transport: 'ws' });
  const portArg = arg('port');
  const host = await startHostServer({ core, rendererDir, port: portArg === undefined ? 0 : Number(portArg) });
  process.stdout.write(`Fundingbot (${mode}) ready: ${host.url}\n`);
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
      process.stderr.write(['usage: cli.ts serve [--data-dir DIR] [--port N] [--mode sim|paper|live] | sim', ...SUPPORT_USAGE.map((u) => `       cli.ts ${u}`)].join('\n') + '\n');
      process.exit(2);
    }
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
