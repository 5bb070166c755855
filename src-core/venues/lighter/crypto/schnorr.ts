// Schnorr signatures over ECgFp5 as Lighter verifies them (venues.md §1.6): r = k·G encoded,
// e = H(r ‖ m) read as a scalar, s = k − e·sk; the 80-byte signature is s ‖ e, little-endian.
import { randomBytes } from 'node:crypto';
import { encode, decode, pointAdd, pointMul } from './ecgfp5';
import { Comb, mulGenerator } from './fixed-base';
import { fp5FromBytes, fp5ToBigs, fp5ToBytes } from './fp5';
import { hashToQuintic } from './poseidon2';
import { mod, scalarFromLimbs, scalarToBytes, isCanonicalScalarBytes, scalarFromBytes, scalarFromRandom } from './scalar';

const PRE = new Float64Array(20);
const E = new Float64Array(10);

function challenge(r: Float64Array, hashedMsg: Float64Array): bigint {
  PRE.set(r.subarray(0, 10), 0);
  PRE.set(hashedMsg.subarray(0, 10), 10);
  hashToQuintic(PRE, 10, E, 0);
  return scalarFromLimbs(fp5ToBigs(E, 0));
}

/** The public key: k·G encoded as one GF(p^5) element (40 bytes). */
export function publicKey(sk: bigint): Float64Array {
  return encode(mulGenerator(sk));
}

/** Signs a hashed message (a GF(p^5) element). `k` is for golden tests only; never reuse one. */
export function sign(hashedMsg: Float64Array, sk: bigint, k: bigint = scalarFromRandom(randomBytes(48))): Uint8Array {
  const r = encode(mulGenerator(k));
  const e = challenge(r, hashedMsg);
  const s = mod(k - e * sk);
  const out = new Uint8Array(80);
  out.set(scalarToBytes(s), 0);
  out.set(scalarToBytes(e), 40);
  return out;
}

/** Verifies s·G + e·pk = r with e = H(r ‖ m), rejecting non-canonical s, e and keys. */
export function verify(publicKeyBytes: Uint8Array, hashedMsg: Float64Array, sig: Uint8Array): boolean {
  const key = decodePublicKey(publicKeyBytes, false);
  return key !== null && verifyDecoded(key, hashedMsg, sig);
}

/** The decoded key a verifier can keep, with an optional comb of it for fast repeat checks. */
export interface VerifyingKey {
  readonly point: Float64Array;
  readonly comb: Comb | null;
}

export function decodePublicKey(publicKeyBytes: Uint8Array, withComb: boolean): VerifyingKey | null {
  const w = fp5FromBytes(publicKeyBytes);
  const point = w === null ? null : decode(w);
  if (point === null) return null;
  return { point, comb: withComb ? new Comb(point) : null };
}

export function verifyDecoded(key: VerifyingKey, hashedMsg: Float64Array, sig: Uint8Array): boolean {
  if (sig.length !== 80) return false;
  const sBytes = sig.subarray(0, 40);
  const eBytes = sig.subarray(40, 80);
  if (!isCanonicalScalarBytes(sBytes) || !isCanonicalScalarBytes(eBytes)) return false;
  const s = scalarFromBytes(sBytes);
  const e = scalarFromBytes(eBytes);
  const sum = mulGenerator(s);
  pointAdd(sum, sum, 0, key.comb === null ? pointMul(key.point, e) : key.comb.mul(e), 0);
  return challenge(encode(sum), hashedMsg) === e;
}

export function publicKeyBytes(sk: bigint): Uint8Array {
  return fp5ToBytes(publicKey(sk), 0);
}
