// Screener channels: the table, the per-symbol explanation and a batched update event.
import { z } from 'zod';
import { EV_RATE_SOURCES, VENUES } from '../../domain/enums';
import { plainText } from '../../config/text';
import { costBreakdownSchema } from './screener-costs';

const venue = z.enum(VENUES);
const num = z.number();
const numOrNull = z.number().nullable();
const evRateSource = z.enum(EV_RATE_SOURCES);

export const gateSchema = z.object({
  gate: z.string(),
  passed: z.boolean(),
  reason: z.string(),
  observed: z.union([z.number(), z.string()]).nullable(),
  threshold: z.union([z.number(), z.string()]).nullable(),
  unit: z.string(),
});

export const screenerRowSchema = z.object({
  symbol: z.string(),
  longVenue: venue,
  shortVenue: venue,
  lighterHourlyRate: numOrNull,
  extendedHourlyRate: numOrNull,
  lighterSettledHourlyRate: numOrNull,
  extendedSettledHourlyRate: numOrNull,
  netHourlyRate: num,
  netApy: num,
  lighterNextFundingMs: numOrNull,
  extendedNextFundingMs: numOrNull,
  /** Set while that venue's funding is refused as implausible: the rates above are then stale. */
  lighterFundingRejectedSinceMs: numOrNull,
  extendedFundingRejectedSinceMs: numOrNull,
  lighterFundingRejectedReason: z.string().nullable(),
  extendedFundingRejectedReason: z.string().nullable(),
  entryCostBps: numOrNull,
  exitCostUsd: num,
  expectedValueUsd: num,
  /** The average net hourly rate the expected value credited over the hold, where it came from
   *  (strategy/ev-blend.ts) and the settled mean it decayed toward (null without history). */
  evHourlyRate: num,
  evRateSource: evRateSource,
  evSettledMeanHourlyRate: numOrNull,
  breakevenHours: numOrNull,
  capacityUsd: num,
  stabilityZ: num,
  stabilityStdHourly: num,
  /** Settled hours in a row the spread has been at or above min APY, open now (the gate's). */
  spreadOpenHours: num,
  /** The live spread's z against the settled window (the spread-z gate's); null without history. */
  spreadZ: numOrNull,
  catchesNextPayment: z.boolean(),
  passed: z.boolean(),
  rejectGate: z.string().nullable(),
  rejectReason: z.string().nullable(),
  updatedAtMs: num,
});
export type ScreenerRow = z.infer<typeof screenerRowSchema>;

const directionSchema = z.object({
  longVenue: venue,
  shortVenue: venue,
  netApy: num,
  expectedValueUsd: num,
  evHourlyRate: num,
  evRateSource: evRateSource,
  evSettledMeanHourlyRate: numOrNull,
  entryCostBps: numOrNull,
  breakevenHours: numOrNull,
  passed: z.boolean(),
  gates: z.array(gateSchema),
});

export const screenerChannels = {
  queries: {
    'screener.list': {
      input: z.object({}).strict().optional(),
      output: z.object({ rows: z.array(screenerRowSchema), notionalUsd: num, computedAtMs: num }),
    },
    'screener.explain': {
      input: z.object({ symbol: plainText(1, 30) }).strict(),
      output: z.object({
        symbol: z.string(),
        best: directionSchema,
        other: directionSchema,
        history: z.object({
          lighter: z.array(z.object({ timeMs: num, hourlyRate: num })),
          extended: z.array(z.object({ timeMs: num, hourlyRate: num })),
        }),
        /** The best direction's costs as its EV counts them; null when the market view is gone. */
        costs: costBreakdownSchema.nullable(),
      }),
    },
  },
  commands: {},
  events: {
    /** Rows that changed since the last event; at most 10 events a second. */
    'screener.update': z.object({ rows: z.array(screenerRowSchema), computedAtMs: num }),
  },
} as const;
