// The double-based Goldilocks and GF(p^5) arithmetic against a plain BigInt reference, on edge
// values and random ones: every shortcut (split products, lazy sums, one reduction) must agree.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { P, addInto, invOrZeroInto, mulInto, setBig, subInto, toBig, sqrtBig, mulSmallInto } from '../../../src-core/venues/lighter/crypto/goldilocks';
import { fp5Add, fp5FromBigs, fp5InvOrZero, fp5Mul, fp5MulSmallX, fp5Sqr, fp5Sub, fp5ToBigs, fp5Frobenius, fp5Sqrt, fp5Legendre, fp5FromBytes, fp5ToBytes } from '../../../src-core/venues/lighter/crypto/fp5';

const EDGES = [0n, 1n, 2n, P - 1n, P - 2n, (1n << 32n) - 1n, 1n << 32n, (1n << 32n) + 1n, 1n << 63n, P - (1n << 32n), (1n << 64n) - (1n << 32n), 0xffffffffn << 32n, 12345678901234567n];
const fe = fc.oneof(fc.constantFrom(...EDGES), fc.bigInt({ min: 0n, max: P - 1n }));

const refMul5 = (a: bigint[], b: bigint[]): bigint[] => {
  const c = new Array<bigint>(9).fill(0n);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) c[i + j]! += a[i]! * b[j]!;
  return [0, 1, 2, 3, 4].map((k) => ((c[k]! + 3n * (c[k + 5] ?? 0n)) % P + P) % P);
};

function one(v: bigint): Float64Array {
  const a = new Float64Array(2);
  setBig(a, 0, v);
  return a;
}

describe('Goldilocks on doubles', () => {
  it('multiplies, adds and subtracts exactly like BigInt mod p', () => {
    fc.assert(
      fc.property(fe, fe, (x, y) => {
        const a = one(x), b = one(y), r = new Float64Array(2);
        mulInto(r, 0, a, 0, b, 0);
        expect(toBig(r, 0)).toBe((x * y) % P);
        addInto(r, 0, a, 0, b, 0);
        expect(toBig(r, 0)).toBe((x + y) % P);
        subInto(r, 0, a, 0, b, 0);
        expect(toBig(r, 0)).toBe((((x - y) % P) + P) % P);
        mulSmallInto(r, 0, a, 0, 789);
        expect(toBig(r, 0)).toBe((x * 789n) % P);
        // canonical halves, always
        expect(r[0]).toBeGreaterThanOrEqual(0);
        expect(r[0]).toBeLessThan(2 ** 32);
      }),
      { numRuns: 3_000 },
    );
  });

  it('inverts (and maps 0 to 0) and takes square roots', () => {
    fc.assert(
      fc.property(fe, (x) => {
        const a = one(x), r = new Float64Array(2);
        invOrZeroInto(r, 0, a, 0);
        expect(x === 0n ? toBig(r, 0) : (toBig(r, 0) * x) % P).toBe(x === 0n ? 0n : 1n);
        const sq = (x * x) % P;
        const s = sqrtBig(sq)!;
        expect((s * s) % P).toBe(sq);
      }),
      { numRuns: 300 },
    );
  });
});

const fp5 = fc.array(fe, { minLength: 5, maxLength: 5 });

describe('GF(p^5) = Goldilocks[X]/(X^5 − 3)', () => {
  it('multiplies and squares like the schoolbook reference', () => {
    fc.assert(
      fc.property(fp5, fp5, (x, y) => {
        const a = fp5FromBigs(x), b = fp5FromBigs(y), r = new Float64Array(10);
        fp5Mul(r, 0, a, 0, b, 0);
        expect(fp5ToBigs(r, 0)).toEqual(refMul5(x, y));
        fp5Sqr(r, 0, a, 0);
        expect(fp5ToBigs(r, 0)).toEqual(refMul5(x, x));
        fp5Add(r, 0, a, 0, b, 0);
        expect(fp5ToBigs(r, 0)).toEqual(x.map((v, i) => (v + y[i]!) % P));
        fp5Sub(r, 0, a, 0, b, 0);
        expect(fp5ToBigs(r, 0)).toEqual(x.map((v, i) => (((v - y[i]!) % P) + P) % P));
        fp5MulSmallX(r, 0, a, 0, 263);
        expect(fp5ToBigs(r, 0)).toEqual(refMul5(x, [0n, 263n, 0n, 0n, 0n]));
      }),
      { numRuns: 1_000 },
    );
  });

  it('aliases safely (dst = a = b)', () => {
    const x = [3n, P - 1n, 1n << 40n, 7n, 1n << 63n];
    const a = fp5FromBigs(x);
    fp5Mul(a, 0, a, 0, a, 0);
    expect(fp5ToBigs(a, 0)).toEqual(refMul5(x, x));
  });

  it('inverts through the Frobenius norm, and the Frobenius is x ↦ x^p', () => {
    fc.assert(
      fc.property(fp5, (x) => {
        const a = fp5FromBigs(x), r = new Float64Array(10);
        fp5InvOrZero(r, 0, a, 0);
        fp5Mul(r, 0, r, 0, a, 0);
        const zero = x.every((v) => v === 0n);
        expect(fp5ToBigs(r, 0)).toEqual(zero ? [0n, 0n, 0n, 0n, 0n] : [1n, 0n, 0n, 0n, 0n]);
      }),
      { numRuns: 200 },
    );
    // x^p by square-and-multiply on the reference equals one Frobenius application
    const x = [5n, 11n, P - 3n, 1n << 50n, 9n];
    let acc = [1n, 0n, 0n, 0n, 0n];
    let base = x;
    for (let e = P; e > 0n; e >>= 1n) {
      if (e & 1n) acc = refMul5(acc, base);
      base = refMul5(base, base);
    }
    const r = new Float64Array(10);
    fp5Frobenius(r, 0, fp5FromBigs(x), 0, 1);
    expect(fp5ToBigs(r, 0)).toEqual(acc);
  });

  it('finds square roots of squares and tells squares by their Legendre symbol', () => {
    for (const x of [[4n, 0n, 0n, 0n, 0n], [1n, 2n, 3n, 4n, 5n], [P - 1n, 1n << 33n, 17n, 0n, 99n]]) {
      const a = fp5FromBigs(x), sq = new Float64Array(10);
      fp5Sqr(sq, 0, a, 0);
      const r = fp5Sqrt(sq, 0)!;
      const back = new Float64Array(10);
      fp5Sqr(back, 0, r, 0);
      expect(fp5ToBigs(back, 0)).toEqual(fp5ToBigs(sq, 0));
      expect(fp5Legendre(sq, 0)).toBe(1n);
    }
    // 7 generates Goldilocks' multiplicative group, so it is no square there, and an odd-degree
    // extension keeps it a non-square.
    const seven = fp5FromBigs([7n, 0n, 0n, 0n, 0n]);
    expect(fp5Legendre(seven, 0)).toBe(P - 1n);
    expect(fp5Sqrt(seven, 0)).toBeNull();
  });

  it('round-trips 40-byte little-endian encodings and refuses non-canonical limbs', () => {
    const a = fp5FromBigs([1n, P - 1n, 1n << 32n, 0n, 0xdeadbeefn]);
    const b = fp5ToBytes(a, 0);
    expect(fp5ToBigs(fp5FromBytes(b)!, 0)).toEqual(fp5ToBigs(a, 0));
    const bad = Uint8Array.from(b);
    bad.set([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff], 8); // limb 1 = p
    expect(fp5FromBytes(bad)).toBeNull();
    expect(fp5FromBytes(new Uint8Array(39))).toBeNull();
  });
});
