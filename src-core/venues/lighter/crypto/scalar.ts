// Scalars of the ECgFp5 group (prime order n ≈ 2^319). Few operations per signature, so BigInt.
export const ORDER = 1067993516717146951041484916571792702745057740581727230159139685185762082554198619328292418486241n;

export function mod(a: bigint): bigint {
  const r = a % ORDER;
  return r < 0n ? r + ORDER : r;
}

/** 40 bytes little-endian; values ≥ n are reduced, as the reference key loader does. */
export function scalarFromBytes(b: Uint8Array): bigint {
  if (b.length !== 40) throw new RangeError(`a scalar is 40 bytes, got ${b.length}`);
  let v = 0n;
  for (let i = 39; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return mod(v);
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
  let v = 0n;
  for (let i = 39; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
  return v < ORDER;
}
