import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DecimalError,
  compareDecimal,
  divRound,
  fromIncrements,
  numberToDecimal,
  parseDecimal,
  roundToIncrement,
  toIncrements,
  toScaledInt,
} from '../../../src-core/domain/decimal';

describe('decimal parsing', () => {
  it('parses signs, integers and fractions exactly', () => {
    expect(parseDecimal('-12.3400')).toEqual({ units: -123400n, scale: 4 });
    expect(parseDecimal('5')).toEqual({ units: 5n, scale: 0 });
    expect(parseDecimal('+0.001')).toEqual({ units: 1n, scale: 3 });
  });

  it('rejects exponent notation and junk with a typed error', () => {
    for (const bad of ['1e-7', '', '1.2.3', 'abc', '0x10', 'NaN', '.5']) {
      expect(() => parseDecimal(bad)).toThrow(DecimalError);
    }
  });

  it('expands JS exponent output without losing digits', () => {
    expect(numberToDecimal(1e-7)).toBe('0.0000001');
    expect(numberToDecimal(1.5e-9)).toBe('0.0000000015');
    expect(numberToDecimal(2.5e21)).toBe('2500000000000000000000');
    expect(numberToDecimal(-3.25e-8)).toBe('-0.0000000325');
    expect(() => numberToDecimal(Number.NaN)).toThrow(DecimalError);
  });
});

describe('rounding to ticks and steps', () => {
  it('never lets float error through: 0.1 + 0.2 on a 0.1 step', () => {
    expect(roundToIncrement(0.1 + 0.2, '0.1', 'floor')).toBe('0.3');
    expect(roundToIncrement(0.1 + 0.2, '0.1', 'ceil')).toBe('0.4');
    expect(roundToIncrement(0.1 + 0.2, '0.1', 'half-up')).toBe('0.3');
  });

  it('handles a non-power-of-ten step such as 100', () => {
    expect(roundToIncrement('12345', '100', 'floor')).toBe('12300');
    expect(roundToIncrement('12345', '100', 'ceil')).toBe('12400');
    expect(toIncrements('12300', '100', 'exact')).toBe(123n);
    expect(() => toIncrements('12345', '100', 'exact')).toThrow(DecimalError);
  });

  it('handles ticks like 0.5 and 0.25', () => {
    expect(roundToIncrement('100.74', '0.25', 'floor')).toBe('100.50');
    expect(roundToIncrement('100.74', '0.25', 'half-up')).toBe('100.75');
    expect(roundToIncrement('-100.74', '0.5', 'floor')).toBe('-101.0');
  });

  it('rounds negatives toward the right infinity', () => {
    expect(divRound(-7n, 2n, 'floor')).toBe(-4n);
    expect(divRound(-7n, 2n, 'ceil')).toBe(-3n);
    expect(divRound(7n, 2n, 'floor')).toBe(3n);
    expect(divRound(7n, 2n, 'ceil')).toBe(4n);
    expect(divRound(-5n, 2n, 'half-up')).toBe(-3n);
  });

  it('property: the rounded value is a multiple of the step and within one step', () => {
    const steps = ['0.001', '0.5', '100', '0.25', '1'];
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(...steps), (milli, step) => {
        const value = (milli / 1000).toFixed(3);
        const down = roundToIncrement(value, step, 'floor');
        const up = roundToIncrement(value, step, 'ceil');
        expect(compareDecimal(down, value)).toBeLessThanOrEqual(0);
        expect(compareDecimal(up, value)).toBeGreaterThanOrEqual(0);
        const n = toIncrements(up, step, 'exact') - toIncrements(down, step, 'exact');
        expect(n === 0n || n === 1n).toBe(true);
      }),
    );
  });
});

describe('scaled integers for Lighter wire values', () => {
  it('scales price and size exactly', () => {
    expect(toScaledInt('4050.00', 2)).toBe(405000n);
    expect(toScaledInt('0.1', 4)).toBe(1000n);
    expect(() => toScaledInt('0.12345', 4)).toThrow(DecimalError);
    expect(toScaledInt('0.12345', 4, 'floor')).toBe(1234n);
  });

  it('formats increments back with the increment decimals', () => {
    expect(fromIncrements(1234n, '0.01')).toBe('12.34');
    expect(fromIncrements(-5n, '0.001')).toBe('-0.005');
  });
});
