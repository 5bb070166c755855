// Both venues for a support command, without the host's loops: sim mode starts the embedded
// simulator (host/venues.ts), paper and live point the adapters at settings.venues. Nothing
// trades through this session; it answers REST and market-data questions only.
import type { Settings } from '../../config/schema';
import type { Mode, VenueId } from '../../domain/venue';
import type { Logger } from '../../telemetry/log';
import type { VenueAdapter } from '../../venues/port';
import { createVenues, type Venues } from '../venues';

export interface VenueSession {
  readonly ports: Readonly<Record<VenueId, VenueAdapter>>;
  /** The REST base each adapter talks to, for the output lines. */
  readonly restUrls: Readonly<Record<VenueId, string>>;
  close(): Promise<void>;
}

export async function openVenueSession(mode: Mode, settings: Settings, log: Logger): Promise<VenueSession> {
  const venues: Venues = await createVenues({ mode, settings, log });
  const restUrls: Record<VenueId, string> =
    venues.sim === null
      ? { lighter: settings.venues.lighter.restUrl ?? '(none)', extended: settings.venues.extended.restUrl ?? '(none)' }
      : { lighter: venues.sim.lighter.restUrl, extended: venues.sim.extended.restUrl };
  return {
    ports: venues.ports,
    restUrls,
    async close() {
      await Promise.allSettled([venues.ports.lighter.stop(), venues.ports.extended.stop()]);
      await venues.sim?.close();
    },
  };
}
