// keys.verify: read-only calls to the venue with the stored keys, through the real adapters (so
// the same request, auth and parsing as trading uses). Nothing is sent that could change the
// account. Against the embedded simulator these are its account endpoints, which check the keys
// as the venues do (Lighter: the auth token's Schnorr signature against the registered API key;
// Extended: the X-Api-Key header and the account's l2Key).
import { z } from 'zod';
import type { VenueSecret } from '../../secrets/venue-keys';
import { maskString } from '../../telemetry/log';
import { ExtendedAdapter, type ExtendedNetwork } from '../../venues/extended/adapter';
import { LighterAdapter } from '../../venues/lighter/adapter';
import { publicHalf } from './derive';

export interface VenueEndpoint {
  readonly restUrl: string;
  readonly wsUrl: string;
}

export interface VerifyEndpoints {
  readonly lighter: VenueEndpoint & { readonly chainId: number };
  readonly extended: VenueEndpoint & { readonly network: ExtendedNetwork };
}

/** GET /api/v1/apikeys (Lighter, public): the public keys registered on an account. */
const apiKeysBody = z.object({ api_keys: z.array(z.object({ api_key_index: z.number(), public_key: z.string() })) });
/** GET /api/v1/user/account/info (Extended, X-Api-Key): the account's Stark key and vault. */
const accountInfoBody = z.object({ data: z.object({ l2Key: z.string(), l2Vault: z.union([z.string(), z.number()]) }) });

const norm = (hex: string): string => hex.replace(/^0x/i, '').replace(/^0+/, '').toLowerCase();
const text = (e: unknown): string => maskString(e instanceof Error ? e.message : String(e));

/** Null when the venue accepted the keys; else the reason, for the trader. */
export async function verifyVenueKeys(secret: VenueSecret, endpoints: VerifyEndpoints): Promise<string | null> {
  return secret.venue === 'lighter' ? verifyLighter(secret, endpoints.lighter) : verifyExtended(secret, endpoints.extended);
}

async function verifyLighter(s: Extract<VenueSecret, { venue: 'lighter' }>, ep: VerifyEndpoints['lighter']): Promise<string | null> {
  const adapter = new LighterAdapter({ restUrl: ep.restUrl, wsUrls: [ep.wsUrl], credentials: { privateKeyHex: s.privateKeyHex, accountIndex: s.accountIndex, apiKeyIndex: s.apiKeyIndex, chainId: ep.chainId } });
  try {
    const res = await adapter.http.request({ path: '/api/v1/apikeys', query: { account_index: s.accountIndex, api_key_index: s.apiKeyIndex }, route: 'apikeys' });
    const body = apiKeysBody.safeParse(res.body);
    if (res.status >= 400 || !body.success) return `Lighter did not list the API keys of account ${s.accountIndex} (HTTP ${res.status})`;
    const registered = body.data.api_keys.find((k) => k.api_key_index === s.apiKeyIndex);
    if (registered === undefined) return `Lighter account ${s.accountIndex} has no API key at index ${s.apiKeyIndex}`;
    if (norm(registered.public_key) !== norm(publicHalf(s))) return `the private key does not match the public key registered at API key index ${s.apiKeyIndex} of account ${s.accountIndex}`;
    // An authenticated read: the venue checks the token signed with the private key.
    await adapter.openOrders();
    return null;
  } catch (e) {
    return `Lighter refused a read with these keys: ${text(e)}`;
  } finally {
    await adapter.stop();
  }
}

async function verifyExtended(s: Extract<VenueSecret, { venue: 'extended' }>, ep: VerifyEndpoints['extended']): Promise<string | null> {
  const starkPublicKey = publicHalf(s);
  const adapter = new ExtendedAdapter({ restUrl: ep.restUrl, wsUrls: [ep.wsUrl], network: ep.network, credentials: { apiKey: s.apiKey, vault: s.vault, starkPrivateKey: s.starkPrivateKey, starkPublicKey } });
  try {
    // The API key: a private read refuses an unknown X-Api-Key with 401.
    await adapter.balance();
    const res = await adapter.http.request({ path: '/user/account/info', route: 'accountInfo' });
    const body = accountInfoBody.safeParse(res.body);
    if (res.status >= 400 || !body.success) return `Extended did not return the account's info (HTTP ${res.status})`;
    if (norm(body.data.data.l2Key) !== norm(starkPublicKey)) return "the Stark private key does not match the account's Stark key";
    if (String(body.data.data.l2Vault) !== String(s.vault)) return `the account's vault is not ${s.vault}`;
    return null;
  } catch (e) {
    return `Extended refused a read with these keys: ${text(e)}`;
  } finally {
    await adapter.stop();
  }
}
