// Stark ECDSA signing on the order path, bit-for-bit the signature @scure/starknet's sign() makes
// (its RFC 6979 nonce, its Stark truncation rules, high s kept), only faster: @scure/starknet
// 2.4.0 took ~1.1 ms a signature (2026-12-02, exec.bench.ts), a third of it its HMAC-DRBG in JS
// sha256 and most of the rest a generic wNAF k·G with dummy additions. Here:
// - the RFC 6979 HMAC-DRBG (RFC 6979 §3.2 steps b–h, as noble-curves' createHmacDrbg runs it)
//   uses node:crypto's native HMAC-SHA256;
// - k·G sums 32 affine points from a fixed-base table of j·2^(8i)·G (Jacobian + affine additions),
//   in WebAssembly (stark-kg-wasm.ts, ~10× faster) when it starts and reproduces this file's
//   BigInt sum on check scalars, else in BigInt (`baseSumReference`, also the tests' reference);
// - s = k⁻¹(m + r·d) and the wrapper's check of s⁻¹ < 2^251 share one inversion mod n, and the
//   affine x one inversion mod p; both inversions are blinded by a random factor (the result does
//   not depend on it), as noble-curves blinds its k⁻¹ against loop-count timing (Minerva).
// Whatever this path does not cover (a key or hash outside the plain range, a point sum meeting
// a doubling or the point at infinity) is handed to @scure/starknet's sign(), so the result, or
// the error, is always the library's. The unit test compares both on random keys and messages.
import { createHmac, randomBytes } from 'node:crypto';
import { sign as scureSign } from '@scure/starknet';
import { fastOrReference } from './fast-path';
import { type BaseSum, createBaseSumWasm, DIGITS, type JacobianSum, WINDOW_BITS, WINDOWS } from './stark-kg-wasm';
import { STARK_PRIME } from './stark-prime';

/** Stark curve (y² = x³ + x + β over p), its order n and generator (docs.starkware.co stark-curve). */
const P = STARK_PRIME;
const N = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
const GX = 874739451078007766457464989774322083649278607533249481151382481072868806602n;
const GY = 152666792071518830868575557812948353041420400780739481342941381225525861407n;
/** Bound of message hashes and r in Stark signatures (@scure/starknet MAX_VALUE). */
const MAX_VALUE = 2n ** 251n;

export interface StarkSignature {
  readonly r: bigint;
  readonly s: bigint;
}

/** Thrown inside the fast path for a case it leaves to @scure/starknet. */
class Delegate extends Error {}

function mod(x: bigint, m: bigint): bigint {
  const r = x % m;
  return r < 0n ? r + m : r;
}

/** Extended Euclid (as noble-curves' invert), for a ≠ 0 mod a prime m. */
function invert(a: bigint, m: bigint): bigint {
  let b = m;
  let x = 0n;
  let u = 1n;
  a = mod(a, m);
  while (a !== 0n) {
    const q = b / a;
    const r = b - a * q;
    const t = x - u * q;
    b = a;
    a = r;
    x = u;
    u = t;
  }
  if (b !== 1n) throw new Delegate('not invertible');
  return mod(x, m);
}

/** A random factor in [1, n−1] (48 bytes reduced: negligible bias; it only blinds). */
function blind(m: bigint): bigint {
  return (BigInt('0x' + randomBytes(48).toString('hex')) % (m - 1n)) + 1n;
}

type Jacobian = { x: bigint; y: bigint; z: bigint };

/** Jacobian + affine (add-1998-cmo-2, mixed); coordinates are kept in (−p, p). */
function addMixed(p: Jacobian, qx: bigint, qy: bigint): void {
  const z1z1 = (p.z * p.z) % P;
  const u2 = (qx * z1z1) % P;
  const s2 = (((qy * p.z) % P) * z1z1) % P;
  const h = (u2 - p.x) % P;
  const r = (s2 - p.y) % P;
  // Equal x: a doubling or the point at infinity, which the table's sums never meet for k < n
  // but are left to the library rather than assumed.
  if (h === 0n) throw new Delegate('doubling or infinity in k·G');
  const hh = (h * h) % P;
  const hhh = (h * hh) % P;
  const v = (p.x * hh) % P;
  const x3 = (r * r - hhh - 2n * v) % P;
  p.y = (r * (v - x3) - p.y * hhh) % P;
  p.x = x3;
  p.z = (p.z * h) % P;
}

/** table[i][j − 1] = j·2^(8i)·G, affine, as flat [x, y] pairs. */
let table: bigint[][] | null = null;

function doubleAffine(x: bigint, y: bigint): [bigint, bigint] {
  // λ = (3x² + a) / 2y with a = 1
  const l = mod((3n * x * x + 1n) * invert(2n * y, P), P);
  const x3 = mod(l * l - 2n * x, P);
  return [x3, mod(l * (x - x3) - y, P)];
}

function buildTable(): bigint[][] {
  const out: bigint[][] = [];
  let bx = GX;
  let by = GY;
  for (let i = 0; i < WINDOWS; i++) {
    // j·B for j = 1..255 in Jacobian form, then one batch inversion (Montgomery's trick).
    const pts: Jacobian[] = [{ x: bx, y: by, z: 1n }];
    for (let j = 2; j <= DIGITS; j++) {
      const q = { ...pts[j - 2]! };
      if (j === 2) {
        const [dx, dy] = doubleAffine(bx, by);
        q.x = dx;
        q.y = dy;
        q.z = 1n;
      } else addMixed(q, bx, by);
      pts.push(q);
    }
    const prefix: bigint[] = [];
    let acc = 1n;
    for (const q of pts) {
      prefix.push(acc);
      acc = mod(acc * q.z, P);
    }
    let inv = invert(acc, P);
    const flat: bigint[] = new Array<bigint>(2 * DIGITS);
    for (let j = pts.length - 1; j >= 0; j--) {
      const q = pts[j]!;
      const zi = mod(inv * prefix[j]!, P);
      inv = mod(inv * q.z, P);
      const zi2 = (zi * zi) % P;
      flat[2 * j] = mod(q.x * zi2, P);
      flat[2 * j + 1] = mod(q.y * zi2 * zi, P);
    }
    out.push(flat);
    // Next window's base: 2^8·B.
    for (let d = 0; d < WINDOW_BITS; d++) [bx, by] = doubleAffine(bx, by);
  }
  return out;
}

/** The k·G table, built on first use (exported for the tests, which build candidate sums). */
export function baseTable(): readonly (readonly bigint[])[] {
  return (table ??= buildTable());
}

/** Builds the k·G table (~0.1 s) and the WebAssembly sum ahead of the first signature, so
 *  neither is on an order's path. */
export function warmUpStarkSigner(): void {
  kgSum();
}

/** The Jacobian sum of the table points k's bytes select (0 ≤ k < 2^256), coordinates in
 *  [0, p); null where an addition meets equal x (a doubling or infinity) or k has no nonzero
 *  byte, the cases the signature leaves to @scure/starknet. The BigInt path, kept as the
 *  reference of the WebAssembly one and as its fallback. */
export function baseSumReference(k: bigint): JacobianSum | null {
  const t = baseTable();
  let acc: Jacobian | null = null;
  for (let i = 0; i < WINDOWS; i++) {
    const j = Number((k >> BigInt(WINDOW_BITS * i)) & BigInt(DIGITS));
    if (j === 0) continue;
    const w = t[i]!;
    const qx = w[2 * (j - 1)]!;
    const qy = w[2 * (j - 1) + 1]!;
    if (acc === null) acc = { x: qx, y: qy, z: 1n };
    else {
      try {
        addMixed(acc, qx, qy);
      } catch (e) {
        if (e instanceof Delegate) return null;
        throw e;
      }
    }
  }
  return acc === null ? null : { x: mod(acc.x, P), y: mod(acc.y, P), z: mod(acc.z, P) };
}

/** Scalars the WebAssembly sum must reproduce before it is used: the ends of [1, n−1], byte
 *  patterns, a dense k, and k = n (whose last addition meets the point at infinity). */
const CHECK_SCALARS = [1n, 255n, 256n, 2n ** 248n - 1n, N - 1n, 3n ** 150n % N, N];

function sameSum(a: JacobianSum | null, b: JacobianSum | null): boolean {
  return a === null || b === null ? a === b : a.x === b.x && a.y === b.y && a.z === b.z;
}

/** The candidate if it can be made and agrees with the BigInt sum on the check scalars (also
 *  its first, warming calls), else the BigInt sum. Exported for the fallback's test. */
export function selectBaseSum(create: () => BaseSum): BaseSum {
  return fastOrReference(create, baseSumReference, (fast) => CHECK_SCALARS.every((k) => sameSum(fast(k), baseSumReference(k))));
}

let selectedSum: BaseSum | null = null;

/** The k·G sum in use (exported so the tests can see which one was selected). */
export function kgSum(): BaseSum {
  return (selectedSum ??= selectBaseSum(() => createBaseSumWasm(baseTable())));
}

/** Affine x of k·G, for 1 ≤ k < n. */
function baseMulX(k: bigint): bigint {
  const acc = kgSum()(k);
  if (acc === null) throw new Delegate('doubling, infinity or k = 0 in k·G');
  const beta = blind(P);
  const zi = (invert(acc.z * beta, P) * beta) % P;
  return mod(acc.x * ((zi * zi) % P), P);
}

function hmac(key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

const BYTE0 = Buffer.from([0]);
const BYTE1 = Buffer.from([1]);

function int32(x: bigint): Buffer {
  return Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
}

/** @scure/starknet's bits2int: leading zero bytes stripped, then the leftmost 252 bits (so a T
 *  with a zero first byte is taken whole, not shifted). */
export function bits2int(t: Buffer): bigint {
  let i = 0;
  while (i < t.length && t[i] === 0) i++;
  const len = t.length - i;
  if (len === 0) return 0n;
  const num = BigInt('0x' + t.subarray(i).toString('hex'));
  const delta = len * 8 - 252;
  return delta > 0 ? num >> BigInt(delta) : num;
}

/** The RFC 6979 candidate outputs T for message m and key d, in order (exported for the tests);
 *  each gives the nonce k = bits2int(T).
 *  RFC 6979 §3.2: V = 0x01…, K = 0x00…; K = HMAC_K(V‖0x00‖int2octets(d)‖int2octets(m)),
 *  V = HMAC_K(V), the same with 0x01; then each candidate is T = V = HMAC_K(V), and between
 *  candidates K = HMAC_K(V‖0x00), V = HMAC_K(V) (noble-curves createHmacDrbg, 1,000 at most). */
export function* nonceCandidates(m: bigint, d: bigint): Generator<Buffer, void, undefined> {
  const seed = Buffer.concat([int32(d), int32(m)]);
  let v: Buffer = Buffer.alloc(32, 1);
  let k: Buffer = Buffer.alloc(32, 0);
  k = hmac(k, v, BYTE0, seed);
  v = hmac(k, v);
  k = hmac(k, v, BYTE1, seed);
  v = hmac(k, v);
  for (let i = 0; i < 1000; i++) {
    v = hmac(k, v);
    yield v;
    k = hmac(k, v, BYTE0);
    v = hmac(k, v);
  }
}

function signFast(m: bigint, d: bigint): StarkSignature {
  for (const t of nonceCandidates(m, d)) {
    const sig = fromNonce(bits2int(t), m, d);
    if (sig !== null) return sig;
  }
  throw new Delegate('drbg: too many tries');
}

/** r = (k·G).x mod n, s = k⁻¹(m + r·d) mod n; null where noble-curves would draw another k. */
function fromNonce(k: bigint, m: bigint, d: bigint): StarkSignature | null {
  if (k <= 0n || k >= N) return null;
  const r = baseMulX(k) % N;
  if (r === 0n) return null;
  const t = (m + r * d) % N;
  if (t === 0n) return null; // s = 0
  // One blinded inversion: I = (b·k·t)⁻¹, so s = t·k⁻¹ = b·t²·I and s⁻¹ = k·t⁻¹ = b·k²·I.
  const b = blind(N);
  const i = invert((((b * k) % N) * t) % N, N);
  const bi = (b * i) % N;
  const s = (((t * t) % N) * bi) % N;
  const w = (((k * k) % N) * bi) % N;
  // @scure/starknet's checkSignature: it throws rather than draw another k.
  if (r >= MAX_VALUE || w >= MAX_VALUE) throw new Delegate('signature out of the Stark range');
  return { r, s };
}

/** The private key as a scalar if it is plain hex in [1, n−1]; otherwise null (the library
 *  decides). Parsed per call (~1 µs), so no module keeps a copy of the key. */
function scalarOf(privateKey: string): bigint | null {
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(privateKey)) return null;
  const d = BigInt(privateKey);
  return d > 0n && d < N ? d : null;
}

/** Signs a Stark message hash (a field element) with a hex private key: the signature
 *  @scure/starknet's sign('0x' + hash.toString(16), privateKey) returns, or its error. */
export function starkSign(msgHash: bigint, privateKey: string): StarkSignature {
  const d = scalarOf(privateKey);
  if (d !== null && msgHash >= 0n && msgHash < MAX_VALUE) {
    try {
      return signFast(msgHash, d);
    } catch (e) {
      if (!(e instanceof Delegate)) throw e;
    }
  }
  const sig = scureSign('0x' + msgHash.toString(16), privateKey);
  return { r: sig.r, s: sig.s };
}

/** The library's own signature, for the parity test. */
export function starkSignReference(msgHash: bigint, privateKey: string): StarkSignature {
  const sig = scureSign('0x' + msgHash.toString(16), privateKey);
  return { r: sig.r, s: sig.s };
}
