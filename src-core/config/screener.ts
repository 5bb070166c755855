// Entry-gate thresholds and the model assumptions behind the numbers they gate (hold horizon,
// exit maker share, history depth). Defaults are the Python bot's shipped YAML (reference-upstream
// §1, §8); every name carries its unit. Fractions are decimals (0.0016 = 0.16 %). Sizing, leverage,
// slippage, cooldown and margin are trading parameters (./trading.ts): the executor reads them too.
import { z } from 'zod';
import { plainText } from './text';

export const screenerSettingsSchema = z
  .object({
    minApy: z.number().min(0).max(100).describe('minimum net funding APY to enter (0.35 = 35 %)'),
    minExpectedValueUsd: z.number().min(0).max(1_000_000).describe('minimum expected value over the hold horizon'),
    holdHours: z.number().min(1).max(24 * 60).describe('hold horizon for expected value'),
    maxBreakevenHours: z.number().min(0).max(24 * 60).describe('longest break-even accepted; not above holdHours'),
    minEvToSpreadRatio: z.number().min(0).max(100),
    maxSpreadFraction: z.number().min(0).max(0.1).describe('base max entry spread (0.0016 = 0.16 %)'),
    maxSpreadCapFraction: z.number().min(0).max(0.1).describe('absolute cap on the dynamic max spread; not below maxSpreadFraction'),
    minL1NotionalUsd: z.number().min(0).max(100_000_000),
    minL1NotionalMultiple: z.number().min(0).max(100),
    staleBookMs: z.number().int().min(100).max(600_000),
    exitMakerProbabilityRatio: z.number().min(0).max(1).describe('share of the exit expected to fill as maker on the maker venue'),
    excludeTradfi: z.boolean(),
    blacklist: z.array(plainText(1, 20)).max(500),
    historyDays: z.number().int().min(1).max(365).describe('funding history to backfill'),
  })
  .strict();

export type ScreenerSettings = z.infer<typeof screenerSettingsSchema>;

export const screenerDefaults: ScreenerSettings = {
  minApy: 0.35,
  minExpectedValueUsd: 0.8,
  holdHours: 48,
  maxBreakevenHours: 24,
  minEvToSpreadRatio: 3.5,
  maxSpreadFraction: 0.0016,
  maxSpreadCapFraction: 0.003,
  minL1NotionalUsd: 500,
  minL1NotionalMultiple: 1.2,
  staleBookMs: 60_000,
  exitMakerProbabilityRatio: 0.8,
  excludeTradfi: true,
  blacklist: [],
  historyDays: 30,
};
