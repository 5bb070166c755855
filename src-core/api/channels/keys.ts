// Venue credentials: entered once in the renderer, stored in the OS keychain (secrets/venue-keys.ts),
// never sent back. What comes back is only whether a venue's keys are stored, a fingerprint of
// their public half, when they were stored and when a read-only call to the venue last accepted
// them. Every secret field is validated here with a message that never echoes the value.
import { z } from 'zod';
import { VENUES } from '../../domain/enums';

const venue = z.enum(VENUES);
const timeMs = z.number().int().nonnegative();

/** Lighter API private keys are 40 bytes, 80 hex characters, optionally 0x-prefixed
 *  (venues/lighter/signer/signer.ts parsePrivateKey, the same rule the signer applies). */
export const LIGHTER_PRIVATE_KEY_RE = /^(0[xX])?[0-9a-fA-F]{80}$/;
/** Extended API keys are 32 hex characters (the X-Api-Key header; telemetry/log.ts notes the
 *  same length for masking). */
export const EXTENDED_API_KEY_RE = /^[0-9a-fA-F]{32}$/;
/** A Stark private key is a field element below the curve order: at most 64 hex digits; the
 *  range itself is checked by deriving its public key (secrets/venue-keys.ts). */
export const STARK_PRIVATE_KEY_RE = /^(0[xX])?[0-9a-fA-F]{1,64}$/;

// Messages are fixed strings: a validation error must never carry the value it refused.
const secretText = (re: RegExp, message: string) => z.string().regex(re, { message });

export const lighterKeysInput = z.strictObject({
  venue: z.literal('lighter'),
  /** The account's index (Lighter: an integer below 2^48, tx-info.ts AccountIndex). */
  accountIndex: z.number({ message: 'account index must be an integer' }).int({ message: 'account index must be an integer' }).min(0, { message: 'account index must be 0 or more' }).max(2 ** 48 - 2, { message: 'account index must be below 2^48 − 1' }),
  /** The API key slot the private key was registered at (tx-info.ts ApiKeyIndex: 0..255). */
  apiKeyIndex: z.number({ message: 'API key index must be an integer' }).int({ message: 'API key index must be an integer' }).min(0, { message: 'API key index must be 0–255' }).max(255, { message: 'API key index must be 0–255' }),
  privateKeyHex: secretText(LIGHTER_PRIVATE_KEY_RE, 'private key must be 80 hex characters (40 bytes), 0x optional'),
});

export const extendedKeysInput = z.strictObject({
  venue: z.literal('extended'),
  apiKey: secretText(EXTENDED_API_KEY_RE, 'API key must be 32 hex characters'),
  /** The Stark vault (order settlement's position_id is a u32: order-hash.ts). */
  vault: z.number({ message: 'vault must be an integer' }).int({ message: 'vault must be an integer' }).min(0, { message: 'vault must be 0 or more' }).max(2 ** 32 - 1, { message: 'vault must fit in 32 bits' }),
  starkPrivateKey: secretText(STARK_PRIVATE_KEY_RE, 'Stark private key must be at most 64 hex digits, 0x optional'),
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
