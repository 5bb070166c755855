import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src-core/host/core';
import { startHostServer, type HostServer, type HostServerOptions } from '../../src-core/host/ws-server';
import { silentLogger } from '../../src-core/telemetry/log';

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer');

/** A one-page stand-in for the built renderer, for tests of the host's HTTP checks that must not
 *  depend on `npm run build` having run (the built one is RENDERER_DIR). Returns `dir`. */
export function stubRendererDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stub</title>');
  return dir;
}

export interface RunningHost {
  readonly core: Core;
  readonly server: HostServer;
  stop(): Promise<void>;
}

export async function startHost(dataDir: string, extra: Partial<CoreOptions> = {}, serverExtra: Omit<Partial<HostServerOptions>, 'core'> = {}): Promise<RunningHost> {
  // Extended funding is polled per market once a minute in the product; the UI tests pin rates and
  // watch rows change, so their core reads each market every 5 s instead of waiting a minute.
  const core = await createCore({ dataDir, mode: 'sim', transport: 'ws', log: silentLogger, startVenues: false, extendedFundingPollMs: 5_000, trading: false, ...extra });
  const server = await startHostServer({ core, rendererDir: RENDERER_DIR, ...serverExtra });
  return {
    core,
    server,
    async stop() {
      await server.close();
      await core.close();
    },
  };
}
