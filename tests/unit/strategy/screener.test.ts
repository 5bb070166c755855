// Choosing the direction per symbol and ordering the screener: passing first, then by EV.
import { describe, expect, it } from 'vitest';
import type { DirectionReport } from '../../../src-core/strategy/evaluate';
import { isTradfi } from '../../../src-core/strategy/gates';
import { chooseDirection, screenAll, screenSymbol } from '../../../src-core/strategy/screener';
import { account, exactSettings, exactSymbol, EXACT_HOURLY, noHistory, NOW } from './fixtures';

// Two real reports to vary: the exact scenario passes long Lighter; the mirror fails on APY.
// Built inside each test (not at import) so mutation runs can tell which test covers what.
const both = () => screenSymbol(exactSymbol(), exactSettings(), account, noHistory, NOW);
const report = (r: DirectionReport, over: Partial<DirectionReport>): DirectionReport => ({ ...r, ...over });

describe('chooseDirection', () => {
  it('screenSymbol evaluates both directions and keeps the other one too', () => {
    const { best: ok, other: bad } = both();
    expect(ok.longVenue).toBe('lighter');
    expect(ok.passed).toBe(true);
    expect(bad.longVenue).toBe('extended');
    expect(bad.rejection?.gate).toBe('min-apy');
    expect(bad.netHourlyRate).toBe(-EXACT_HOURLY);
  });

  it('a passing direction beats a failing one with a higher EV, in either order', () => {
    const { best: ok, other: bad } = both();
    const richFail = report(bad, { expectedValueUsd: 100 });
    expect(chooseDirection(ok, richFail)).toEqual([ok, richFail]);
    expect(chooseDirection(richFail, ok)).toEqual([ok, richFail]);
  });

  it('both passing: the higher EV wins; a tie keeps the first', () => {
    const { best: ok } = both();
    const a = report(ok, { expectedValueUsd: 5 });
    const b = report(ok, { expectedValueUsd: 6, longVenue: 'extended' });
    expect(chooseDirection(a, b)).toEqual([b, a]);
    expect(chooseDirection(b, a)).toEqual([b, a]);
    const tie = report(ok, { expectedValueUsd: 5, longVenue: 'extended' });
    expect(chooseDirection(a, tie)[0]).toBe(a);
    expect(chooseDirection(tie, a)[0]).toBe(tie);
  });

  it('both failing: the direction the funding favours is the one to explain, even at a lower EV', () => {
    const { other: bad } = both();
    const favoured = report(bad, { netHourlyRate: 0.0003, expectedValueUsd: -5 });
    const other = report(bad, { netHourlyRate: -0.0003, expectedValueUsd: 1 });
    expect(chooseDirection(favoured, other)).toEqual([favoured, other]);
    expect(chooseDirection(other, favoured)).toEqual([favoured, other]);
    const tie = report(bad, { netHourlyRate: 0.0003, longVenue: 'lighter' });
    expect(chooseDirection(favoured, tie)[0]).toBe(favoured);
    expect(chooseDirection(tie, favoured)[0]).toBe(tie);
  });
});

describe('screenAll', () => {
  it('lists passing symbols first, each group by expected value, highest first', () => {
    // ETH passes with EV 7.85; SOL passes with the carry doubled (EV 12 × 2 − costs);
    // BTC is blacklisted (fails); XAU is TradFi (fails).
    const views = [
      exactSymbol({ symbol: 'BTC' }),
      exactSymbol({ symbol: 'ETH' }),
      exactSymbol({ symbol: 'XAU', extended: { predictedHourlyRate: 2 * EXACT_HOURLY } }),
      exactSymbol({ symbol: 'SOL', extended: { predictedHourlyRate: 2 * EXACT_HOURLY } }),
    ];
    const out = screenAll(views, exactSettings({ blacklist: ['BTC'] }), account, noHistory, NOW);
    expect(out.map((r) => [r.symbol, r.best.passed, r.best.expectedValueUsd])).toEqual([
      ['SOL', true, 24 - 4.1484375],
      ['ETH', true, 7.8515625],
      ['XAU', false, 24 - 4.1484375],
      ['BTC', false, 7.8515625],
    ]);
    expect(screenAll([], exactSettings(), account, noHistory, NOW)).toEqual([]);
  });
});

describe('isTradfi', () => {
  it('matches listed substrings and a USD suffix only', () => {
    expect(isTradfi('XAUT')).toBe(true);
    expect(isTradfi('EURUSD')).toBe(true);
    expect(isTradfi('USDC')).toBe(false); // USD inside, not at the end
    expect(isTradfi('ETH')).toBe(false);
  });
});
