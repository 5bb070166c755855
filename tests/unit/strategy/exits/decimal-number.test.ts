// The rules read ledger money and venue sizes as floats every second; the fast reading must be the
// very double Number() gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalToNumber } from '../../../../src-core/strategy/exits/decimal-number';

describe('decimalToNumber', () => {
  it('returns exactly what Number() returns for exact decimal strings', () => {
    const cases = ['0', '-0', '2.00', '0.10', '-0.096', '123456.789012', '999999999999999', '0.000000000000001', '1234567890123456', '12345678901234567.5', '1.', '.5', '-', '', '.', '1e3', '0x10', '1.2.3', '+1', '007.250'];
    for (const t of cases) expect(Object.is(decimalToNumber(t), Number(t)), t).toBe(true);
  });

  it('property: any decimal of up to 20 digits reads as Number() reads it', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.stringMatching(/^[0-9]{1,12}$/), fc.stringMatching(/^[0-9]{0,8}$/), (neg, int, frac) => {
        const t = `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
        expect(Object.is(decimalToNumber(t), Number(t))).toBe(true);
      }),
      { numRuns: 2_000, seed: 11 },
    );
  });
});

describe('decimalToNumber fast path', () => {
  it('plain decimals of up to 15 digits never fall back to Number(); anything else does', () => {
    const original = globalThis.Number;
    let fallbacks = 0;
    const counting = Object.assign((v?: unknown) => {
      fallbacks += 1;
      return original(v);
    }, original);
    globalThis.Number = counting as unknown as NumberConstructor;
    try {
      for (const t of ['0', '-0', '2.00', '0.10', '-0.096', '123456.789012', '999999999999999', '.5', '-.25', '007.250']) decimalToNumber(t);
      const fast = fallbacks;
      for (const t of ['1234567890123456', '1.', '', '-', '.', '1e3', '+1', '1.2.3', '0x10', '١']) decimalToNumber(t);
      expect({ fast, slow: fallbacks - fast }).toEqual({ fast: 0, slow: 10 });
    } finally {
      globalThis.Number = original;
    }
  });

  it('reads digits, points and signs by hand as Number() would', () => {
    expect(decimalToNumber('-0.096')).toBe(-0.096);
    expect(decimalToNumber('-.25')).toBe(-0.25);
    expect(decimalToNumber('12.5')).toBe(12.5);
    expect(decimalToNumber('9')).toBe(9);
    expect(decimalToNumber('0.000000000000001')).toBe(1e-15);
  });
});
