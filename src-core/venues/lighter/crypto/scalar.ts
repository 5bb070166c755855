// Scalars of the ECgFp5 group (prime order n ≈ 2^319). Few operations per signature, so BigInt.
export const ORDER = 1067993516717146951041484916571792702745057740581727230159139685185762082554198619328292418486241n;

export function mod(a: bigint): bigint {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** Bytes read as one little-endian unsigned integer. */
function leToBig(b: Uint8Array): bigint {
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/** 40 bytes little-endian; values ≥ n are reduced, as the reference key loader does. */
export function scalarFromBytes(b: Uint8Array): bigint {
  if (b.length !== 40) throw new RangeError(`a scalar is 40 bytes, got ${b.length}`);
  return mod(leToBig(b));
}

export function scalarToBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(40);
  for (let i = 0; i < 40; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** A GF(p^5) element's five limbs read as one 320-bit little-endian integer, reduced mod n. */
export function scalarFromLimbs(limbs: readonly bigint[]): bigint {
  let v = 0n;
  for (let i = 4; i >= 0; i--) v = (v << 64n) | limbs[i]!;
  return mod(v);
}

/** The strict reading a verifier applies: both halves must already be below n. */
export function isCanonicalScalarBytes(b: Uint8Array): boolean {
  return leToBig(b) < ORDER;
}

/** Uniform in 0..n−1: `bytes` random bytes (48 gives a bias below 2^-64) reduced mod n. */
export function scalarFromRandom(bytes: Uint8Array): bigint {
  return leToBig(bytes) % ORDER;
}

/**
 * Signed base-2^w digits of k (0 ≤ k), each in −(2^(w−1) − 1)..2^(w−1), least significant first;
 * `count` digits must cover k with its final carry.
 */
export function recodeSigned(k: bigint, w: number, count: number): Int16Array {
  const digits = new Int16Array(count);
  const mask = BigInt((1 << w) - 1);
  const half = 1 << (w - 1);
  let carry = 0;
  for (let i = 0; i < count; i++) {
    let v = Number((k >> BigInt(w * i)) & mask) + carry;
    carry = 0;
    if (v > half) {
      v -= 1 << w;
      carry = 1;
    }
    digits[i] = v;
  }
  if (carry !== 0 || k >> BigInt(w * count) !== 0n) throw new RangeError('scalar out of range for the recoding');
  return digits;
}
