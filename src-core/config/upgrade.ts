// Versioned settings documents. A stored document carries `settingsVersion`; one without it is
// v1 (everything written before versions existed). Upgrades are pure functions, one per step,
// applied in order on load; values move to their new place, never fall back to defaults.
import { ConfigError } from './schema';
import { exitDefaults } from './exits';
import { lifecycleDefaults } from './lifecycle';
import { reconcileDefaults } from './reconcile';
import { notificationDefaults } from './notifications';
import { riskDefaults } from './risk';
import { screenerDefaults, type ScreenerSettings } from './screener';
import { tradingDefaults, type TradingSettings } from './trading';

/** The trading keys v3 added (the entry executor's). */
const V3_TRADING_KEYS: readonly (keyof TradingSettings)[] = [
  'autoEntry', 'maxNotionalPerVenueUsd', 'maxNotionalPerSymbolUsd', 'makerMaxRepriceCount', 'makerBudgetExhausted',
  'hedgeSlippageStartBps', 'hedgeSlippageStepBps', 'hedgeSlippageCapBps', 'hedgeMaxAttemptCount', 'hedgeAttemptTimeoutMs',
  'rollbackSlippageBps', 'entryDeadlineMs', 'deadManCountdownMs', 'inFlightCheckIntervalMs', 'inFlightThresholdMs', 'inFlightMaxRetryCount',
];

export const SETTINGS_VERSION = 6;

type Doc = Record<string, unknown>;

function isObject(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function section(doc: Doc, key: string): Doc {
  const v = doc[key];
  return isObject(v) ? v : {};
}

/** A copy holding only the keys not listed, with own-property definition (no __proto__ setter). */
function without(obj: Doc, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!keys.includes(k)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

// v1 shipped these defaults; a v1 value that differs from its default was set by the user.
const V1_SCREENER_DEFAULTS = { notionalUsd: 350, maxOpenPairs: 1, leverageMultiple: 7, maxSlippageBps: 15 } as const;
const V1_TRADING_DEFAULTS = { notionalPerPairUsd: 350, maxOpenPairs: 4, leverage: 3, maxSlippageBps: 30 } as const;

/** v1 held four trading parameters twice. The screener's copy was the one in effect (nothing
 *  read `trading` but the Settings screen), so it wins unless only the trading copy was changed
 *  from its default (the Settings screen edited that one). When the user changed both to
 *  different values, the intent is unknowable and the smaller (less notional, fewer pairs, less
 *  leverage, tighter slippage) is kept: with real money the cautious reading is the safe one. */
function pickDuplicate(screenerValue: unknown, screenerDefault: number, tradingValue: unknown, tradingDefault: number): unknown {
  const screenerSet = screenerValue !== undefined && screenerValue !== screenerDefault;
  const tradingSet = tradingValue !== undefined && tradingValue !== tradingDefault;
  if (screenerSet && tradingSet) return typeof screenerValue === 'number' && typeof tradingValue === 'number' ? Math.min(screenerValue, tradingValue) : screenerValue;
  if (tradingSet && !screenerSet) return tradingValue;
  return screenerValue ?? tradingValue;
}

const MOVED_FROM_V1_SCREENER = ['notionalUsd', 'maxOpenPairs', 'leverageMultiple', 'makerVenue', 'maxSlippageBps', 'cooldownMinutes', 'minFreeMarginFraction'] as const;
const MOVED_FROM_V1_TRADING = ['notionalPerPairUsd', 'maxOpenPairs', 'leverage', 'makerTimeoutMs', 'maxSlippageBps'] as const;

/** v1 → v2: one `trading` section holds every trading parameter, `screener` keeps the gate
 *  thresholds, and `app.mode` goes (the mode is chosen at start and picks the database file;
 *  the stored copy was never read). Keys v1 did not know are carried along so validation names them. */
export function upgradeV1toV2(v1: Doc): Doc {
  const app = section(v1, 'app');
  const trading = section(v1, 'trading');
  const screener = section(v1, 'screener');
  const moved: Doc = {
    notionalPerPairUsd: pickDuplicate(screener['notionalUsd'], V1_SCREENER_DEFAULTS.notionalUsd, trading['notionalPerPairUsd'], V1_TRADING_DEFAULTS.notionalPerPairUsd),
    maxOpenPairs: pickDuplicate(screener['maxOpenPairs'], V1_SCREENER_DEFAULTS.maxOpenPairs, trading['maxOpenPairs'], V1_TRADING_DEFAULTS.maxOpenPairs),
    leverageMultiple: pickDuplicate(screener['leverageMultiple'], V1_SCREENER_DEFAULTS.leverageMultiple, trading['leverage'], V1_TRADING_DEFAULTS.leverage),
    makerVenue: screener['makerVenue'],
    makerTimeoutMs: trading['makerTimeoutMs'],
    maxSlippageBps: pickDuplicate(screener['maxSlippageBps'], V1_SCREENER_DEFAULTS.maxSlippageBps, trading['maxSlippageBps'], V1_TRADING_DEFAULTS.maxSlippageBps),
    cooldownMinutes: screener['cooldownMinutes'],
    minFreeMarginFraction: screener['minFreeMarginFraction'],
  };
  const out = without(v1, ['app', 'trading', 'screener']);
  out['app'] = without(app, ['mode']);
  out['trading'] = { ...without(trading, MOVED_FROM_V1_TRADING), ...Object.fromEntries(Object.entries(moved).filter(([, v]) => v !== undefined)) };
  out['screener'] = without(screener, MOVED_FROM_V1_SCREENER);
  return out;
}

/** v2 → v3: the entry executor's parameters join `trading` and the breakers get a `risk`
 *  section. None existed before, so each new key takes its default; a key the document already
 *  has (none should) is kept so validation sees it. */
export function upgradeV2toV3(v2: Doc): Doc {
  const out = without(v2, ['trading', 'risk']);
  out['trading'] = { ...V3_NEW_TRADING, ...section(v2, 'trading') };
  out['risk'] = { ...riskDefaults, ...section(v2, 'risk') };
  return out;
}

const V3_NEW_TRADING: Doc = Object.fromEntries(V3_TRADING_KEYS.map((k) => [k, tradingDefaults[k]]));

/** v3 → v4: the exit rules get an `exits` section. Nothing read exit thresholds before (no exit
 *  rule existed), so every key takes its default; a key the document already has is kept so
 *  validation sees it. */
export function upgradeV3toV4(v3: Doc): Doc {
  const out = without(v3, ['exits']);
  out['exits'] = { ...exitDefaults, ...section(v3, 'exits') };
  return out;
}

/** The screener keys v5 added (spike protection at entry, issue 12). */
const V5_SCREENER_KEYS: readonly (keyof ScreenerSettings)[] = ['minSpreadOpenHours', 'maxSpreadZSigma', 'spreadWindowHours', 'evSpikeHalfLifeHours'];

/** v4 → v5, one step for what v5 added: the rebalance's USD floor joins `exits`, closing a pair
 *  gets a `lifecycle` section, reconciliation a `reconcile` section, and the screener its spike
 *  gates and EV blend. Nothing traded a rebalance, closed a pair, reconciled or read those
 *  screener keys before, so each new key takes its default; every other key, the user's own
 *  included, is kept as stored (a new key the document already has is kept so validation sees it). */
export function upgradeV4toV5(v4: Doc): Doc {
  const out = without(v4, ['exits', 'lifecycle', 'reconcile', 'screener']);
  out['exits'] = { rebalanceMinDeltaUsd: exitDefaults.rebalanceMinDeltaUsd, ...section(v4, 'exits') };
  out['lifecycle'] = { ...lifecycleDefaults, ...section(v4, 'lifecycle') };
  out['reconcile'] = { ...reconcileDefaults, ...section(v4, 'reconcile') };
  out['screener'] = { ...Object.fromEntries(V5_SCREENER_KEYS.map((k) => [k, screenerDefaults[k]])), ...section(v4, 'screener') };
  return out;
}

/** v5 → v6: the trader's notification switches get a `notifications` section (every kind on, as
 *  v5 notified of fills always). */
export function upgradeV5toV6(v5: Doc): Doc {
  const out = without(v5, ['notifications']);
  out['notifications'] = { ...notificationDefaults, ...section(v5, 'notifications') };
  return out;
}

const STEPS: Readonly<Record<number, (doc: Doc) => Doc>> = { 1: upgradeV1toV2, 2: upgradeV2toV3, 3: upgradeV3toV4, 4: upgradeV4toV5, 5: upgradeV5toV6 };

export interface UpgradedSettings {
  /** The version the stored document had. */
  readonly fromVersion: number;
  /** The document in the current shape, without `settingsVersion`; not yet validated. */
  readonly document: Doc;
}

/** Brings a stored document to SETTINGS_VERSION. Pure: the input is never modified. */
export function upgradeSettings(stored: unknown): UpgradedSettings {
  if (!isObject(stored)) throw new ConfigError('stored settings are not an object', [{ path: '', message: 'stored settings are not an object' }]);
  const raw = stored['settingsVersion'];
  const fromVersion = raw === undefined ? 1 : raw;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1) {
    throw new ConfigError(`settingsVersion: ${JSON.stringify(raw)} is not a version`, [{ path: 'settingsVersion', message: 'not a version' }]);
  }
  if (fromVersion > SETTINGS_VERSION) {
    const message = `stored settings are v${fromVersion}, newer than this app (v${SETTINGS_VERSION}); refusing to guess at them`;
    throw new ConfigError(message, [{ path: 'settingsVersion', message }]);
  }
  let doc = without(stored, ['settingsVersion']);
  for (let v = fromVersion; v < SETTINGS_VERSION; v++) doc = STEPS[v]!(doc);
  return { fromVersion, document: doc };
}
