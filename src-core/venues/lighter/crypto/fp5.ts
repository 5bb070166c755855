// GF(p^5) = Goldilocks[X]/(X^5 − 3), the field ECgFp5 lives over. An element is five Goldilocks
// coefficients (ten doubles, see goldilocks.ts) at an offset in a Float64Array. Multiply and
// square are the generated kernels in fp5-kernels.ts; the rest is here.
import { type Fe, normInto, mulSmallInto, invOrZeroInto, sqrNInto, toBig, setBig, sqrtBig, mulInto, mulAddHalvesInto, isZero as feIsZero, P } from './goldilocks';
import { fp5Mul, fp5Sqr } from './fp5-kernels';

export { fp5Mul, fp5Sqr };
const W = 3; // X^5 = W

export function fp5Add(d: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  for (let i = 0; i < 10; i += 2) normInto(d, di + i, a[ai + i]! + b[bi + i]!, a[ai + i + 1]! + b[bi + i + 1]!);
}

export function fp5Sub(d: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  for (let i = 0; i < 10; i += 2) normInto(d, di + i, a[ai + i]! - b[bi + i]!, a[ai + i + 1]! - b[bi + i + 1]!);
}

export function fp5Neg(d: Fe, di: number, a: Fe, ai: number): void {
  for (let i = 0; i < 10; i += 2) normInto(d, di + i, -a[ai + i]!, -a[ai + i + 1]!);
}

export function fp5Double(d: Fe, di: number, a: Fe, ai: number): void {
  for (let i = 0; i < 10; i += 2) normInto(d, di + i, 2 * a[ai + i]!, 2 * a[ai + i + 1]!);
}

/** dst = k·a for a small integer k ≥ 0. */
export function fp5MulSmall(d: Fe, di: number, a: Fe, ai: number, k: number): void {
  for (let i = 0; i < 10; i += 2) mulSmallInto(d, di + i, a, ai + i, k);
}

/** dst = a·(k·X) for a small integer k: the curve constant b = 263·X costs no multiplication. */
export function fp5MulSmallX(d: Fe, di: number, a: Fe, ai: number, k: number): void {
  const a4l = a[ai + 8]!, a4h = a[ai + 9]!;
  for (let i = 8; i >= 2; i -= 2) normInto(d, di + i, a[ai + i - 2]! * k, a[ai + i - 1]! * k);
  normInto(d, di, a4l * k * W, a4h * k * W);
}

export function fp5Copy(d: Fe, di: number, a: Fe, ai: number): void {
  for (let i = 0; i < 10; i++) d[di + i] = a[ai + i]!;
}

export function fp5Set(d: Fe, di: number, c0: number): void {
  d[di] = c0; // small constants only
  for (let i = 1; i < 10; i++) d[di + i] = 0;
}

export function fp5IsZero(a: Fe, ai: number): boolean {
  for (let i = 0; i < 10; i++) if (a[ai + i]! !== 0) return false;
  return true;
}

// Frobenius: x ↦ x^p multiplies coefficient i by DTH_ROOT^(i·count).
const DTH_ROOT = 1041288259238279555n;
const FROB = new Float64Array(5 * 10); // FROB[count][i] for count 0..4
for (let count = 0; count < 5; count++) {
  let z0 = 1n;
  for (let k = 0; k < count; k++) z0 = (z0 * DTH_ROOT) % P;
  let z = 1n;
  for (let i = 0; i < 5; i++) {
    setBig(FROB, count * 10 + 2 * i, z);
    z = (z * z0) % P;
  }
}

export function fp5Frobenius(d: Fe, di: number, a: Fe, ai: number, count: number): void {
  const c = (count % 5) * 10;
  for (let i = 0; i < 10; i += 2) mulInto(d, di + i, a, ai + i, FROB, c + i);
}

const CT = new Float64Array(2);

/** dst = (a·b)[0] = a0·b0 + W·(a1·b4 + a2·b3 + a3·b2 + a4·b1): the base-field value the
 *  norm-based inverse and square root need (once per signature; not worth a kernel). */
function constantTermInto(d: Fe, di: number, a: Fe, ai: number, b: Fe, bi: number): void {
  CT[0] = 0; CT[1] = 0;
  for (let i = 1; i < 5; i++) mulAddHalvesInto(CT, 0, a[ai + 2 * i]!, a[ai + 2 * i + 1]!, b[bi + 10 - 2 * i]!, b[bi + 11 - 2 * i]!, CT[0]!, CT[1]!);
  mulSmallInto(CT, 0, CT, 0, W);
  mulAddHalvesInto(d, di, a[ai]!, a[ai + 1]!, b[bi]!, b[bi + 1]!, CT[0]!, CT[1]!);
}

const INV = new Float64Array(40);

/** dst = 1/a, or 0 for a = 0 (the norm trick: one base-field inversion). */
export function fp5InvOrZero(d: Fe, di: number, a: Fe, ai: number): void {
  if (fp5IsZero(a, ai)) {
    fp5Set(d, di, 0);
    return;
  }
  fp5Frobenius(INV, 0, a, ai, 1); // d
  fp5Frobenius(INV, 10, INV, 0, 1);
  fp5Mul(INV, 10, INV, 0, INV, 10); // e = d·frob(d)
  fp5Frobenius(INV, 20, INV, 10, 2);
  fp5Mul(INV, 20, INV, 10, INV, 20); // f = e·frob²(e)
  constantTermInto(INV, 30, a, ai, INV, 20); // g = (a·f)[0], which lies in the base field
  invOrZeroInto(INV, 32, INV, 30);
  for (let i = 0; i < 10; i += 2) mulInto(d, di + i, INV, 20 + i, INV, 32);
}

/** The Legendre symbol of a as a base-field value: 0, 1 or p − 1. */
export function fp5Legendre(a: Fe, ai: number): bigint {
  const t = new Float64Array(40);
  fp5Frobenius(t, 0, a, ai, 1);
  fp5Frobenius(t, 10, t, 0, 1);
  fp5Mul(t, 20, t, 0, t, 10);
  fp5Frobenius(t, 30, t, 20, 2);
  fp5Mul(t, 0, a, ai, t, 20);
  fp5Mul(t, 0, t, 0, t, 30);
  const xr = new Float64Array(6);
  xr[0] = t[0]!; xr[1] = t[1]!;
  sqrNInto(xr, 2, xr, 0, 31);
  invOrZeroInto(xr, 4, xr, 2);
  sqrNInto(xr, 2, xr, 2, 32);
  mulInto(xr, 0, xr, 2, xr, 4);
  return toBig(xr, 0);
}

/** Square root (any of the two) or null; the decoder's slow path. */
export function fp5Sqrt(a: Fe, ai: number): Float64Array | null {
  const t = new Float64Array(60);
  fp5Copy(t, 0, a, ai);
  for (let i = 0; i < 31; i++) fp5Sqr(t, 0, t, 0); // v = x^(2^31)
  fp5Copy(t, 10, t, 0);
  for (let i = 0; i < 32; i++) fp5Sqr(t, 10, t, 10); // v^(2^32)
  fp5InvOrZero(t, 20, t, 0);
  fp5Mul(t, 30, a, ai, t, 10);
  fp5Mul(t, 30, t, 30, t, 20); // d
  fp5Frobenius(t, 40, t, 30, 2);
  fp5Mul(t, 40, t, 30, t, 40);
  fp5Frobenius(t, 40, t, 40, 1); // e
  fp5Sqr(t, 50, t, 40); // f
  const g = new Float64Array(2);
  constantTermInto(g, 0, a, ai, t, 50);
  const s = sqrtBig(toBig(g, 0));
  if (s === null) return null;
  const out = new Float64Array(10);
  fp5InvOrZero(t, 0, t, 40);
  const sv = new Float64Array(2);
  setBig(sv, 0, s);
  for (let i = 0; i < 10; i += 2) mulInto(out, i, t, i, sv, 0);
  return out;
}

/** The sign convention of the reference: the root whose first coefficient is odd. */
export function fp5Sgn0(a: Fe, ai: number): boolean {
  let sign = false;
  let zero = true;
  for (let i = 0; i < 10; i += 2) {
    const even = a[ai + i]! % 2 === 0; // parity of the canonical value = parity of its low half
    sign = sign || (zero && even);
    zero = zero && feIsZero(a, ai + i);
  }
  return sign;
}

export function fp5CanonicalSqrt(a: Fe, ai: number): Float64Array | null {
  const r = fp5Sqrt(a, ai);
  if (r === null) return null;
  if (fp5Sgn0(r, 0)) fp5Neg(r, 0, r, 0);
  return r;
}

/** 40 bytes little-endian, five canonical u64 limbs. */
export function fp5ToBytes(a: Fe, ai: number): Uint8Array {
  const out = new Uint8Array(40);
  const v = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) {
    v.setUint32(8 * i, a[ai + 2 * i]!, true);
    v.setUint32(8 * i + 4, a[ai + 2 * i + 1]!, true);
  }
  return out;
}

/** Parses 40 bytes; null when a limb is not canonical (≥ p). */
export function fp5FromBytes(bytes: Uint8Array): Float64Array | null {
  if (bytes.length !== 40) return null;
  const out = new Float64Array(10);
  const v = new DataView(bytes.buffer, bytes.byteOffset, 40);
  for (let i = 0; i < 5; i++) {
    const lo = v.getUint32(8 * i, true);
    const hi = v.getUint32(8 * i + 4, true);
    if (hi === 4294967295 && lo >= 1) return null;
    out[2 * i] = lo;
    out[2 * i + 1] = hi;
  }
  return out;
}

export function fp5FromBigs(c: readonly bigint[]): Float64Array {
  const out = new Float64Array(10);
  for (let i = 0; i < 5; i++) setBig(out, 2 * i, c[i] ?? 0n);
  return out;
}

export function fp5ToBigs(a: Fe, ai: number): bigint[] {
  return [0, 2, 4, 6, 8].map((i) => toBig(a, ai + i));
}
