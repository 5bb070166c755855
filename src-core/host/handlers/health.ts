// health.* channel: the health snapshot on demand (the same sample `health.update` sends).
import type { healthChannels } from '../../api/channels/health';
import type { VenueRuntime } from '../runtime';
import { requireRuntime, type ChannelHandlers } from './types';

export function healthHandlers(runtime: () => Pick<VenueRuntime, 'health'> | null): ChannelHandlers<typeof healthChannels> {
  return {
    queries: {
      'health.snapshot': () => requireRuntime(runtime).health(),
    },
    commands: {},
  };
}
