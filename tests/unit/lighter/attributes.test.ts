// L2TxAttributes and ModifyOrder, held against lighter-go HEAD's algorithm derived by hand here
// (the pinned reference WASM knows neither). The derivation, from types/txtypes/tx_attributes.go:
//   1. keep the entries whose value is not the key's nil value; sort their keys ascending;
//   2. pad to NbAttributesPerTx = 4 slots with key 0, value 0;
//   3. attrHash = HashToQuinticExtension([k1, v1, k2, v2, k3, v3, k4, v4]);
//   4. signed hash = HashToQuinticExtension([fieldHash0..4, attrHash0..4]); with no non-nil entry
//      it is fieldHash itself.
// Each test rebuilds the element lists with its own code and only borrows the Poseidon2 sponge,
// which the golden and published-vector tests pin.
import { describe, expect, it } from 'vitest';
import { setSafeInt } from '../../../src-core/venues/lighter/crypto/goldilocks';
import { hashToQuintic } from '../../../src-core/venues/lighter/crypto/poseidon2';
import { fp5ToBytes } from '../../../src-core/venues/lighter/crypto/fp5';
import { verify } from '../../../src-core/venues/lighter/crypto/schnorr';
import { cancelAllTx, cancelOrderTx, createOrderTx, modifyOrderTx, txHash, txHashHex, txInfoJson, type TxCommon } from '../../../src-core/venues/lighter/signer/tx-info';
import { LighterSigner } from '../../../src-core/venues/lighter/signer/signer';
import { NIL_MARKET_INDEX, TX_ATTRIBUTE, TX_TYPE } from '../../../src-core/venues/lighter/constants';

const c: TxCommon = { chainId: 304, accountIndex: 77, apiKeyIndex: 3, nonce: 12, expiredAt: 1_800_000_000_000 };

/** HashToQuinticExtension over plain integers. */
function h(values: readonly number[]): Float64Array {
  const e = new Float64Array(values.length * 2);
  values.forEach((v, i) => setSafeInt(e, 2 * i, v));
  const out = new Float64Array(10);
  hashToQuintic(e, values.length, out, 0);
  return out;
}
/** HashToQuinticExtension over two GF(p^5) hashes, element by element. */
function h2(a: Float64Array, b: Float64Array): Float64Array {
  const e = new Float64Array(20);
  e.set(a, 0);
  e.set(b, 10);
  const out = new Float64Array(10);
  hashToQuintic(e, 10, out, 0);
  return out;
}
const hex = (x: Float64Array) => Buffer.from(fp5ToBytes(x, 0)).toString('hex');
const cancelAllFields = [c.chainId, 16, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, 0, 0];

describe('L2TxAttributes hash (hand-derived from lighter-go tx_attributes.go)', () => {
  it('folds one attribute: H(fieldHash ‖ H([5, 3, 0, 0, 0, 0, 0, 0]))', () => {
    const expected = h2(h(cancelAllFields), h([5, 3, 0, 0, 0, 0, 0, 0]));
    expect(hex(txHash(cancelAllTx(c, 0, 0, { [TX_ATTRIBUTE.cancelAllMarketIndex]: 3 })))).toBe(hex(expected));
    expect(hex(expected)).not.toBe(hex(h(cancelAllFields)));
  });

  it('sorts keys ascending whatever the insertion order and skips nil-valued entries', () => {
    const fields = [c.chainId, 15, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, 1, 42];
    const expected = hex(h2(h(fields), h([4, 1, 6, 2, 0, 0, 0, 0])));
    expect(hex(txHash(cancelOrderTx(c, 1, 42, { 6: 2, 4: 1 })))).toBe(expected);
    expect(hex(txHash(cancelOrderTx(c, 1, 42, { 4: 1, 6: 2, 7: 0 })))).toBe(expected); // 7 = 0 is its nil value
    expect(hex(txHash(cancelOrderTx(c, 1, 42, { 6: 2 })))).not.toBe(expected);
  });

  it('fills all four slots when four attributes are set', () => {
    const order = { marketIndex: 2, clientOrderIndex: 9, baseAmount: 100, price: 2_500, isAsk: true, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0, orderExpiry: 1_900_000_000_000 };
    const fields = [c.chainId, 14, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, 2, 9, 100, 2_500, 1, 0, 1, 0, 0, 1_900_000_000_000];
    const attrs = { 1: 555, 2: 100, 3: 50, 4: 1 };
    expect(hex(txHash(createOrderTx(c, order, attrs)))).toBe(hex(h2(h(fields), h([1, 555, 2, 100, 3, 50, 4, 1]))));
  });

  it('leaves the hash unchanged for an empty map or one whose entries are all nil', () => {
    const plain = hex(h(cancelAllFields));
    expect(hex(txHash(cancelAllTx(c, 0, 0)))).toBe(plain);
    expect(hex(txHash(cancelAllTx(c, 0, 0, {})))).toBe(plain);
    expect(hex(txHash(cancelAllTx(c, 0, 0, { [TX_ATTRIBUTE.cancelAllMarketIndex]: NIL_MARKET_INDEX, [TX_ATTRIBUTE.selfTradeBehaviorMode]: 0 })))).toBe(plain);
  });

  it('refuses what lighter-go refuses', () => {
    const bad: Record<number, number>[] = [
      { 9: 1 }, // unknown key
      { 0: 1 },
      { 1: 5, 2: 1, 3: 1, 4: 1, 6: 0 }, // five entries
      { 4: 0 }, // skip-nonce must be 1
      { 5: 256 },
      { 2: 10 }, // fees without an integrator account
      { 1: 5, 2: 10, 6: 1 }, // self-trade mode with fees
      { 6: 3, 7: 1 }, // reduce with master-account equality
      { 5: 1.5 },
    ];
    for (const a of bad) expect(() => cancelOrderTx(c, 0, 1, a)).toThrow(/attribute|integrator|self-trade/);
    expect(() => cancelAllTx(c, 1, 1_800_000_400_000, { 5: 2 })).toThrow(/must be immediate/);
    expect(() => cancelAllTx(c, 1, 1_800_000_400_000, { 5: NIL_MARKET_INDEX })).not.toThrow();
  });

  it('writes the map after Sig as Go does, and no key at all when the map is empty', () => {
    expect(txInfoJson(cancelAllTx(c, 0, 0, { 6: 1, 5: 3 }), 'U0lH')).toBe('{"AccountIndex":77,"ApiKeyIndex":3,"TimeInForce":0,"Time":0,"ExpiredAt":1800000000000,"Nonce":12,"Sig":"U0lH","L2TxAttributes":{"5":3,"6":1}}');
    expect(txInfoJson(cancelAllTx(c, 0, 0, {}), 'U0lH')).toBe('{"AccountIndex":77,"ApiKeyIndex":3,"TimeInForce":0,"Time":0,"ExpiredAt":1800000000000,"Nonce":12,"Sig":"U0lH"}');
  });
});

describe('ModifyOrder (lighter-go modify_order.go)', () => {
  const fields = { marketIndex: 4, index: 281474976710656 + 5, baseAmount: 1_234, price: 56_789, triggerPrice: 0 };

  it('hashes [chain, 17, nonce, expiredAt, account, key, market, index, base, price, trigger] and writes the struct order', () => {
    const tx = modifyOrderTx(c, fields);
    expect(tx.type).toBe(TX_TYPE.modifyOrder);
    expect(hex(txHash(tx))).toBe(hex(h([c.chainId, 17, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, 4, fields.index, 1_234, 56_789, 0])));
    expect(txInfoJson(tx, 'U0lH')).toBe(`{"AccountIndex":77,"ApiKeyIndex":3,"MarketIndex":4,"Index":${fields.index},"BaseAmount":1234,"Price":56789,"TriggerPrice":0,"ExpiredAt":1800000000000,"Nonce":12,"Sig":"U0lH"}`);
  });

  it('follows the reference rules: index ≥ 1, price ≥ 1, base 0 allowed, perps or spot market', () => {
    expect(() => modifyOrderTx(c, { ...fields, index: 0 })).toThrow(/Index/);
    expect(() => modifyOrderTx(c, { ...fields, price: 0 })).toThrow(/Price/);
    expect(() => modifyOrderTx(c, { ...fields, marketIndex: 255 })).toThrow(/MarketIndex/);
    expect(() => modifyOrderTx(c, { ...fields, baseAmount: 0 })).not.toThrow();
    expect(() => modifyOrderTx(c, { ...fields, marketIndex: 2048 })).not.toThrow();
  });
});

describe('signer: SignedTx and the cancel-all market scope', () => {
  const key = { privateKeyHex: '42'.repeat(40), accountIndex: 77, apiKeyIndex: 3, chainId: 304 };
  const signer = new LighterSigner(undefined, () => 1_700_000_000_000);

  it('returns tx type, tx_info and the hex of the hash it signed, attributes included', async () => {
    const s = await signer.signCancelAll(key, { timeInForce: 0, timeMs: 0, marketIndex: 3 }, 12, c.expiredAt);
    const hash = txHash(cancelAllTx(c, 0, 0, { 5: 3 }));
    expect(s.txType).toBe(TX_TYPE.cancelAll);
    expect(s.txHash).toBe(txHashHex(hash));
    expect(s.txHash).toHaveLength(80);
    expect(JSON.parse(s.txInfo).L2TxAttributes).toEqual({ '5': 3 });
    const sig = Buffer.from((JSON.parse(s.txInfo) as { Sig: string }).Sig, 'base64');
    const pk = Buffer.from(signer.publicKeyHex(key), 'hex');
    expect(verify(pk, hash, sig)).toBe(true);
    expect(verify(pk, txHash(cancelAllTx(c, 0, 0)), sig)).toBe(false);
    const mod = { marketIndex: 0, index: 17, baseAmount: 10, price: 20, triggerPrice: 0 };
    const m = await signer.signModifyOrder(key, mod, 13, c.expiredAt);
    expect(m.txType).toBe(TX_TYPE.modifyOrder);
    expect(m.txHash).toBe(txHashHex(txHash(modifyOrderTx({ ...c, nonce: 13 }, mod))));
  });

  it('refuses a scope that is not a perps market, or a scoped scheduled cancel-all', async () => {
    await expect(signer.signCancelAll(key, { timeInForce: 0, timeMs: 0, marketIndex: NIL_MARKET_INDEX }, 1)).rejects.toThrow(/perps market/);
    await expect(signer.signCancelAll(key, { timeInForce: 0, timeMs: 0, marketIndex: -1 }, 1)).rejects.toThrow(/perps market/);
    await expect(signer.signCancelAll(key, { timeInForce: 1, timeMs: 1_700_000_600_000, marketIndex: 1 }, 1)).rejects.toThrow(/immediate/);
    await expect(signer.signCancelAll(key, { timeInForce: 0, timeMs: 5 }, 1)).rejects.toThrow(/Time 0/);
  });
});
