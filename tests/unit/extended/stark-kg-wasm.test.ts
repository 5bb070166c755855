// The WebAssembly k·G sum (stark-kg-wasm.ts, used by stark-ecdsa.ts) against the BigInt sum it
// replaces (baseSumReference): random and edge scalars, the equal-x additions the signature
// delegates, and the fallback to the BigInt sum when the fast one cannot start or disagrees.
import { describe, expect, it } from 'vitest';
import { Point } from '@scure/starknet';
import { baseSumReference, baseTable, kgSum, selectBaseSum } from '../../../src-core/venues/extended/signing/stark-ecdsa';
import { createBaseSumWasm, type BaseSum, type JacobianSum } from '../../../src-core/venues/extended/signing/stark-kg-wasm';
import { STARK_PRIME } from '../../../src-core/venues/extended/signing/stark-prime';
import { seeded, wide } from './seeded-bigints';

const P = STARK_PRIME;
const N = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
/** n = 2^251 + δ, with δ < 2^197. */
const DELTA = N - 2n ** 251n;

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

/** The affine x of a Jacobian sum, for the check against an independent k·G. */
function affineX(s: JacobianSum): bigint {
  const zi = modPow(s.z, P - 2n, P);
  return (s.x * zi * zi) % P;
}

const show = (s: JacobianSum | null): string => (s === null ? 'null' : `(${s.x}, ${s.y}, ${s.z})`);

function expectSame(fast: BaseSum, k: bigint): void {
  expect(show(fast(k)), `k = ${k}`).toBe(show(baseSumReference(k)));
}

describe('the WebAssembly k·G sum equals the BigInt sum', () => {
  it('is the sum the signer uses, not the fallback', () => {
    expect(kgSum()).not.toBe(baseSumReference);
  });

  it('on 2,000 seeded random k in [1, n − 1]', () => {
    const next = seeded(20261207n);
    const fast = kgSum();
    for (let i = 0; i < 2000; i++) expectSame(fast, (wide(next) % (N - 1n)) + 1n);
  });

  it('on 200 seeded random 32-byte digit strings (every window digit up to 0xff)', () => {
    const next = seeded(7n);
    const fast = kgSum();
    for (let i = 0; i < 200; i++) expectSame(fast, wide(next));
  });

  it('on edge scalars: 1, 255, 256, n − 1, all bytes 0xff below n, dense and sparse patterns', () => {
    const fast = kgSum();
    const edges = [1n, 2n, 255n, 256n, 257n, 65535n, 65536n, N - 1n, N - 2n, 2n ** 248n - 1n, 2n ** 251n, 2n ** 251n - 1n, 0x0101010101010101010101010101010101010101010101010101010101010101n % N];
    for (const k of edges) expectSame(fast, k);
  });

  it('on a single nonzero byte in each window', () => {
    const fast = kgSum();
    for (let i = 0; i < 32; i++) {
      // Window 31 holds k's top bits: 8·2^248 = 2^251 is the largest such k below n.
      for (const j of i < 31 ? [1n, 2n, 0x80n, 0xfen, 0xffn] : [1n, 2n, 7n, 8n]) expectSame(fast, j << BigInt(8 * i));
    }
  });

  it('gives the x of k·G that @scure/starknet computes', () => {
    const next = seeded(99n);
    const fast = kgSum();
    for (const k of [1n, 2n, N - 1n, ...Array.from({ length: 20 }, () => (wide(next) % (N - 1n)) + 1n)]) {
      const s = fast(k);
      expect(s).not.toBeNull();
      expect(affineX(s!), `k = ${k}`).toBe(Point.BASE.multiply(k).x);
    }
  });
});

describe('the additions the signature delegates', () => {
  it('reports the point at infinity: the digits of n, whose last addition adds 8·2^248·G = −δ·G to δ·G', () => {
    expect(baseSumReference(N)).toBeNull();
    expect(kgSum()(N)).toBeNull();
    // Same table, same case, for a multiple of n in the top digit range.
    expect(kgSum()(2n * N)).toBeNull();
    expect(baseSumReference(2n * N)).toBeNull();
  });

  it('reports a doubling: lower windows summing to 2^248 − δ, then the digit 9 in window 31 (9·2^248 ≡ 2^248 − δ)', () => {
    const k = 2n ** 248n - DELTA + 9n * 2n ** 248n;
    expect((9n * 2n ** 248n) % N).toBe(2n ** 248n - DELTA);
    expect(baseSumReference(k)).toBeNull();
    expect(kgSum()(k)).toBeNull();
  });

  it('reports k with no nonzero byte', () => {
    expect(kgSum()(0n)).toBeNull();
    expect(baseSumReference(0n)).toBeNull();
  });

  it('still sums the neighbours of those cases', () => {
    const fast = kgSum();
    for (const k of [N - 1n, N + 1n, 2n ** 248n - DELTA + 8n * 2n ** 248n, 2n ** 248n - DELTA + 1n + 9n * 2n ** 248n]) {
      expect(fast(k), `k = ${k}`).not.toBeNull();
      expectSame(fast, k);
    }
  });

  it('refuses k outside [0, 2^256)', () => {
    expect(() => kgSum()(-1n)).toThrow(RangeError);
    expect(() => kgSum()(2n ** 256n)).toThrow(RangeError);
  });
});

describe('createBaseSumWasm', () => {
  it('refuses a table of the wrong shape or with values outside [0, p)', () => {
    const t = baseTable();
    expect(() => createBaseSumWasm(t.slice(1))).toThrow(/shape/);
    expect(() => createBaseSumWasm([...t.slice(0, 31), t[31]!.slice(1)])).toThrow(/shape/);
    expect(() => createBaseSumWasm([...t.slice(0, 31), [P, ...t[31]!.slice(1)]])).toThrow(/range/);
    expect(() => createBaseSumWasm([...t.slice(0, 31), [-1n, ...t[31]!.slice(1)]])).toThrow(/range/);
  });
});

describe('selectBaseSum', () => {
  it('falls back to the BigInt sum when the fast one cannot start', () => {
    expect(
      selectBaseSum(() => {
        throw new Error('no WebAssembly');
      }),
    ).toBe(baseSumReference);
  });

  it('falls back when the fast one disagrees on a coordinate', () => {
    const wrong: BaseSum = (k) => {
      const s = baseSumReference(k);
      return s === null ? null : { ...s, y: s.y ^ 1n };
    };
    expect(selectBaseSum(() => wrong)).toBe(baseSumReference);
  });

  it('falls back when the fast one does not report the point at infinity', () => {
    const blind: BaseSum = (k) => baseSumReference(k) ?? { x: 0n, y: 0n, z: 0n };
    expect(selectBaseSum(() => blind)).toBe(baseSumReference);
  });

  it('keeps a candidate that agrees', () => {
    const candidate = createBaseSumWasm(baseTable());
    expect(selectBaseSum(() => candidate)).toBe(candidate);
  });
});
