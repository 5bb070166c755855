// Health channels: every stream's state and quality, rate-limit budgets, latency per operation,
// HTTP pool use, market-data freshness, the alarms automatic guards raised and the funding values
// adapters refused as implausible.
import { z } from 'zod';
import { ALARM_KINDS, ALARM_SEVERITIES, STREAM_STATES, VENUES } from '../../domain/enums';

const venue = z.enum(VENUES);

export const healthSnapshotSchema = z.object({
  streams: z.array(
    z.object({
      venue,
      stream: z.string(),
      endpoint: z.string(),
      state: z.enum(STREAM_STATES),
      qualityScore: z.number(),
      lastFrameAgeMs: z.number().nullable(),
      reconnects: z.number(),
      resyncs: z.number(),
    }),
  ),
  rateLimits: z.array(z.object({ venue, usedFraction: z.number(), queued: z.number(), warning: z.boolean() })),
  latency: z.array(z.object({ operation: z.string(), count: z.number(), p50Ms: z.number(), p95Ms: z.number(), p99Ms: z.number(), maxMs: z.number() })),
  pools: z.array(z.object({ venue, connected: z.number(), free: z.number(), pending: z.number(), running: z.number() })),
  freshness: z.array(z.object({ venue, freshBooks: z.number(), staleBooks: z.number(), oldestBookAgeMs: z.number().nullable() })),
  /** Critical first, then oldest first (risk/alarms.ts). */
  alarms: z.array(
    z.object({
      kind: z.enum(ALARM_KINDS),
      severity: z.enum(ALARM_SEVERITIES),
      venue,
      symbol: z.string(),
      message: z.string(),
      sinceMs: z.number(),
      lastMs: z.number(),
      count: z.number(),
    }),
  ),
  /** Funding values refused as implausible, per venue: `total` since start, `symbols` the ones
   *  whose latest value is still refused. */
  fundingRejections: z.array(z.object({ venue, total: z.number(), symbols: z.array(z.string()), lastReason: z.string().nullable(), lastAtMs: z.number().nullable() })),
  sampledAtMs: z.number(),
});
export type HealthSnapshot = z.infer<typeof healthSnapshotSchema>;

export const healthChannels = {
  queries: {
    'health.snapshot': { input: z.object({}).strict().optional(), output: healthSnapshotSchema },
  },
  commands: {},
  events: {
    'health.update': healthSnapshotSchema,
  },
} as const;
