// The pure-TS Lighter signer held against the reference: the Go-compiled WASM signer (pinned
// lighter-ts-sdk build) signs random transactions for random keys, and every one of its
// signatures must verify under our public-key derivation, our tx hash and our verifier, while
// our tx_info JSON must equal the WASM's byte for byte apart from the (randomised) signature.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WasmLighterSigner } from '../../../src-core/venues/lighter/signer/wasm-signer';
import { LighterSigner, type SignerKey } from '../../../src-core/venues/lighter/signer/signer';
import { authMessage, cancelAllTx, cancelOrderTx, createOrderTx, txHash, txHashHex, updateLeverageTx, type TxCommon } from '../../../src-core/venues/lighter/signer/tx-info';
import { NIL_MARKET_INDEX, TX_ATTRIBUTE } from '../../../src-core/venues/lighter/constants';
import { verify } from '../../../src-core/venues/lighter/crypto/schnorr';

const wasm = new WasmLighterSigner();
const ours = new LighterSigner();
afterAll(() => wasm.close());

const withoutSig = (json: string): string => json.replace(/,"Sig":"[A-Za-z0-9+/=]+"\}$/, '}');
const sigOf = (json: string): Buffer => Buffer.from((JSON.parse(json) as { Sig: string }).Sig, 'base64');
const commonOf = (key: SignerKey, json: string): TxCommon => {
  const j = JSON.parse(json) as { Nonce: number; ExpiredAt: number };
  return { chainId: key.chainId, accountIndex: key.accountIndex, apiKeyIndex: key.apiKeyIndex, nonce: j.Nonce, expiredAt: j.ExpiredAt };
};

const keyArb = fc.record({
  privateKeyHex: fc.uint8Array({ minLength: 40, maxLength: 40 }).map((b) => Buffer.from(b).toString('hex')),
  accountIndex: fc.integer({ min: 0, max: 2 ** 40 }),
  apiKeyIndex: fc.integer({ min: 0, max: 254 }),
  chainId: fc.constantFrom(300, 304),
});

const orderArb = fc
  .record({
    marketIndex: fc.integer({ min: 0, max: 200 }),
    clientOrderIndex: fc.integer({ min: 0, max: 2 ** 48 - 1 }),
    baseAmount: fc.integer({ min: 1, max: 2 ** 48 - 1 }),
    price: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
    isAsk: fc.boolean(),
    kind: fc.constantFrom('ioc', 'gtt', 'post', 'market'),
    reduceOnly: fc.boolean(),
    nonce: fc.integer({ min: 0, max: 2 ** 40 }),
  })
  .map(({ kind, ...o }) => ({
    ...o,
    orderType: kind === 'market' ? 1 : 0,
    timeInForce: kind === 'gtt' ? 1 : kind === 'post' ? 2 : 0,
    triggerPrice: 0,
    orderExpiry: kind === 'gtt' || kind === 'post' ? 1_800_000_000_000 : 0,
  }));

describe('pure-TS Lighter signer against the reference WASM signer', () => {
  it('agrees on public keys, tx hashes, signatures and tx_info for random orders and keys', async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, orderArb, async (key, order) => {
        const pk = Buffer.from(ours.publicKeyHex(key), 'hex');
        const ref = await wasm.signCreateOrder(key, order);
        const c = commonOf(key, ref);
        expect(verify(pk, txHash(createOrderTx(c, order)), sigOf(ref))).toBe(true);
        const mine = await ours.signCreateOrder(key, { ...order, expiredAt: c.expiredAt });
        expect(mine.txType).toBe(14);
        expect(withoutSig(mine.txInfo)).toBe(withoutSig(ref));
        expect(verify(pk, txHash(createOrderTx(c, order)), sigOf(mine.txInfo))).toBe(true);
        // the returned tx_hash is the hex of exactly the hash the reference signed
        expect(mine.txHash).toBe(txHashHex(txHash(createOrderTx(c, order))));
        expect(mine.txHash).toMatch(/^[0-9a-f]{80}$/);
      }),
      { numRuns: 25 },
    );
  });

  it('agrees on cancel, cancel-all, leverage and auth tokens', async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 2 ** 48 - 1 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 30 }), async (key, market, index, imf, nonce) => {
        const pk = Buffer.from(ours.publicKeyHex(key), 'hex');
        const cancel = await wasm.signCancelOrder(key, market, index, nonce);
        expect(verify(pk, txHash(cancelOrderTx(commonOf(key, cancel), market, index)), sigOf(cancel))).toBe(true);
        expect(withoutSig((await ours.signCancelOrder(key, market, index, nonce, commonOf(key, cancel).expiredAt)).txInfo)).toBe(withoutSig(cancel));
        const all = await wasm.signCancelAll(key, 0, 0, nonce + 1);
        expect(verify(pk, txHash(cancelAllTx(commonOf(key, all), 0, 0)), sigOf(all))).toBe(true);
        // Empty attributes, or attributes all at their nil value, leave the hash the reference signs.
        expect(verify(pk, txHash(cancelAllTx(commonOf(key, all), 0, 0, {})), sigOf(all))).toBe(true);
        expect(verify(pk, txHash(cancelAllTx(commonOf(key, all), 0, 0, { [TX_ATTRIBUTE.cancelAllMarketIndex]: NIL_MARKET_INDEX, [TX_ATTRIBUTE.selfTradeBehaviorMode]: 0 })), sigOf(all))).toBe(true);
        expect(verify(pk, txHash(cancelAllTx(commonOf(key, all), 0, 0, { [TX_ATTRIBUTE.cancelAllMarketIndex]: market })), sigOf(all))).toBe(false);
        const allMine = await ours.signCancelAll(key, { timeInForce: 0, timeMs: 0 }, nonce + 1, commonOf(key, all).expiredAt);
        expect(withoutSig(allMine.txInfo)).toBe(withoutSig(all));
        expect(allMine.txHash).toBe(txHashHex(txHash(cancelAllTx(commonOf(key, all), 0, 0))));
        // The pinned WASM ignores its margin-mode argument and always signs cross (0), so it can
        // only be an oracle for cross margin; isolated is checked against the hash layout below.
        const lev = await wasm.signUpdateLeverage(key, market, imf, 0, nonce + 2);
        expect(verify(pk, txHash(updateLeverageTx(commonOf(key, lev), market, imf, 0)), sigOf(lev))).toBe(true);
        expect(withoutSig((await ours.signUpdateLeverage(key, market, imf, 0, nonce + 2, commonOf(key, lev).expiredAt)).txInfo)).toBe(withoutSig(lev));
        const deadline = Math.floor(Date.now() / 1000) + 3_600 + (nonce % 1000);
        const token = await wasm.createAuthToken(key, deadline);
        const [text, sigHex] = [token.slice(0, token.lastIndexOf(':')), token.slice(token.lastIndexOf(':') + 1)];
        expect(text).toBe(`${deadline}:${key.accountIndex}:${key.apiKeyIndex}`);
        expect(verify(pk, authMessage(deadline, key.accountIndex, key.apiKeyIndex).hash, Buffer.from(sigHex, 'hex'))).toBe(true);
        const mine = await ours.createAuthToken(key, deadline);
        expect(mine.startsWith(`${text}:`)).toBe(true);
        expect(verify(pk, authMessage(deadline, key.accountIndex, key.apiKeyIndex).hash, Buffer.from(mine.slice(text.length + 1), 'hex'))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });

  it('signs isolated margin as its own message (the pinned WASM silently signs cross instead)', async () => {
    const key = { privateKeyHex: '5a'.repeat(40), accountIndex: 9, apiKeyIndex: 1, chainId: 304 };
    const ref = await wasm.signUpdateLeverage(key, 3, 2_000, 1, 4);
    expect(ref).toContain('"MarginMode":0'); // the reference's defect, pinned so a fixed build is noticed
    const c = commonOf(key, ref);
    const isolated = (await ours.signUpdateLeverage(key, 3, 2_000, 1, 4, c.expiredAt)).txInfo;
    expect(isolated).toContain('"MarginMode":1');
    const pk = Buffer.from(ours.publicKeyHex(key), 'hex');
    expect(verify(pk, txHash(updateLeverageTx(c, 3, 2_000, 1)), sigOf(isolated))).toBe(true);
    expect(verify(pk, txHash(updateLeverageTx(c, 3, 2_000, 0)), sigOf(isolated))).toBe(false);
  });

  it('refuses what the reference refuses, with a reason', async () => {
    const key = { privateKeyHex: '11'.repeat(40), accountIndex: 1, apiKeyIndex: 2, chainId: 304 };
    const base = { marketIndex: 0, clientOrderIndex: 1, baseAmount: 10, price: 100, isAsk: false, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0, orderExpiry: 1_800_000_000_000, nonce: 1 };
    for (const bad of [{ orderExpiry: -1 }, { orderExpiry: 0 }, { price: 0 }, { baseAmount: 0 }, { clientOrderIndex: 2 ** 48 }, { orderType: 1 }]) {
      await expect(ours.signCreateOrder(key, { ...base, ...bad })).rejects.toThrow(/must be|needs|explicit/);
      await expect(wasm.signCreateOrder(key, { ...base, ...bad })).rejects.toThrow();
    }
    await expect(ours.signCreateOrder({ ...key, privateKeyHex: 'zz' }, base)).rejects.toThrow(/80 hex/);
    const tooFar = Math.floor(Date.now() / 1000) + 7 * 3_600 + 60;
    await expect(wasm.createAuthToken(key, tooFar)).rejects.toThrow(/7 hours/);
    await expect(ours.createAuthToken(key, tooFar)).rejects.toThrow(/7 hours/);
  });
});
