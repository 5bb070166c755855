// app.* channel: what is running (name, version, mode, data dir, transport, start time).
import type { appChannels } from '../../api/channels/app';
import type { Mode } from '../../domain/venue';
import { APP_NAME, APP_VERSION } from '../app-meta';
import type { ChannelHandlers } from './types';

export interface AppDeps {
  readonly mode: Mode;
  readonly dataDir: string;
  readonly startedAtMs: number;
  readonly transport: 'ipc' | 'ws' | 'in-process';
}

export function appHandlers(d: AppDeps): ChannelHandlers<typeof appChannels> {
  return {
    queries: {
      'app.info': () => ({ name: APP_NAME, version: APP_VERSION, mode: d.mode, dataDir: d.dataDir, startedAtMs: d.startedAtMs, transport: d.transport }),
    },
    commands: {},
  };
}
