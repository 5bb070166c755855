// The cost breakdown of a screener direction, as the expected value counts it: each leg's entry
// fee with its role, the entry spread, the exit fees and spread. USD at the screener's notional
// (trading.notionalPerPairUsd per leg); fee rates as fractions of notional (0.0002 = 2 bps).
// Floats: read-only analytics for the detail view, never an order's money.
import { z } from 'zod';
import { VENUES } from '../../domain/enums';

const venue = z.enum(VENUES);
const num = z.number();

const legFeeSchema = z.object({
  venue,
  /** The role the EV assumes for the leg at entry: the maker venue rests, the other hedges as taker. */
  role: z.enum(['maker', 'taker']),
  feeRate: num,
  feeUsd: num,
});

export const costBreakdownSchema = z.object({
  notionalUsd: num,
  entry: z.object({
    makerLeg: legFeeSchema,
    hedgeLeg: legFeeSchema,
    /** Cross-venue spread paid at entry, walked to the notional on both books; never below 0 (as in the EV). */
    spreadFraction: num.nullable(),
    spreadUsd: num.nullable(),
    totalUsd: num.nullable(),
    totalBps: num.nullable(),
  }),
  exit: z.object({
    /** Chance the maker venue exits as maker (screener.exitMakerProbabilityRatio). */
    makerProbability: num,
    makerVenueFeeUsd: num,
    hedgeVenueFeeUsd: num,
    spreadUsd: num,
    totalUsd: num,
  }),
  /** Entry plus exit: the cost the expected value subtracts. */
  totalUsd: num.nullable(),
});
export type CostBreakdown = z.infer<typeof costBreakdownSchema>;
