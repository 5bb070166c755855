// Golden tests for Extended's settlement hash and signature: the official parity vector, the
// Python SDK's signed BUY order, and our own vectors for every rounding edge.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { poseidonSmall } from '@scure/starknet';
import { poseidon3 } from '../../../src-core/venues/extended/signing/poseidon3';
import { getStarkKey } from '@scure/starknet';
import {
  DOMAIN_SELECTOR,
  EXTENDED_DOMAIN_TESTNET,
  ORDER_SELECTOR,
  STARK_PRIME,
  orderMessageHash,
  orderStructHash,
  orderStructHashReference,
  shortString,
  toFelt,
} from '../../../src-core/venues/extended/signing/order-hash';
import { settlementAmounts, settlementExpiration } from '../../../src-core/venues/extended/signing/amounts';
import { buildSignedOrder, verifyOrderSignature } from '../../../src-core/venues/extended/signing/order';

const SDK_PRIVATE_KEY = '0x7a7ff6fd3cab02ccdcd4a572563f5976f8976899b03a39773795a3c486d4986';
const BTC_L2 = {
  syntheticId: '0x4254432d3600000000000000000000',
  syntheticResolution: 1_000_000,
  collateralId: '0x31857064564ed0ff978e687456963cba09c2c6985d8f9300a1de4962fafa054',
  collateralResolution: 1_000_000,
};
const RES = 1_000_000n;

describe('selectors', () => {
  it('are the keccak of their type strings and equal the documented constants', () => {
    expect(ORDER_SELECTOR).toBe(0x36da8d51815527cabfaa9c982f564c80fa7429616739306036f1f9b608dd112n);
    expect(DOMAIN_SELECTOR).toBe(0x1ff2f602e42168014d405a94f75e8a93d640751d71d16311266e140d8b0a210n);
  });
  it('encode short strings as big-endian ASCII', () => {
    expect(shortString('Perpetuals')).toBe(0x50657270657475616c73n);
    expect(() => shortString('x'.repeat(32))).toThrow();
  });
});

describe('order message hash', () => {
  it('matches the official parity vector', () => {
    const h = orderMessageHash(
      { positionId: 100n, baseAssetId: 0x2n, baseAmount: 100n, quoteAssetId: 0x1n, quoteAmount: -156n, feeAssetId: 0x1n, feeAmount: 74n, expiration: 100n, salt: 123n },
      0x5d05989e9302dcebc74e241001e3e3ac3f4402ccf2f8e6f74b034b07ad6a904n,
      EXTENDED_DOMAIN_TESTNET,
    );
    expect('0x' + h.toString(16)).toBe('0x4de4c009e0d0c5a70a7da0e2039fb2b99f376d53496f89d9f437e736add6b48');
  });

  it('the prefix-cached sponge equals the plain Poseidon hash', () => {
    for (let i = 0; i < 20; i++) {
      const f = { positionId: BigInt(100 + (i % 3)), baseAssetId: 0x2n, baseAmount: BigInt(i * 7 - 50), quoteAssetId: 0x1n, quoteAmount: BigInt(-156 * i), feeAssetId: 0x1n, feeAmount: BigInt(i), expiration: BigInt(1000 + i), salt: BigInt(123 + i) };
      expect(orderStructHash(f)).toBe(orderStructHashReference(f));
    }
  });

  it('changes with the chain id (mainnet and testnet signatures differ)', () => {
    const fields = { positionId: 1n, baseAssetId: 2n, baseAmount: 3n, quoteAssetId: 4n, quoteAmount: -5n, feeAssetId: 4n, feeAmount: 1n, expiration: 9n, salt: 7n };
    expect(orderMessageHash(fields, 1n, EXTENDED_DOMAIN_TESTNET)).not.toBe(orderMessageHash(fields, 1n, { ...EXTENDED_DOMAIN_TESTNET, chainId: 'SN_MAIN' }));
  });

  it('wraps negative i64 as p − |x|', () => {
    expect(toFelt(-156n)).toBe(STARK_PRIME - 156n);
    expect(toFelt(156n)).toBe(156n);
    expect(() => toFelt(-(2n ** 63n) - 1n)).toThrow();
  });
});

describe('settlement amounts', () => {
  it('reproduce the Python SDK BUY vector', () => {
    expect(settlementAmounts({ side: 'BUY', qty: '0.001', price: '43445.1168', feeRate: '0.0005', syntheticResolution: RES, collateralResolution: RES })).toEqual({
      baseAmount: 1000n,
      quoteAmount: -43445117n,
      feeAmount: 21723n,
    });
  });

  it('round a BUY up and a SELL down on non-integer products', () => {
    // 0.001 × 43445.1168 × 1e6 = 43445116.8
    const buy = settlementAmounts({ side: 'BUY', qty: '0.001', price: '43445.1168', feeRate: '0', syntheticResolution: RES, collateralResolution: RES });
    const sell = settlementAmounts({ side: 'SELL', qty: '0.001', price: '43445.1168', feeRate: '0', syntheticResolution: RES, collateralResolution: RES });
    expect(buy.quoteAmount).toBe(-43445117n);
    expect(sell.quoteAmount).toBe(43445116n);
    expect(sell.baseAmount).toBe(-1000n);
  });

  it('rounds base amounts by side when qty × resolution is fractional', () => {
    const buy = settlementAmounts({ side: 'BUY', qty: '0.0000015', price: '1', feeRate: '0', syntheticResolution: RES, collateralResolution: RES });
    const sell = settlementAmounts({ side: 'SELL', qty: '0.0000015', price: '1', feeRate: '0', syntheticResolution: RES, collateralResolution: RES });
    expect(buy.baseAmount).toBe(2n);
    expect(sell.baseAmount).toBe(-1n);
  });

  it('always rounds the fee up, for both sides', () => {
    // 0.00025 × 0.003 × 3311.7 × 1e6 = 2483.775
    for (const side of ['BUY', 'SELL'] as const) {
      expect(settlementAmounts({ side, qty: '0.003', price: '3311.7', feeRate: '0.00025', syntheticResolution: 1000n, collateralResolution: RES }).feeAmount).toBe(2484n);
    }
    expect(settlementAmounts({ side: 'BUY', qty: '1', price: '1', feeRate: '0', syntheticResolution: RES, collateralResolution: RES }).feeAmount).toBe(0n);
  });

  it('handles a size step above one (PEPE-like markets)', () => {
    const a = settlementAmounts({ side: 'SELL', qty: '123000', price: '0.0000061', feeRate: '0.00025', syntheticResolution: 1n, collateralResolution: RES });
    expect(a.baseAmount).toBe(-123000n);
    expect(a.quoteAmount).toBe(750300n);
    expect(a.feeAmount).toBe(188n); // 187.575 rounded up
  });

  it('refuses negative inputs', () => {
    expect(() => settlementAmounts({ side: 'BUY', qty: '-1', price: '1', feeRate: '0', syntheticResolution: RES, collateralResolution: RES })).toThrow();
  });
});

describe('expiration', () => {
  it('adds the 14-day buffer and rounds milliseconds up to seconds', () => {
    expect(settlementExpiration(1_700_000_000_000)).toBe(1_700_000_000n + 1_209_600n);
    expect(settlementExpiration(1_700_000_000_001)).toBe(1_700_000_001n + 1_209_600n);
    expect(() => settlementExpiration(0)).toThrow();
  });
});

describe('signed order body', () => {
  const account = { vault: 10002, privateKey: SDK_PRIVATE_KEY, publicKey: getStarkKey(SDK_PRIVATE_KEY) };
  const intent = {
    externalId: 'pair-1-leg-b-1',
    market: 'BTC-USD',
    side: 'BUY' as const,
    qty: '0.001',
    price: '43445.1168',
    timeInForce: 'GTT' as const,
    postOnly: false,
    reduceOnly: false,
    expiryEpochMillis: 1705626536860,
    feeRate: '0.0005',
    nonce: 1473459052,
  };

  it('reproduces the Python SDK signature for its BUY order', () => {
    const body = buildSignedOrder(intent, BTC_L2, account, EXTENDED_DOMAIN_TESTNET);
    expect(account.publicKey).toBe('0x61c5e7e8339b7d56f197f54ea91b776776690e3232313de0f2ecbd0ef76f466');
    expect(body.settlement.signature).toEqual({
      r: '0xa55625c7d5f1b85bed22556fc805224b8363074979cf918091d9ddb1403e13',
      s: '0x504caf634d859e643569743642ccf244434322859b2421d76f853af43ae7a46',
    });
    expect(body.debuggingAmounts).toEqual({ collateralAmount: '-43445117', feeAmount: '21723', syntheticAmount: '1000' });
    expect(body.expiryEpochMillis).toBe(intent.expiryEpochMillis);
    expect(body.fee).toBe('0.0005');
  });

  it('verifies its own signature and rejects any tampered field', () => {
    const body = buildSignedOrder(intent, BTC_L2, account, EXTENDED_DOMAIN_TESTNET);
    expect(verifyOrderSignature(body, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(true);
    expect(verifyOrderSignature({ ...body, qty: '0.002' }, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(false);
    expect(verifyOrderSignature({ ...body, price: '43446' }, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(false);
    expect(verifyOrderSignature({ ...body, expiryEpochMillis: body.expiryEpochMillis + 1000 }, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(false);
    expect(verifyOrderSignature(body, BTC_L2, { ...EXTENDED_DOMAIN_TESTNET, chainId: 'SN_MAIN' })).toBe(false);
  });

  it('verifies signatures of keys of either y parity, again and alternately (the decompressed points are cached)', () => {
    const keys = ['0x1', '0x2', '0x3', '0x4', '0x5', '0x6', SDK_PRIVATE_KEY].map((k) => ({ vault: 7, privateKey: k, publicKey: getStarkKey(k) }));
    for (let round = 0; round < 2; round++) {
      for (const [i, a] of keys.entries()) {
        const body = buildSignedOrder({ ...intent, nonce: 100 + i + round }, BTC_L2, a, EXTENDED_DOMAIN_TESTNET);
        expect(verifyOrderSignature(body, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(true);
        const other = keys[(i + 1) % keys.length]!;
        expect(verifyOrderSignature({ ...body, settlement: { ...body.settlement, starkKey: other.publicKey } }, BTC_L2, EXTENDED_DOMAIN_TESTNET)).toBe(false);
      }
    }
  });

  it('refuses a nonce outside 1..2^31−1', () => {
    expect(() => buildSignedOrder({ ...intent, nonce: 0 }, BTC_L2, account, EXTENDED_DOMAIN_TESTNET)).toThrow();
    expect(() => buildSignedOrder({ ...intent, nonce: 2 ** 31 }, BTC_L2, account, EXTENDED_DOMAIN_TESTNET)).toThrow();
  });
});

describe('specialised Poseidon permutation', () => {
  it('equals @scure/starknet poseidonSmall on random and edge states', () => {
    const felt = fc.oneof(fc.constantFrom(0n, 1n, STARK_PRIME - 1n, STARK_PRIME - 2n), fc.bigInt({ min: 0n, max: STARK_PRIME - 1n }));
    fc.assert(
      fc.property(felt, felt, felt, (a, b, c) => {
        expect(poseidon3([a, b, c])).toEqual(poseidonSmall([a, b, c]));
      }),
      { numRuns: 200 },
    );
  });
});
