// From the keys the trader typed to what is stored: the secret in one canonical spelling, and the
// fingerprint of its public half. Deriving the public half is also the last format check: a key
// the venue's own algorithm cannot use is refused here, before it reaches the keychain.
import { createHash } from 'node:crypto';
import { getStarkKey } from '@scure/starknet';
import { ApiFailure } from '../../api/envelope';
import type { KeysSetInput } from '../../api/channels/keys';
import type { VenueSecret } from '../../secrets/venue-keys';
import { publicKeyBytes } from '../../venues/lighter/crypto/schnorr';
import { parsePrivateKey } from '../../venues/lighter/signer/signer';

const strip0x = (hex: string): string => (hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex);

export function canonicalSecret(input: KeysSetInput): VenueSecret {
  if (input.venue === 'lighter') return { venue: 'lighter', accountIndex: input.accountIndex, apiKeyIndex: input.apiKeyIndex, privateKeyHex: strip0x(input.privateKeyHex).toLowerCase() };
  return { venue: 'extended', apiKey: input.apiKey.toLowerCase(), vault: input.vault, starkPrivateKey: `0x${strip0x(input.starkPrivateKey).toLowerCase()}` };
}

/** Lighter: the API key's public half as the venue registers it (40 bytes hex, ChangePubKey);
 *  Extended: the Stark public key (the account's l2Key). */
export function publicHalf(secret: VenueSecret): string {
  if (secret.venue === 'lighter') {
    const sk = parsePrivateKey(secret.privateKeyHex);
    // A key that reduces to zero signs nothing verifiable (Schnorr over ECgFp5 needs sk ≠ 0).
    if (sk === 0n) throw new ApiFailure('VALIDATION', 'invalid Lighter keys', [{ path: 'privateKeyHex', message: 'private key is zero modulo the group order' }]);
    return Buffer.from(publicKeyBytes(sk)).toString('hex');
  }
  try {
    return getStarkKey(secret.starkPrivateKey).toLowerCase();
  } catch {
    // @scure/starknet refuses 0 and values at or above the curve order; its message is not passed
    // on (it could name the value).
    throw new ApiFailure('VALIDATION', 'invalid Extended keys', [{ path: 'starkPrivateKey', message: 'Stark private key must be between 1 and the curve order' }]);
  }
}

export function fingerprintOf(publicHex: string): string {
  return createHash('sha256').update(strip0x(publicHex).toLowerCase()).digest('hex').slice(0, 8);
}
