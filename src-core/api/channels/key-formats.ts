// The formats of each venue's credentials, shared by the contract (keys.ts, zod) and the
// renderer's in-form validation, which must not pull zod in. Messages are fixed strings: an
// error must never carry the value it refused.

/** Lighter API private keys are 40 bytes, 80 hex characters, optionally 0x-prefixed
 *  (venues/lighter/signer/signer.ts parsePrivateKey, the same rule the signer applies). */
export const LIGHTER_PRIVATE_KEY_RE = /^(0[xX])?[0-9a-fA-F]{80}$/;
/** Extended API keys are 32 hex characters (the X-Api-Key header; telemetry/log.ts notes the
 *  same length for masking). */
export const EXTENDED_API_KEY_RE = /^[0-9a-fA-F]{32}$/;
/** A Stark private key is a field element below the curve order: at most 64 hex digits; the
 *  range itself is checked by deriving its public key (host/keys/derive.ts). */
export const STARK_PRIVATE_KEY_RE = /^(0[xX])?[0-9a-fA-F]{1,64}$/;

/** Lighter account indexes are below 2^48 − 1 (tx-info.ts AccountIndex; constants.ts MAX_ACCOUNT_INDEX). */
export const LIGHTER_ACCOUNT_INDEX_MAX = 2 ** 48 - 2;
/** The API key slot (tx-info.ts ApiKeyIndex: 0..255). */
export const LIGHTER_API_KEY_INDEX_MAX = 255;
/** The Stark vault: order settlement's position_id is a u32 (order-hash.ts). */
export const EXTENDED_VAULT_MAX = 2 ** 32 - 1;

export const KEY_FORMAT_MESSAGES = {
  accountIndex: `account index must be an integer 0–${LIGHTER_ACCOUNT_INDEX_MAX}`,
  apiKeyIndex: `API key index must be an integer 0–${LIGHTER_API_KEY_INDEX_MAX}`,
  privateKeyHex: 'private key must be 80 hex characters (40 bytes), 0x optional',
  apiKey: 'API key must be 32 hex characters',
  vault: `vault must be an integer 0–${EXTENDED_VAULT_MAX}`,
  starkPrivateKey: 'Stark private key must be at most 64 hex digits, 0x optional',
} as const;

/** In-form check of one field's text; null when it fits the format. */
export function keyFieldProblem(field: keyof typeof KEY_FORMAT_MESSAGES, text: string): string | null {
  const t = text.trim();
  const int = (max: number): boolean => /^\d+$/.test(t) && Number(t) <= max;
  const ok =
    field === 'accountIndex' ? int(LIGHTER_ACCOUNT_INDEX_MAX)
    : field === 'apiKeyIndex' ? int(LIGHTER_API_KEY_INDEX_MAX)
    : field === 'vault' ? int(EXTENDED_VAULT_MAX)
    : field === 'privateKeyHex' ? LIGHTER_PRIVATE_KEY_RE.test(t)
    : field === 'apiKey' ? EXTENDED_API_KEY_RE.test(t)
    : STARK_PRIVATE_KEY_RE.test(t);
  return ok ? null : KEY_FORMAT_MESSAGES[field];
}
