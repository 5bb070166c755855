// Starknet's width-3 Poseidon permutation (Hades: x³ S-box, 8 full + 83 partial rounds, MDS
// [[3,1,1],[1,−1,1],[1,1,−2]]) in BigInt, specialised: the MDS is additions only and each element
// is reduced once per round. Same output as @scure/starknet's poseidonSmall, whose round
// constants it uses (the unit test checks equality on random states); about twice as fast as it.
// Kept as the reference for the WebAssembly permutation (poseidon3-wasm.ts) and as its fallback.
import { poseidonSmall } from '@scure/starknet';
import { STARK_PRIME } from './stark-prime';

export { STARK_PRIME };
const P = STARK_PRIME;
export const POSEIDON_ROUND_CONSTANTS: readonly (readonly bigint[])[] = (poseidonSmall as unknown as { roundConstants: bigint[][] }).roundConstants;
const RC = POSEIDON_ROUND_CONSTANTS;
const HALF_FULL = 4;
const PARTIAL = 83;

if (RC.length !== 2 * HALF_FULL + PARTIAL) throw new Error('unexpected Poseidon round constants');

/** Reduces a value in (−3P, 6P) by conditional steps: cheaper than a BigInt division. */
function red(x: bigint): bigint {
  while (x >= P) x -= P;
  while (x < 0n) x += P;
  return x;
}

export function poseidon3Reference(state: readonly bigint[]): bigint[] {
  let a = ((state[0]! % P) + P) % P, b = ((state[1]! % P) + P) % P, c = ((state[2]! % P) + P) % P;
  for (let r = 0; r < RC.length; r++) {
    const k = RC[r]!;
    const full = r < HALF_FULL || r >= HALF_FULL + PARTIAL;
    let x = a + k[0]!, y = b + k[1]!, z = c + k[2]!;
    if (full) {
      x = (x * x * x) % P;
      y = (y * y * y) % P;
    }
    z = (z * z * z) % P; // partial rounds: the S-box on the last element only (reversed index)
    a = red(3n * x + y + z);
    b = red(x - y + z);
    c = red(x + y - 2n * z);
  }
  return [a, b, c];
}
