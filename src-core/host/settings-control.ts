// The one place a settings change is applied: merged and validated (config/schema.ts), saved,
// made current and announced on 'settings.changed'. A refused patch throws ConfigError and
// changes nothing (neither the stored document nor the current settings).
import type { EventHub } from '../api/events';
import { mergeSettings, type Settings } from '../config/schema';
import type { SettingsRepo } from '../store/settings-repo';

export interface SettingsControl {
  current(): Settings;
  /** Returns the new settings; throws ConfigError for a patch the schema refuses. */
  update(patch: unknown): Settings;
}

export function createSettingsControl(repo: Pick<SettingsRepo, 'save'>, initial: Settings, events: Pick<EventHub, 'emit'>, now: () => number): SettingsControl {
  let settings = initial;
  return {
    current: () => settings,
    update(patch) {
      const next = mergeSettings(settings, patch);
      repo.save(next, now());
      settings = next;
      events.emit('settings.changed', settings);
      return settings;
    },
  };
}
