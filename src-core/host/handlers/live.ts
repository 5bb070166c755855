// live.* channel (api/channels/live.ts): the arming checklist, arm with the typed word, disarm.
import type { liveChannels } from '../../api/channels/live';
import type { Arming } from '../keys/arming';
import type { ChannelHandlers } from './types';

export function liveHandlers(arming: Arming): ChannelHandlers<typeof liveChannels> {
  return {
    queries: { 'live.status': () => arming.status() },
    commands: {
      'live.arm': ({ word }) => arming.arm(word),
      'live.disarm': () => arming.disarm('trader'),
    },
  };
}
