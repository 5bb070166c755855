// Stark-field arithmetic (p = 2^251 + 17·2^192 + 1) as WebAssembly code emitters, for the
// generated Poseidon module (poseidon3-wasm.ts) and the k·G module (stark-kg-wasm.ts). Each
// emitter appends straight-line i64 code working on WASM locals; nothing here runs arithmetic itself.
//
// Representation: 9 limbs of 29 bits (radix 2^29, 261 bits), one per i64 local. Why 29 bits:
// a limb product is < 2^58, so a whole column of 9 products plus the reduction terms and the
// carry stays below 2^62 and is summed in one i64 without splitting products into halves (WASM
// has no 64×64→128 multiply); and p stays sparse in this radix:
//   p = 1 + (17·2^18)·2^(29·6) + 2^19·2^(29·8),
// so the Montgomery reduction adds only m, m·17·2^18 and m·2^19 per limb. Since p ≡ 1 mod 2^192,
// −p⁻¹ mod 2^29 = −1: the Montgomery digit is just m = −t mod 2^29.
//
// Values are in Montgomery form x·R mod p with R = 2^261, and only loosely reduced: R > 1000·p,
// so a product of two values below 2p comes out below p·(1 + 4p/R) < 1.005p without any
// conditional subtraction; sums are brought back below ~2p by `emitFold`, which uses the top
// bits instead of a comparison. Only the final output is made canonical (`emitCanonical`).
import { STARK_PRIME } from './stark-prime';
import { FunctionBuilder, I64, OP } from './wasm-emit';

export const LIMB_BITS = 29;
export const LIMBS = 9;
export const MASK = (1n << BigInt(LIMB_BITS)) - 1n;
/** Montgomery radix R = 2^(29·9). */
export const R = 1n << BigInt(LIMB_BITS * LIMBS);

/** Little-endian radix-2^29 limbs of 0 ≤ x < 2^261. */
export function toLimbs(x: bigint): bigint[] {
  if (x < 0n || x >= R) throw new Error('toLimbs: out of range');
  return Array.from({ length: LIMBS }, (_, i) => (x >> BigInt(LIMB_BITS * i)) & MASK);
}

/** Multiplication operands every module uses: ·R² (a Montgomery product with it takes a value
 *  into Montgomery form) and ·1 (takes it out). */
export const R2_OPERAND = { constant: toLimbs((R * R) % STARK_PRIME) } as const;
export const ONE_OPERAND = { constant: toLimbs(1n) } as const;

/** x·R mod p, as limbs: how constants enter Montgomery form. */
export function montgomeryLimbs(x: bigint): bigint[] {
  return toLimbs((((x % STARK_PRIME) + STARK_PRIME) % STARK_PRIME) * R % STARK_PRIME);
}

const PL = toLimbs(STARK_PRIME);
/** p's nonzero limbs: p0 = 1, p6 = 17·2^18, p8 = 2^19 (checked, since the emitters rely on it). */
const P6 = PL[6]!;
const P8 = PL[8]!;
/** Bit of p's leading 1 inside the top limb (p8 = 2^TOP_BIT). */
const TOP_BIT = 19;
if (PL[0] !== 1n || P8 !== 1n << BigInt(TOP_BIT) || PL.some((l, i) => l !== 0n && i !== 0 && i !== 6 && i !== 8)) {
  throw new Error('the Stark prime is not sparse in radix 2^29');
}

/** Locals a multiplication needs besides its operands: the accumulator and the digits m. */
export interface MulScratch {
  readonly t: number;
  readonly m: readonly number[];
}

export function mulScratch(f: FunctionBuilder): MulScratch {
  return { t: f.local(I64), m: f.locals(I64, LIMBS) };
}

/** A multiplication operand: limbs in locals, or known limbs (multiplied as immediates). */
export type Operand = readonly number[] | { readonly constant: readonly bigint[] };

/** Pushes one column's products a_j·b_(i−j); returns whether anything was pushed. */
function pushProducts(f: FunctionBuilder, i: number, a: readonly number[], b: Operand, square: boolean, pushed: boolean): boolean {
  const add = (): void => {
    if (pushed) f.op(OP.i64_add);
    pushed = true;
  };
  if (square) {
    // a·a: each cross product a_j·a_k (j < k) occurs twice, so it is summed once and doubled.
    let cross = false;
    for (let j = Math.max(0, i - (LIMBS - 1)); 2 * j < i; j++) {
      f.get(a[j]!).get(a[i - j]!).op(OP.i64_mul);
      if (cross) f.op(OP.i64_add);
      cross = true;
    }
    if (cross) {
      f.i64(1).op(OP.i64_shl);
      add();
    }
    if (i % 2 === 0 && i / 2 < LIMBS) {
      f.get(a[i / 2]!).get(a[i / 2]!).op(OP.i64_mul);
      add();
    }
    return pushed;
  }
  for (let j = Math.max(0, i - (LIMBS - 1)); j <= Math.min(i, LIMBS - 1); j++) {
    if ('constant' in b) {
      const c = b.constant[i - j]!;
      if (c === 0n) continue;
      f.get(a[j]!);
      if (c !== 1n) f.i64(c).op(OP.i64_mul);
    } else {
      f.get(a[j]!).get(b[i - j]!).op(OP.i64_mul);
    }
    add();
  }
  return pushed;
}

/**
 * out = a·b·R⁻¹ mod p (Montgomery product, product scanning): column i sums a_j·b_(i−j), the
 * reduction terms m_j·p_(i−j) and the carry; columns 0..8 pick m_i so the column vanishes
 * (m_i = −t mod 2^29, as −p⁻¹ ≡ −1), columns 9..16 are the result's limbs. Inputs: normalized
 * limbs (each < 2^29, value < 2^261); out is normalized and < a·b/R + p. `out` may be the same
 * locals as `a` or `b`: out_k is written at column k+9, after the last column that reads a_k, b_k.
 */
export function emitMontMul(f: FunctionBuilder, a: readonly number[], b: Operand, out: readonly number[], s: MulScratch): void {
  const square = b === a;
  for (let i = 0; i < 2 * LIMBS - 1; i++) {
    let pushed = false;
    if (i > 0) {
      f.get(s.t); // carry from the previous column
      pushed = true;
    }
    pushed = pushProducts(f, i, a, b, square, pushed);
    // Reduction terms of the digits already chosen: m_j·p6 in column j+6, m_j·p8 in column j+8.
    for (const [k, shift] of [[6, -1], [8, TOP_BIT]] as const) {
      const j = i - k;
      if (j < 0 || j >= LIMBS) continue;
      f.get(s.m[j]!);
      if (shift < 0) f.i64(P6).op(OP.i64_mul);
      else f.i64(shift).op(OP.i64_shl);
      if (pushed) f.op(OP.i64_add);
      pushed = true;
    }
    if (!pushed) f.i64(0);
    if (i < LIMBS) {
      // m_i = −t mod 2^29; t + m_i·p0 is then divisible by 2^29.
      f.set(s.t);
      f.i64(0).get(s.t).op(OP.i64_sub).i64(MASK).op(OP.i64_and).tee(s.m[i]!);
      f.get(s.t).op(OP.i64_add).i64(LIMB_BITS).op(OP.i64_shr_u).set(s.t);
    } else {
      f.tee(s.t).i64(MASK).op(OP.i64_and).set(out[i - LIMBS]!);
      f.get(s.t).i64(LIMB_BITS).op(OP.i64_shr_u);
      if (i === 2 * LIMBS - 2) f.set(out[LIMBS - 1]!);
      else f.set(s.t);
    }
  }
}

/** Carries signed limbs (each within ±2^62) into limbs 0..7 in [0, 2^29), the rest in limb 8
 *  (arithmetic shifts, so negative limbs borrow). The value is unchanged. */
export function emitNormalize(f: FunctionBuilder, v: readonly number[], t: number): void {
  f.get(v[0]!);
  for (let i = 0; i < LIMBS - 1; i++) {
    f.tee(t).i64(MASK).op(OP.i64_and).set(v[i]!);
    f.get(t).i64(LIMB_BITS).op(OP.i64_shr_s).get(v[i + 1]!).op(OP.i64_add);
  }
  f.set(v[LIMBS - 1]!);
}

/**
 * v ← v − q·p + p, normalized, with q = ⌊v8 / 2^19⌋ read from the (not yet carried) top limb:
 * the same residue, brought into (0, 2.001p). Input: signed limbs with |v_i| < 2^33 for i < 8
 * (so the lower limbs weigh less than 2^236) and |q| < 2^40. Then v − q·p = r·2^232 + L −
 * q·(17·2^192 + 1) with 0 ≤ r < 2^19 and |L| < 2^236, so adding p makes it positive and keeps it
 * below 2^251 + 2^236 + p. Cheaper than comparing: no branch, one carry pass.
 */
export function emitFold(f: FunctionBuilder, v: readonly number[], t: number, d: number): void {
  const top = v[LIMBS - 1]!;
  f.i64(1).get(top).i64(TOP_BIT).op(OP.i64_shr_s).op(OP.i64_sub).set(d); // d = 1 − q
  f.get(top).i64(P8 - 1n).op(OP.i64_and).i64(P8).op(OP.i64_or).set(top); // limb 8: r + p8
  f.get(v[0]!).get(d).op(OP.i64_add).set(v[0]!);
  f.get(v[6]!).get(d).i64(P6).op(OP.i64_mul).op(OP.i64_add).set(v[6]!);
  emitNormalize(f, v, t);
}

/** v ← v − p if v ≥ p, for normalized 0 ≤ v < 2p: the canonical representative. */
export function emitCanonical(f: FunctionBuilder, v: readonly number[], u: readonly number[], t: number): void {
  for (let i = 0; i < LIMBS; i++) {
    f.get(v[i]!);
    if (PL[i] !== 0n) f.i64(PL[i]!).op(OP.i64_sub);
    f.set(u[i]!);
  }
  emitNormalize(f, u, t);
  for (let i = 0; i < LIMBS; i++) {
    // select(u_i, v_i, u ≥ 0): the difference is kept when it did not go negative.
    f.get(u[i]!).get(v[i]!).get(u[LIMBS - 1]!).i64(0).op(OP.i64_ge_s, OP.select).set(v[i]!);
  }
}

/** Loads the 256-bit little-endian value at `address` (4 × u64) into limbs (value < 2^256);
 *  with `base` (an i32 local), at base + address. */
export function emitLoadWords(f: FunctionBuilder, address: number, v: readonly number[], w: readonly number[], base?: number): void {
  for (let k = 0; k < 4; k++) {
    if (base === undefined) f.i32(0);
    else f.get(base);
    f.load64(address + 8 * k).set(w[k]!);
  }
  for (let i = 0; i < LIMBS; i++) {
    const bit = LIMB_BITS * i;
    const k = Math.floor(bit / 64);
    const shift = bit % 64;
    f.get(w[k]!);
    if (shift > 0) f.i64(shift).op(OP.i64_shr_u);
    if (shift + LIMB_BITS > 64 && k + 1 < 4) f.get(w[k + 1]!).i64(64 - shift).op(OP.i64_shl).op(OP.i64_or);
    f.i64(MASK).op(OP.i64_and).set(v[i]!);
  }
}

/** Stores normalized limbs of a value < 2^256 at `address` as 4 little-endian u64 words. */
export function emitStoreWords(f: FunctionBuilder, address: number, v: readonly number[]): void {
  for (let k = 0; k < 4; k++) {
    f.i32(0);
    let first = true;
    for (let i = 0; i < LIMBS; i++) {
      const shift = LIMB_BITS * i - 64 * k;
      if (shift <= -LIMB_BITS || shift >= 64) continue;
      f.get(v[i]!);
      if (shift > 0) f.i64(shift).op(OP.i64_shl);
      if (shift < 0) f.i64(-shift).op(OP.i64_shr_u);
      if (!first) f.op(OP.i64_or);
      first = false;
    }
    f.store64(address + 8 * k);
  }
}
