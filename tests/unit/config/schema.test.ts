import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSettings, mergeSettings, parseSettings, settingsPatchSchema, settingsSchema, type Settings } from '../../../src-core/config/schema';
import { screenerParams } from '../../../src-core/config/screener-params';

function collectKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [];
  return Object.entries(obj).flatMap(([k, v]) => {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? collectKeys(v, path) : [path];
  });
}

const numericPaths = collectKeys(defaultSettings).filter((path) => typeof path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], defaultSettings) === 'number');

/** A patch that sets one dotted path. */
function patchAt(path: string, value: unknown): Record<string, unknown> {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, k) => ({ [k]: inner }), value) as Record<string, unknown>;
}

/** Runs `fn`, expects a ConfigError, returns its issues. */
function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).issues];
  }
  throw new Error('expected a ConfigError');
}

const snapshot = (s: Settings) => JSON.stringify(s);

describe('settings schema', () => {
  it('accepts its own defaults', () => {
    expect(parseSettings(defaultSettings)).toEqual(defaultSettings);
  });

  it('rejects an unknown key and names it', () => {
    expect(() => mergeSettings(defaultSettings, { trading: { notional: 100 } })).toThrow(/unknown setting "trading\.notional"/);
    expect(() => parseSettings({ ...defaultSettings, colour: 'red' })).toThrow(/unknown setting "colour"/);
  });

  it('rejects out-of-range values with the path', () => {
    expect(issuesOf(() => mergeSettings(defaultSettings, { trading: { maxSlippageBps: -5 } }))[0]?.path).toBe('trading.maxSlippageBps');
  });

  it('merges a partial patch without touching other values', () => {
    const next = mergeSettings(defaultSettings, { trading: { maxOpenPairs: 7 } });
    expect(next.trading.maxOpenPairs).toBe(7);
    expect(next.trading.notionalPerPairUsd).toBe(defaultSettings.trading.notionalPerPairUsd);
  });

  it('carries a unit in every numeric setting name', () => {
    const unit = /(Usd|Ms|Bps|Apy|Pct|Hours|Minutes|Seconds|Pairs|Count|Ratio|Rate|leverage|Leverage|Days|Levels|Fraction|Multiple|Steps|PerHour|Sigma)$/;
    expect(numericPaths.length).toBeGreaterThan(3);
    expect(numericPaths.filter((p) => !unit.test(p.split('.').pop()!))).toEqual([]);
  });

  it('never accepts a venue URL that is not http(s) or ws(s)', () => {
    const r = settingsSchema.safeParse({ ...defaultSettings, venues: { ...defaultSettings.venues, extended: { restUrl: 'ftp://x', wsUrl: null } } });
    expect(r.success).toBe(false);
  });
});

describe('one place for every trading parameter', () => {
  it('no key lives in both the trading and the screener section', () => {
    const trading = Object.keys(defaultSettings.trading);
    expect(Object.keys(defaultSettings.screener).filter((k) => trading.includes(k))).toEqual([]);
  });

  it('screenerParams reads sizing, leverage, maker venue, slippage, cooldown and margin from trading', () => {
    const s = mergeSettings(defaultSettings, {
      trading: { notionalPerPairUsd: 5_000, maxOpenPairs: 3, leverageMultiple: 4, makerVenue: 'extended', maxSlippageBps: 40, cooldownMinutes: 15, minFreeMarginFraction: 0.2 },
      screener: { minApy: 0.5 },
    });
    const p = screenerParams(s);
    expect(p).toMatchObject({ notionalUsd: 5_000, maxOpenPairs: 3, leverageMultiple: 4, makerVenue: 'extended', maxSlippageBps: 40, cooldownMinutes: 15, minFreeMarginFraction: 0.2, minApy: 0.5 });
    // Everything the strategy reads comes from exactly one section.
    const fromTrading = ['notionalUsd', 'maxOpenPairs', 'leverageMultiple', 'makerVenue', 'maxSlippageBps', 'cooldownMinutes', 'minFreeMarginFraction'];
    expect(Object.keys(p).sort()).toEqual([...Object.keys(s.screener), ...fromTrading].sort());
  });

  it('holds no mode: the mode comes from createCore / the CLI', () => {
    expect('mode' in defaultSettings.app).toBe(false);
    expect(issuesOf(() => mergeSettings(defaultSettings, { app: { mode: 'live' } }))[0]?.message).toContain('unknown setting "app.mode"');
    expect(settingsPatchSchema.safeParse({ app: { mode: 'live' } }).success).toBe(false);
  });
});

describe('cross-field checks', () => {
  it('refuses a spread cap below the base spread, naming the cap', () => {
    const issues = issuesOf(() => mergeSettings(defaultSettings, { screener: { maxSpreadCapFraction: 0.001 } }));
    expect(issues).toEqual([{ path: 'screener.maxSpreadCapFraction', message: expect.stringContaining('maxSpreadFraction') }]);
    // Raising the base above the cap is the same mistake from the other side.
    expect(issuesOf(() => mergeSettings(defaultSettings, { screener: { maxSpreadFraction: 0.004 } }))[0]?.path).toBe('screener.maxSpreadCapFraction');
    expect(mergeSettings(defaultSettings, { screener: { maxSpreadCapFraction: 0.0016 } }).screener.maxSpreadCapFraction).toBe(0.0016);
  });

  it('refuses a break-even limit past the hold horizon', () => {
    expect(issuesOf(() => mergeSettings(defaultSettings, { screener: { maxBreakevenHours: 72 } }))[0]?.path).toBe('screener.maxBreakevenHours');
    expect(issuesOf(() => mergeSettings(defaultSettings, { screener: { holdHours: 12 } }))[0]?.path).toBe('screener.maxBreakevenHours');
  });

  it('refuses one simulated and one real endpoint on a venue', () => {
    const issues = issuesOf(() => mergeSettings(defaultSettings, { venues: { lighter: { restUrl: 'https://example.invalid' } } }));
    expect(issues[0]?.path).toBe('venues.lighter.wsUrl');
    const both = mergeSettings(defaultSettings, { venues: { lighter: { restUrl: 'https://example.invalid', wsUrl: 'wss://example.invalid/stream' } } });
    expect(both.venues.lighter.wsUrl).toBe('wss://example.invalid/stream');
  });
});

describe('upper bounds', () => {
  it('every numeric setting refuses an absurd value, naming the key', () => {
    for (const path of numericPaths) {
      const issues = issuesOf(() => mergeSettings(defaultSettings, patchAt(path, 1e15)));
      expect(issues.map((i) => i.path)).toContain(path);
    }
  });

  it('money and size values have finite upper bounds in the schema', () => {
    const money = numericPaths.filter((p) => /Usd$/.test(p));
    expect(money.sort()).toEqual(['exits.atrMinActivationUsd', 'exits.basisConvergenceMinProfitUsd', 'exits.earlyTakeProfitMinSlippageUsd', 'exits.earlyTakeProfitNetUsd', 'exits.profitTargetUsd', 'exits.rebalanceMinDeltaUsd', 'reconcile.sizeMismatchToleranceUsd', 'risk.minFreeMarginUsd', 'screener.minExpectedValueUsd', 'screener.minL1NotionalUsd', 'trading.maxNotionalPerSymbolUsd', 'trading.maxNotionalPerVenueUsd', 'trading.notionalPerPairUsd']);
    for (const p of money) expect(() => mergeSettings(defaultSettings, patchAt(p, 1e9))).toThrow(ConfigError);
  });
});

describe('prototype keys are refused like any other unknown key', () => {
  const hostile = ['__proto__', 'constructor', 'prototype'];

  it('parseSettings refuses them at the top and inside a section', () => {
    for (const key of hostile) {
      const top = JSON.parse(JSON.stringify(defaultSettings).replace(/^\{/, `{"${key}":{"x":1},`)) as unknown;
      expect(issuesOf(() => parseSettings(top)).map((i) => i.message)).toContain(`unknown setting "${key}"`);
      const nested = JSON.parse(JSON.stringify(defaultSettings).replace('"screener":{', `"screener":{"${key}":{"minApy":0},`)) as unknown;
      expect(issuesOf(() => parseSettings(nested)).map((i) => i.message)).toContain(`unknown setting "screener.${key}"`);
    }
  });

  it('mergeSettings refuses them and the current settings stay as they were', () => {
    const before = snapshot(defaultSettings);
    for (const key of hostile) {
      for (const json of [`{"${key}":{"polluted":true}}`, `{"screener":{"${key}":{"minApy":0}}}`, `{"trading":{"${key}":{"notionalPerPairUsd":1}}}`]) {
        const issues = issuesOf(() => mergeSettings(defaultSettings, JSON.parse(json)));
        expect(issues.map((i) => i.message).join(' ')).toContain(`"`);
        expect(issues.some((i) => i.message.includes(key))).toBe(true);
      }
    }
    expect(snapshot(defaultSettings)).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('the settings.update payload schema refuses them', () => {
    for (const key of hostile) {
      for (const json of [`{"${key}":{}}`, `{"screener":{"${key}":{"minApy":0}}}`, `{"venues":{"lighter":{"${key}":1}}}`]) {
        expect(settingsPatchSchema.safeParse(JSON.parse(json)).success, json).toBe(false);
      }
    }
  });
});

describe('free text', () => {
  const unsafe = ['ETH\u202e', '\u202aBTC', 'SO\u202dL', '\u2066DOGE\u2069', 'X\u2067Y', 'A\u2068B', 'NUL\u0000', 'BEL\u0007', 'ESC\u001b[31m', 'DEL\u007f', 'NEL\u0085', 'CSI\u009b', 'LRM\u200e'];

  it('blacklist entries with control or bidi characters are refused, naming the entry', () => {
    for (const s of unsafe) {
      const issues = issuesOf(() => mergeSettings(defaultSettings, { screener: { blacklist: ['BTC', s] } }));
      expect(issues[0]?.path, JSON.stringify(s)).toBe('screener.blacklist.1');
    }
    expect(mergeSettings(defaultSettings, { screener: { blacklist: ['BTC', '1000PEPE', 'kBONK'] } }).screener.blacklist).toEqual(['BTC', '1000PEPE', 'kBONK']);
  });
});
