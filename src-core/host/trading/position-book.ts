// The venues' live positions as last seen, for the exit rules (liquidation distance, delta bound)
// without a network call per evaluation: each venue's account stream pushes position updates,
// and every full read (the risk feed's broken-hedge check) replaces the venue's whole set, so a
// position closed while the stream was down does not linger. Unknown until the first of either.
import type { VenueId } from '../../domain/venue';
import type { LivePosition } from '../../strategy/exits';
import type { Position, VenueAdapter } from '../../venues/port';

export const FLAT_POSITION_SIZE = '0';

export class PositionBook {
  private readonly byVenue = new Map<VenueId, Map<string, Position>>();
  private readonly offs: (() => void)[] = [];
  /** When each venue was last read in full (the caller's clock, ms). */
  private readonly readAtMs = new Map<VenueId, number>();

  constructor(ports: Readonly<Record<VenueId, Pick<VenueAdapter, 'onAccount'>>>) {
    for (const venue of Object.keys(ports) as VenueId[]) {
      this.offs.push(ports[venue].onAccount((e) => {
        if (e.type === 'position') this.venueMap(venue).set(e.position.symbol, e.position);
      }));
    }
  }

  /** A full read of one venue at `atMs`: what it does not list was flat then. */
  replace(venue: VenueId, positions: readonly Position[], atMs: number): void {
    const m = new Map<string, Position>();
    for (const p of positions) m.set(p.symbol, p);
    this.byVenue.set(venue, m);
    this.readAtMs.set(venue, atMs);
  }

  /** The venue's position in the symbol. Flat when a full read at or after `notBeforeMs` (the
   *  pair's opening) did not list it; null (unknown) when the venue was only streamed, or its last
   *  full read is older than that: a read from before the pair's fills must not make a fresh leg
   *  look flat (the delta-bound rule would close a healthy pair at once). */
  get(venue: VenueId, symbol: string, notBeforeMs: number): LivePosition | null {
    const m = this.byVenue.get(venue);
    if (m === undefined) return null;
    const p = m.get(symbol);
    if (p !== undefined) return p;
    const readAt = this.readAtMs.get(venue);
    return readAt !== undefined && readAt >= notBeforeMs ? { size: FLAT_POSITION_SIZE, markPrice: 0, liquidationPrice: null } : null;
  }

  stop(): void {
    for (const off of this.offs) off();
  }

  private venueMap(venue: VenueId): Map<string, Position> {
    let m = this.byVenue.get(venue);
    if (m === undefined) {
      m = new Map();
      this.byVenue.set(venue, m);
    }
    return m;
  }
}
