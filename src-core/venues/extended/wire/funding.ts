// Extended funding is already a signed hourly decimal (venues.md §3 pitfall 5): 0.000013 is
// 0.0013 %/h. `nextFundingRate` is a timestamp, not a rate. A value outside ±3 %/h (the Python
// bot's sanity bound) is refused as a unit error.
import { VenueParseError } from '../../common/errors';

export const EXTENDED_MAX_ABS_HOURLY = 0.03;

export function hourlyFromExtended(text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new VenueParseError(`funding rate is not a number: ${JSON.stringify(text)}`);
  if (Math.abs(v) > EXTENDED_MAX_ABS_HOURLY) throw new VenueParseError(`funding ${v}/h is outside ±${EXTENDED_MAX_ABS_HOURLY}/h: wrong unit?`);
  return v;
}

/** `nextFundingRate` must look like an epoch-ms timestamp; a rate-sized number is a misread. */
export function nextFundingTimeMs(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1e12) throw new VenueParseError(`nextFundingRate ${value} is not an ms timestamp`);
  return value;
}

/** "BTC-USD" → "BTC". */
export function symbolOf(market: string): string {
  const i = market.lastIndexOf('-');
  return i > 0 ? market.slice(0, i) : market;
}
