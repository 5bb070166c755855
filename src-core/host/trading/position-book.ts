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
  /** Venues read in full at least once. */
  private readonly read = new Set<VenueId>();

  constructor(ports: Readonly<Record<VenueId, Pick<VenueAdapter, 'onAccount'>>>) {
    for (const venue of Object.keys(ports) as VenueId[]) {
      this.offs.push(ports[venue].onAccount((e) => {
        if (e.type === 'position') this.venueMap(venue).set(e.position.symbol, e.position);
      }));
    }
  }

  /** A full read of one venue: what it does not list is flat. */
  replace(venue: VenueId, positions: readonly Position[]): void {
    const m = new Map<string, Position>();
    for (const p of positions) m.set(p.symbol, p);
    this.byVenue.set(venue, m);
    this.read.add(venue);
  }

  /** The venue's position in the symbol; a flat one when the venue was read and lists none;
   *  null while the venue was never read nor streamed. */
  get(venue: VenueId, symbol: string): LivePosition | null {
    const m = this.byVenue.get(venue);
    if (m === undefined) return null;
    const p = m.get(symbol);
    if (p !== undefined) return p;
    // A venue that was only streamed (never fully read) may simply not have sent this symbol yet.
    return this.read.has(venue) ? { size: FLAT_POSITION_SIZE, markPrice: 0, liquidationPrice: null } : null;
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
