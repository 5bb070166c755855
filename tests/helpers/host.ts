import { resolve } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src-core/host/core';
import { startHostServer, type HostServer } from '../../src-core/host/ws-server';
import { silentLogger } from '../../src-core/telemetry/log';

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer');

export interface RunningHost {
  readonly core: Core;
  readonly server: HostServer;
  stop(): Promise<void>;
}

export async function startHost(dataDir: string, extra: Partial<CoreOptions> = {}): Promise<RunningHost> {
  const core = await createCore({ dataDir, mode: 'sim', transport: 'ws', log: silentLogger, startVenues: false, ...extra });
  const server = await startHostServer({ core, rendererDir: RENDERER_DIR });
  return {
    core,
    server,
    async stop() {
      await server.close();
      await core.close();
    },
  };
}
