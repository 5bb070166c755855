// A minimal WebAssembly binary encoder (WebAssembly Core Specification 1.0, §5 "Binary Format"):
// just what the generated Stark-field modules (poseidon3-wasm.ts, stark-kg-wasm.ts) need, i.e. one exported memory and exported functions over i32/i64
// with straight-line code and loops. The module's bytes are generated at load time from this
// TypeScript so no opaque .wasm blob is committed and no dependency is added; the generator
// is what a reviewer reads.

/** Value types (§5.3.1). */
export const I32 = 0x7f;
export const I64 = 0x7e;
export type ValType = typeof I32 | typeof I64;

/** The opcodes used (§5.4). */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br_if: 0x0d,
  select: 0x1b,
  local_get: 0x20,
  local_set: 0x21,
  local_tee: 0x22,
  i64_load: 0x29,
  i32_load8_u: 0x2d,
  i64_store: 0x37,
  i32_const: 0x41,
  i64_const: 0x42,
  i32_eqz: 0x45,
  i32_ne: 0x47,
  i64_eqz: 0x50,
  i64_ge_s: 0x59,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_mul: 0x6c,
  i32_or: 0x72,
  i64_add: 0x7c,
  i64_sub: 0x7d,
  i64_mul: 0x7e,
  i64_and: 0x83,
  i64_or: 0x84,
  i64_shl: 0x86,
  i64_shr_s: 0x87,
  i64_shr_u: 0x88,
} as const;

/** Unsigned LEB128 (§5.2.2), for sizes, counts and indices. */
export function uleb(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`uleb: ${n}`);
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** Signed LEB128 (§5.2.2), for i32.const / i64.const immediates. */
export function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n; // arithmetic: the sign is kept
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** The few i64 immediates (masks, shifts, limbs of p) recur thousands of times. */
const slebCache = new Map<bigint, number[]>();

/** A growable byte buffer: the generated code is tens of thousands of bytes, and number[]
 *  concatenation (spread, flat, push per element) made generating the module take ~20 ms. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  length = 0;

  push(b: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = b;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** A function body under construction: locals are declared up front, code is appended. */
export class FunctionBuilder {
  private readonly code = new ByteSink();
  private readonly localTypes: ValType[] = [];

  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[] = []) {}

  /** A new local's index (parameters come first in the index space). */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  locals(type: ValType, count: number): number[] {
    return Array.from({ length: count }, () => this.local(type));
  }

  op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  /** An opcode and one unsigned immediate, without building arrays (the hot path of the
   *  generator: tens of thousands of local.get / local.set). */
  private opIndex(opcode: number, i: number): this {
    this.code.push(opcode);
    if (i < 0x80) this.code.push(i);
    else for (const b of uleb(i)) this.code.push(b);
    return this;
  }

  get(i: number): this {
    return this.opIndex(OP.local_get, i);
  }

  set(i: number): this {
    return this.opIndex(OP.local_set, i);
  }

  tee(i: number): this {
    return this.opIndex(OP.local_tee, i);
  }

  i32(v: number): this {
    return this.op(OP.i32_const, ...sleb(BigInt(v)));
  }

  i64(v: bigint | number): this {
    const key = BigInt(v);
    let enc = slebCache.get(key);
    if (enc === undefined) slebCache.set(key, (enc = sleb(key)));
    return this.op(OP.i64_const, ...enc);
  }

  /** i64.load with the address on the stack; memarg = alignment 2^3, static offset. */
  load64(offset: number): this {
    return this.op(OP.i64_load, 3, ...uleb(offset));
  }

  /** i32.load8_u with the address on the stack (alignment 1). */
  load8(offset: number): this {
    return this.op(OP.i32_load8_u, 0, ...uleb(offset));
  }

  /** i64.store with address then value on the stack. */
  store64(offset: number): this {
    return this.op(OP.i64_store, 3, ...uleb(offset));
  }

  /** Encoded body (§5.5.13 "code"): its size, local declarations run-length grouped, the code,
   *  `end`. */
  body(): Uint8Array[] {
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const decl = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n), t])];
    const code = this.code.bytes();
    return [Uint8Array.from(uleb(decl.length + code.length + 1)), Uint8Array.from(decl), code, Uint8Array.of(OP.end)];
  }
}

type Part = readonly number[] | Uint8Array;

function size(parts: readonly Part[]): number {
  return parts.reduce((n, p) => n + p.length, 0);
}

function section(id: number, content: readonly Part[]): Part[] {
  return [[id, ...uleb(size(content))], ...content];
}

function vec(items: readonly (readonly Part[])[]): Part[] {
  return [uleb(items.length), ...items.flat()];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

export interface ExportedFunction {
  readonly name: string;
  readonly fn: FunctionBuilder;
}

/** A module with one memory of `memoryPages` × 64 KiB exported as "memory", and the functions
 *  exported under their names (§5.5: type, function, memory, export and code sections). */
export function encodeModule(functions: readonly ExportedFunction[], memoryPages: number): Uint8Array<ArrayBuffer> {
  const types = functions.map(({ fn }) => [[0x60, ...uleb(fn.params.length), ...fn.params, ...uleb(fn.results.length), ...fn.results]]);
  const parts: Part[] = [
    [0x00, 0x61, 0x73, 0x6d], // "\0asm"
    [0x01, 0x00, 0x00, 0x00], // version 1
    ...section(1, vec(types)),
    ...section(3, vec(functions.map((_, i) => [uleb(i)]))),
    ...section(5, vec([[[0x00, ...uleb(memoryPages)]]])),
    ...section(7, vec([[[...name('memory'), 0x02, 0x00]], ...functions.map((f, i) => [[...name(f.name), 0x00, ...uleb(i)]])])),
    ...section(10, vec(functions.map(({ fn }) => fn.body()))),
  ];
  const out = new Uint8Array(size(parts));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
