// The trading screens' number formats: a unit on every figure, no "−$0.00" (a loss that is not
// there), and break-even past the hold (or none) as "never", past 999 h as ">999 h".
import { describe, expect, it } from 'vitest';
import { apyPct, breakeven, countdown, hourlyPct, usd } from '../../../renderer/src/format/numbers';

describe('usd', () => {
  it('drops the sign of an amount that rounds to zero', () => {
    expect(usd(-0.001)).toBe('$0.00');
    expect(usd(-0.004)).toBe('$0.00');
    expect(usd(-0)).toBe('$0.00');
    expect(usd(-0.005, 2)).toBe('−$0.01');
    expect(usd(-1234.5)).toBe('−$1,234.50');
    expect(usd(0.001, 4)).toBe('$0.0010');
    expect(usd(-0.00004, 4)).toBe('$0.0000');
  });
});

describe('signed rates', () => {
  it('never shows a signed zero', () => {
    expect(hourlyPct(-0.0000000001)).toBe('0.0000');
    expect(hourlyPct(0.0000000001)).toBe('0.0000');
    expect(hourlyPct(-0.000125)).toBe('−0.0125');
    expect(hourlyPct(0.000125)).toBe('+0.0125');
    expect(apyPct(-0.0001)).toBe('0.0');
    expect(apyPct(-0.5)).toBe('−50.0');
    expect(apyPct(12.345)).toBe('+1235');
  });
});

describe('breakeven', () => {
  it('reads "never" without a break-even or past the hold, with the figure in the title', () => {
    expect(breakeven(null, 72).text).toBe('never');
    expect(breakeven(Number.POSITIVE_INFINITY, 72).text).toBe('never');
    expect(breakeven(-3, 72).text).toBe('never');
    const past = breakeven(80, 72);
    expect(past.text).toBe('never');
    expect(past.title).toContain('80.0 h');
    expect(past.title).toContain('72.0 h hold');
  });

  it('shows hours with the unit inside the hold, and ">999 h" without a known hold', () => {
    expect(breakeven(12.34, 72).text).toBe('12.3 h');
    expect(breakeven(72, 72).text).toBe('72.0 h');
    expect(breakeven(150, null).text).toBe('150 h');
    expect(breakeven(1_000, null).text).toBe('>999 h');
    expect(breakeven(999, null).text).toBe('999 h');
  });
});

describe('countdown', () => {
  it('carries units, never a bare mm:ss that reads as a clock time', () => {
    expect(countdown(1_000 + 20 * 60_000 + 4_000, 1_000)).toBe('20m 04s');
    expect(countdown(65 * 60_000, 0)).toBe('1h 05m');
    expect(countdown(1_000, 1_000)).toBe('now');
    expect(countdown(0, 5_000)).toBe('now');
    expect(countdown(null, 0)).toBe('—');
  });
});
