// Screener settings: owned by the screener/strategy work. Every name carries its unit.
import { z } from 'zod';

export const screenerSettingsSchema = z
  .object({
    minApy: z.number().min(0).max(100).describe('minimum net funding APY to enter, as a decimal (0.35 = 35 %)'),
  })
  .strict();

export type ScreenerSettings = z.infer<typeof screenerSettingsSchema>;

export const screenerDefaults: ScreenerSettings = {
  minApy: 0.35,
};
