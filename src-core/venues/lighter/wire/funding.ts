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

/** REST /fundings: unsigned `rate` in PERCENT per hour plus `direction`; "short" means shorts pay.
 *  The unit is not documented. Evidence for percent (venues.md §7.4): the WS market_stats values
 *  are percent (the docs' ETH example 0.0057 would be 0.57 %/h as a decimal, beyond the ±0.5 %/h
 *  cap); an analysis of Lighter's own funding app computes APR = rate × 24 × 365 in percent from
 *  REST values like 0.001304, which matches the 0.00125 %/h base interest; the upstream bot's
 *  comments contradict each other and it shipped two ×100 migrations. Decided: percent, the same
 *  unit as the stream, so history and live values agree (tested against the simulator, which
 *  serves percent as the venue does). A live tripwire should still compare payment cash with
 *  size × mark × rate. */
export function hourlyFromFundingsRow(rate: string, direction: 'long' | 'short'): number {
  const v = finite(rate, '/fundings rate') / 100;
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
