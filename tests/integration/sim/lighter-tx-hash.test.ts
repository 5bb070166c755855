// What a Lighter client sees of the signed tx hash, L2TxAttributes and ModifyOrder through real
// loopback sockets: sendTx answers with the hash the signer computed before sending, the tx is
// found by that hash (and an unknown hash is reported not found), a cancel-all scoped by the
// CancelAllMarketIndex attribute leaves other markets' orders resting, attributes are covered by
// the signature, and a modify changes a resting order in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { LighterSigner, type SignedTx, type SignerKey } from '../../../src-core/venues/lighter/signer/signer';
import { CANCEL_ALL_TIF, ORDER_TYPE, TIME_IN_FORCE, TX_TYPE } from '../../../src-core/venues/lighter/constants';
import { lighterGet, lighterToken, manualSim } from './helpers';

let sim: Simulator;
let clock: ManualClock;
let signer: LighterSigner;
let key: SignerKey;

beforeAll(async () => {
  ({ sim, clock } = await manualSim(21));
  signer = new LighterSigner(undefined, () => clock.nowMs());
  key = { privateKeyHex: sim.demo.lighter.apiPrivateKeyHex, accountIndex: sim.demo.lighter.accountIndex, apiKeyIndex: 3, chainId: 300 };
});
afterAll(async () => {
  await sim.close();
});

const account = () => sim.demo.lighter.accountIndex;
const nextNonce = async () => (await lighterGet(sim, `/api/v1/nextNonce?account_index=${account()}&api_key_index=3`)).body.nonce as number;

/** sendTx with tx_info exactly as given (the string the signer produced). */
async function sendRaw(txType: number, txInfo: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(sim.lighter.restUrl + '/api/v1/sendTx', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ tx_type: String(txType), tx_info: txInfo }).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const send = (s: SignedTx) => sendRaw(s.txType, s.txInfo);

interface WireOrder {
  order_index: number;
  client_order_index: number;
  base_price: number;
  base_size: number;
}
async function activeOrders(marketIndex: number): Promise<WireOrder[]> {
  const r = await lighterGet(sim, `/api/v1/accountActiveOrders?account_index=${account()}&market_id=${marketIndex}`, lighterToken(sim, clock.nowMs()));
  expect(r.status).toBe(200);
  return r.body.orders as WireOrder[];
}

/** A resting bid a few ticks under the best bid of the market. */
async function restingBid(marketIndex: number, clientOrderIndex: number, ticksBelow = 5): Promise<SignedTx> {
  const symbol = sim.engine.markets('lighter').find((m) => m.marketIndex === marketIndex)!.symbol;
  const price = sim.engine.book('lighter', symbol).bestBid()! - ticksBelow;
  return signer.signCreateOrder(key, { marketIndex, clientOrderIndex, baseAmount: 10_000, price, isAsk: false, orderType: ORDER_TYPE.limit, timeInForce: TIME_IN_FORCE.gtt, reduceOnly: false, triggerPrice: 0, orderExpiry: clock.nowMs() + 3_600_000, nonce: await nextNonce() });
}

describe('Lighter signed tx hash and by-hash look-up', () => {
  it('answers sendTx with the hash the signer computed, and finds the tx by it; an unknown hash is not found', async () => {
    const signed = await restingBid(0, 9001);
    expect(signed.txHash).toMatch(/^[0-9a-f]{80}$/);
    const r = await send(signed);
    expect(r.body.code).toBe(200);
    expect(r.body.tx_hash).toBe(signed.txHash);

    const pending = await lighterGet(sim, `/api/v1/tx?by=hash&value=${signed.txHash}`);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ code: 200, hash: signed.txHash, type: TX_TYPE.createOrder, status: 1, account_index: account() });
    expect(JSON.parse(String(pending.body.info))).toEqual(JSON.parse(signed.txInfo));
    clock.advance(0);
    expect((await lighterGet(sim, `/api/v1/tx?by=hash&value=${signed.txHash}`)).body.status).toBe(2);

    const unknown = signed.txHash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const miss = await lighterGet(sim, `/api/v1/tx?by=hash&value=${unknown}`);
    expect(miss.status).toBe(400);
    expect(miss.body.code).toBe(21500);
  });

  it('answers jsonapi/sendtx on the stream with the same signed hash', async () => {
    const signed = await restingBid(0, 9002);
    const ws = new WebSocket(sim.lighter.wsUrl);
    await new Promise((res) => ws.once('open', res));
    const reply = new Promise<{ data: { id: string; code: number; tx_hash?: string } }>((res) => {
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { type?: string; data: { id: string; code: number; tx_hash?: string } };
        if (m.type === 'jsonapi/sendtx') res(m);
      });
    });
    ws.send(JSON.stringify({ type: 'jsonapi/sendtx', data: { id: 'h-1', tx_type: signed.txType, tx_info: JSON.parse(signed.txInfo) } }));
    const r = await reply;
    ws.close();
    expect(r.data).toMatchObject({ id: 'h-1', code: 200, tx_hash: signed.txHash });
    expect((await lighterGet(sim, `/api/v1/tx?by=hash&value=${signed.txHash}`)).body.hash).toBe(signed.txHash);
    clock.advance(0);
  });
});

describe('Lighter L2TxAttributes', () => {
  it('a cancel-all scoped to one market leaves another market’s order resting; unscoped cancels every market', async () => {
    expect((await send(await restingBid(0, 9101))).body.code).toBe(200);
    expect((await send(await restingBid(1, 9102))).body.code).toBe(200);
    clock.advance(0);
    expect((await activeOrders(0)).map((o) => o.client_order_index)).toContain(9101);
    expect((await activeOrders(1)).map((o) => o.client_order_index)).toContain(9102);

    const scoped = await signer.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0, marketIndex: 1 }, await nextNonce());
    expect(JSON.parse(scoped.txInfo).L2TxAttributes).toEqual({ '5': 1 });
    const r = await send(scoped);
    expect(r.body.code).toBe(200);
    expect(r.body.tx_hash).toBe(scoped.txHash);
    clock.advance(0);
    expect(await activeOrders(1)).toEqual([]);
    expect((await activeOrders(0)).map((o) => o.client_order_index)).toContain(9101);

    expect((await send(await signer.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0 }, await nextNonce()))).body.code).toBe(200);
    clock.advance(0);
    expect(await activeOrders(0)).toEqual([]);
  });

  it('verifies the signature over the attributes: tampered or stripped attributes fail, unknown keys are refused, null is none', async () => {
    const n = await nextNonce();
    const scoped = await signer.signCancelAll(key, { timeInForce: CANCEL_ALL_TIF.immediate, timeMs: 0, marketIndex: 0 }, n);
    const info = JSON.parse(scoped.txInfo) as Record<string, unknown>;
    for (const tampered of [{ ...info, L2TxAttributes: { '5': 1 } }, { ...info, L2TxAttributes: null }, Object.fromEntries(Object.entries(info).filter(([k]) => k !== 'L2TxAttributes'))]) {
      const r = await sendRaw(TX_TYPE.cancelAll, JSON.stringify(tampered));
      expect(r.body.code).toBe(21501);
      expect(String(r.body.message)).toContain('signature does not verify');
    }
    const unknownKey = await sendRaw(TX_TYPE.cancelAll, JSON.stringify({ ...info, L2TxAttributes: { '5': 0, '9': 1 } }));
    expect(unknownKey.body.code).toBe(21501);
    expect(String(unknownKey.body.message)).toContain('attribute type 9 is invalid');
    // A market scope cannot ride on a scheduled cancel-all (the reference signer's rule).
    const scheduled = await sendRaw(TX_TYPE.cancelAll, JSON.stringify({ ...info, TimeInForce: CANCEL_ALL_TIF.scheduled, Time: clock.nowMs() + 600_000 }));
    expect(scheduled.body.code).toBe(21501);
    expect(await nextNonce()).toBe(n); // no refusal consumed the nonce

    // lighter-go writes an empty map as null: same hash as no key at all.
    const plain = await restingBid(0, 9103);
    const withNull = plain.txInfo.replace(/\}$/, ',"L2TxAttributes":null}');
    const r = await sendRaw(plain.txType, withNull);
    expect(r.body.code).toBe(200);
    expect(r.body.tx_hash).toBe(plain.txHash);
    expect((await send(scoped)).body.code).toBe(21104); // its nonce is gone now: nothing replays
  });
});

describe('Lighter ModifyOrder', () => {
  it('changes a resting order’s size and price in place, by client index or order index', async () => {
    const symbol = sim.engine.markets('lighter')[0]!.symbol;
    expect((await send(await restingBid(0, 9201, 10))).body.code).toBe(200);
    clock.advance(0);
    const before = (await activeOrders(0)).find((o) => o.client_order_index === 9201)!;
    const bid = sim.engine.book('lighter', symbol).bestBid()!;

    const m1 = await signer.signModifyOrder(key, { marketIndex: 0, index: 9201, baseAmount: 20_000, price: bid - 12, triggerPrice: 0 }, await nextNonce());
    expect(m1.txType).toBe(TX_TYPE.modifyOrder);
    const r1 = await send(m1);
    expect(r1.body.code).toBe(200);
    expect(r1.body.tx_hash).toBe(m1.txHash);
    clock.advance(0);
    const after = (await activeOrders(0)).find((o) => o.client_order_index === 9201)!;
    expect(after).toMatchObject({ order_index: before.order_index, base_size: 20_000, base_price: bid - 12 });

    const m2 = await signer.signModifyOrder(key, { marketIndex: 0, index: before.order_index, baseAmount: 15_000, price: bid - 14, triggerPrice: 0 }, await nextNonce());
    expect((await send(m2)).body.code).toBe(200);
    clock.advance(0);
    expect((await activeOrders(0)).find((o) => o.client_order_index === 9201)).toMatchObject({ order_index: before.order_index, base_size: 15_000, base_price: bid - 14 });
  });

  it('refuses a modify of an unknown order (21700) and a tampered one (21501) without spending the nonce', async () => {
    const n = await nextNonce();
    const bid = sim.engine.book('lighter', sim.engine.markets('lighter')[0]!.symbol).bestBid()!;
    const unknown = await signer.signModifyOrder(key, { marketIndex: 0, index: 9299, baseAmount: 10_000, price: bid - 5, triggerPrice: 0 }, n);
    const r = await send(unknown);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(21700);
    const tampered = { ...(JSON.parse(unknown.txInfo) as Record<string, unknown>), Index: 9201 };
    expect((await sendRaw(TX_TYPE.modifyOrder, JSON.stringify(tampered))).body.code).toBe(21501);
    expect(await nextNonce()).toBe(n);
  });

  it('accepts a modify that follows a still-queued create and applies both in order', async () => {
    const create = await restingBid(0, 9301, 10);
    expect((await send(create)).body.code).toBe(200);
    const bid = sim.engine.book('lighter', sim.engine.markets('lighter')[0]!.symbol).bestBid()!;
    const modify = await signer.signModifyOrder(key, { marketIndex: 0, index: 9301, baseAmount: 30_000, price: bid - 11, triggerPrice: 0 }, await nextNonce());
    expect((await send(modify)).body.code).toBe(200);
    clock.advance(0);
    expect((await activeOrders(0)).find((o) => o.client_order_index === 9301)).toMatchObject({ base_size: 30_000, base_price: bid - 11 });
  });
});
