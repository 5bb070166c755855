// Extended funding parsing at its edges: the ±3 %/h bound is inclusive, nextFundingRate must be
// an integer epoch-ms timestamp from 1e12 on, market names split at the last dash.
import { describe, expect, it } from 'vitest';
import { VenueParseError } from '../../../src-core/venues/common/errors';
import { EXTENDED_MAX_ABS_HOURLY, hourlyFromExtended, nextFundingTimeMs, symbolOf } from '../../../src-core/venues/extended/wire/funding';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VenueParseError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('Extended funding bounds', () => {
  it('exactly ±3 %/h is accepted, a hair more is a unit error', () => {
    expect(hourlyFromExtended('0.03')).toBe(EXTENDED_MAX_ABS_HOURLY);
    expect(hourlyFromExtended('-0.03')).toBe(-EXTENDED_MAX_ABS_HOURLY);
    expect(message(() => hourlyFromExtended('0.0300001'))).toBe('funding 0.0300001/h is outside ±0.03/h: wrong unit?');
    expect(message(() => hourlyFromExtended('x'))).toBe('funding rate is not a number: "x"');
  });

  it('nextFundingRate: 1e12 is the smallest timestamp accepted; fractions are refused', () => {
    expect(nextFundingTimeMs(1e12)).toBe(1e12);
    expect(message(() => nextFundingTimeMs(1e12 - 1))).toBe('nextFundingRate 999999999999 is not an ms timestamp');
    expect(message(() => nextFundingTimeMs(1_795_536_000_000.5))).toBe('nextFundingRate 1795536000000.5 is not an ms timestamp');
  });

  it('symbolOf keeps a name with no dash, or only a leading one, as it is', () => {
    expect(symbolOf('BTC')).toBe('BTC');
    expect(symbolOf('-USD')).toBe('-USD');
    expect(symbolOf('A-B-USD')).toBe('A-B');
  });
});
