// Every gate with worked numbers: each rejection names its gate and carries the numbers behind it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateDirection } from '../../../src-core/strategy/evaluate';
import { screenSymbol } from '../../../src-core/strategy/screener';
import { account, noHistory, NOW, settings, symbolView } from './fixtures';

// +0.02 %/h on Extended vs -0.01 %/h on Lighter: long Lighter / short Extended earns 0.03 %/h
// = 262.8 % APY, comfortably past every gate at $350.
const RICH = symbolView(-0.0001, 0.0002);

describe('screener direction', () => {
  it('a rich spread in the right direction passes every gate', () => {
    const r = evaluateDirection(RICH, 'lighter', settings(), account, noHistory, NOW);
    expect(r.netHourlyRate).toBeCloseTo(0.0003, 12);
    expect(r.netApy).toBeCloseTo(2.628, 9);
    expect(r.rejection).toBeNull();
    expect(r.passed).toBe(true);
    // EV: 350 × 0.0003 × 48 = 5.04 minus fees and spreads.
    expect(r.expectedValueUsd).toBeLessThan(5.04);
    expect(r.expectedValueUsd).toBeGreaterThan(4.5);
  });

  it('the opposite direction is rejected on APY with the numbers', () => {
    const r = evaluateDirection(RICH, 'extended', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('min-apy');
    expect(r.rejection?.observed).toBeCloseTo(-2.628, 9);
    expect(r.rejection?.threshold).toBe(0.35);
    expect(r.rejection?.reason).toContain('-262.8 %');
  });

  it('screenSymbol picks the passing direction', () => {
    const r = screenSymbol(RICH, settings(), account, noHistory, NOW);
    expect(r.best.longVenue).toBe('lighter');
    expect(r.best.passed).toBe(true);
  });

  it('blacklist and TradFi filters', () => {
    expect(evaluateDirection(RICH, 'lighter', settings({ blacklist: ['ETH'] }), account, noHistory, NOW).rejection?.gate).toBe('blacklist');
    const xau = symbolView(-0.0001, 0.0002, { symbol: 'XAU' });
    expect(evaluateDirection(xau, 'lighter', settings(), account, noHistory, NOW).rejection?.gate).toBe('tradfi');
    expect(evaluateDirection(xau, 'lighter', settings({ excludeTradfi: false }), account, noHistory, NOW).passed).toBe(true);
  });

  it('missing funding is its own reason', () => {
    const v = symbolView(-0.0001, 0.0002, { extended: { predictedHourlyRate: null, settledHourlyRate: null } });
    const r = evaluateDirection(v, 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('market-data');
    expect(r.rejection?.reason).toContain('extended funding');
  });

  it('a stale book is rejected with its age and the limit', () => {
    const v = symbolView(-0.0001, 0.0002, { lighter: { bookVenueTimeMs: NOW - 90_000 } });
    const r = evaluateDirection(v, 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('stale-book');
    expect(r.rejection?.observed).toBe(90_000);
    expect(r.rejection?.threshold).toBe(60_000);
    const flagged = symbolView(-0.0001, 0.0002, { extended: { bookFresh: false, bookStaleReason: 'seq gap' } });
    expect(evaluateDirection(flagged, 'lighter', settings(), account, noHistory, NOW).rejection?.reason).toContain('seq gap');
  });

  it('a one-sided book is rejected with its own reason', () => {
    const v = symbolView(-0.0001, 0.0002, { extended: { bids: [] } });
    const r = evaluateDirection(v, 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('one-sided-book');
    expect(r.rejection?.reason).toContain('extended has no bids');
  });

  it('depth: a thin book caps capacity under the notional', () => {
    const thin = [{ price: 3300.2, size: 0.02 }, { price: 3330, size: 1 }];
    const r = evaluateDirection(symbolView(-0.0001, 0.0002, { lighter: { asks: thin } }), 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('depth');
    expect(Number(r.rejection?.observed)).toBeLessThan(350);
  });

  it('max spread: a wide cross-venue spread is rejected', () => {
    // Extended trades 0.5 % below Lighter: buying Lighter and selling Extended costs ~0.5 %.
    const v = { ...symbolView(-0.0001, 0.0002), extended: symbolView(0, 0.0002).extended };
    const cheapExt = { ...v, extended: { ...v.extended, bids: v.extended.bids.map((l) => ({ ...l, price: l.price * 0.995 })) } };
    const r = evaluateDirection(cheapExt, 'lighter', settings(), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('max-spread');
    expect(Number(r.rejection?.observed)).toBeGreaterThan(0.004);
  });

  it('expected value and break-even gates use the hold horizon', () => {
    // 0.0066 %/h ≈ 58 % APY passes min APY; at $350 over 48 h EV ≈ $1.1 − costs.
    const v = symbolView(0, 0.000066);
    const strict = evaluateDirection(v, 'lighter', settings({ minExpectedValueUsd: 5 }), account, noHistory, NOW);
    expect(strict.rejection?.gate).toBe('expected-value');
    expect(strict.rejection?.threshold).toBe(5);
    const shortHold = evaluateDirection(v, 'lighter', settings({ maxBreakevenHours: 1, minExpectedValueUsd: 0 }), account, noHistory, NOW);
    expect(shortHold.rejection?.gate).toBe('breakeven');
  });

  it('EV-to-spread ratio gate', () => {
    const v = symbolView(0, 0.0001);
    const r = evaluateDirection(v, 'lighter', settings({ minEvToSpreadRatio: 100, minExpectedValueUsd: 0 }), account, noHistory, NOW);
    expect(r.rejection?.gate).toBe('ev-to-spread');
  });

  it('cooldown, max open pairs and margin gates', () => {
    const cooled = { ...account, lastCloseMs: new Map([['ETH', NOW - 10 * 60_000]]) };
    expect(evaluateDirection(RICH, 'lighter', settings(), cooled, noHistory, NOW).rejection?.gate).toBe('cooldown');
    const full = { ...account, openPairs: 1, openSymbols: new Set(['BTC']) };
    expect(evaluateDirection(RICH, 'lighter', settings(), full, noHistory, NOW).rejection?.gate).toBe('max-open-pairs');
    const poor = { ...account, availableUsd: { lighter: 20, extended: 10_000 } };
    const m = evaluateDirection(RICH, 'lighter', settings(), poor, noHistory, NOW).rejection!;
    expect(m.gate).toBe('margin');
    expect(m.threshold).toBeCloseTo(350 / 7, 9);
    const unknown = { ...account, availableUsd: { lighter: null, extended: 10_000 } };
    expect(evaluateDirection(RICH, 'lighter', settings(), unknown, noHistory, NOW).rejection?.reason).toContain('unknown');
  });

  it('property: swapping the venues mirrors the direction and the carry', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.002, max: 0.002, noNaN: true }), fc.double({ min: -0.002, max: 0.002, noNaN: true }), (a, b) => {
        const ab = evaluateDirection(symbolView(a, b), 'lighter', settings(), account, noHistory, NOW);
        const ba = evaluateDirection(symbolView(b, a), 'extended', settings(), account, noHistory, NOW);
        expect(ba.longVenue).toBe('extended');
        expect(ba.netHourlyRate).toBeCloseTo(ab.netHourlyRate, 15);
        const best1 = screenSymbol(symbolView(a, b), settings(), account, noHistory, NOW).best;
        const best2 = screenSymbol(symbolView(b, a), settings(), account, noHistory, NOW).best;
        if (Math.abs(a - b) > 1e-9) expect(best2.longVenue).not.toBe(best1.longVenue);
      }),
      { numRuns: 200 },
    );
  });
});
