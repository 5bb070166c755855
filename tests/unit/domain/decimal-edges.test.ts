// Exact-decimal edge cases: whitespace, error types and messages, rescaling both ways, division
// guards, zero formatting and three-way comparison.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DecimalError,
  compareDecimal,
  decimalsOf,
  divRound,
  formatScaled,
  numberToDecimal,
  parseDecimal,
  rescaleExact,
  toIncrements,
  toScaledInt,
} from '../../../src-core/domain/decimal';

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('parsing and errors', () => {
  it('trims surrounding whitespace', () => {
    expect(parseDecimal(' 5.25\n')).toEqual({ units: 525n, scale: 2 });
  });

  it('errors are DecimalError by name and quote the bad input', () => {
    const e = thrown(() => parseDecimal('1e5'));
    expect(e).toBeInstanceOf(DecimalError);
    expect(e.name).toBe('DecimalError');
    expect(e.message).toBe('not a decimal: "1e5"');
    expect(thrown(() => numberToDecimal(Infinity)).message).toBe('not finite: Infinity');
  });

  it('numbers without an exponent pass through as JS prints them', () => {
    expect(numberToDecimal(12.5)).toBe('12.5');
    expect(numberToDecimal(-0.001)).toBe('-0.001');
    expect(numberToDecimal(1e21)).toBe('1000000000000000000000');
  });

  it('decimalsOf counts fraction digits, trailing zeros included', () => {
    expect(decimalsOf('0.0100')).toBe(4);
    expect(decimalsOf('100')).toBe(0);
  });
});

describe('rescaling', () => {
  it('scales up by padding zeros and down only when no digit is lost', () => {
    // 1.5 at 3 decimals is 1500 thousandths; 1.230 at 2 decimals is 123 hundredths.
    expect(rescaleExact({ units: 15n, scale: 1 }, 3)).toBe(1500n);
    expect(rescaleExact({ units: 1230n, scale: 3 }, 2)).toBe(123n);
    expect(rescaleExact({ units: -1200n, scale: 3 }, 1)).toBe(-12n); // -1.200 = -12 tenths
    expect(rescaleExact({ units: 7n, scale: 2 }, 2)).toBe(7n);
  });

  it('refuses to drop digits', () => {
    // 1.234 has a digit in the thousandths: it is not a whole number of hundredths.
    const e = thrown(() => rescaleExact({ units: 1234n, scale: 3 }, 2));
    expect(e).toBeInstanceOf(DecimalError);
    expect(e.message).toBe('cannot express 1.234 at 2 decimals exactly');
  });
});

describe('division and increments', () => {
  it('refuses a zero or negative divisor with a DecimalError', () => {
    expect(thrown(() => divRound(1n, 0n, 'floor'))).toBeInstanceOf(DecimalError);
    expect(thrown(() => divRound(1n, 0n, 'floor')).message).toBe('divisor must be positive');
    expect(thrown(() => divRound(1n, -2n, 'floor'))).toBeInstanceOf(DecimalError);
  });

  it('exact mode names the problem', () => {
    expect(thrown(() => divRound(7n, 2n, 'exact')).message).toBe('value is not a whole multiple');
    expect(divRound(8n, 2n, 'exact')).toBe(4n);
  });

  it('half-up rounds halves away from zero and less than half towards it', () => {
    expect(divRound(5n, 2n, 'half-up')).toBe(3n); // 2.5 → 3
    expect(divRound(-5n, 2n, 'half-up')).toBe(-3n); // -2.5 → -3
    expect(divRound(4n, 3n, 'half-up')).toBe(1n); // 1.33 → 1
    expect(divRound(-4n, 3n, 'half-up')).toBe(-1n); // -1.33 → -1
    expect(divRound(-5n, 3n, 'half-up')).toBe(-2n); // -1.67 → -2
  });

  it('a zero increment is refused by name, not as a division error', () => {
    expect(thrown(() => toIncrements('1', '0', 'floor')).message).toBe('increment must be positive: 0');
    expect(thrown(() => toIncrements('1', '-0.5', 'floor')).message).toBe('increment must be positive: -0.5');
  });

  it('toScaledInt at exactly the value\'s own decimals keeps the units', () => {
    expect(toScaledInt('12.34', 2)).toBe(1234n);
    expect(toScaledInt('-0.0000005', 6, 'floor')).toBe(-1n); // -0.5 µ floors to -1 µ
  });
});

describe('formatting and comparison', () => {
  it('formats zero without a sign and pads small fractions', () => {
    expect(formatScaled(0n, 2)).toBe('0.00');
    expect(formatScaled(0n, 0)).toBe('0');
    expect(formatScaled(-5n, 3)).toBe('-0.005');
    expect(formatScaled(12345n, 2)).toBe('123.45');
  });

  it('compares exactly across scales', () => {
    expect(compareDecimal('1.5', '1.50')).toBe(0);
    expect(compareDecimal('1.49', '1.5')).toBe(-1);
    expect(compareDecimal('2', '1.999')).toBe(1);
    expect(compareDecimal('-0.1', '0')).toBe(-1);
  });

  it('property: compareDecimal agrees with bigint order of thousandths', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), (a, b) => {
        const want = a === b ? 0 : a < b ? -1 : 1;
        // b thousandths written with 5 decimals (two trailing zeros) compares as b thousandths.
        expect(compareDecimal(formatScaled(a, 3), formatScaled(b * 100n, 5))).toBe(want);
      }),
    );
  });
});
