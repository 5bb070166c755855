// ECgFp5 (Pornin), the prime-order curve over GF(p^5) that Lighter's API keys live on, in the
// fractional (x, u) coordinates of the reference: a point is (X:Z, U:T), 40 doubles
// [x z u t]. The formulas are complete, so the neutral needs no special case.
import type { Fe } from './goldilocks';
import { recodeSigned } from './scalar';
import { fp5Add, fp5Copy, fp5Double, fp5InvOrZero, fp5Legendre, fp5Mul, fp5MulSmall, fp5MulSmallX, fp5Neg, fp5Set, fp5Sqr, fp5Sub, fp5CanonicalSqrt, fp5FromBigs, fp5IsZero } from './fp5';

export const POINT_LEN = 40;
const X = 0, Z = 10, U = 20, T = 30;
const B1 = 263; // b = 263·X; a = 2

export function neutral(): Float64Array {
  const p = new Float64Array(POINT_LEN);
  p[Z] = 1;
  p[T] = 1;
  return p;
}

export function generator(): Float64Array {
  const p = new Float64Array(POINT_LEN);
  fp5Copy(p, X, fp5FromBigs([12883135586176881569n, 4356519642755055268n, 5248930565894896907n, 2165973894480315022n, 2448410071095648785n]), 0);
  p[Z] = 1;
  p[U] = 1;
  p[T] = 4;
  return p;
}

const S = new Float64Array(120); // scratch: twelve Fp5 slots
const s1 = 0, s2 = 10, s3 = 20, s4 = 30, s5 = 40, s6 = 50, s7 = 60, s8 = 70, s9 = 80, s10 = 90, s11 = 100, s12 = 110;

/** d = a ⊕ b (10M); d may alias a or b. */
export function pointAdd(d: Fe, a: Fe, ai: number, b: Fe, bi: number): void {
  fp5Mul(S, s1, a, ai + X, b, bi + X); // t1
  fp5Mul(S, s2, a, ai + Z, b, bi + Z); // t2
  fp5Mul(S, s3, a, ai + U, b, bi + U); // t3
  fp5Mul(S, s4, a, ai + T, b, bi + T); // t4
  fp5Add(S, s11, a, ai + X, a, ai + Z);
  fp5Add(S, s12, b, bi + X, b, bi + Z);
  fp5Mul(S, s5, S, s11, S, s12);
  fp5Sub(S, s5, S, s5, S, s1);
  fp5Sub(S, s5, S, s5, S, s2); // t5
  fp5Add(S, s11, a, ai + U, a, ai + T);
  fp5Add(S, s12, b, bi + U, b, bi + T);
  fp5Mul(S, s6, S, s11, S, s12);
  fp5Sub(S, s6, S, s6, S, s3);
  fp5Sub(S, s6, S, s6, S, s4); // t6
  finishAdd(d);
}

/** d = a ⊕ (x2, u2) for an affine point stored as 20 doubles at aff[fi] (8M). */
export function pointAddAffine(d: Fe, a: Fe, aff: Fe, fi: number): void {
  fp5Mul(S, s1, a, X, aff, fi); // t1 = x1·x2
  fp5Copy(S, s2, a, Z); // t2 = z1
  fp5Mul(S, s3, a, U, aff, fi + 10); // t3 = u1·u2
  fp5Copy(S, s4, a, T); // t4 = T1
  fp5Mul(S, s5, aff, fi, a, Z);
  fp5Add(S, s5, S, s5, a, X); // t5 = x1 + x2·z1
  fp5Mul(S, s6, aff, fi + 10, a, T);
  fp5Add(S, s6, S, s6, a, U); // t6 = u1 + u2·T1
  finishAdd(d);
}

// Shared tail of both additions, from t1..t6 in scratch.
function finishAdd(d: Fe): void {
  fp5MulSmallX(S, s7, S, s2, B1);
  fp5Add(S, s7, S, s7, S, s1); // t7 = t1 + t2·b
  fp5Mul(S, s8, S, s4, S, s7); // t8 = t4·t7
  fp5MulSmallX(S, s11, S, s5, 2 * B1);
  fp5Double(S, s12, S, s7);
  fp5Add(S, s11, S, s11, S, s12);
  fp5Mul(S, s9, S, s3, S, s11); // t9 = t3·(t5·2b + 2·t7)
  fp5Double(S, s11, S, s3);
  fp5Add(S, s11, S, s11, S, s4);
  fp5Add(S, s12, S, s5, S, s7);
  fp5Mul(S, s10, S, s11, S, s12); // t10 = (t4 + 2·t3)·(t5 + t7)
  fp5Sub(S, s11, S, s10, S, s8);
  fp5MulSmallX(d, X, S, s11, B1); // x = (t10 − t8)·b
  fp5MulSmallX(S, s11, S, s2, B1);
  fp5Sub(S, s11, S, s11, S, s1);
  fp5Mul(d, U, S, s6, S, s11); // u = t6·(t2·b − t1)
  fp5Sub(d, Z, S, s8, S, s9); // z = t8 − t9
  fp5Add(d, T, S, s8, S, s9); // t = t8 + t9
}

/** d = 2a (4M + 5S); d may alias a. */
export function pointDouble(d: Fe, a: Fe): void {
  fp5Mul(S, s1, a, Z, a, T); // t1 = z·t
  fp5Mul(S, s2, S, s1, a, T); // t2 = t1·t
  fp5Sqr(S, s3, S, s2); // x1 = t2²
  fp5Mul(S, s4, S, s1, a, U); // z1 = t1·u
  fp5Sqr(S, s5, a, U); // t3 = u²
  fp5Add(S, s6, a, X, a, Z);
  fp5Double(S, s6, S, s6);
  fp5Mul(S, s6, S, s5, S, s6);
  fp5Sub(S, s6, S, s2, S, s6); // w1 = t2 − t3·2(x + z)
  fp5Sqr(S, s7, S, s4); // t4 = z1²
  fp5MulSmallX(d, X, S, s7, 4 * B1); // x = t4·4b
  fp5Sqr(S, s8, S, s6); // z = w1²
  fp5Add(S, s9, S, s6, S, s4);
  fp5Sqr(S, s9, S, s9);
  fp5Sub(S, s9, S, s9, S, s7);
  fp5Sub(d, U, S, s9, S, s8); // u = (w1 + z1)² − (t4 + z)
  fp5Double(S, s10, S, s3);
  fp5MulSmall(S, s11, S, s7, 4);
  fp5Sub(S, s10, S, s10, S, s11);
  fp5Sub(d, T, S, s10, S, s8); // t = 2·x1 − (4·t4 + z)
  fp5Copy(d, Z, S, s8);
}

/** The canonical encoding w = t/u (0 for the neutral, whose u is 0). */
export function encode(p: Fe): Float64Array {
  const w = new Float64Array(10);
  fp5InvOrZero(w, 0, p, U);
  fp5Mul(w, 0, p, T, w, 0);
  return w;
}

/** Decodes w; null when w encodes no point. */
export function decode(w: Fe): Float64Array | null {
  const e = new Float64Array(50);
  fp5Sqr(e, 0, w, 0);
  e[10] = 2;
  fp5Sub(e, 0, e, 0, e, 10); // e = w² − a
  fp5Sqr(e, 20, e, 0);
  fp5Set(e, 30, 0);
  e[32] = 4 * B1; // 4b
  fp5Sub(e, 20, e, 20, e, 30); // delta = e² − 4b
  const r = fp5CanonicalSqrt(e, 20);
  const p = neutral();
  if (r === null) return fp5IsZero(w, 0) ? p : null;
  // x1 = (e + r)/2, x2 = (e − r)/2; keep the one that is not a square.
  const half = new Float64Array(10);
  half[0] = 2147483649; half[1] = 2147483647; // (p + 1)/2
  fp5Add(e, 30, e, 0, r, 0);
  fp5Mul(e, 30, e, 30, half, 0);
  fp5Sub(e, 40, e, 0, r, 0);
  fp5Mul(e, 40, e, 40, half, 0);
  const x = fp5Legendre(e, 30) === 1n ? 40 : 30;
  fp5Copy(p, X, e, x);
  p[U] = 1;
  fp5Copy(p, T, w, 0);
  return p;
}

export function pointEqual(a: Fe, b: Fe): boolean {
  const l = new Float64Array(20);
  fp5Mul(l, 0, a, U, b, T);
  fp5Mul(l, 10, b, U, a, T);
  for (let i = 0; i < 10; i++) if (l[i]! !== l[10 + i]!) return false;
  return true;
}

/** Converts projective points to affine (x/z, u/t) with one inversion (Montgomery's trick). */
export function batchToAffine(points: readonly Float64Array[], out: Fe, oi: number): void {
  const n = points.length;
  const pre = new Float64Array(n * 10); // running products of z·t
  const zt = new Float64Array(10);
  const acc = new Float64Array(10);
  acc[0] = 1;
  for (let i = 0; i < n; i++) {
    fp5Copy(pre, i * 10, acc, 0);
    fp5Mul(zt, 0, points[i]!, Z, points[i]!, T);
    fp5Mul(acc, 0, acc, 0, zt, 0);
  }
  fp5InvOrZero(acc, 0, acc, 0);
  const inv = new Float64Array(10);
  for (let i = n - 1; i >= 0; i--) {
    const p = points[i]!;
    fp5Mul(inv, 0, acc, 0, pre, i * 10); // 1/(z·t) of point i
    fp5Mul(zt, 0, p, Z, p, T);
    fp5Mul(acc, 0, acc, 0, zt, 0);
    const o = oi + i * 20;
    fp5Mul(out, o, p, X, p, T);
    fp5Mul(out, o, out, o, inv, 0); // x/z = x·t/(z·t)
    fp5Mul(out, o + 10, p, U, p, Z);
    fp5Mul(out, o + 10, out, o + 10, inv, 0); // u/t = u·z/(z·t)
  }
}

export function affineNegate(aff: Fe, fi: number, out: Fe, oi: number): void {
  fp5Copy(out, oi, aff, fi);
  fp5Neg(out, oi + 10, aff, fi + 10);
}

/** Variable-base multiplication (signed 4-bit windows): verification only, not secret-bearing. */
export function pointMul(p: Fe, k: bigint): Float64Array {
  const win: Float64Array[] = [Float64Array.from(p)];
  for (let i = 1; i < 8; i++) {
    const q = new Float64Array(POINT_LEN);
    pointAdd(q, win[i - 1]!, 0, p, 0);
    win.push(q);
  }
  const digits = recodeSigned(k, 4, 81);
  const acc = neutral();
  const neg = new Float64Array(POINT_LEN);
  for (let i = digits.length - 1; i >= 0; i--) {
    for (let j = 0; j < 4; j++) pointDouble(acc, acc);
    const v = digits[i]!;
    if (v === 0) continue;
    const w = win[Math.abs(v) - 1]!;
    if (v > 0) pointAdd(acc, acc, 0, w, 0);
    else {
      neg.set(w);
      fp5Neg(neg, U, w, U);
      pointAdd(acc, acc, 0, neg, 0);
    }
  }
  return acc;
}
