// One test per funding source, on payloads shaped like the real ones, including the unit traps
// (venues.md §3): Lighter WS percent, Lighter /fundings unsigned + direction, Extended hourly
// decimal, Extended nextFundingRate as a timestamp.
import { describe, expect, it } from 'vitest';
import { VenueParseError } from '../../../src-core/venues/common/errors';
import { feeFromPercent, hourlyFromFundingsRow, hourlyFromWsPercent, toMs } from '../../../src-core/venues/lighter/wire/funding';
import { hourlyFromExtended, nextFundingTimeMs, symbolOf } from '../../../src-core/venues/extended/wire/funding';

describe('Lighter funding', () => {
  it('market_stats rates are percent per hour', () => {
    // "0.0011" = 0.0011 %/h ≈ 9.6 % APY, not 963 %.
    expect(hourlyFromWsPercent('0.0011')).toBeCloseTo(0.000011, 15);
    expect(hourlyFromWsPercent('-0.0250')).toBeCloseTo(-0.00025, 15);
  });
  it('catches a market_stats rate given as a decimal by mistake (100× too large)', () => {
    // A decimal 0.011 read as percent is 1.1 %/h, beyond Lighter's ±0.5 %/h clamp.
    expect(() => hourlyFromWsPercent('0.9')).toThrow(VenueParseError);
  });
  it('/fundings rate is unsigned percent per hour with a direction; "short" means shorts pay', () => {
    // Percent like market_stats (venues.md §7.4): "0.0012" = 0.0012 %/h = 0.000012 per hour.
    expect(hourlyFromFundingsRow('0.0012', 'long')).toBeCloseTo(0.000012, 15);
    expect(hourlyFromFundingsRow('0.0012', 'short')).toBeCloseTo(-0.000012, 15);
    expect(() => hourlyFromFundingsRow('-0.0012', 'long')).toThrow(VenueParseError);
  });
  it('catches a /fundings rate beyond the ±0.5 %/h cap (a decimal read as percent would still pass only below it)', () => {
    expect(() => hourlyFromFundingsRow('1.2', 'long')).toThrow(VenueParseError);
  });
  it('normalises second and millisecond timestamps by magnitude', () => {
    expect(toMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(toMs(1_700_000_000_000)).toBe(1_700_000_000_000);
  });
  it('fees are percent strings', () => {
    expect(feeFromPercent('0.0200')).toBeCloseTo(0.0002, 15);
    expect(() => feeFromPercent('5')).toThrow(VenueParseError);
  });
});

describe('Extended funding', () => {
  it('fundingRate is already an hourly decimal', () => {
    expect(hourlyFromExtended('0.000013')).toBe(0.000013);
    expect(hourlyFromExtended('-0.0004')).toBe(-0.0004);
  });
  it('catches a rate given in percent (100× too large)', () => {
    expect(() => hourlyFromExtended('4.5')).toThrow(VenueParseError);
    expect(() => hourlyFromExtended('abc')).toThrow(VenueParseError);
  });
  it('nextFundingRate is a timestamp, and a rate-sized value is refused', () => {
    expect(nextFundingTimeMs(1_795_536_000_000)).toBe(1_795_536_000_000);
    expect(() => nextFundingTimeMs(0.000013)).toThrow(VenueParseError);
  });
  it('maps market names to canonical symbols', () => {
    expect(symbolOf('BTC-USD')).toBe('BTC');
    expect(symbolOf('1000PEPE-USD')).toBe('1000PEPE');
  });
});
