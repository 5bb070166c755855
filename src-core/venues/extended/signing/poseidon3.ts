// Starknet's width-3 Poseidon permutation, as the Extended order hash uses it (seven per
// signature, on the path from a maker fill to the hedge order): the WebAssembly version
// (poseidon3-wasm.ts, ~9× faster) when it initialises and reproduces the BigInt reference on a
// check state, else the reference (poseidon3-reference.ts), which is correct, only slower. Both
// reduce any bigint input mod p first and return canonical values in [0, p).
import { fastOrReference } from './fast-path';
import { POSEIDON_ROUND_CONSTANTS, poseidon3Reference, STARK_PRIME } from './poseidon3-reference';
import { createPoseidon3Wasm, type Permutation } from './poseidon3-wasm';

export { poseidon3Reference, STARK_PRIME, type Permutation };

/** The candidate if it can be made and agrees with the reference on a check state (also the
 *  first calls that warm it up), else the reference. Exported for the fallback's test. */
export function selectPermutation(create: () => Permutation): Permutation {
  const check = [1n, STARK_PRIME - 2n, 3n ** 150n];
  const expected = poseidon3Reference(check);
  return fastOrReference(create, poseidon3Reference, (fast) => fast(check).every((v, i) => v === expected[i]));
}

export const poseidon3: Permutation = selectPermutation(() => createPoseidon3Wasm(POSEIDON_ROUND_CONSTANTS));
