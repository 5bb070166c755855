import { z } from 'zod';
import { settingsPatchSchema, settingsSchema } from '../../config/schema';

export const settingsChannels = {
  queries: {
    'settings.get': { input: z.object({}).strict().optional(), output: settingsSchema },
  },
  commands: {
    'settings.update': { input: settingsPatchSchema, output: settingsSchema },
  },
  events: {
    'settings.changed': settingsSchema,
  },
} as const;
