// settings.* channel: read the settings, apply a patch (a refused patch is VALIDATION with the
// schema's issues, and changes nothing), change a venue's endpoints (confirmed; CONFLICT while
// the endpoint guard refuses, e.g. armed for live).
import type { settingsChannels } from '../../api/channels/settings';
import { ApiFailure } from '../../api/envelope';
import { ConfigError } from '../../config/schema';
import { EndpointChangeRefused, type SettingsControl } from '../settings-control';
import type { ChannelHandlers } from './types';

function typed<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ConfigError) throw new ApiFailure('VALIDATION', e.message, e.issues);
    if (e instanceof EndpointChangeRefused) throw new ApiFailure('CONFLICT', e.message);
    throw e;
  }
}

export function settingsHandlers(settings: SettingsControl): ChannelHandlers<typeof settingsChannels> {
  return {
    queries: {
      'settings.get': () => settings.current(),
    },
    commands: {
      'settings.update': (patch) => typed(() => settings.update(patch)),
      'settings.setVenueEndpoints': ({ venue, restUrl, wsUrl }) => typed(() => settings.setVenueEndpoints({ venue, restUrl, wsUrl })),
    },
  };
}
