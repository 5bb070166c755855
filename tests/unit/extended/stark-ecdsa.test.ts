// The order path's Stark signer (stark-ecdsa.ts) against @scure/starknet's sign(), which the
// Python SDK vector in signing.test.ts pins: the same r and s, or the same error, for random keys
// and message hashes, for the RFC 6979 corner cases the fast path must follow (a first nonce
// ≥ n that needs a second candidate; a candidate whose first byte is zero, which the library's
// bits2int takes unshifted) and for the inputs it hands to the library.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bits2int, nonceCandidates, starkSign, starkSignReference } from '../../../src-core/venues/extended/signing/stark-ecdsa';

const N = 0x800000000000010ffffffffffffffffb781126dcae7b2321e66a241adc64d2fn;
const MAX_HASH = 2n ** 251n - 1n;
const hex = (d: bigint): string => '0x' + d.toString(16);
const SDK_PRIVATE_KEY = '0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986';

function outcome(f: () => { r: bigint; s: bigint }): string {
  try {
    const { r, s } = f();
    return `${r}:${s}`;
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The first message hash from `from` up whose nonce candidates satisfy `pred`. */
function findMessage(d: bigint, from: bigint, pred: (ts: Buffer[]) => boolean): bigint {
  for (let m = from; m < from + 5000n; m++) {
    const ts: Buffer[] = [];
    for (const t of nonceCandidates(m, d)) {
      ts.push(t);
      if (ts.length === 3) break;
    }
    if (pred(ts)) return m;
  }
  throw new Error('no such message in range');
}

describe('fast Stark signer', () => {
  it('equals @scure/starknet sign() on random keys and message hashes', () => {
    const key = fc.bigInt({ min: 1n, max: N - 1n });
    const msg = fc.oneof(
      fc.constantFrom(0n, 1n, 2n ** 244n, 2n ** 248n - 1n, 2n ** 248n, 2n ** 250n, MAX_HASH),
      fc.bigInt({ min: 0n, max: 2n ** 64n }),
      fc.bigInt({ min: 0n, max: MAX_HASH }),
    );
    fc.assert(
      fc.property(key, msg, (d, m) => {
        expect(starkSign(m, hex(d))).toEqual(starkSignReference(m, hex(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('follows the library when the first nonce is ≥ n and another candidate is drawn', () => {
    const d = BigInt(SDK_PRIVATE_KEY);
    const m = findMessage(d, 1000n, ([t]) => bits2int(t!) >= N);
    expect(starkSign(m, SDK_PRIVATE_KEY)).toEqual(starkSignReference(m, SDK_PRIVATE_KEY));
  });

  it('takes a candidate with a zero first byte unshifted, as the library does', () => {
    const d = BigInt(SDK_PRIVATE_KEY);
    // The first candidate that is used (< n) starts with a zero byte.
    const m = findMessage(d, 1n, (ts) => {
      const first = ts.find((t) => bits2int(t) < N);
      return first !== undefined && first[0] === 0;
    });
    const t = [...nonceCandidates(m, d)].find((c) => bits2int(c) < N)!;
    expect(bits2int(t)).toBe(BigInt('0x' + t.toString('hex')));
    expect(starkSign(m, SDK_PRIVATE_KEY)).toEqual(starkSignReference(m, SDK_PRIVATE_KEY));
  });

  it('gives the library’s answer, or its error, for keys and hashes it does not take itself', () => {
    const cases: [bigint, string][] = [
      [5n, SDK_PRIVATE_KEY.slice(2)], // no 0x prefix
      [5n, hex(N)], // key ≥ n
      [5n, hex(N + 7n)],
      [5n, '0x0'],
      [2n ** 251n, SDK_PRIVATE_KEY], // hash outside the Stark range
      [-1n, SDK_PRIVATE_KEY],
    ];
    for (const [m, key] of cases) expect(outcome(() => starkSign(m, key))).toBe(outcome(() => starkSignReference(m, key)));
  });
});
