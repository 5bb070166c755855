// One schema for every setting, one source of defaults. Every name carries its unit, every
// object is strict: an unknown key is an error that names the key, never silently ignored.
import { z } from 'zod';
import { screenerDefaults, screenerSettingsSchema } from './screener';

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const wsUrl = z.string().url().refine((u) => /^wss?:\/\//.test(u), 'must be a ws(s) URL');

const venueEndpointsSchema = z
  .object({
    restUrl: httpUrl.nullable().describe('REST base URL; null = the embedded simulator'),
    wsUrl: wsUrl.nullable().describe('WebSocket URL; null = the embedded simulator'),
  })
  .strict();

export const settingsSchema = z
  .object({
    app: z
      .object({
        mode: z.enum(['sim', 'paper', 'live']),
        heartbeatIntervalMs: z.number().int().min(100).max(60_000),
      })
      .strict(),
    venues: z
      .object({
        lighter: venueEndpointsSchema.extend({ accountTier: z.enum(['standard', 'premium']) }).strict(),
        extended: venueEndpointsSchema,
      })
      .strict(),
    trading: z
      .object({
        notionalPerPairUsd: z.number().positive().max(10_000_000),
        maxOpenPairs: z.number().int().min(0).max(100),
        leverage: z.number().min(1).max(50),
        makerTimeoutMs: z.number().int().min(1_000).max(600_000),
        maxSlippageBps: z.number().min(0).max(500),
      })
      .strict(),
    screener: screenerSettingsSchema,
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  app: { mode: 'sim', heartbeatIntervalMs: 1_000 },
  venues: {
    lighter: { restUrl: null, wsUrl: null, accountTier: 'premium' },
    extended: { restUrl: null, wsUrl: null },
  },
  trading: {
    notionalPerPairUsd: 350,
    maxOpenPairs: 4,
    leverage: 3,
    makerTimeoutMs: 30_000,
    maxSlippageBps: 30,
  },
  screener: screenerDefaults,
};

/** A deep partial patch, as `settings.update` accepts it. */
export const settingsPatchSchema = z
  .object({
    app: settingsSchema.shape.app.partial().strict().optional(),
    venues: z
      .object({
        lighter: settingsSchema.shape.venues.shape.lighter.partial().strict().optional(),
        extended: settingsSchema.shape.venues.shape.extended.partial().strict().optional(),
      })
      .strict()
      .optional(),
    trading: settingsSchema.shape.trading.partial().strict().optional(),
    screener: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (base === '' ? k : `${base}.${k}`));
      return { path: base, message: `unknown setting ${keys.map((k) => `"${k}"`).join(', ')}` };
    }
    return { path: base, message: issue.message };
  });
}

/** Validates a whole settings object; throws ConfigError naming every bad key. */
export function parseSettings(raw: unknown): Settings {
  const r = settingsSchema.safeParse(raw);
  if (r.success) return r.data;
  const issues = describeIssues(r.error);
  throw new ConfigError(issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; '), issues);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges a patch over current settings; arrays and scalars replace. */
export function mergeSettings(current: Settings, patch: unknown): Settings {
  const merge = (a: unknown, b: unknown): unknown => {
    if (!isPlainObject(a) || !isPlainObject(b)) return b === undefined ? a : b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
    return out;
  };
  return parseSettings(merge(current, patch));
}
