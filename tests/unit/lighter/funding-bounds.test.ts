// Lighter funding and fee parsing at the edges of what is plausible: the ±0.5 %/h clamp is
// inclusive, the seconds/milliseconds cut is at 1e11, fees 0-1 % are accepted.
import { describe, expect, it } from 'vitest';
import { VenueParseError } from '../../../src-core/venues/common/errors';
import { feeFromPercent, hourlyFromFundingsRow, hourlyFromWsPercent, LIGHTER_MAX_ABS_HOURLY, toMs } from '../../../src-core/venues/lighter/wire/funding';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VenueParseError);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('Lighter funding bounds', () => {
  it('exactly ±0.5 %/h is accepted, a hair more is a unit error', () => {
    // WS percent "0.5" = 0.5 %/h = 0.005 /h, the clamp itself.
    expect(hourlyFromWsPercent('0.5')).toBe(LIGHTER_MAX_ABS_HOURLY);
    expect(hourlyFromWsPercent('-0.5')).toBe(-LIGHTER_MAX_ABS_HOURLY);
    // "0.50001" % is 0.0050001 /h (printed with its float tail), just outside.
    expect(message(() => hourlyFromWsPercent('0.50001'))).toMatch(/^market_stats funding 0\.00500009\d*\/h is outside ±0\.005\/h: wrong unit\?$/);
    // REST /fundings is percent too: "0.5" = 0.005 /h, the clamp.
    expect(hourlyFromFundingsRow('0.5', 'long')).toBe(0.005);
    expect(hourlyFromFundingsRow('0.5', 'short')).toBe(-0.005);
    expect(message(() => hourlyFromFundingsRow('0.50001', 'short'))).toMatch(/^\/fundings rate -0\.00500009\d*\/h is outside ±0\.005\/h: wrong unit\?$/);
  });

  it('non-numbers are refused with the text quoted', () => {
    expect(message(() => hourlyFromWsPercent('abc'))).toBe('market_stats funding is not a number: "abc"');
    expect(message(() => hourlyFromFundingsRow('x', 'long'))).toBe('/fundings rate is not a number: "x"');
    expect(message(() => feeFromPercent('NaN'))).toBe('fee is not a number: "NaN"');
  });

  it('a zero /fundings rate is fine; a signed one is refused by name', () => {
    expect(hourlyFromFundingsRow('0', 'long')).toBe(0);
    expect(message(() => hourlyFromFundingsRow('-0.0001', 'short'))).toBe('/fundings rate must be unsigned');
  });

  it('1e11 is still seconds; one more is milliseconds', () => {
    expect(toMs(1e11)).toBe(1e14);
    expect(toMs(1e11 + 1)).toBe(1e11 + 1);
  });

  it('fees from 0 % to 1 % inclusive; outside is implausible', () => {
    expect(feeFromPercent('0')).toBe(0);
    expect(feeFromPercent('1')).toBe(0.01);
    expect(message(() => feeFromPercent('1.0001'))).toBe('fee 1.0001% is implausible');
    expect(message(() => feeFromPercent('-0.0001'))).toBe('fee -0.0001% is implausible');
  });
});
