// Names shared by every layer. Canonical symbols are the base asset ("ETH", "1000PEPE" stays as
// the venue lists it after stripping the quote), so a symbol means the same thing on both venues.

export const VENUES = ['lighter', 'extended'] as const;
export type VenueId = (typeof VENUES)[number];

export type Side = 'buy' | 'sell';
export type PositionSide = 'long' | 'short';

export function otherVenue(v: VenueId): VenueId {
  return v === 'lighter' ? 'extended' : 'lighter';
}

export const HOURS_PER_YEAR = 8_760;

/** The mode is chosen at start (CLI `--mode`, createCore's option) and picks the database file;
 *  it is never a setting, so a stored document cannot disagree with the file it lives in. */
export const MODES = ['sim', 'paper', 'live'] as const;
export type Mode = (typeof MODES)[number];
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';
