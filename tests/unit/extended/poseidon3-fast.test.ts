// The WebAssembly Poseidon permutation (poseidon3-wasm.ts, exported as poseidon3) against the
// BigInt reference: random states of every magnitude, edge values, chained outputs, a worker
// thread, and the fallback to the reference when the fast path cannot start.
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poseidon3, poseidon3Reference, selectPermutation, STARK_PRIME } from '../../../src-core/venues/extended/signing/poseidon3';
import { POSEIDON_ROUND_CONSTANTS } from '../../../src-core/venues/extended/signing/poseidon3-reference';
import { createPoseidon3Wasm } from '../../../src-core/venues/extended/signing/poseidon3-wasm';
import { seeded, wide } from './seeded-bigints';

const P = STARK_PRIME;

/** Random values of every kind the callers can pass: canonical, in [p, 2p) (the sponge adds
 *  without reducing), up to 2^256 and beyond, negative. */
function randomValue(next: () => bigint): bigint {
  const w = wide(next);
  switch (Number(next() % 6n)) {
    case 0:
      return w % P;
    case 1:
      return P + (w % P);
    case 2:
      return w; // [0, 2^256)
    case 3:
      return -(w % (4n * P));
    case 4:
      return (w << 64n) | next(); // up to 2^320
    default:
      return next() % 1000n; // small
  }
}

function edgeValues(): bigint[] {
  return [0n, 1n, 2n, P - 1n, P, P + 1n, 2n * P - 1n, 2n * P, 2n ** 251n, 2n ** 252n, 2n ** 256n - 1n, 2n ** 256n, 2n ** 256n + 1n, -1n, -P, -P - 1n, -(2n ** 256n), 3n ** 700n];
}

describe('poseidon3 (WebAssembly) equals the BigInt reference', () => {
  it('is the fast permutation, not the fallback', () => {
    expect(poseidon3).not.toBe(poseidon3Reference);
  });

  it('on 2,000 random states of every magnitude and sign', () => {
    const next = seeded(20261207n);
    for (let i = 0; i < 2000; i++) {
      const state = [randomValue(next), randomValue(next), randomValue(next)];
      expect(poseidon3(state), `state ${state.join(', ')}`).toEqual(poseidon3Reference(state));
    }
  });

  it('on every combination of edge values, with outputs canonical', () => {
    const edges = edgeValues();
    const thirds = [0n, P - 1n, P, -1n, 2n ** 256n, 3n ** 700n];
    for (const a of edges) {
      for (const b of edges) {
        for (const c of thirds) {
          const out = poseidon3([a, b, c]);
          expect(out, `state ${a}, ${b}, ${c}`).toEqual(poseidon3Reference([a, b, c]));
          for (const v of out) expect(v >= 0n && v < P).toBe(true);
        }
      }
    }
  });

  it('chained: each output fed back as the next input, 200 times', () => {
    let fast = [P - 1n, 0n, 1n];
    let ref = fast;
    for (let i = 0; i < 200; i++) {
      fast = poseidon3(fast);
      ref = poseidon3Reference(ref);
      expect(fast, `step ${i}`).toEqual(ref);
    }
  });

  it('does not keep its input and returns a new array each call', () => {
    const state = [5n, 6n, 7n];
    const first = poseidon3(state);
    expect(state).toEqual([5n, 6n, 7n]);
    const again = poseidon3(state);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('refuses what the reference refuses: a missing element or a non-bigint', () => {
    expect(() => poseidon3Reference([1n, 2n])).toThrow(TypeError);
    expect(() => poseidon3([1n, 2n])).toThrow(TypeError);
    const numbers = [1, 2, 3] as unknown as bigint[];
    expect(() => poseidon3Reference(numbers)).toThrow(TypeError);
    expect(() => poseidon3(numbers)).toThrow(TypeError);
    const strings = ['1', '2', '3'] as unknown as bigint[];
    expect(() => poseidon3Reference(strings)).toThrow(TypeError);
    expect(() => poseidon3(strings)).toThrow(TypeError);
  });

  it('refuses round constants of the wrong shape', () => {
    expect(() => createPoseidon3Wasm(POSEIDON_ROUND_CONSTANTS.slice(1))).toThrow(/round constants/);
    expect(() => createPoseidon3Wasm(POSEIDON_ROUND_CONSTANTS.map((r) => r.slice(0, 2)))).toThrow(/round constants/);
  });

  it('runs in a worker thread', async () => {
    const tsx = require.resolve('tsx/cjs');
    const module = join(__dirname, '../../../src-core/venues/extended/signing/poseidon3');
    const code = `require(${JSON.stringify(tsx)});
      const { poseidon3, poseidon3Reference } = require(${JSON.stringify(module)});
      const out = poseidon3([11n, 22n, 33n]);
      require('node:worker_threads').parentPort.postMessage({ fast: poseidon3 !== poseidon3Reference, out });`;
    const worker = new Worker(code, { eval: true });
    try {
      const msg = await new Promise<{ fast: boolean; out: bigint[] }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(msg).toEqual({ fast: true, out: poseidon3Reference([11n, 22n, 33n]) });
    } finally {
      await worker.terminate();
    }
  });
});

describe('selectPermutation', () => {
  it('falls back to the reference when the fast path cannot start', () => {
    expect(
      selectPermutation(() => {
        throw new Error('no WebAssembly');
      }),
    ).toBe(poseidon3Reference);
  });

  it('falls back to the reference when the fast path disagrees with it', () => {
    expect(selectPermutation(() => (s) => poseidon3Reference(s).map((v, i) => (i === 2 ? v ^ 1n : v)))).toBe(poseidon3Reference);
  });

  it('keeps a candidate that agrees', () => {
    const candidate = createPoseidon3Wasm(POSEIDON_ROUND_CONSTANTS);
    expect(selectPermutation(() => candidate)).toBe(candidate);
  });
});
