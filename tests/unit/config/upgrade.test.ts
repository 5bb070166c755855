// Settings v1 → v2: values the user set move to their new place; nothing falls back to a default.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, defaultSettings, parseSettings } from '../../../src-core/config/schema';
import { SETTINGS_VERSION, upgradeSettings } from '../../../src-core/config/upgrade';
import { notificationDefaults } from '../../../src-core/config/notifications';
import { exitDefaults } from '../../../src-core/config/exits';
import { lifecycleDefaults } from '../../../src-core/config/lifecycle';
import { reconcileDefaults } from '../../../src-core/config/reconcile';
import { v1Defaults } from '../../helpers/settings-v1';

type V1 = ReturnType<typeof v1Defaults>;

function v1(edit: (d: V1) => void): V1 {
  const d = v1Defaults();
  edit(d);
  return d;
}

const upgrade = (doc: unknown) => parseSettings(upgradeSettings(doc).document);

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('settings upgrade v1 → v2', () => {
  it('a version-less document is v1, and v1 defaults become the v2 defaults', () => {
    const r = upgradeSettings(v1Defaults());
    expect(r.fromVersion).toBe(1);
    expect(parseSettings(r.document)).toEqual(defaultSettings);
  });

  it('a notional set in the screener section becomes the trading notional', () => {
    expect(upgrade(v1((d) => (d.screener.notionalUsd = 1_200))).trading.notionalPerPairUsd).toBe(1_200);
  });

  it('a notional set on the Settings screen (trading section) is kept too', () => {
    expect(upgrade(v1((d) => (d.trading.notionalPerPairUsd = 800))).trading.notionalPerPairUsd).toBe(800);
  });

  it('both copies set to different values: the cautious one is kept', () => {
    const s = upgrade(
      v1((d) => {
        d.screener.notionalUsd = 2_000;
        d.trading.notionalPerPairUsd = 900;
        d.screener.maxOpenPairs = 5;
        d.trading.maxOpenPairs = 2;
        d.screener.leverageMultiple = 10;
        d.trading.leverage = 5;
        d.screener.maxSlippageBps = 20;
        d.trading.maxSlippageBps = 45;
      }),
    );
    expect(s.trading).toMatchObject({ notionalPerPairUsd: 900, maxOpenPairs: 2, leverageMultiple: 5, maxSlippageBps: 20 });
  });

  it('an untouched duplicate takes the value that was in effect (the screener copy)', () => {
    // v1 trading said 4 pairs, 3x, 30 bps, but only the screener's 1 pair, 7x, 15 bps was read.
    expect(upgrade(v1Defaults()).trading).toMatchObject({ maxOpenPairs: 1, leverageMultiple: 7, maxSlippageBps: 15 });
  });

  it('moves maker venue, cooldown and free margin, keeps maker timeout and every threshold', () => {
    const s = upgrade(
      v1((d) => {
        d.screener.makerVenue = 'extended';
        d.screener.cooldownMinutes = 15;
        d.screener.minFreeMarginFraction = 0.2;
        d.trading.makerTimeoutMs = 45_000;
        d.screener.minApy = 0.5;
        d.screener.blacklist = ['DOGE', 'PEPE'];
        d.screener.historyDays = 7;
        d.app.heartbeatIntervalMs = 2_000;
        d.venues.lighter.accountTier = 'standard';
      }),
    );
    expect(s.trading).toMatchObject({ makerVenue: 'extended', cooldownMinutes: 15, minFreeMarginFraction: 0.2, makerTimeoutMs: 45_000 });
    expect(s.screener).toMatchObject({ minApy: 0.5, blacklist: ['DOGE', 'PEPE'], historyDays: 7 });
    expect(s.app.heartbeatIntervalMs).toBe(2_000);
    expect(s.venues.lighter.accountTier).toBe('standard');
  });

  it('drops app.mode (never read: the mode picks the file the settings live in)', () => {
    expect(upgrade(v1((d) => (d.app.mode = 'live'))).app).toEqual({ heartbeatIntervalMs: 1_000 });
  });

  it('never modifies its input', () => {
    const doc = deepFreeze(v1((d) => (d.screener.notionalUsd = 999)));
    const before = JSON.stringify(doc);
    upgradeSettings(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('carries keys v1 did not know so validation names them instead of dropping them', () => {
    const doc = v1Defaults() as V1 & { screener: Record<string, unknown> };
    doc.screener['bogus'] = 1;
    expect(() => upgrade(doc)).toThrow(/unknown setting "screener\.bogus"/);
  });

  it('a current document passes through unchanged', () => {
    const stored = { settingsVersion: SETTINGS_VERSION, ...defaultSettings };
    const r = upgradeSettings(stored);
    expect(r.fromVersion).toBe(SETTINGS_VERSION);
    expect(r.document).toEqual(defaultSettings);
  });

  it('refuses a document from a newer app or with a bad version', () => {
    for (const settingsVersion of [SETTINGS_VERSION + 1, 0, 1.5, '2', null]) {
      try {
        upgradeSettings({ settingsVersion, ...defaultSettings });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).issues[0]?.path).toBe('settingsVersion');
      }
    }
    expect(() => upgradeSettings('not an object')).toThrow(ConfigError);
  });

  it('property: every valid v1 document upgrades to a valid v2 document with its values carried', () => {
    const pos = (max: number) => fc.double({ min: 1, max, noNaN: true });
    const arb = fc.record({
      sNotional: pos(10_000_000), tNotional: pos(10_000_000),
      sPairs: fc.integer({ min: 0, max: 100 }), tPairs: fc.integer({ min: 0, max: 100 }),
      sLev: fc.double({ min: 1, max: 50, noNaN: true }), tLev: fc.double({ min: 1, max: 50, noNaN: true }),
      sSlip: fc.double({ min: 0, max: 1_000, noNaN: true }), tSlip: fc.double({ min: 0, max: 500, noNaN: true }),
      maker: fc.constantFrom('lighter', 'extended'), cooldown: fc.double({ min: 0, max: 1_440, noNaN: true }),
      freeMargin: fc.double({ min: 0, max: 1, noNaN: true }), timeout: fc.integer({ min: 1_000, max: 600_000 }),
      minApy: fc.double({ min: 0, max: 100, noNaN: true }), blacklist: fc.array(fc.stringMatching(/^[A-Z0-9]{1,10}$/), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const doc = v1((d) => {
          Object.assign(d.screener, { notionalUsd: a.sNotional, maxOpenPairs: a.sPairs, leverageMultiple: a.sLev, maxSlippageBps: a.sSlip, makerVenue: a.maker, cooldownMinutes: a.cooldown, minFreeMarginFraction: a.freeMargin, minApy: a.minApy, blacklist: a.blacklist });
          Object.assign(d.trading, { notionalPerPairUsd: a.tNotional, maxOpenPairs: a.tPairs, leverage: a.tLev, maxSlippageBps: a.tSlip, makerTimeoutMs: a.timeout });
        });
        const s = upgrade(doc);
        // Each v2 value is one of the two v1 copies: moved, never invented.
        expect([a.sNotional, a.tNotional]).toContain(s.trading.notionalPerPairUsd);
        expect([a.sPairs, a.tPairs]).toContain(s.trading.maxOpenPairs);
        expect([a.sLev, a.tLev]).toContain(s.trading.leverageMultiple);
        expect([a.sSlip, a.tSlip]).toContain(s.trading.maxSlippageBps);
        expect(s.trading).toMatchObject({ makerVenue: a.maker, cooldownMinutes: a.cooldown, minFreeMarginFraction: a.freeMargin, makerTimeoutMs: a.timeout });
        expect(s.screener.minApy).toBe(a.minApy);
        expect(s.screener.blacklist).toEqual(a.blacklist);
        // A value the user changed in the screener copy (the one in effect) is never lost to the other copy's default.
        if (a.sNotional !== 350 && a.tNotional === 350) expect(s.trading.notionalPerPairUsd).toBe(a.sNotional);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('settings upgrade v2 → v3', () => {
  // A v2 document as v2 stored it: the v2 trading keys and no risk section.
  const v2Trading = { notionalPerPairUsd: 900, maxOpenPairs: 2, leverageMultiple: 5, makerVenue: 'extended', makerTimeoutMs: 20_000, maxSlippageBps: 12, cooldownMinutes: 30, minFreeMarginFraction: 0.1 };
  const v2 = () => {
    const { risk: _risk, trading: _trading, ...rest } = defaultSettings;
    return { settingsVersion: 2, ...rest, trading: { ...v2Trading } };
  };

  it('keeps every v2 value and gives the new executor and risk keys their defaults', () => {
    const r = upgradeSettings(v2());
    expect(r.fromVersion).toBe(2);
    const s = parseSettings(r.document);
    expect(s.trading).toEqual({ ...defaultSettings.trading, ...v2Trading });
    expect(s.risk).toEqual(defaultSettings.risk);
    expect(s.screener).toEqual(defaultSettings.screener);
  });

  it('a v1 document goes through both steps to the current defaults', () => {
    expect(upgrade(v1Defaults())).toEqual(defaultSettings);
  });

  it('carries a stray key so validation names it', () => {
    const doc = v2();
    (doc.trading as Record<string, unknown>)['hedgeSlipagge'] = 3;
    expect(() => upgrade(doc)).toThrow(/hedgeSlipagge/);
  });
});

describe('settings upgrade v3 → v4', () => {
  // A v3 document as v3 stored it: every section but exits, with values of the user's own.
  const v3 = () => {
    const { exits: _exits, lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    return { settingsVersion: 3, ...rest, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900, hedgeSlippageCapBps: 25 }, risk: { ...defaultSettings.risk, maxDrawdownFraction: 0.1 }, screener: { ...defaultSettings.screener, minApy: 0.5 } };
  };

  it('keeps every v3 value and gives the exit rules their defaults', () => {
    const r = upgradeSettings(v3());
    expect(r.fromVersion).toBe(3);
    const s = parseSettings(r.document);
    expect(s.exits).toEqual(exitDefaults);
    expect(s.trading).toEqual({ ...defaultSettings.trading, notionalPerPairUsd: 900, hedgeSlippageCapBps: 25 });
    expect(s.risk.maxDrawdownFraction).toBe(0.1);
    expect(s.screener.minApy).toBe(0.5);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(defaultSettings).sort());
  });

  it('a v2 document goes through v3 and v4', () => {
    const { risk: _risk, exits: _exits, lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    const r = upgradeSettings({ settingsVersion: 2, ...rest });
    expect(r.fromVersion).toBe(2);
    expect(parseSettings(r.document)).toEqual(defaultSettings);
  });

  it('an exits key already present is kept, and a stray one is named', () => {
    const doc = { ...v3(), exits: { maxHoldHours: 100 } };
    expect(parseSettings(upgradeSettings(doc).document).exits).toEqual({ ...exitDefaults, maxHoldHours: 100 });
    const stray = { ...v3(), exits: { maxHoldHourz: 100 } };
    expect(() => upgrade(stray)).toThrow(/unknown setting "exits\.maxHoldHourz"/);
  });

  it('never modifies its input', () => {
    const doc = deepFreeze(v3());
    const before = JSON.stringify(doc);
    upgradeSettings(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

});

describe('settings upgrade v4 → v5', () => {
  // A v4 document as v4 stored it: exits without the rebalance's USD floor, values of the user's own.
  const v4 = () => {
    const { rebalanceMinDeltaUsd: _floor, ...exits } = exitDefaults;
    const { lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    return { settingsVersion: 4, ...rest, exits: { ...exits, rebalanceMinDeltaFraction: 0.02, minHoldHours: 1 }, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900 } };
  };

  it('keeps every v4 value and gives the rebalance floor its default', () => {
    const r = upgradeSettings(v4());
    expect(r.fromVersion).toBe(4);
    const s = parseSettings(r.document);
    expect(s.exits).toEqual({ ...exitDefaults, rebalanceMinDeltaFraction: 0.02, minHoldHours: 1 });
    expect(s.exits.rebalanceMinDeltaUsd).toBe(2);
    expect(s.trading.notionalPerPairUsd).toBe(900);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(defaultSettings).sort());
  });

  it('a floor already present is kept; a v3 document goes through v4 and v5 to the defaults', () => {
    const doc = { ...v4(), exits: { ...v4().exits, rebalanceMinDeltaUsd: 25 } };
    expect(parseSettings(upgradeSettings(doc).document).exits.rebalanceMinDeltaUsd).toBe(25);
    const { exits: _exits, lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    expect(parseSettings(upgradeSettings({ ...rest, settingsVersion: 3 }).document)).toEqual(defaultSettings);
  });

  it('never modifies its input', () => {
    const doc = deepFreeze(v4());
    const before = JSON.stringify(doc);
    upgradeSettings(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('a v5 document keeps its values through v6', () => {
    const r = upgradeSettings({ settingsVersion: 5, ...defaultSettings, exits: { ...exitDefaults, rebalanceMinDeltaUsd: 7 } });
    expect(r.fromVersion).toBe(5);
    expect((r.document['exits'] as Record<string, unknown>)['rebalanceMinDeltaUsd']).toBe(7);
  });
});

describe('settings upgrade v4 → v5: the screener\'s spike protection (the same step)', () => {
  // A v4 document as v4 stored it: the screener without the spike-protection keys, values of the user's own.
  const V5_KEYS = ['minSpreadOpenHours', 'maxSpreadZSigma', 'spreadWindowHours', 'evSpikeHalfLifeHours'] as const;
  const v4 = () => {
    const screener: Record<string, unknown> = { ...defaultSettings.screener, minApy: 0.6, holdHours: 72, blacklist: ['DOGE'] };
    for (const k of V5_KEYS) delete screener[k];
    const { rebalanceMinDeltaUsd: _floor, ...exits } = exitDefaults;
    const { lifecycle: _lifecycle, ...rest } = defaultSettings;
    return { settingsVersion: 4, ...rest, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900 }, exits: { ...exits, maxHoldHours: 100 }, screener };
  };

  it('keeps every v4 value and gives the spike gates and the EV blend their defaults', () => {
    const r = upgradeSettings(v4());
    expect(r.fromVersion).toBe(4);
    const s = parseSettings(r.document);
    expect(s.screener).toEqual({ ...defaultSettings.screener, minApy: 0.6, holdHours: 72, blacklist: ['DOGE'] });
    expect(s.screener).toMatchObject({ minSpreadOpenHours: 3, maxSpreadZSigma: 5, spreadWindowHours: 24, evSpikeHalfLifeHours: 2 });
    expect(s.trading.notionalPerPairUsd).toBe(900);
    // The same step gave the rebalance floor and the lifecycle section their defaults.
    expect(s.exits).toEqual({ ...exitDefaults, maxHoldHours: 100 });
    expect(s.lifecycle).toEqual(lifecycleDefaults);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(defaultSettings).sort());
  });

  it('a v1 document goes through every step to the current defaults', () => {
    expect(upgrade(v1Defaults())).toEqual(defaultSettings);
  });

  it('a spike key already present is kept (null included), and a stray one is named', () => {
    const doc = v4();
    doc.screener['maxSpreadZSigma'] = null;
    doc.screener['minSpreadOpenHours'] = 6;
    expect(parseSettings(upgradeSettings(doc).document).screener).toMatchObject({ maxSpreadZSigma: null, minSpreadOpenHours: 6, evSpikeHalfLifeHours: 2 });
    const stray = v4();
    stray.screener['minSpreadOpenHourz'] = 6;
    expect(() => upgrade(stray)).toThrow(/unknown setting "screener\.minSpreadOpenHourz"/);
  });

  it('never modifies its input', () => {
    const doc = deepFreeze(v4());
    const before = JSON.stringify(doc);
    upgradeSettings(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('a v5 document keeps its spike settings as stored', () => {
    const r = upgradeSettings({ settingsVersion: 5, ...defaultSettings, screener: { ...defaultSettings.screener, minSpreadOpenHours: 0 } });
    expect(r.fromVersion).toBe(5);
    expect((r.document['screener'] as Record<string, unknown>)['minSpreadOpenHours']).toBe(0);
  });
});

describe('settings upgrade v4 → v5: lifecycle', () => {
  // A v4 document as v4 stored it: no lifecycle section, values of the user's own.
  const v4 = () => {
    const { lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    return { settingsVersion: 4, ...rest, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900 }, exits: { ...defaultSettings.exits, maxHoldHours: 100 } };
  };

  it('keeps every v4 value and gives the close settings their defaults', () => {
    const r = upgradeSettings(v4());
    const s = parseSettings(r.document);
    expect(s.lifecycle).toEqual(lifecycleDefaults);
    expect(s.trading.notionalPerPairUsd).toBe(900);
    expect(s.exits.maxHoldHours).toBe(100);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(defaultSettings).sort());
  });

  it('a lifecycle key already present is kept, and a stray one is named', () => {
    const doc = { ...v4(), lifecycle: { closeMakerTimeoutMs: 0 } };
    expect(parseSettings(upgradeSettings(doc).document).lifecycle).toEqual({ ...lifecycleDefaults, closeMakerTimeoutMs: 0 });
    const stray = { ...v4(), lifecycle: { closeMakerTimeoutMz: 0 } };
    expect(() => upgrade(stray)).toThrow(/unknown setting "lifecycle\.closeMakerTimeoutMz"/);
  });

  it('a v5 document keeps its lifecycle values', () => {
    const r = upgradeSettings({ settingsVersion: 5, ...defaultSettings, lifecycle: { ...lifecycleDefaults, closeRetryMaxCount: 1 } });
    expect((r.document['lifecycle'] as Record<string, unknown>)['closeRetryMaxCount']).toBe(1);
  });

  it('a close ladder whose cap is below its start is refused by name', () => {
    expect(() => parseSettings({ ...defaultSettings, lifecycle: { ...lifecycleDefaults, closeSlippageStartBps: 300 } })).toThrow(/lifecycle\.closeSlippageCapBps/);
    expect(() => parseSettings({ ...defaultSettings, lifecycle: { ...lifecycleDefaults, emergencySlippageStartBps: 300 } })).toThrow(/lifecycle\.closeSlippageCapBps/);
  });
});

describe('settings upgrade v4 → v5: reconcile', () => {
  // A v4 document as v4 stored it: no reconcile section, values of the user's own.
  const v4 = () => {
    const { lifecycle: _lifecycle, reconcile: _reconcile, ...rest } = defaultSettings;
    return { settingsVersion: 4, ...rest, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900 } };
  };

  it('keeps every v4 value and gives reconciliation its defaults (every 5 min, nothing destructive automatic)', () => {
    const s = parseSettings(upgradeSettings(v4()).document);
    expect(s.reconcile).toEqual(reconcileDefaults);
    expect(s.reconcile.periodicIntervalMs).toBe(300_000);
    expect(s.reconcile.autoCloseNakedLegs).toBe(false);
    expect(s.trading.notionalPerPairUsd).toBe(900);
  });

  it('a reconcile key already present is kept, and a stray one is named', () => {
    const doc = { ...v4(), reconcile: { periodicIntervalMs: 60_000 } };
    expect(parseSettings(upgradeSettings(doc).document).reconcile).toEqual({ ...reconcileDefaults, periodicIntervalMs: 60_000 });
    expect(() => upgrade({ ...v4(), reconcile: { periodicIntervalMz: 60_000 } })).toThrow(/unknown setting "reconcile\.periodicIntervalMz"/);
  });

  it('a v5 document keeps its reconcile values', () => {
    const r = upgradeSettings({ settingsVersion: 5, ...defaultSettings, reconcile: { ...reconcileDefaults, retryIntervalMs: 2_000 } });
    expect((r.document['reconcile'] as Record<string, unknown>)['retryIntervalMs']).toBe(2_000);
  });
});

describe('v4 exit cross-field checks', () => {
  const issuePaths = (exits: Record<string, unknown>): string[] => {
    try {
      parseSettings({ ...defaultSettings, exits: { ...defaultSettings.exits, ...exits } });
      return [];
    } catch (e) {
      return (e as ConfigError).issues.map((x) => x.path);
    }
  };

  it('refuses each contradiction, naming the key to fix, and accepts the boundary', () => {
    expect(issuePaths({ flipEnterApy: -0.05, flipReleaseApy: -0.06 })).toEqual(['exits.flipReleaseApy']);
    expect(issuePaths({ flipEnterApy: -0.05, flipReleaseApy: -0.05 })).toEqual([]);
    expect(issuePaths({ catastrophicFlipApy: -0.04 })).toEqual(['exits.catastrophicFlipApy']);
    expect(issuePaths({ catastrophicFlipApy: -0.05 })).toEqual([]);
    expect(issuePaths({ maxHoldHours: 47 })).toEqual(['exits.maxHoldHours']);
    expect(issuePaths({ maxHoldHours: 48 })).toEqual([]);
    expect(issuePaths({ rebalanceMinDeltaFraction: 0.031 })).toEqual(['exits.rebalanceMinDeltaFraction']);
    expect(issuePaths({ rebalanceMinDeltaFraction: 0.03 })).toEqual([]);
    expect(issuePaths({ zScoreMinSampleCount: 169 })).toEqual(['exits.zScoreMinSampleCount']);
    expect(issuePaths({ zScoreMinSampleCount: 168 })).toEqual([]);
  });
});

describe('v5 cross-field checks', () => {
  it('refuses an open-hours minimum longer than the history the backfill keeps, naming it', () => {
    try {
      parseSettings({ ...defaultSettings, screener: { ...defaultSettings.screener, historyDays: 2, minSpreadOpenHours: 49 } });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).issues).toEqual([{ path: 'screener.minSpreadOpenHours', message: 'must not exceed the 48 h of history screener.historyDays keeps' }]);
    }
    expect(parseSettings({ ...defaultSettings, screener: { ...defaultSettings.screener, historyDays: 2, minSpreadOpenHours: 48 } }).screener.minSpreadOpenHours).toBe(48);
  });
});

describe('v3 cross-field checks', () => {
  it('refuses a hedge ladder that starts above its cap, naming the cap', () => {
    try {
      parseSettings({ ...defaultSettings, trading: { ...defaultSettings.trading, hedgeSlippageStartBps: 40, hedgeSlippageCapBps: 30 } });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).issues.map((x) => x.path)).toEqual(['trading.hedgeSlippageCapBps']);
    }
    expect(parseSettings({ ...defaultSettings, trading: { ...defaultSettings.trading, hedgeSlippageStartBps: 30 } }).trading.hedgeSlippageStartBps).toBe(30);
  });
});

describe('settings upgrade v5 → v6: the notification switches', () => {
  const v5 = () => {
    const { notifications: _notifications, ...rest } = defaultSettings;
    return { settingsVersion: 5, ...rest, trading: { ...defaultSettings.trading, notionalPerPairUsd: 900 } };
  };

  it('keeps every v5 value and turns every notice kind on', () => {
    const r = upgradeSettings(v5());
    expect(r.fromVersion).toBe(5);
    const s = parseSettings(r.document);
    expect(s.notifications).toEqual(notificationDefaults);
    expect(Object.values(s.notifications).every((on) => on)).toBe(true);
    expect(s.trading.notionalPerPairUsd).toBe(900);
    expect(Object.keys(r.document).sort()).toEqual(Object.keys(defaultSettings).sort());
  });

  it('a switch already present is kept, a stray one is named', () => {
    expect(parseSettings(upgradeSettings({ ...v5(), notifications: { fill: false } }).document).notifications).toEqual({ ...notificationDefaults, fill: false });
    expect(() => upgrade({ ...v5(), notifications: { fills: false } })).toThrow(/unknown setting "notifications\.fills"/);
  });

  it('never modifies its input', () => {
    const doc = deepFreeze(v5());
    const before = JSON.stringify(doc);
    upgradeSettings(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('the current version is 6: a v6 document is not upgraded again', () => {
    expect(SETTINGS_VERSION).toBe(6);
    const r = upgradeSettings({ settingsVersion: 6, ...defaultSettings, notifications: { ...notificationDefaults, rollback: false } });
    expect(r.fromVersion).toBe(6);
    expect((r.document['notifications'] as Record<string, unknown>)['rollback']).toBe(false);
  });
});
