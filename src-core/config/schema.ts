// One schema for every setting, one source of defaults. Every name carries its unit, every
// object is strict: an unknown key is an error that names the key, never silently ignored.
// Sections: app (process), venues (endpoints), trading (every parameter an order depends on,
// ./trading.ts), risk (the breakers, ./risk.ts), screener (entry-gate thresholds, ./screener.ts),
// exits (the exit rules' thresholds, ./exits.ts), lifecycle (how a pair is closed, ./lifecycle.ts),
// reconcile (tolerances, opt-ins and cadence of reconciliation, ./reconcile.ts), notifications (which
// notices reach the trader, ./notifications.ts). The mode is not a setting: it
// comes from the CLI / createCore and picks the database file (domain/venue.ts MODES).
import { z } from 'zod';
import { screenerDefaults, screenerSettingsSchema } from './screener';
import { tradingDefaults, tradingSettingsSchema } from './trading';
import { riskDefaults, riskSettingsSchema } from './risk';
import { exitDefaults, exitSettingsSchema } from './exits';
import { lifecycleDefaults, lifecycleSettingsSchema } from './lifecycle';
import { reconcileDefaults, reconcileSettingsSchema } from './reconcile';
import { notificationDefaults, notificationSettingsSchema } from './notifications';

// A non-null endpoint is only ever read outside sim mode (sim mode runs the embedded simulator
// and ignores these; host/venues.ts), where it carries API keys, signed orders and account data:
// TLS only. Changing one is its own confirmed command (settings.setVenueEndpoints), never part
// of settings.update (host/settings-control.ts).
export const venueRestUrlSchema = z.string().url().refine((u) => /^https:\/\//i.test(u), 'must be an https:// URL (venue endpoints are TLS only)');
export const venueWsUrlSchema = z.string().url().refine((u) => /^wss:\/\//i.test(u), 'must be a wss:// URL (venue endpoints are TLS only)');
const httpUrl = venueRestUrlSchema;
const wsUrl = venueWsUrlSchema;

const venueEndpointsSchema = z
  .object({
    restUrl: httpUrl.nullable().describe('REST base URL; null = the embedded simulator'),
    wsUrl: wsUrl.nullable().describe('WebSocket URL; null = the embedded simulator'),
  })
  .strict();

/** The shape without cross-field checks: zod cannot derive a partial (the patch) from a refined
 *  object, so the checks live on `settingsSchema` below. */
const settingsObjectSchema = z
  .object({
    app: z.object({ heartbeatIntervalMs: z.number().int().min(100).max(60_000) }).strict(),
    venues: z
      .object({
        lighter: venueEndpointsSchema.extend({ accountTier: z.enum(['standard', 'premium']) }).strict(),
        extended: venueEndpointsSchema,
      })
      .strict(),
    trading: tradingSettingsSchema,
    risk: riskSettingsSchema,
    screener: screenerSettingsSchema,
    exits: exitSettingsSchema,
    lifecycle: lifecycleSettingsSchema,
    reconcile: reconcileSettingsSchema,
    notifications: notificationSettingsSchema,
  })
  .strict();

type SettingsShape = z.infer<typeof settingsObjectSchema>;

/** Pairs of settings that only make sense together. Each issue names the key to fix. */
function crossFieldChecks(s: SettingsShape, ctx: z.RefinementCtx): void {
  const sc = s.screener;
  // The dynamic max spread is min(max(base, tier), cap): a cap below the base silently replaces
  // the base the user set.
  if (sc.maxSpreadCapFraction < sc.maxSpreadFraction) {
    ctx.addIssue({ code: 'custom', path: ['screener', 'maxSpreadCapFraction'], message: `must not be below screener.maxSpreadFraction (${sc.maxSpreadFraction})` });
  }
  // Breaking even after the hold horizon means a negative expected value over it: such a limit
  // admits nothing the expected-value gate would not already refuse, so it is a typo.
  if (sc.maxBreakevenHours > sc.holdHours) {
    ctx.addIssue({ code: 'custom', path: ['screener', 'maxBreakevenHours'], message: `must not exceed screener.holdHours (${sc.holdHours})` });
  }
  // The backfill keeps historyDays of settled hours: an open-hours minimum longer than that can
  // never be met, so every entry would be refused by a gate that looks like it is judging.
  if (sc.minSpreadOpenHours > sc.historyDays * 24) {
    ctx.addIssue({ code: 'custom', path: ['screener', 'minSpreadOpenHours'], message: `must not exceed the ${sc.historyDays * 24} h of history screener.historyDays keeps` });
  }
  // A ladder that starts above its cap would send its first hedge beyond the cap.
  const t = s.trading;
  if (t.hedgeSlippageCapBps < t.hedgeSlippageStartBps) {
    ctx.addIssue({ code: 'custom', path: ['trading', 'hedgeSlippageCapBps'], message: `must not be below trading.hedgeSlippageStartBps (${t.hedgeSlippageStartBps})` });
  }
  exitCrossFieldChecks(s.exits, ctx);
  // A close ladder that starts above its cap would send its first IOC beyond the cap.
  const l = s.lifecycle;
  if (l.closeSlippageCapBps < l.closeSlippageStartBps) {
    ctx.addIssue({ code: 'custom', path: ['lifecycle', 'closeSlippageCapBps'], message: `must not be below lifecycle.closeSlippageStartBps (${l.closeSlippageStartBps})` });
  }
  if (l.closeSlippageCapBps < l.emergencySlippageStartBps) {
    ctx.addIssue({ code: 'custom', path: ['lifecycle', 'closeSlippageCapBps'], message: `must not be below lifecycle.emergencySlippageStartBps (${l.emergencySlippageStartBps})` });
  }
  // null means the embedded simulator; one endpoint real and the other simulated is no venue.
  for (const venue of ['lighter', 'extended'] as const) {
    const v = s.venues[venue];
    if ((v.restUrl === null) !== (v.wsUrl === null)) {
      ctx.addIssue({ code: 'custom', path: ['venues', venue, v.restUrl === null ? 'restUrl' : 'wsUrl'], message: 'restUrl and wsUrl are both set or both null' });
    }
  }
}

/** Exit thresholds that contradict each other. */
function exitCrossFieldChecks(e: SettingsShape['exits'], ctx: z.RefinementCtx): void {
  const issue = (key: keyof SettingsShape['exits'], message: string) => ctx.addIssue({ code: 'custom', path: ['exits', key], message });
  // A release below the entry threshold would un-flip a spread that is still flipped.
  if (e.flipReleaseApy < e.flipEnterApy) issue('flipReleaseApy', `must not be below exits.flipEnterApy (${e.flipEnterApy})`);
  // The catastrophic flip is the extreme of the ordinary one; above it, it replaces it.
  if (e.catastrophicFlipApy > e.flipEnterApy) issue('catastrophicFlipApy', `must not be above exits.flipEnterApy (${e.flipEnterApy})`);
  // The minimum hold blocks every rule after it, the maximum hold included: it could never fire.
  if (e.maxHoldHours < e.minHoldHours) issue('maxHoldHours', `must not be below exits.minHoldHours (${e.minHoldHours})`);
  // A rebalance advised above the bound would come after the emergency close it is meant to avoid.
  if (e.rebalanceMinDeltaFraction > e.deltaBoundMaxFraction) issue('rebalanceMinDeltaFraction', `must not exceed exits.deltaBoundMaxFraction (${e.deltaBoundMaxFraction})`);
  // Fewer settled hours in the lookback than the samples required: the z-score could never run.
  if (e.zScoreMinSampleCount > e.zScoreLookbackHours) issue('zScoreMinSampleCount', `must not exceed exits.zScoreLookbackHours (${e.zScoreLookbackHours})`);
}

export const settingsSchema = settingsObjectSchema.superRefine(crossFieldChecks);

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  app: { heartbeatIntervalMs: 1_000 },
  venues: {
    lighter: { restUrl: null, wsUrl: null, accountTier: 'premium' },
    extended: { restUrl: null, wsUrl: null },
  },
  trading: tradingDefaults,
  risk: riskDefaults,
  screener: screenerDefaults,
  exits: exitDefaults,
  lifecycle: lifecycleDefaults,
  reconcile: reconcileDefaults,
  notifications: notificationDefaults,
};

const shape = settingsObjectSchema.shape;

/** A deep partial patch, as `settings.update` accepts it: strict at every level, so a misspelt
 *  or hostile key (`__proto__`, `constructor`) is refused by name before anything merges. */
export const settingsPatchSchema = z
  .object({
    app: shape.app.partial().strict().optional(),
    venues: z
      .object({
        lighter: shape.venues.shape.lighter.partial().strict().optional(),
        extended: shape.venues.shape.extended.partial().strict().optional(),
      })
      .strict()
      .optional(),
    trading: shape.trading.partial().strict().optional(),
    risk: shape.risk.partial().strict().optional(),
    screener: shape.screener.partial().strict().optional(),
    exits: shape.exits.partial().strict().optional(),
    lifecycle: shape.lifecycle.partial().strict().optional(),
    reconcile: shape.reconcile.partial().strict().optional(),
    notifications: shape.notifications.partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function describeIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (base === '' ? k : `${base}.${k}`));
      return { path: base, message: `unknown setting ${keys.map((k) => `"${k}"`).join(', ')}` };
    }
    return { path: base, message: issue.message };
  });
}

function configError(issues: readonly ConfigIssue[]): ConfigError {
  return new ConfigError(issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; '), issues);
}

// Keys that reach an object's prototype when assigned. JSON.parse and structured clone make them
// own properties, and a merge that assigns them rewires the merged object's prototype so the
// schema reads values it never checked. They are refused like any other unknown key.
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function prototypeKeyIssues(v: unknown, path: string, out: ConfigIssue[]): ConfigIssue[] {
  if (Array.isArray(v)) {
    v.forEach((item, i) => prototypeKeyIssues(item, path === '' ? String(i) : `${path}.${i}`, out));
  } else if (typeof v === 'object' && v !== null) {
    if (!isPlainObject(v)) out.push({ path, message: 'must be a plain object' });
    for (const k of Object.keys(v)) {
      const p = path === '' ? k : `${path}.${k}`;
      if (PROTOTYPE_KEYS.has(k)) out.push({ path, message: `unknown setting "${p}"` });
      else prototypeKeyIssues((v as Record<string, unknown>)[k], p, out);
    }
  }
  return out;
}

/** Validates a whole settings object; throws ConfigError naming every bad key. */
export function parseSettings(raw: unknown): Settings {
  const hostile = prototypeKeyIssues(raw, '', []);
  if (hostile.length > 0) throw configError(hostile);
  const r = settingsSchema.safeParse(raw);
  if (r.success) return r.data;
  throw configError(describeIssues(r.error));
}

/** Deep-merges a patch over current settings; arrays and scalars replace. Validates the patch's
 *  keys first and the merged whole after, so a refused patch changes nothing. */
export function mergeSettings(current: Settings, patch: unknown): Settings {
  const hostile = prototypeKeyIssues(patch, '', []);
  if (hostile.length > 0) throw configError(hostile);
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b === undefined ? a : b;
    const out: Record<string, unknown> = {};
    // Defined, never assigned: assignment would run the __proto__ setter.
    for (const [k, v] of Object.entries(a)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(b)) Object.defineProperty(out, k, { value: merge(a[k], v), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return parseSettings(merge(current, patch));
}
