import { z } from 'zod';
import { MODES } from '../../domain/enums';

export const appChannels = {
  queries: {
    'app.info': {
      input: z.object({}).strict().optional(),
      output: z.object({
        name: z.string(),
        version: z.string(),
        mode: z.enum(MODES).describe('chosen at start (CLI --mode / createCore); not a setting'),
        dataDir: z.string(),
        startedAtMs: z.number(),
        transport: z.enum(['ipc', 'ws', 'in-process']),
      }),
    },
  },
  commands: {},
  events: {
    'app.heartbeat': z.object({ seq: z.number().int().nonnegative(), nowMs: z.number(), uptimeMs: z.number() }),
  },
} as const;
