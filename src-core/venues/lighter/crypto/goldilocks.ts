// The Goldilocks field, p = 2^64 − 2^32 + 1, on plain doubles (venues.md §1.6). An element is a
// pair of 32-bit halves (lo, hi) held in a Float64Array at an offset, so hot loops allocate
// nothing: BigInt arithmetic allocates on every operation and is ~10× slower here, which is the
// whole difference between a 1 ms and a 6 ms Lighter signature.
//
// Why it is exact: a 32×32-bit product is split into its low half (Math.imul, exact mod 2^32)
// and its high half (the double product is off by at most 2^12, far below 2^31, so rounding the
// difference recovers it exactly). Sums stay below 2^53 before every reduction.
export type Fe = Float64Array;

export const P = (1n << 64n) - (1n << 32n) + 1n;
const T32 = 4294967296;
const INV_T32 = 1 / T32;

/** Reduces L + H·2^32 (any integers with |L|, |H| < 2^53) to canonical form at dst[di..di+1]. */
export function normInto(dst: Fe, di: number, L: number, H: number): void {
  let c = Math.floor(L * INV_T32);
  L -= c * T32;
  H += c;
  while (H >= T32 || H < 0) {
    // q·2^64 ≡ q·(2^32 − 1) (mod p)
    const q = Math.floor(H * INV_T32);
    H = H - q * T32 + q;
    L -= q;
    c = Math.floor(L * INV_T32);
    L -= c * T32;
    H += c;
  }
  // value < 2^64 now; at most one subtraction of p = (hi 2^32−1, lo 1) leaves it canonical.
  if (H === 4294967295 && L >= 1) {
    L -= 1;
    H = 0;
  }
  dst[di] = L;
  dst[di + 1] = H;
}

/** dst = a·b from halves, all in locals (the Poseidon2 S-box and linear layers live on this). */
export function mulHalvesInto(dst: Fe, di: number, alo: number, ahi: number, blo: number, bhi: number): void {
  mulAddHalvesInto(dst, di, alo, ahi, blo, bhi, 0, 0);
}

/**
 * dst = a·b + c (c as canonical halves), with one reduction: the four 32-bit words of a·b have
 * weights 2^0, 2^32, 2^64 ≡ 2^32 − 1 and 2^96 ≡ −1 (mod p).
 */
export function mulAddHalvesInto(dst: Fe, di: number, alo: number, ahi: number, blo: number, bhi: number, clo: number, chi: number): void {
  let l = Math.imul(alo, blo) >>> 0;
  const w0 = l;
  let w1 = Math.round((alo * blo - l) * INV_T32);
  l = Math.imul(alo, bhi) >>> 0;
  w1 += l;
  let w2 = Math.round((alo * bhi - l) * INV_T32);
  l = Math.imul(ahi, blo) >>> 0;
  w1 += l;
  w2 += Math.round((ahi * blo - l) * INV_T32);
  l = Math.imul(ahi, bhi) >>> 0;
  w2 += l;
  const w3 = Math.round((ahi * bhi - l) * INV_T32);
  normInto(dst, di, w0 - w2 - w3 + clo, w1 + w2 + chi);
}

export function mulInto(dst: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  mulHalvesInto(dst, di, a[ai]!, a[ai + 1]!, b[bi]!, b[bi + 1]!);
}

export function addInto(dst: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  normInto(dst, di, a[ai]! + b[bi]!, a[ai + 1]! + b[bi + 1]!);
}

export function subInto(dst: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  normInto(dst, di, a[ai]! - b[bi]!, a[ai + 1]! - b[bi + 1]!);
}

/** dst = a·k for a small non-negative integer k (k < 2^20). */
export function mulSmallInto(dst: Fe, di: number, a: Fe, ai: number, k: number): void {
  normInto(dst, di, a[ai]! * k, a[ai + 1]! * k);
}

export function isZero(a: Fe, ai: number): boolean {
  return a[ai]! === 0 && a[ai + 1]! === 0;
}

/** Canonical value as a BigInt (for encoding, tests and the rare slow paths). */
export function toBig(a: Fe, ai: number): bigint {
  return (BigInt(a[ai + 1]!) << 32n) | BigInt(a[ai]!);
}

/** Writes v mod p. */
export function setBig(dst: Fe, di: number, v: bigint): void {
  const r = ((v % P) + P) % P;
  dst[di] = Number(r & 0xffffffffn);
  dst[di + 1] = Number(r >> 32n);
}

/** Writes a non-negative safe integer (a venue field: nonce, price, index…). */
export function setSafeInt(dst: Fe, di: number, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`field element must be a non-negative safe integer, got ${v}`);
  dst[di] = v % T32;
  dst[di + 1] = Math.floor(v / T32);
}

const POW_T = new Float64Array(2);
const POW_B = new Float64Array(2);

/** dst = a^e (e a non-negative BigInt), square-and-multiply on the fast multiplier. */
export function powInto(dst: Fe, di: number, a: Fe, ai: number, e: bigint): void {
  POW_B[0] = a[ai]!; POW_B[1] = a[ai + 1]!;
  POW_T[0] = 1; POW_T[1] = 0;
  while (e > 0n) {
    if ((e & 1n) === 1n) mulInto(POW_T, 0, POW_T, 0, POW_B, 0);
    mulInto(POW_B, 0, POW_B, 0, POW_B, 0);
    e >>= 1n;
  }
  dst[di] = POW_T[0]!;
  dst[di + 1] = POW_T[1]!;
}

/** dst = a^(2^k) */
export function sqrNInto(dst: Fe, di: number, a: Fe, ai: number, k: number): void {
  POW_T[0] = a[ai]!; POW_T[1] = a[ai + 1]!;
  for (let i = 0; i < k; i++) mulInto(POW_T, 0, POW_T, 0, POW_T, 0);
  dst[di] = POW_T[0]!;
  dst[di + 1] = POW_T[1]!;
}

/** dst = 1/a, or 0 when a = 0 (Fermat: a^(p−2)). */
export function invOrZeroInto(dst: Fe, di: number, a: Fe, ai: number): void {
  powInto(dst, di, a, ai, P - 2n);
}

/** Square root in the base field (Tonelli–Shanks, 2-adicity 32), or null. Slow path: decode only. */
export function sqrtBig(a: bigint): bigint | null {
  a %= P;
  if (a === 0n) return 0n;
  const pow = (b: bigint, e: bigint): bigint => {
    let r = 1n;
    b %= P;
    while (e > 0n) {
      if (e & 1n) r = (r * b) % P;
      b = (b * b) % P;
      e >>= 1n;
    }
    return r;
  };
  if (pow(a, (P - 1n) / 2n) !== 1n) return null;
  const q = (P - 1n) >> 32n; // odd part
  // 7 is a generator of the multiplicative group of this field.
  let m = 32n;
  let c = pow(7n, q);
  let t = pow(a, q);
  let r = pow(a, (q + 1n) / 2n);
  while (t !== 1n) {
    let i = 0n;
    let t2 = t;
    while (t2 !== 1n) {
      t2 = (t2 * t2) % P;
      i++;
    }
    let b = c;
    for (let j = 0n; j < m - i - 1n; j++) b = (b * b) % P;
    m = i;
    c = (b * b) % P;
    t = (t * c) % P;
    r = (r * b) % P;
  }
  return r;
}
