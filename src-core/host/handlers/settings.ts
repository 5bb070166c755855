// settings.* channel: read the settings, apply a patch (a refused patch is VALIDATION with the
// schema's issues, and changes nothing).
import type { settingsChannels } from '../../api/channels/settings';
import { ApiFailure } from '../../api/envelope';
import { ConfigError } from '../../config/schema';
import type { SettingsControl } from '../settings-control';
import type { ChannelHandlers } from './types';

export function settingsHandlers(settings: SettingsControl): ChannelHandlers<typeof settingsChannels> {
  return {
    queries: {
      'settings.get': () => settings.current(),
    },
    commands: {
      'settings.update': (patch) => {
        try {
          return settings.update(patch);
        } catch (e) {
          if (e instanceof ConfigError) throw new ApiFailure('VALIDATION', e.message, e.issues);
          throw e;
        }
      },
    },
  };
}
