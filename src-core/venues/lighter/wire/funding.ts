// Lighter funding in its three shapes, normalised to a signed hourly decimal, long pays when
// positive (venues.md §3). Each conversion has a unit test; a value outside Lighter's plausible
// range (±0.5 %/h, as the Python bot checks) is refused as a unit error, not passed on.
import { VenueParseError } from '../../common/errors';

export const LIGHTER_MAX_ABS_HOURLY = 0.005;

function finite(text: string, what: string): number {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new VenueParseError(`${what} is not a number: ${JSON.stringify(text)}`);
  return v;
}

function plausible(hourly: number, what: string): number {
  if (Math.abs(hourly) > LIGHTER_MAX_ABS_HOURLY) throw new VenueParseError(`${what} ${hourly}/h is outside ±${LIGHTER_MAX_ABS_HOURLY}/h: wrong unit?`);
  return hourly;
}

/** WS market_stats current_funding_rate / funding_rate: PERCENT per hour ("0.0011" = 0.0011 %/h). */
export function hourlyFromWsPercent(text: string): number {
  return plausible(finite(text, 'market_stats funding') / 100, 'market_stats funding');
}

/** REST /fundings: unsigned `rate` (hourly decimal) plus `direction`; "short" means shorts pay. */
export function hourlyFromFundingsRow(rate: string, direction: 'long' | 'short'): number {
  const v = finite(rate, '/fundings rate');
  if (v < 0) throw new VenueParseError('/fundings rate must be unsigned');
  return plausible(direction === 'short' ? -v : v, '/fundings rate');
}

/** Timestamps arrive in seconds or milliseconds; anything past 1e11 is milliseconds. */
export function toMs(ts: number): number {
  return ts > 1e11 ? ts : ts * 1000;
}

/** Fees are percent strings ("0.0200" = 0.02 % = 2 bps) → decimal fraction. */
export function feeFromPercent(text: string): number {
  const v = finite(text, 'fee');
  if (v < 0 || v > 1) throw new VenueParseError(`fee ${text}% is implausible`);
  return v / 100;
}
