// The fixed-base sum of the Stark ECDSA k·G (stark-ecdsa.ts) in WebAssembly: the module is
// generated at load time from the field emitters (stark-field-wasm.ts), the table of 32 × 255
// affine points j·2^(8i)·G sits in its linear memory in Montgomery form (~1.2 MB, filled once),
// and one exported call adds the 32 table points the bytes of k select, with the same
// Jacobian + affine additions as the BigInt path (add-1998-cmo-2), so it returns the same
// Jacobian X, Y, Z (mod p). JS only writes k's 4 words and reads 3 × 4 words back; the affine
// conversion (a blinded inversion) stays in BigInt in stark-ecdsa.ts.
import { encodeModule, FunctionBuilder, I32, I64, OP } from './wasm-emit';
import { emitCanonical, emitFold, emitLoadWords, emitMontMul, emitStoreWords, LIMBS, mulScratch, ONE_OPERAND, R, R2_OPERAND, toLimbs } from './stark-field-wasm';
import { STARK_PRIME } from './stark-prime';
import { readFelt, WORDS_LIMIT, writeFelt } from './wasm-words';

export const WINDOW_BITS = 8;
export const WINDOWS = 32; // 32 × 8 bits ≥ the 252 bits of any k < n
export const DIGITS = (1 << WINDOW_BITS) - 1;

/** Memory layout: k's 32 little-endian bytes (the window digits) at 0; the sum's X, Y, Z as
 *  4 u64 words each from OUT; then the table: for window i and digit j the point
 *  table[i][j − 1] as x then y, 9 limbs × 8 bytes each. */
const OUT = 32;
const TABLE = 128;
const ELEMENT_BYTES = LIMBS * 8;
const POINT_BYTES = 2 * ELEMENT_BYTES;
const WINDOW_BYTES = DIGITS * POINT_BYTES;
const TABLE_ELEMENTS = WINDOWS * DIGITS * 2;
const PAGES = Math.ceil((TABLE + TABLE_ELEMENTS * ELEMENT_BYTES) / 65536);

/** What `sum()` returns: the sum is valid, an addition met equal x (a doubling or the point at
 *  infinity, which the BigInt path also refuses), or every digit was zero (k ≡ 0 mod 2^256). */
export const SUM_OK = 0;
export const SUM_EQUAL_X = 1;
export const SUM_EMPTY = 2;

/** 1 in Montgomery form: the z of the first table point. */
const MONT_ONE = toLimbs(R % STARK_PRIME);

/** prepare(): the table elements, written by JS as 4 words at the start of their 72-byte
 *  cell, become Montgomery limbs in place (x·R mod p, below 1.1p). */
function buildPrepare(): FunctionBuilder {
  const f = new FunctionBuilder([]);
  const [v, w] = [f.locals(I64, LIMBS), f.locals(I64, 4)];
  const ms = mulScratch(f);
  const at = f.local(I32);
  f.i32(TABLE).set(at);
  f.op(OP.loop, 0x40);
  emitLoadWords(f, 0, v, w, at); // all 4 words are read before the limbs overwrite them
  emitMontMul(f, v, R2_OPERAND, v, ms);
  for (let l = 0; l < LIMBS; l++) f.get(at).get(v[l]!).store64(8 * l);
  f.get(at).i32(ELEMENT_BYTES).op(OP.i32_add).tee(at).i32(TABLE + TABLE_ELEMENTS * ELEMENT_BYTES).op(OP.i32_ne, OP.br_if, 0);
  f.op(OP.end);
  return f;
}

/** sum() → SUM_*: the k·G sum, with the digits at 0 and the result at OUT. */
function buildSum(): FunctionBuilder {
  const f = new FunctionBuilder([], [I32]);
  const [x, y, z] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS), f.locals(I64, LIMBS)];
  const [qx, qy, zz] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS), f.locals(I64, LIMBS)];
  const [h, c, u] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS), f.locals(I64, LIMBS)];
  const ms = mulScratch(f);
  const [t, d] = [f.local(I64), f.local(I64)];
  const [i, j, point, window, started, flag] = f.locals(I32, 6) as [number, number, number, number, number, number];

  const load = (v: readonly number[], offset: number): void => {
    for (let l = 0; l < LIMBS; l++) f.get(point).load64(offset + 8 * l).set(v[l]!);
  };
  /** out_l ← Σ coef·v_l over the terms, then fold into (0, 2.001p). */
  const combine = (out: readonly number[], terms: readonly (readonly [number, readonly number[]])[]): void => {
    for (let l = 0; l < LIMBS; l++) {
      terms.forEach(([coef, v], n) => {
        f.get(v[l]!);
        if (Math.abs(coef) !== 1) f.i64(Math.abs(coef)).op(OP.i64_mul);
        if (n > 0) f.op(coef > 0 ? OP.i64_add : OP.i64_sub);
        else if (coef < 0) throw new Error('combine: the first term must be positive');
      });
      f.set(out[l]!);
    }
    emitFold(f, out, t, d);
  };
  /** flag |= (v ≡ 0 mod p), exactly: v (normalized, in [0, 2p + 2^236)) copied into c, made
   *  canonical by two conditional subtractions (the loose h of an equal-x addition comes out
   *  as p, and 2p is within the bound), then all limbs compared with 0. With this table equal
   *  x can only occur in window 31's addition (the sum of the lower windows is below 2^248 < n),
   *  but the flag accumulates so the result does not depend on that. */
  const flagIfZero = (v: readonly number[]): void => {
    for (let l = 0; l < LIMBS; l++) f.get(v[l]!).set(c[l]!);
    emitCanonical(f, c, u, t);
    emitCanonical(f, c, u, t);
    f.get(c[0]!);
    for (let l = 1; l < LIMBS; l++) f.get(c[l]!).op(OP.i64_or);
    f.op(OP.i64_eqz).get(flag).op(OP.i32_or).set(flag);
  };

  /** (x, y, z) += (qx, qy), add-1998-cmo-2, as stark-ecdsa.ts addMixed. Every value stays
   *  below 2p + 2^236, so each Montgomery product comes out below 1.005p without comparisons. */
  const addMixed = (): void => {
    emitMontMul(f, z, z, zz, ms); // z1z1
    emitMontMul(f, qx, zz, qx, ms); // u2 = qx·z1z1
    emitMontMul(f, qy, z, qy, ms);
    emitMontMul(f, qy, zz, qy, ms); // s2 = qy·z·z1z1
    combine(h, [[1, qx], [-1, x]]); // h = u2 − x1
    combine(qy, [[1, qy], [-1, y]]); // r = s2 − y1, kept in qy
    flagIfZero(h);
    emitMontMul(f, h, h, zz, ms); // hh
    emitMontMul(f, h, zz, qx, ms); // hhh, in qx
    emitMontMul(f, x, zz, zz, ms); // v = x1·hh, in zz
    emitMontMul(f, qy, qy, x, ms); // r²
    combine(x, [[1, x], [-1, qx], [-2, zz]]); // x3 = r² − hhh − 2v
    combine(zz, [[1, zz], [-1, x]]); // v − x3
    emitMontMul(f, qy, zz, zz, ms); // r·(v − x3)
    emitMontMul(f, y, qx, y, ms); // y1·hhh
    combine(y, [[1, zz], [-1, y]]); // y3
    emitMontMul(f, z, h, z, ms); // z3 = z1·h
  };

  f.i32(0).set(i);
  f.i32(TABLE - POINT_BYTES).set(window); // digit j's point is at window + j·POINT_BYTES
  f.op(OP.loop, 0x40);
  f.op(OP.block, 0x40);
  f.get(i).load8(0).tee(j).op(OP.i32_eqz, OP.br_if, 0); // digit 0: nothing to add
  f.get(window).get(j).i32(POINT_BYTES).op(OP.i32_mul).op(OP.i32_add).set(point);
  f.get(started).op(OP.if, 0x40);
  load(qx, 0);
  load(qy, ELEMENT_BYTES);
  addMixed();
  f.op(OP.else);
  load(x, 0);
  load(y, ELEMENT_BYTES);
  for (let l = 0; l < LIMBS; l++) f.i64(MONT_ONE[l]!).set(z[l]!);
  f.i32(1).set(started);
  f.op(OP.end);
  f.op(OP.end);
  f.get(window).i32(WINDOW_BYTES).op(OP.i32_add).set(window);
  f.get(i).i32(1).op(OP.i32_add).tee(i).i32(WINDOWS).op(OP.i32_ne, OP.br_if, 0);
  f.op(OP.end);

  f.get(started).op(OP.i32_eqz, OP.if, 0x40).i32(SUM_EMPTY).set(flag).op(OP.end);
  // Out of Montgomery form (a product with 1: below p + 1), canonical, as words.
  [x, y, z].forEach((v, e) => {
    emitMontMul(f, v, ONE_OPERAND, v, ms);
    emitCanonical(f, v, u, t);
    emitStoreWords(f, OUT + 32 * e, v);
  });
  f.get(flag);
  return f;
}

/** The generated module's bytes (exported for the tests). */
export function kgModuleBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule(
    [
      { name: 'prepare', fn: buildPrepare() },
      { name: 'sum', fn: buildSum() },
    ],
    PAGES,
  );
}

/** A Jacobian point, coordinates in [0, p). */
export interface JacobianSum {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}

/** Σ over the 32 bytes j_i of k (little-endian, 0 ≤ k < 2^256) of table[i][j_i − 1], in
 *  Jacobian form, or null where the BigInt path delegates (an addition with equal x, or k
 *  with no nonzero byte). */
export type BaseSum = (k: bigint) => JacobianSum | null;

/** Instantiates the module and fills its table from `table` (table[i] = the flat affine
 *  [x, y] pairs of j·2^(8i)·G for j = 1..255, canonical). */
export function createBaseSumWasm(table: readonly (readonly bigint[])[]): BaseSum {
  if (table.length !== WINDOWS || table.some((w) => w.length !== 2 * DIGITS)) throw new Error('unexpected k·G table shape');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(kgModuleBytes()), {});
  const memory = instance.exports['memory'] as WebAssembly.Memory;
  const prepare = instance.exports['prepare'] as () => void;
  const sum = instance.exports['sum'] as () => number;
  const cells = new BigUint64Array(memory.buffer, TABLE, TABLE_ELEMENTS * LIMBS);
  let at = 0;
  for (const w of table) {
    for (const v of w) {
      if (v < 0n || v >= STARK_PRIME) throw new Error('k·G table value out of range');
      cells[at] = v;
      cells[at + 1] = v >> 64n;
      cells[at + 2] = v >> 128n;
      cells[at + 3] = v >> 192n;
      at += LIMBS;
    }
  }
  prepare();
  const io = new BigUint64Array(memory.buffer, 0, 16);

  return (k) => {
    if (k < 0n || k >= WORDS_LIMIT) throw new RangeError('k·G: k outside [0, 2^256)');
    writeFelt(io, 0, k);
    const status = sum();
    // k is the signature's nonce: with it and the signature anyone solves for the key, so it
    // does not stay in this memory after the call.
    io.fill(0n, 0, 4);
    if (status !== SUM_OK) return null;
    return { x: readFelt(io, 1), y: readFelt(io, 2), z: readFelt(io, 3) };
  };
}
