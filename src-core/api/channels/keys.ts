// Venue credentials: entered once in the renderer, stored in the OS keychain (secrets/venue-keys.ts),
// never sent back. What comes back is only whether a venue's keys are stored, a fingerprint of
// their public half, when they were stored and when a read-only call to the venue last accepted
// them. Every secret field is validated here with a message that never echoes the value.
import { z } from 'zod';
import { VENUES } from '../../domain/enums';
import { EXTENDED_API_KEY_RE, LIGHTER_PRIVATE_KEY_RE, STARK_PRIVATE_KEY_RE, KEY_FORMAT_MESSAGES as M, LIGHTER_ACCOUNT_INDEX_MAX, LIGHTER_API_KEY_INDEX_MAX, EXTENDED_VAULT_MAX } from './key-formats';

const venue = z.enum(VENUES);
const timeMs = z.number().int().nonnegative();

const secretText = (re: RegExp, message: string) => z.string().regex(re, { message });
const index = (max: number, message: string) => z.number({ message }).int({ message }).min(0, { message }).max(max, { message });

export const lighterKeysInput = z.strictObject({
  venue: z.literal('lighter'),
  accountIndex: index(LIGHTER_ACCOUNT_INDEX_MAX, M.accountIndex),
  apiKeyIndex: index(LIGHTER_API_KEY_INDEX_MAX, M.apiKeyIndex),
  privateKeyHex: secretText(LIGHTER_PRIVATE_KEY_RE, M.privateKeyHex),
});

export const extendedKeysInput = z.strictObject({
  venue: z.literal('extended'),
  apiKey: secretText(EXTENDED_API_KEY_RE, M.apiKey),
  vault: index(EXTENDED_VAULT_MAX, M.vault),
  starkPrivateKey: secretText(STARK_PRIVATE_KEY_RE, M.starkPrivateKey),
});

export const keysSetInput = z.discriminatedUnion('venue', [lighterKeysInput, extendedKeysInput]);
export type KeysSetInput = z.infer<typeof keysSetInput>;

export const venueKeyStatusSchema = z.strictObject({
  venue,
  stored: z.boolean(),
  /** First 8 hex digits of sha256 of the key's public half (Lighter's API public key, Extended's
   *  Stark public key): tells two keys apart without saying anything about the secret. */
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/).nullable(),
  storedAtMs: timeMs.nullable(),
  /** Last time a read-only call to the venue accepted these keys, in this run of the core
   *  (verification is not persisted: a restart asks for it again). */
  verifiedAtMs: timeMs.nullable(),
  /** Why the last verification failed (null when it passed or never ran). */
  verifyError: z.string().nullable(),
});
export type VenueKeyStatus = z.infer<typeof venueKeyStatusSchema>;

export const keysStatusSchema = z.strictObject({
  /** Keys are kept per mode (sim keys never become live keys). */
  mode: z.string(),
  /** Null when the OS keychain answers; else why it does not (nothing can be stored then). */
  keychainProblem: z.string().nullable(),
  venues: z.array(venueKeyStatusSchema),
});
export type KeysStatus = z.infer<typeof keysStatusSchema>;

export const keysChannels = {
  queries: {
    'keys.status': { input: z.object({}).strict().optional(), output: keysStatusSchema },
  },
  commands: {
    /** Stores one venue's keys (replacing any), after checking their format and deriving the public half. */
    'keys.set': { input: keysSetInput, output: keysStatusSchema },
    'keys.remove': { input: z.strictObject({ venue, confirm: z.literal(true, { message: 'removing keys needs confirm: true' }) }), output: keysStatusSchema },
    /** A read-only call to the venue with the stored keys; a refusal is a typed error. */
    'keys.verify': { input: z.strictObject({ venue }), output: keysStatusSchema },
  },
  events: {},
} as const;
