// keys.* channel (api/channels/keys.ts) over the keys service. No answer ever carries a secret:
// every output is the status view (stored, fingerprint, dates).
import type { keysChannels } from '../../api/channels/keys';
import type { KeysService } from '../keys/keys-service';
import type { ChannelHandlers } from './types';

export function keysHandlers(keys: KeysService): ChannelHandlers<typeof keysChannels> {
  return {
    queries: { 'keys.status': () => keys.status() },
    commands: {
      'keys.set': (input) => keys.set(input),
      'keys.remove': ({ venue }) => keys.remove(venue),
      'keys.verify': ({ venue }) => keys.verify(venue),
    },
  };
}
