import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DecimalError,
  absDecimal,
  addDecimal,
  compareDecimal,
  divDecimal,
  mulDecimal,
  negDecimal,
  normalizeDecimal,
  signDecimal,
  subDecimal,
  sumDecimals,
} from '../../../src-core/domain/decimal';

describe('exact decimal arithmetic for ledger money', () => {
  it('adds and subtracts without float error, keeping the larger scale', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('0.10', '0.2')).toBe('0.30');
    expect(subDecimal('0.3', '0.1')).toBe('0.2');
    expect(subDecimal('1', '1.0001')).toBe('-0.0001');
    expect(addDecimal('-5.5', '5.5')).toBe('0.0');
  });

  it('multiplies exactly (scale is the sum of scales)', () => {
    expect(mulDecimal('0.125', '3312.45')).toBe('414.05625');
    expect(mulDecimal('-2', '0.0003')).toBe('-0.0006');
    expect(mulDecimal('123456789.123456789', '1000')).toBe('123456789123.456789000');
  });

  it('negates, takes abs and sign; sums a list', () => {
    expect(negDecimal('1.5')).toBe('-1.5');
    expect(negDecimal('-1.5')).toBe('1.5');
    expect(absDecimal('-0.07')).toBe('0.07');
    expect(signDecimal('-0.0001')).toBe(-1);
    expect(signDecimal('0.000')).toBe(0);
    expect(signDecimal('3')).toBe(1);
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['0.1', '0.2', '0.3', '-0.6'])).toBe('0.0');
  });

  it('divides at a stated scale with the stated rounding', () => {
    expect(divDecimal('10', '3', 4, 'floor')).toBe('3.3333');
    expect(divDecimal('10', '3', 4, 'ceil')).toBe('3.3334');
    expect(divDecimal('-10', '3', 2, 'half-up')).toBe('-3.33');
    expect(divDecimal('1', '-8', 3, 'exact')).toBe('-0.125');
    expect(divDecimal('0.0006', '0.02', 2, 'exact')).toBe('0.03');
    expect(() => divDecimal('1', '3', 2, 'exact')).toThrow(DecimalError);
    expect(() => divDecimal('1', '0.00', 2, 'floor')).toThrow(/division by zero/);
  });

  it('normalizes trailing zeros and negative zero', () => {
    expect(normalizeDecimal('1.2300')).toBe('1.23');
    expect(normalizeDecimal('-0.000')).toBe('0');
    expect(normalizeDecimal('100')).toBe('100');
    expect(normalizeDecimal('-5.50')).toBe('-5.5');
  });

  it('refuses junk operands with a typed error', () => {
    expect(() => addDecimal('1e3', '1')).toThrow(DecimalError);
    expect(() => mulDecimal('NaN', '1')).toThrow(DecimalError);
  });

  it('agrees with bigint arithmetic on random operands (property)', () => {
    const dec = fc.tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 12 }));
    const text = ([u, s]: [bigint, number]) => {
      const neg = u < 0n;
      const d = (neg ? -u : u).toString().padStart(s + 1, '0');
      return (neg ? '-' : '') + (s === 0 ? d : `${d.slice(0, d.length - s)}.${d.slice(d.length - s)}`);
    };
    fc.assert(
      fc.property(dec, dec, (a, b) => {
        const x = text(a);
        const y = text(b);
        expect(compareDecimal(subDecimal(addDecimal(x, y), y), x)).toBe(0);
        expect(compareDecimal(addDecimal(x, negDecimal(x)), '0')).toBe(0);
        if (signDecimal(y) !== 0) expect(compareDecimal(divDecimal(mulDecimal(x, y), y, a[1], 'exact'), x)).toBe(0);
      }),
    );
  });
});
