// Screener and entry-gate settings. Defaults are the Python bot's shipped YAML (reference-upstream
// §1, §8); every name carries its unit. Fractions are decimals (0.0016 = 0.16 %).
import { z } from 'zod';

export const screenerSettingsSchema = z
  .object({
    notionalUsd: z.number().positive().max(10_000_000).describe('default pair size the screener evaluates'),
    minApy: z.number().min(0).max(100).describe('minimum net funding APY to enter (0.35 = 35 %)'),
    minExpectedValueUsd: z.number().min(0).describe('minimum expected value over the hold horizon'),
    holdHours: z.number().min(1).max(24 * 60).describe('hold horizon for expected value'),
    maxBreakevenHours: z.number().min(0).max(24 * 60),
    minEvToSpreadRatio: z.number().min(0).max(100),
    maxSpreadFraction: z.number().min(0).max(0.1).describe('base max entry spread (0.0016 = 0.16 %)'),
    maxSpreadCapFraction: z.number().min(0).max(0.1).describe('absolute cap on the dynamic max spread'),
    maxSlippageBps: z.number().min(0).max(1_000).describe('slippage budget when walking books (capacity)'),
    minL1NotionalUsd: z.number().min(0),
    minL1NotionalMultiple: z.number().min(0).max(100),
    staleBookMs: z.number().int().min(100).max(600_000),
    cooldownMinutes: z.number().min(0).max(24 * 60),
    maxOpenPairs: z.number().int().min(0).max(100),
    minFreeMarginFraction: z.number().min(0).max(1),
    leverageMultiple: z.number().min(1).max(50).describe('leverage used to size the margin each leg needs'),
    makerVenue: z.enum(['lighter', 'extended']).describe('venue of the resting maker leg; the other venue takes the hedge'),
    exitMakerProbabilityRatio: z.number().min(0).max(1).describe('share of the exit expected to fill as maker on the maker venue'),
    excludeTradfi: z.boolean(),
    blacklist: z.array(z.string().min(1).max(20)).max(500),
    historyDays: z.number().int().min(1).max(365).describe('funding history to backfill'),
  })
  .strict();

export type ScreenerSettings = z.infer<typeof screenerSettingsSchema>;

export const screenerDefaults: ScreenerSettings = {
  notionalUsd: 350,
  minApy: 0.35,
  minExpectedValueUsd: 0.8,
  holdHours: 48,
  maxBreakevenHours: 24,
  minEvToSpreadRatio: 3.5,
  maxSpreadFraction: 0.0016,
  maxSpreadCapFraction: 0.003,
  maxSlippageBps: 15,
  minL1NotionalUsd: 500,
  minL1NotionalMultiple: 1.2,
  staleBookMs: 60_000,
  cooldownMinutes: 60,
  maxOpenPairs: 1,
  minFreeMarginFraction: 0.05,
  leverageMultiple: 7,
  makerVenue: 'lighter',
  exitMakerProbabilityRatio: 0.8,
  excludeTradfi: true,
  blacklist: [],
  historyDays: 30,
};
