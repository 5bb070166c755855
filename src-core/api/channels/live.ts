// Live arming: the explicit step between "keys stored" and "orders may go to the venues". Every
// requirement is listed with its state and reason; arming needs all of them and the word shown.
// Arming is held in memory only: a restart of the core comes up disarmed.
import { z } from 'zod';
import { MODES } from '../../domain/enums';

/** Every requirement of arming, in the order the checklist shows them. */
export const ARMING_REQUIREMENTS = ['mode', 'lighter-keys', 'extended-keys', 'lighter-clock', 'extended-clock', 'reconciled'] as const;
export type ArmingRequirement = (typeof ARMING_REQUIREMENTS)[number];

export const armingCheckSchema = z.strictObject({
  requirement: z.enum(ARMING_REQUIREMENTS),
  label: z.string(),
  met: z.boolean(),
  /** What was found: the reason when unmet, the evidence when met. */
  detail: z.string(),
});
export type ArmingCheck = z.infer<typeof armingCheckSchema>;

export const liveStatusSchema = z.strictObject({
  mode: z.enum(MODES),
  armed: z.boolean(),
  armedAtMs: z.number().int().nonnegative().nullable(),
  /** What arming means in this mode (sim: a rehearsal against the simulator). */
  meaning: z.string(),
  checks: z.array(armingCheckSchema),
  /** The word the trader types to arm; a new one after every attempt. Null while armed or when
   *  arming is impossible in this mode. */
  word: z.string().nullable(),
});
export type LiveStatus = z.infer<typeof liveStatusSchema>;

export const liveChannels = {
  queries: {
    'live.status': { input: z.object({}).strict().optional(), output: liveStatusSchema },
  },
  commands: {
    'live.arm': { input: z.strictObject({ word: z.string().max(64) }), output: liveStatusSchema },
    'live.disarm': { input: z.object({}).strict().optional(), output: liveStatusSchema },
  },
  events: {
    /** Armed or disarmed (the TopBar's badge); the checklist is read with live.status. */
    'live.changed': z.strictObject({ mode: z.enum(MODES), armed: z.boolean(), armedAtMs: z.number().int().nonnegative().nullable() }),
  },
} as const;
