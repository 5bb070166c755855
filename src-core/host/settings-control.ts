// The one place a settings change is applied: merged and validated (config/schema.ts), saved,
// made current and announced on 'settings.changed'. A refused patch throws ConfigError and
// changes nothing (neither the stored document nor the current settings).
// Venue endpoints are not preferences: where orders and keys go changes only through
// setVenueEndpoints (its own confirmed command), never as a side effect of a general update,
// and never while the endpoint guard refuses (armed for live). The adapters read the endpoints at
// start (host/venues.ts), so an accepted change applies at the next start.
import type { EventHub } from '../api/events';
import { ConfigError, mergeSettings, type ConfigIssue, type Settings } from '../config/schema';
import type { VenueId } from '../domain/venue';
import type { SettingsRepo } from '../store/settings-repo';

export interface VenueEndpointsChange {
  readonly venue: VenueId;
  readonly restUrl: string | null;
  readonly wsUrl: string | null;
}

/** Why an endpoint change is refused right now, or null to allow it. */
export type EndpointChangeGuard = () => string | null;

export class EndpointChangeRefused extends Error {
  override readonly name = 'EndpointChangeRefused';
}

export interface SettingsControl {
  current(): Settings;
  /** Returns the new settings; throws ConfigError for a patch the schema refuses or one that
   *  would change a venue endpoint. */
  update(patch: unknown): Settings;
  /** Throws EndpointChangeRefused when the guard refuses, ConfigError for bad URLs. */
  setVenueEndpoints(change: VenueEndpointsChange): Settings;
}

const ENDPOINT_KEYS = ['restUrl', 'wsUrl'] as const;

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Endpoint keys a general patch would change (restating the current value changes nothing). */
function endpointChanges(current: Settings, patch: unknown): ConfigIssue[] {
  const venues = record(record(patch)?.venues);
  if (venues === null) return [];
  const issues: ConfigIssue[] = [];
  for (const venue of Object.keys(current.venues) as VenueId[]) {
    const v = record(venues[venue]);
    if (v === null) continue;
    for (const key of ENDPOINT_KEYS) {
      if (Object.hasOwn(v, key) && v[key] !== current.venues[venue][key]) {
        issues.push({ path: `venues.${venue}.${key}`, message: 'a venue endpoint changes only through settings.setVenueEndpoints (confirmed), not settings.update' });
      }
    }
  }
  return issues;
}

export function createSettingsControl(repo: Pick<SettingsRepo, 'save'>, initial: Settings, events: Pick<EventHub, 'emit'>, now: () => number, endpointGuard: EndpointChangeGuard = () => null): SettingsControl {
  let settings = initial;
  const apply = (patch: unknown): Settings => {
    const next = mergeSettings(settings, patch);
    repo.save(next, now());
    settings = next;
    events.emit('settings.changed', settings);
    return settings;
  };
  return {
    current: () => settings,
    update(patch) {
      const issues = endpointChanges(settings, patch);
      if (issues.length > 0) throw new ConfigError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
      return apply(patch);
    },
    setVenueEndpoints(change) {
      const refusal = endpointGuard();
      if (refusal !== null) throw new EndpointChangeRefused(refusal);
      return apply({ venues: { [change.venue]: { restUrl: change.restUrl, wsUrl: change.wsUrl } } });
    },
  };
}
