// Pair sizing: one exact quantity for both legs, each bound pinned on both sides of its edge.
import { describe, expect, it } from 'vitest';
import { SizingInputError, commonStep, sizePair, type SizingInput, type SizingMarket } from '../../../src-core/execution/sizing';

const lighter: SizingMarket = { venue: 'lighter', stepSize: '0.001', minSize: '0.001', minNotionalUsd: '10', priceUsd: '2000', availableUsd: '100000', openNotionalUsd: '0' };
const extended: SizingMarket = { venue: 'extended', stepSize: '0.01', minSize: '0.01', minNotionalUsd: '10', priceUsd: '2000', availableUsd: '100000', openNotionalUsd: '0' };

function input(over: Partial<SizingInput> = {}, m0: Partial<SizingMarket> = {}, m1: Partial<SizingMarket> = {}): SizingInput {
  return {
    markets: [{ ...lighter, ...m0 }, { ...extended, ...m1 }],
    targetNotionalUsd: 350,
    capacityBase: '1000',
    leverage: 7,
    minFreeMarginFraction: 0.05,
    maxNotionalPerVenueUsd: 25_000,
    maxNotionalPerSymbolUsd: 10_000,
    openSymbolNotionalUsd: '0',
    ...over,
  };
}

describe('commonStep', () => {
  it('is the coarser step when one divides the other', () => {
    expect(commonStep('0.001', '0.01')).toBe('0.01');
    expect(commonStep('0.01', '0.001')).toBe('0.01');
    expect(commonStep('0.0010', '0.0010')).toBe('0.001');
    expect(commonStep('1', '1')).toBe('1');
  });
  it('is a true common multiple when neither divides the other', () => {
    expect(commonStep('100', '30')).toBe('300');
    expect(commonStep('0.04', '0.06')).toBe('0.12');
    expect(commonStep('0.5', '0.3')).toBe('1.5');
  });
  it('refuses a zero, negative or non-decimal step with a typed error', () => {
    expect(() => commonStep('0', '0.1')).toThrow(SizingInputError);
    expect(() => commonStep('0.1', '-0.1')).toThrow(SizingInputError);
    expect(() => commonStep('1e-3', '0.1')).toThrow(SizingInputError);
  });
});

describe('sizePair', () => {
  it('takes the target notional at the leg price, rounded down to the coarser step', () => {
    // 350 / 2000 = 0.175 → 0.17 on the 0.01 grid.
    expect(sizePair(input())).toEqual({ ok: true, size: '0.17', step: '0.01', minSize: '0.01', boundBy: { kind: 'target' } });
  });

  it('uses the dearer leg price for the target (the notional is never exceeded on either venue)', () => {
    // 350 / 2100 = 0.1666 → 0.16; at 2000 it would be 0.17.
    expect(sizePair(input({}, {}, { priceUsd: '2100' }))).toMatchObject({ ok: true, size: '0.16' });
    expect(sizePair(input({}, { priceUsd: '2100' }))).toMatchObject({ ok: true, size: '0.16' });
  });

  it('lands exactly on a boundary when the target is a whole number of steps', () => {
    expect(sizePair(input({ targetNotionalUsd: 340 }))).toMatchObject({ ok: true, size: '0.17' });
    expect(sizePair(input({ targetNotionalUsd: 339.99 }))).toMatchObject({ ok: true, size: '0.16' });
  });

  it('is bound by the screener capacity (base units)', () => {
    expect(sizePair(input({ capacityBase: '0.12' }))).toEqual({ ok: true, size: '0.12', step: '0.01', minSize: '0.01', boundBy: { kind: 'capacity' } });
    expect(sizePair(input({ capacityBase: '0.1299' }))).toMatchObject({ size: '0.12', boundBy: { kind: 'capacity' } });
    // Equal to the target: the target is named first.
    expect(sizePair(input({ capacityBase: '0.17' }))).toMatchObject({ size: '0.17', boundBy: { kind: 'target' } });
  });

  it('keeps minFreeMarginFraction of each venue free at the configured leverage', () => {
    // 40 × 0.95 × 7 = 266 USD → 0.133 → 0.13 at 2000.
    expect(sizePair(input({}, {}, { availableUsd: '40' }))).toMatchObject({ ok: true, size: '0.13', boundBy: { kind: 'margin', venue: 'extended' } });
    expect(sizePair(input({}, { availableUsd: '40' }))).toMatchObject({ ok: true, size: '0.13', boundBy: { kind: 'margin', venue: 'lighter' } });
    // Exactly 0.13 × 2000 / 7 / 0.95 = 39.0977… : 39.1 allows 0.13, 39.09 does not.
    expect(sizePair(input({}, {}, { availableUsd: '39.1' }))).toMatchObject({ size: '0.13' });
    expect(sizePair(input({}, {}, { availableUsd: '39.09' }))).toMatchObject({ size: '0.12' });
    // Fraction 0 uses it all; leverage 1 means notional ≤ available.
    expect(sizePair(input({ minFreeMarginFraction: 0, leverage: 1 }, { availableUsd: '260' }))).toMatchObject({ size: '0.13' });
    expect(sizePair(input({ minFreeMarginFraction: 0, leverage: 1 }, { availableUsd: '259.99' }))).toMatchObject({ size: '0.12' });
  });

  it('respects the per-venue notional limit net of what is already open there', () => {
    expect(sizePair(input({ maxNotionalPerVenueUsd: 25_000 }, { openNotionalUsd: '24760' }))).toMatchObject({ size: '0.12', boundBy: { kind: 'venue-notional', venue: 'lighter' } });
    expect(sizePair(input({ maxNotionalPerVenueUsd: 25_000 }, {}, { openNotionalUsd: '24759.99' }))).toMatchObject({ size: '0.12', boundBy: { kind: 'venue-notional', venue: 'extended' } });
    expect(sizePair(input({ maxNotionalPerVenueUsd: 240 }))).toMatchObject({ size: '0.12' });
  });

  it('respects the per-symbol notional limit net of our other pairs in the symbol', () => {
    expect(sizePair(input({ maxNotionalPerSymbolUsd: 10_000, openSymbolNotionalUsd: '9760' }))).toMatchObject({ size: '0.12', boundBy: { kind: 'symbol-notional' } });
    expect(sizePair(input({ maxNotionalPerSymbolUsd: 10_000, openSymbolNotionalUsd: '9759.99' }))).toMatchObject({ size: '0.12' });
    expect(sizePair(input({ maxNotionalPerSymbolUsd: 10_000, openSymbolNotionalUsd: '9740' }))).toMatchObject({ size: '0.13' });
  });

  it('refuses, naming the binding bound, when the largest allowed size is below both minimums', () => {
    // Extended min size 0.2 (> 0.17 the target allows).
    expect(sizePair(input({}, {}, { minSize: '0.2' }))).toEqual({ ok: false, reason: 'below-minimum', boundBy: { kind: 'target' }, maxSize: '0.17', minSize: '0.20', step: '0.01' });
    // Min notional 341 USD at 2000 → 0.1705 → 0.18 on the grid.
    expect(sizePair(input({}, { minNotionalUsd: '341' }))).toMatchObject({ ok: false, minSize: '0.18' });
    expect(sizePair(input({}, { minNotionalUsd: '340' }))).toMatchObject({ ok: true, size: '0.17', minSize: '0.17' });
    // Exactly the minimum is allowed.
    expect(sizePair(input({}, { minSize: '0.17' }))).toMatchObject({ ok: true, size: '0.17' });
    expect(sizePair(input({ capacityBase: '0' }))).toEqual({ ok: false, reason: 'below-minimum', boundBy: { kind: 'capacity' }, maxSize: '0.00', minSize: '0.01', step: '0.01' });
    expect(sizePair(input({}, { availableUsd: '0' }))).toMatchObject({ ok: false, boundBy: { kind: 'margin', venue: 'lighter' }, maxSize: '0.00' });
    expect(sizePair(input({ openSymbolNotionalUsd: '20000' }))).toMatchObject({ ok: false, boundBy: { kind: 'symbol-notional' }, maxSize: '0.00' });
    expect(sizePair(input({}, {}, { openNotionalUsd: '30000' }))).toMatchObject({ ok: false, boundBy: { kind: 'venue-notional', venue: 'extended' } });
  });

  it('the minimum is never below one common step, and each minimum rounds up to the grid', () => {
    expect(sizePair(input({}, { minSize: '0', minNotionalUsd: '0' }, { minSize: '0', minNotionalUsd: '0' }))).toMatchObject({ ok: true, minSize: '0.01' });
    expect(sizePair(input({}, { minSize: '0.011' }))).toMatchObject({ minSize: '0.02' });
    expect(sizePair(input({}, {}, { minNotionalUsd: '20' }))).toMatchObject({ minSize: '0.01' });
    expect(sizePair(input({}, {}, { minNotionalUsd: '20.01' }))).toMatchObject({ minSize: '0.02' });
  });

  it('sizes on a common multiple when neither step divides the other (Extended steps of 100)', () => {
    const r = sizePair(
      input(
        { targetNotionalUsd: 350, capacityBase: '10000000' },
        { stepSize: '30', minSize: '30', minNotionalUsd: '0', priceUsd: '0.0001' },
        { stepSize: '100', minSize: '100', minNotionalUsd: '0', priceUsd: '0.0001' },
      ),
    );
    // 350 / 0.0001 = 3,500,000 → a multiple of 300.
    expect(r).toMatchObject({ ok: true, size: '3499800', step: '300' });
  });

  it('refuses bad input with a typed error', () => {
    expect(() => sizePair(input({}, {}, { venue: 'lighter' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { priceUsd: '0' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { priceUsd: 'abc' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { availableUsd: '-1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { minSize: '-0.1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { minNotionalUsd: '-1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { openNotionalUsd: '-1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({}, { stepSize: '0' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ capacityBase: '-1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ openSymbolNotionalUsd: '-1' }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ targetNotionalUsd: 0 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ targetNotionalUsd: Number.NaN }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ leverage: 0.5 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ minFreeMarginFraction: 1.01 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ minFreeMarginFraction: -0.01 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ maxNotionalPerVenueUsd: -1 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ maxNotionalPerSymbolUsd: Number.POSITIVE_INFINITY }))).toThrow(SizingInputError);
    // The refusal names the input and says what is wrong with it.
    expect(() => sizePair(input({}, {}, { venue: 'lighter' }))).toThrow('both legs are on lighter');
    expect(() => sizePair(input({}, { priceUsd: '0' }))).toThrow('lighter priceUsd must be positive, got 0');
    expect(() => sizePair(input({}, { priceUsd: 'abc' }))).toThrow('lighter priceUsd is not a decimal: "abc"');
    expect(() => sizePair(input({}, {}, { stepSize: '0' }))).toThrow('extended stepSize must be positive');
    expect(() => sizePair(input({}, {}, { minSize: 'x' }))).toThrow('extended minSize is not a decimal');
    expect(() => sizePair(input({}, {}, { minSize: '-1' }))).toThrow('extended minSize must not be negative, got -1');
    expect(() => sizePair(input({}, {}, { minNotionalUsd: '-1' }))).toThrow('extended minNotionalUsd must not be negative');
    expect(() => sizePair(input({}, {}, { availableUsd: '-1' }))).toThrow('extended availableUsd must not be negative');
    expect(() => sizePair(input({}, {}, { openNotionalUsd: '-1' }))).toThrow('extended openNotionalUsd must not be negative');
    expect(() => sizePair(input({ capacityBase: '-1' }))).toThrow('capacityBase must not be negative');
    expect(() => sizePair(input({ openSymbolNotionalUsd: '-1' }))).toThrow('openSymbolNotionalUsd must not be negative');
    expect(() => sizePair(input({ targetNotionalUsd: -1 }))).toThrow(/^targetNotionalUsd must be in/);
    expect(() => sizePair(input({ leverage: 0.5 }))).toThrow('leverage must be in 1..1000, got 0.5');
    expect(() => sizePair(input({ leverage: 1_001 }))).toThrow(SizingInputError);
    expect(() => sizePair(input({ minFreeMarginFraction: 2 }))).toThrow('minFreeMarginFraction must be in 0..1, got 2');
    expect(() => sizePair(input({ maxNotionalPerVenueUsd: -1 }))).toThrow(/^maxNotionalPerVenueUsd must be in/);
    expect(() => sizePair(input({ maxNotionalPerSymbolUsd: -1 }))).toThrow(/^maxNotionalPerSymbolUsd must be in/);
    expect(() => commonStep('0', '1')).toThrow('step must be positive, got 0');
    expect(() => commonStep('1', '0')).toThrow('step must be positive, got 0');
    expect(new SizingInputError('x').name).toBe('SizingInputError');
    // The edges themselves are accepted.
    expect(sizePair(input({ leverage: 1, minFreeMarginFraction: 1 }))).toMatchObject({ ok: false, boundBy: { kind: 'margin', venue: 'lighter' } });
  });
});
