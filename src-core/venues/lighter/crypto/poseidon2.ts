// Poseidon2 permutation and the overwrite-mode sponge Lighter hashes transactions with
// (venues.md §1.6): absorb 8 elements at a time by overwriting the rate lanes, squeeze from them.
// The state is 12 Goldilocks elements as (lo, hi) doubles; linear layers sum the halves lazily
// and reduce once per lane.
import { type Fe, normInto, setBig, mulHalvesInto, mulAddHalvesInto } from './goldilocks';
import { EXTERNAL_ROUND_CONSTANTS, INTERNAL_ROUND_CONSTANTS, INTERNAL_MATRIX_DIAGONAL } from './poseidon2-constants';

export const WIDTH = 12;
export const RATE = 8;
const ROUNDS_F_HALF = 4;
const ROUNDS_P = 22;

function table(values: readonly string[]): Float64Array {
  const t = new Float64Array(values.length * 2);
  values.forEach((v, i) => setBig(t, 2 * i, BigInt(v)));
  return t;
}

const RC_EXT = table(EXTERNAL_ROUND_CONSTANTS);
const RC_INT = table(INTERNAL_ROUND_CONSTANTS);
const DIAG = table(INTERNAL_MATRIX_DIAGONAL);

const X = new Float64Array(2);
const LIN = new Float64Array(24);

/** x ↦ x^7 on lane i. */
function sbox(s: Fe, i: number): void {
  const xl = s[i]!, xh = s[i + 1]!;
  mulHalvesInto(X, 0, xl, xh, xl, xh); // x²
  mulHalvesInto(X, 0, X[0]!, X[1]!, xl, xh); // x³
  const tl = X[0]!, th = X[1]!;
  mulHalvesInto(X, 0, tl, th, tl, th); // x⁶
  mulHalvesInto(s, i, X[0]!, X[1]!, xl, xh); // x⁷
}

/** The external matrix: each 4-lane block times M4, then every lane plus the sum of its column class. */
function externalLinear(s: Fe): void {
  // M4 rows (2,3,1,1), (1,2,3,1), (1,1,2,3), (3,1,1,2), applied to each 32-bit half separately:
  // sums stay below 2^37, so one reduction per lane at the end is exact.
  for (let half = 0; half < 2; half++) {
    for (let b = 0; b < 12; b += 4) {
      const s0 = s[2 * b + half]!, s1 = s[2 * b + 2 + half]!, s2 = s[2 * b + 4 + half]!, s3 = s[2 * b + 6 + half]!;
      const t0123 = s0 + s1 + s2 + s3;
      LIN[2 * b + half] = t0123 + s0 + 2 * s1;
      LIN[2 * b + 2 + half] = t0123 + s1 + 2 * s2;
      LIN[2 * b + 4 + half] = t0123 + s2 + 2 * s3;
      LIN[2 * b + 6 + half] = t0123 + s3 + 2 * s0;
    }
    for (let k = 0; k < 4; k++) {
      const i0 = 2 * k + half;
      const sum = LIN[i0]! + LIN[i0 + 8]! + LIN[i0 + 16]!;
      LIN[i0]! += sum;
      LIN[i0 + 8]! += sum;
      LIN[i0 + 16]! += sum;
    }
  }
  for (let i = 0; i < 24; i += 2) normInto(s, i, LIN[i]!, LIN[i + 1]!);
}

const SUM = new Float64Array(2);

/** The internal matrix: 1·1ᵀ + diag(DIAG). */
function internalLinear(s: Fe): void {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 24; i += 2) {
    lo += s[i]!;
    hi += s[i + 1]!;
  }
  normInto(SUM, 0, lo, hi);
  for (let i = 0; i < 24; i += 2) {
    mulAddHalvesInto(s, i, s[i]!, s[i + 1]!, DIAG[i]!, DIAG[i + 1]!, SUM[0]!, SUM[1]!);
  }
}

function fullRounds(s: Fe, start: number): void {
  for (let r = start; r < start + ROUNDS_F_HALF; r++) {
    const c = r * 24;
    for (let i = 0; i < 24; i += 2) {
      normInto(s, i, s[i]! + RC_EXT[c + i]!, s[i + 1]! + RC_EXT[c + i + 1]!);
      sbox(s, i);
    }
    externalLinear(s);
  }
}

/** The Poseidon2 permutation, in place on a 24-double state. */
export function permute(s: Fe): void {
  externalLinear(s);
  fullRounds(s, 0);
  for (let r = 0; r < ROUNDS_P; r++) {
    normInto(s, 0, s[0]! + RC_INT[2 * r]!, s[1]! + RC_INT[2 * r + 1]!);
    sbox(s, 0);
    internalLinear(s);
  }
  fullRounds(s, ROUNDS_F_HALF);
}

const STATE = new Float64Array(24);

/**
 * HashNToMNoPad: `input` holds n elements as (lo, hi) pairs; writes m elements to out at oi.
 * No padding, and a partial last block overwrites only the lanes it has (as the reference does).
 */
export function hashNToMNoPad(input: Fe, n: number, m: number, out: Fe, oi: number): void {
  STATE.fill(0);
  for (let i = 0; i < n; i += RATE) {
    for (let j = 0; j < RATE && i + j < n; j++) {
      STATE[2 * j] = input[2 * (i + j)]!;
      STATE[2 * j + 1] = input[2 * (i + j) + 1]!;
    }
    permute(STATE);
  }
  let produced = 0;
  for (;;) {
    for (let j = 0; j < RATE; j++) {
      out[oi + 2 * produced] = STATE[2 * j]!;
      out[oi + 2 * produced + 1] = STATE[2 * j + 1]!;
      if (++produced === m) return;
    }
    permute(STATE);
  }
}

/** HashToQuinticExtension: the first five squeezed elements, as a GF(p^5) element. */
export function hashToQuintic(input: Fe, n: number, out: Fe, oi: number): void {
  hashNToMNoPad(input, n, 5, out, oi);
}
