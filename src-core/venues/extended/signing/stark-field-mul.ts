// Stark-field (p = 2^251 + 17·2^192 + 1) multiplication in WebAssembly, through the same
// generated field code as the Poseidon module (stark-field-wasm.ts), for callers such as the
// Stark ECDSA k·G (stark-ecdsa.ts addMixed). Two ways in:
// - `mulmod(a, b)`: one product of bigints. Two Montgomery products (a·b·R⁻¹, then ·R²·R⁻¹ =
//   a·b), so nothing is converted into Montgomery form. Its BigInt glue (8 words written, 4 read)
//   costs about what a BigInt (a·b) % p does, so on its own it saves nothing;
// - registers ("slots") kept in WASM memory in Montgomery form, loosely reduced (< 2.001p):
//   `set`/`get` convert at the ends, `mul`/`add`/`sub` take slot numbers only, so a formula such
//   as addMixed (11 products) pays BigInt conversion once per value, not once per product.
import { encodeModule, FunctionBuilder, I32, I64, OP } from './wasm-emit';
import { emitCanonical, emitFold, emitLoadWords, emitMontMul, emitStoreWords, LIMBS, mulScratch, R, STARK_P, toLimbs } from './stark-field-wasm';
import { readFelt, writeFelt } from './wasm-words';

/** Memory: words in/out at 0 (2 values), slots of 9 limbs × 8 bytes from SLOT_BASE. */
const SLOT_BASE = 64;
const SLOT_BYTES = LIMBS * 8;
/** Slots available (one 64 KiB page). */
export const FIELD_SLOTS = Math.floor((65536 - SLOT_BASE) / SLOT_BYTES);

const R2 = { constant: toLimbs((R * R) % STARK_P) };
const ONE = { constant: toLimbs(1n) };

/** A function of slot-number parameters; `addr(i)` pushes the address of parameter i's slot. */
function slotFunction(params: number, emit: (f: FunctionBuilder, addr: (i: number) => void) => void): FunctionBuilder {
  const f = new FunctionBuilder(Array.from({ length: params }, () => I32));
  emit(f, (i) => {
    f.get(i).i32(SLOT_BYTES).op(OP.i32_mul).i32(SLOT_BASE).op(OP.i32_add);
  });
  return f;
}

function loadSlot(f: FunctionBuilder, addr: () => void, v: readonly number[]): void {
  for (let l = 0; l < LIMBS; l++) {
    addr();
    f.load64(8 * l).set(v[l]!);
  }
}

function storeSlot(f: FunctionBuilder, addr: () => void, v: readonly number[]): void {
  for (let l = 0; l < LIMBS; l++) {
    addr();
    f.get(v[l]!).store64(8 * l);
  }
}

function buildModule(): Uint8Array<ArrayBuffer> {
  const mulmod = new FunctionBuilder([]);
  {
    const f = mulmod;
    const [a, b, w] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS), f.locals(I64, 4)];
    const ms = mulScratch(f);
    emitLoadWords(f, 0, a, w);
    emitLoadWords(f, 32, b, w);
    emitMontMul(f, a, b, a, ms); // a·b·R⁻¹, < 2^512/R + p < 2.1p
    emitMontMul(f, a, R2, a, ms); // a·b, < 1.01p
    emitCanonical(f, a, b, ms.t);
    emitStoreWords(f, 0, a);
  }
  const toMont = slotFunction(1, (f, addr) => {
    const [v, w] = [f.locals(I64, LIMBS), f.locals(I64, 4)];
    emitLoadWords(f, 0, v, w);
    emitMontMul(f, v, R2, v, mulScratch(f)); // x·R mod p, < 1.1p for x < 2^256
    storeSlot(f, () => addr(0), v);
  });
  const fromMont = slotFunction(1, (f, addr) => {
    const [v, u] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS)];
    const ms = mulScratch(f);
    loadSlot(f, () => addr(0), v);
    emitMontMul(f, v, ONE, v, ms);
    emitCanonical(f, v, u, ms.t);
    emitStoreWords(f, 0, v);
  });
  const mul = slotFunction(3, (f, addr) => {
    const [a, b] = [f.locals(I64, LIMBS), f.locals(I64, LIMBS)];
    loadSlot(f, () => addr(1), a);
    loadSlot(f, () => addr(2), b);
    emitMontMul(f, a, b, a, mulScratch(f)); // < (2.001p)²/R + p < 1.005p
    storeSlot(f, () => addr(0), a);
  });
  const linear = (sign: typeof OP.i64_add | typeof OP.i64_sub): FunctionBuilder =>
    slotFunction(3, (f, addr) => {
      const v = f.locals(I64, LIMBS);
      const [t, d] = [f.local(I64), f.local(I64)];
      for (let l = 0; l < LIMBS; l++) {
        addr(1);
        f.load64(8 * l);
        addr(2);
        f.load64(8 * l).op(sign).set(v[l]!);
      }
      emitFold(f, v, t, d); // (−2.1p, 4.1p) → (0, 2.001p)
      storeSlot(f, () => addr(0), v);
    });
  return encodeModule(
    [
      { name: 'mulmod', fn: mulmod },
      { name: 'toMont', fn: toMont },
      { name: 'fromMont', fn: fromMont },
      { name: 'mul', fn: mul },
      { name: 'add', fn: linear(OP.i64_add) },
      { name: 'sub', fn: linear(OP.i64_sub) },
    ],
    1,
  );
}

export interface StarkFieldWasm {
  /** a·b mod p in [0, p), for any bigints (values outside [0, 2^256) are reduced first). */
  mulmod(a: bigint, b: bigint): bigint;
  /** Slot ← x mod p (any bigint), in Montgomery form. */
  set(slot: number, x: bigint): void;
  /** The value of a slot, in [0, p). */
  get(slot: number): bigint;
  /** dst ← a·b, dst ← a + b, dst ← a − b (mod p); dst may be a or b. */
  mul(dst: number, a: number, b: number): void;
  add(dst: number, a: number, b: number): void;
  sub(dst: number, a: number, b: number): void;
}

type SlotOp = (dst: number, a: number, b: number) => void;

export function createStarkFieldWasm(): StarkFieldWasm {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(buildModule()), {});
  const ex = instance.exports;
  const io = new BigUint64Array((ex['memory'] as WebAssembly.Memory).buffer, 0, 8);
  const mulmod = ex['mulmod'] as () => void;
  const toMont = ex['toMont'] as (slot: number) => void;
  const fromMont = ex['fromMont'] as (slot: number) => void;
  // A slot number outside the memory would read or write past the slots: refused here, since
  // WASM would only trap at the page's end.
  const check = (...slots: number[]): void => {
    for (const s of slots) if (!Number.isInteger(s) || s < 0 || s >= FIELD_SLOTS) throw new RangeError(`no field slot ${s}`);
  };
  const op = (f: SlotOp): SlotOp => (dst, a, b) => {
    check(dst, a, b);
    f(dst, a, b);
  };
  return {
    mulmod(a, b) {
      writeFelt(io, 0, a);
      writeFelt(io, 1, b);
      mulmod();
      return readFelt(io, 0);
    },
    set(slot, x) {
      check(slot);
      writeFelt(io, 0, x);
      toMont(slot);
    },
    get(slot) {
      check(slot);
      fromMont(slot);
      return readFelt(io, 0);
    },
    mul: op(ex['mul'] as SlotOp),
    add: op(ex['add'] as SlotOp),
    sub: op(ex['sub'] as SlotOp),
  };
}
