// A venue's REST API or private stream down for venueDownMs or longer ⇒ a blocking condition (no
// new entries) that clears when it is back. Not a latch: an outage is not a fault of ours, and the
// orders already working are followed by the order tracker through readback. Shorter blips are
// left to the adapters' retries and the resilient socket.
//
// Times are monotonic ms (the caller's clock): a wall-clock step must not make a venue look down
// for an hour, or up again.
import type { RiskSettings } from '../../config/risk';
import type { StreamState } from '../../domain/enums';
import type { VenueId } from '../../domain/venue';
import { RiskInputError } from '../risk-error';
import type { Condition } from './types';

export type VenueChannel = 'rest' | 'private-stream';

const CHANNEL_LABEL: Readonly<Record<VenueChannel, string>> = { rest: 'REST API', 'private-stream': 'private stream' };

/** Only an open stream is up: connecting, stalled, backoff and closed all mean events may be
 *  missing (port.ts StreamHealth). */
export function streamIsUp(state: StreamState): boolean {
  return state === 'open';
}

export class VenueDownWatch {
  private readonly downSinceMs = new Map<string, { venue: VenueId; channel: VenueChannel; sinceMs: number }>();

  constructor(private readonly settings: Pick<RiskSettings, 'venueDownMs'>) {}

  /** Reports a channel up or down at `atMs`; a repeated "down" keeps the first time. */
  observe(venue: VenueId, channel: VenueChannel, up: boolean, atMs: number): void {
    if (!Number.isFinite(atMs)) throw new RiskInputError('bad-number', `observation time is not finite: ${atMs}`);
    const key = `venue-down:${venue}:${channel}`;
    if (up) this.downSinceMs.delete(key);
    else if (!this.downSinceMs.has(key)) this.downSinceMs.set(key, { venue, channel, sinceMs: atMs });
  }

  /** The channels down for venueDownMs or longer at `nowMs`. */
  conditions(nowMs: number): Condition[] {
    const out: Condition[] = [];
    for (const [key, d] of this.downSinceMs) {
      const downMs = nowMs - d.sinceMs;
      if (downMs < this.settings.venueDownMs) continue;
      out.push({ key, venue: d.venue, sinceMs: d.sinceMs, reason: `${d.venue} ${CHANNEL_LABEL[d.channel]} down for ${Math.floor(downMs / 1000)} s` });
    }
    return out;
  }
}
