// The JS side of how the generated Stark-field modules exchange values: each as 4 little-endian
// u64 words in linear memory (stark-field-wasm.ts emitLoadWords / emitStoreWords), written and
// read through a BigUint64Array view. These are the only BigInt operations per call.
import { STARK_PRIME } from './stark-prime';

const P = STARK_PRIME;
/** Values the 4 words hold as they are. */
export const WORDS_LIMIT = 1n << 256n;

/** The modules reduce any value below 2^256 themselves (their conversion into Montgomery form
 *  is a Montgomery product, exact for inputs up to 2^261), so only values outside [0, 2^256)
 *  are reduced here, as the BigInt reference does (((x % p) + p) % p); a value that is not a
 *  bigint throws the reference's TypeError there. */
function inWords(x: bigint): bigint {
  return typeof x === 'bigint' && x >= 0n && x < WORDS_LIMIT ? x : ((x % P) + P) % P;
}

/** Writes x (any bigint, taken mod p) as value number `slot`. A BigUint64Array element takes
 *  its value mod 2^64, so each word is one shift. */
export function writeFelt(io: BigUint64Array, slot: number, x: bigint): void {
  const v = inWords(x);
  const o = 4 * slot;
  io[o] = v;
  io[o + 1] = v >> 64n;
  io[o + 2] = v >> 128n;
  io[o + 3] = v >> 192n;
}

export function readFelt(io: BigUint64Array, slot: number): bigint {
  const o = 4 * slot;
  return io[o]! | (io[o + 1]! << 64n) | (io[o + 2]! << 128n) | (io[o + 3]! << 192n);
}
