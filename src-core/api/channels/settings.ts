import { z } from 'zod';
import { settingsPatchSchema, settingsSchema, venueRestUrlSchema, venueWsUrlSchema } from '../../config/schema';
import { VENUES } from '../../domain/enums';

/** A venue's endpoints change only through this command, never inside settings.update: the
 *  caller confirms (the UI after asking the trader), and the change applies at the next start. */
export const venueEndpointsChangeSchema = z
  .object({
    venue: z.enum(VENUES),
    restUrl: venueRestUrlSchema.nullable(),
    wsUrl: venueWsUrlSchema.nullable(),
    confirm: z.literal(true, { message: 'changing a venue endpoint must be confirmed (confirm: true)' }),
  })
  .strict();

export const settingsChannels = {
  queries: {
    'settings.get': { input: z.object({}).strict().optional(), output: settingsSchema },
  },
  commands: {
    'settings.update': { input: settingsPatchSchema, output: settingsSchema },
    'settings.setVenueEndpoints': { input: venueEndpointsChangeSchema, output: settingsSchema },
  },
  events: {
    'settings.changed': settingsSchema,
  },
} as const;
