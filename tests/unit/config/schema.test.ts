import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSettings, mergeSettings, parseSettings, settingsSchema } from '../../../src-core/config/schema';

function collectKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [];
  return Object.entries(obj).flatMap(([k, v]) => {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? collectKeys(v, path) : [path];
  });
}

describe('settings schema', () => {
  it('accepts its own defaults', () => {
    expect(parseSettings(defaultSettings)).toEqual(defaultSettings);
  });

  it('rejects an unknown key and names it', () => {
    expect(() => mergeSettings(defaultSettings, { trading: { notional: 100 } })).toThrow(/unknown setting "trading\.notional"/);
    expect(() => parseSettings({ ...defaultSettings, colour: 'red' })).toThrow(/unknown setting "colour"/);
  });

  it('rejects out-of-range values with the path', () => {
    try {
      mergeSettings(defaultSettings, { trading: { maxSlippageBps: -5 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).issues[0]?.path).toBe('trading.maxSlippageBps');
    }
  });

  it('merges a partial patch without touching other values', () => {
    const next = mergeSettings(defaultSettings, { trading: { maxOpenPairs: 7 } });
    expect(next.trading.maxOpenPairs).toBe(7);
    expect(next.trading.notionalPerPairUsd).toBe(defaultSettings.trading.notionalPerPairUsd);
  });

  it('carries a unit in every numeric setting name', () => {
    const unit = /(Usd|Ms|Bps|Apy|Pct|Hours|Minutes|Seconds|Pairs|Count|Ratio|Rate|leverage|Leverage|Days|Levels|Fraction|Multiple)$/;
    const numeric = collectKeys(defaultSettings).filter((path) => {
      const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], defaultSettings);
      return typeof v === 'number';
    });
    expect(numeric.length).toBeGreaterThan(3);
    const missing = numeric.filter((p) => !unit.test(p.split('.').pop()!));
    expect(missing).toEqual([]);
  });

  it('never accepts a venue URL that is not http(s) or ws(s)', () => {
    const r = settingsSchema.safeParse({ ...defaultSettings, venues: { ...defaultSettings.venues, extended: { restUrl: 'ftp://x', wsUrl: null } } });
    expect(r.success).toBe(false);
  });
});
