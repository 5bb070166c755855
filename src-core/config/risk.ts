// Risk settings: the breakers that move the trading state (risk/trading-state.ts) and the
// tolerances they judge by. Defaults follow the upstream bot's YAML (reference-upstream §8) where
// it had one; each other default is argued in its comment.
import { z } from 'zod';

export const riskSettingsSchema = z
  .object({
    maxConsecutiveFailedEntryCount: z.number().int().min(1).max(100).describe('failed entries in a row before trading goes REDUCING'),
    maxDrawdownFraction: z.number().gt(0).max(1).describe('fall of equity (net of deposits and withdrawals) from its persisted peak that HALTs trading'),
    minFreeMarginUsd: z.number().min(0).max(10_000_000).describe('free margin on either venue below which trading goes REDUCING'),
    // Upstream's ghost-fill tolerance is max(0.0001, 2 × step) (§2.5): two steps of the coarser market.
    brokenHedgeToleranceSteps: z.number().int().min(0).max(1_000).describe("base-quantity imbalance between a pair's legs, in steps, tolerated before the hedge counts as broken"),
    brokenHedgeConfirmationCount: z.number().int().min(2).max(10).describe('consecutive position reads that must show the imbalance before acting (a failed read is never flat)'),
    venueDownMs: z.number().int().min(1_000).max(600_000).describe('a venue or its private stream down this long blocks new entries and reports why'),
    rateLimitSaturationFraction: z.number().gt(0).max(1).describe("share of a venue's request budget in use above which new entries wait"),
  })
  .strict();

export type RiskSettings = z.infer<typeof riskSettingsSchema>;

export const riskDefaults: RiskSettings = {
  maxConsecutiveFailedEntryCount: 3,
  maxDrawdownFraction: 0.2,
  // Enough for one default pair's margin (350 USD at 7× is 50 USD) on each venue.
  minFreeMarginUsd: 50,
  brokenHedgeToleranceSteps: 2,
  brokenHedgeConfirmationCount: 2,
  venueDownMs: 30_000,
  rateLimitSaturationFraction: 0.9,
};
