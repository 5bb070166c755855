// Extended's order settlement hash (venues.md §2.3): SNIP-12 revision-1 style, Poseidon over
// flattened sub-structs, written here rather than taken from an SDK so the adapter and the
// simulator compute the same thing and a signing bug fails loudly on loopback.
import { keccak, poseidonHashMany } from '@scure/starknet';
import { poseidon3, STARK_PRIME } from './poseidon3';

export { STARK_PRIME };

/** The Stark field prime p = 2^251 + 17·2^192 + 1. */

export const ORDER_TYPE =
  '"Order"("position_id":"felt","base_asset_id":"AssetId","base_amount":"i64","quote_asset_id":"AssetId","quote_amount":"i64","fee_asset_id":"AssetId","fee_amount":"u64","expiration":"Timestamp","salt":"felt")"PositionId"("value":"u32")"AssetId"("value":"felt")"Timestamp"("seconds":"u64")';
export const DOMAIN_TYPE = '"StarknetDomain"("name":"shortstring","version":"shortstring","chainId":"shortstring","revision":"shortstring")';

/** starknet_keccak: keccak-256 truncated to 250 bits. */
export function starknetKeccak(text: string): bigint {
  return keccak(new TextEncoder().encode(text));
}

export const ORDER_SELECTOR = starknetKeccak(ORDER_TYPE);
export const DOMAIN_SELECTOR = starknetKeccak(DOMAIN_TYPE);

/** Cairo short string: ASCII bytes as a big-endian integer (≤ 31 chars). */
export function shortString(text: string): bigint {
  if (text.length > 31 || !/^[\x20-\x7e]*$/.test(text)) throw new Error(`not a short string: ${text}`);
  let v = 0n;
  for (const ch of text) v = (v << 8n) + BigInt(ch.charCodeAt(0));
  return v;
}

/** Signed i64 as a field element: negatives wrap to p − |x|. */
export function toFelt(value: bigint): bigint {
  if (value < -(2n ** 63n) || value >= 2n ** 64n) throw new Error(`amount out of range: ${value}`);
  return value < 0n ? STARK_PRIME + value : value;
}

export interface StarknetDomain {
  readonly name: string;
  readonly version: string;
  readonly chainId: 'SN_MAIN' | 'SN_SEPOLIA';
  readonly revision: bigint;
}

export const EXTENDED_DOMAIN_MAINNET: StarknetDomain = { name: 'Perpetuals', version: 'v0', chainId: 'SN_MAIN', revision: 1n };
export const EXTENDED_DOMAIN_TESTNET: StarknetDomain = { name: 'Perpetuals', version: 'v0', chainId: 'SN_SEPOLIA', revision: 1n };

export interface OrderSettlementFields {
  readonly positionId: bigint;
  readonly baseAssetId: bigint;
  readonly baseAmount: bigint;
  readonly quoteAssetId: bigint;
  readonly quoteAmount: bigint;
  readonly feeAssetId: bigint;
  readonly feeAmount: bigint;
  /** Seconds, already including the 14-day buffer. */
  readonly expiration: bigint;
  readonly salt: bigint;
}

const domainHashes = new Map<string, bigint>();

/** Cached per domain: it never changes for a venue, and signing is on the order path. */
export function domainHash(d: StarknetDomain): bigint {
  const key = `${d.name}|${d.version}|${d.chainId}|${d.revision}`;
  let h = domainHashes.get(key);
  if (h === undefined) {
    h = poseidonHashMany([DOMAIN_SELECTOR, shortString(d.name), shortString(d.version), shortString(d.chainId), d.revision]);
    domainHashes.set(key, h);
  }
  return h;
}

// Poseidon sponge (rate 2, capacity 1; pad with 1 then zeros; output state[0]) split so a
// constant prefix is absorbed once: signing sits on the order path, and each permutation costs
// ~9 µs in WebAssembly, ~77 µs in BigInt (poseidon3.ts). Same result as poseidonHashMany; the parity test pins it.
type SpongeState = readonly bigint[];

function absorb(state: SpongeState, values: readonly bigint[]): bigint[] {
  let st = [...state];
  for (let i = 0; i < values.length; i += 2) {
    st[0] = st[0]! + values[i]!;
    st[1] = st[1]! + values[i + 1]!;
    st = poseidon3(st);
  }
  return st;
}

function squeeze(prefix: SpongeState, rest: readonly bigint[]): bigint {
  const tail = [...rest, 1n];
  if (tail.length % 2 !== 0) tail.push(0n);
  return absorb(prefix, tail)[0]!;
}

const orderPrefixes = new Map<bigint, SpongeState>();

function orderPrefix(positionId: bigint): SpongeState {
  let st = orderPrefixes.get(positionId);
  if (st === undefined) {
    st = absorb([0n, 0n, 0n], [ORDER_SELECTOR, positionId]);
    orderPrefixes.set(positionId, st);
  }
  return st;
}

export function orderStructHash(o: OrderSettlementFields): bigint {
  return squeeze(orderPrefix(o.positionId), [
    o.baseAssetId,
    toFelt(o.baseAmount),
    o.quoteAssetId,
    toFelt(o.quoteAmount),
    o.feeAssetId,
    toFelt(o.feeAmount),
    o.expiration,
    o.salt,
  ]);
}

/** Reference form of the same hash, kept for the parity test of the prefix cache. */
export function orderStructHashReference(o: OrderSettlementFields): bigint {
  return poseidonHashMany([ORDER_SELECTOR, o.positionId, o.baseAssetId, toFelt(o.baseAmount), o.quoteAssetId, toFelt(o.quoteAmount), o.feeAssetId, toFelt(o.feeAmount), o.expiration, o.salt]);
}

/** The message the Stark key signs: Poseidon("StarkNet Message", domain, public key, order). */
const messagePrefixes = new Map<bigint, SpongeState>();

export function orderMessageHash(o: OrderSettlementFields, starkPublicKey: bigint, domain: StarknetDomain): bigint {
  const dh = domainHash(domain);
  let prefix = messagePrefixes.get(dh);
  if (prefix === undefined) {
    prefix = absorb([0n, 0n, 0n], [shortString('StarkNet Message'), dh]);
    messagePrefixes.set(dh, prefix);
  }
  return squeeze(prefix, [starkPublicKey, orderStructHash(o)]);
}
