// Names shared by every layer. Canonical symbols are the base asset ("ETH", "1000PEPE" stays as
// the venue lists it after stripping the quote), so a symbol means the same thing on both venues.

import type { POSITION_SIDES, SIDES, VenueId } from './enums';

export { VENUES, MODES, type VenueId, type Mode, type TradingState } from './enums';

export type Side = (typeof SIDES)[number];
export type PositionSide = (typeof POSITION_SIDES)[number];

export function otherVenue(v: VenueId): VenueId {
  return v === 'lighter' ? 'extended' : 'lighter';
}

export const HOURS_PER_YEAR = 8_760;

