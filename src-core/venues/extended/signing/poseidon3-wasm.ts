// Starknet's width-3 Poseidon permutation compiled to WebAssembly at load time: the module's
// bytes are generated here (wasm-emit.ts, stark-field-wasm.ts), the whole permutation (91
// rounds, round constants in linear memory) runs inside one exported call, so JS crosses into
// WASM once per permutation and BigInts are touched only to write the input and read the output.
// Same rounds as poseidon3-reference.ts: add the round constants, the x³ S-box (all three
// elements in the 4 + 4 full rounds, the last one in the 83 partial rounds), the MDS
// [[3,1,1],[1,−1,1],[1,1,−2]].
import { encodeModule, FunctionBuilder, I32, I64, OP } from './wasm-emit';
import {
  emitCanonical,
  emitFold,
  emitLoadWords,
  emitMontMul,
  emitStoreWords,
  LIMBS,
  montgomeryLimbs,
  mulScratch,
  ONE_OPERAND,
  R2_OPERAND,
} from './stark-field-wasm';
import { readFelt, writeFelt } from './wasm-words';

const HALF_FULL = 4;
const PARTIAL = 83;
const ROUNDS = 2 * HALF_FULL + PARTIAL;
const WIDTH = 3;

/** Memory layout: the state as 3 × 4 little-endian u64 words at 0 (in and out), then one row
 *  of round constants per round (3 elements × 9 limbs × 8 bytes), then a zero row, so the last
 *  round's "add the next constants" adds nothing and every round is the same code. */
const IO = 0;
const RC_BASE = 128;
const ROW_BYTES = WIDTH * LIMBS * 8;

function buildPermute(): FunctionBuilder {
  const f = new FunctionBuilder([]);
  const st = [0, 1, 2].map(() => f.locals(I64, LIMBS));
  const [x, y, z] = st as [number[], number[], number[]];
  const sq = f.locals(I64, LIMBS);
  const ms = mulScratch(f);
  const t = f.local(I64);
  const d = f.local(I64);
  const sum = f.local(I64);
  const w = f.locals(I64, 4);
  const kp = f.local(I32); // address of the round constants to add next

  const cube = (v: number[]): void => {
    emitMontMul(f, v, v, sq, ms);
    emitMontMul(f, sq, v, v, ms);
  };
  /** MDS, then the next round's constants (at kp), then fold into (0, 2.001p). */
  const mixAndAdd = (): void => {
    for (let l = 0; l < LIMBS; l++) {
      // With s = x + y + z: 3x + y + z = s + 2x, x − y + z = s − 2y, x + y − 2z = s − 3z.
      f.get(x[l]!).get(y[l]!).op(OP.i64_add).get(z[l]!).op(OP.i64_add).set(sum);
      f.get(sum).get(x[l]!).i64(1).op(OP.i64_shl).op(OP.i64_add).get(kp).load64(8 * l).op(OP.i64_add).set(x[l]!);
      f.get(sum).get(y[l]!).i64(1).op(OP.i64_shl).op(OP.i64_sub).get(kp).load64(8 * (LIMBS + l)).op(OP.i64_add).set(y[l]!);
      f.get(sum).get(z[l]!).i64(3).op(OP.i64_mul).op(OP.i64_sub).get(kp).load64(8 * (2 * LIMBS + l)).op(OP.i64_add).set(z[l]!);
    }
    for (const v of st) emitFold(f, v, t, d);
    f.get(kp).i32(ROW_BYTES).op(OP.i32_add).set(kp);
  };
  const rounds = (full: boolean, untilRow: number): void => {
    f.op(OP.loop, 0x40);
    if (full) for (const v of st) cube(v);
    else cube(z);
    mixAndAdd();
    f.get(kp).i32(RC_BASE + untilRow * ROW_BYTES).op(OP.i32_ne, OP.br_if, 0);
    f.op(OP.end);
  };

  // In: values < 2^256 → Montgomery form (a product with R² mod p: x·R mod p, below 1.1p),
  // plus round 0's constants.
  f.i32(RC_BASE).set(kp);
  st.forEach((v, e) => {
    emitLoadWords(f, IO + 32 * e, v, w);
    emitMontMul(f, v, R2_OPERAND, v, ms);
    for (let l = 0; l < LIMBS; l++) f.get(v[l]!).get(kp).load64(8 * (e * LIMBS + l)).op(OP.i64_add).set(v[l]!);
    emitFold(f, v, t, d);
  });
  f.get(kp).i32(ROW_BYTES).op(OP.i32_add).set(kp);
  rounds(true, 1 + HALF_FULL);
  rounds(false, 1 + HALF_FULL + PARTIAL);
  rounds(true, 1 + ROUNDS);
  // Out: ·R⁻¹ (a Montgomery product with 1), canonical, back to words.
  st.forEach((v, e) => {
    emitMontMul(f, v, ONE_OPERAND, v, ms);
    emitCanonical(f, v, sq, t);
    emitStoreWords(f, IO + 32 * e, v);
  });
  return f;
}

/** The generated module's bytes (exported for the tests and the benchmark). */
export function poseidonModuleBytes(): Uint8Array<ArrayBuffer> {
  return encodeModule([{ name: 'permute', fn: buildPermute() }], 1);
}

export type Permutation = (state: readonly bigint[]) => bigint[];

/** Instantiates the module (synchronously: Node allows it for any size, on any thread) and
 *  returns the permutation, given the round constants as bigints. */
export function createPoseidon3Wasm(roundConstants: readonly (readonly bigint[])[]): Permutation {
  if (roundConstants.length !== ROUNDS || roundConstants.some((row) => row.length !== WIDTH)) throw new Error('unexpected Poseidon round constants');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(poseidonModuleBytes()), {});
  const memory = instance.exports['memory'] as WebAssembly.Memory;
  const permute = instance.exports['permute'] as () => void;
  const rc = new BigInt64Array(memory.buffer, RC_BASE, (ROUNDS + 1) * WIDTH * LIMBS);
  roundConstants.forEach((row, r) => row.forEach((k, e) => rc.set(montgomeryLimbs(k), (r * WIDTH + e) * LIMBS)));
  const io = new BigUint64Array(memory.buffer, IO, 4 * WIDTH);

  return (state) => {
    writeFelt(io, 0, state[0]!);
    writeFelt(io, 1, state[1]!);
    writeFelt(io, 2, state[2]!);
    permute();
    return [readFelt(io, 0), readFelt(io, 1), readFelt(io, 2)];
  };
}
