// Acceptance 2: matching through each venue's own protocol — post-only would-cross, reduce-only,
// IOC remainders, partial fills, fees, and each validation error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { createOrderTx, extendedFetch, lighterGet, lighterToken, manualSim, sendTx, signedExtendedOrder } from './helpers';

let sim: Simulator;
let clock: ManualClock;
let nonce = 0;

beforeAll(async () => {
  ({ sim, clock } = await manualSim(11));
});
afterAll(async () => {
  await sim.close();
});

const lighterAccount = () => sim.engine.account('lighter', String(sim.demo.lighter.accountIndex))!;

async function lighterOrder(over: Record<string, unknown>): Promise<{ reply: Record<string, unknown>; order: Record<string, unknown> | undefined }> {
  const n = nonce++;
  const r = await sendTx(sim, 14, createOrderTx(sim, n, over, clock.nowMs()));
  clock.advance(0);
  const client = over.ClientOrderIndex ?? 1_000 + n;
  const q = await lighterGet(sim, `/api/v1/accountOrders?account_index=${sim.demo.lighter.accountIndex}&client_order_indexes=${String(client)}`, lighterToken(sim, clock.nowMs()));
  return { reply: r.body, order: (q.body.orders as Record<string, unknown>[] | undefined)?.[0] };
}

describe('Lighter matching via sendTx', () => {
  it('fills an IOC buy as taker with the premium taker fee in micro-USDC', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    const { reply, order } = await lighterOrder({ Price: b.bestAsk()! + 200, BaseAmount: 5_000 });
    expect(reply.code).toBe(200);
    expect(typeof reply.tx_hash).toBe('string');
    expect(order?.status).toBe('filled');
    const trades = await lighterGet(sim, `/api/v1/trades?account_index=${sim.demo.lighter.accountIndex}&limit=10&order_index=${String(order?.order_index)}`, lighterToken(sim, clock.nowMs()));
    const rows = trades.body.trades as { taker_fee?: number; usd_amount: string }[];
    const feeMicro = rows.reduce((s, t) => s + (t.taker_fee ?? 0), 0);
    const notional = rows.reduce((s, t) => s + Number(t.usd_amount), 0);
    expect(feeMicro).toBeGreaterThan(0);
    expect(Math.abs(feeMicro - notional * 0.0002 * 1e6)).toBeLessThanOrEqual(rows.length);
  });

  it('cancels a post-only order that would cross as canceled-post-only (never a sendTx error)', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    const { reply, order } = await lighterOrder({ Price: b.bestAsk()!, TimeInForce: 2, OrderExpiry: clock.nowMs() + 3_600_000, BaseAmount: 5_000 });
    expect(reply.code).toBe(200);
    expect(order?.status).toBe('canceled-post-only');
  });

  it('cancels a reduce-only order that would increase the position', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    // The account is long from the IOC buy above: a reduce-only BUY would increase it.
    const { order } = await lighterOrder({ Price: b.bestAsk()! + 100, BaseAmount: 1_000, ReduceOnly: 1 });
    expect(order?.status).toBe('canceled-reduce-only');
  });

  it('leaves an IOC remainder canceled and reports the partial fill on the order', async () => {
    sim.engine.faults.forcePartialFraction.lighter = 0.4;
    const b = sim.engine.book('lighter', 'ETH');
    const { order } = await lighterOrder({ Price: b.bestAsk()! + 200, BaseAmount: 10_000 });
    expect(order?.status).toBe('canceled');
    expect(order?.filled_base_amount).toBe('0.4000');
    expect(order?.remaining_base_amount).toBe('0.0000');
  });

  it('rests a GTT order as open and fills it as maker when the market trades through', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    const { order } = await lighterOrder({ Price: b.bestBid()!, TimeInForce: 1, OrderExpiry: clock.nowMs() + 86_400_000, BaseAmount: 5_000 });
    expect(order?.status).toBe('open');
    const book = sim.engine.book('lighter', 'ETH');
    expect(book.resting.some((r) => r.orderId === order?.order_index)).toBe(true);
  });

  it('answers static validation failures synchronously with the venue codes', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    const cases: [Record<string, unknown>, number][] = [
      [{ BaseAmount: 10 }, 21706], // 0.001 ETH ≈ $3 < $10 minimum notional
      [{ Price: Math.round(b.bestAsk()! * 1.5) }, 21734], // too far from mark
      [{ MarketIndex: 999 }, 21602],
      [{ TimeInForce: 1, OrderExpiry: 0 }, 21711],
      [{ Type: 1, TimeInForce: 1 }, 21704],
    ];
    for (const [over, code] of cases) {
      const r = await sendTx(sim, 14, createOrderTx(sim, nonce, { Price: b.bestAsk()!, ...over }, clock.nowMs()));
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(code);
    }
    // A duplicate open client order index.
    const open = lighterAccount().openOrders()[0]!;
    const dup = await sendTx(sim, 14, createOrderTx(sim, nonce, { ClientOrderIndex: Number(open.clientId), Price: b.bestBid()!, TimeInForce: 1, OrderExpiry: clock.nowMs() + 86_400_000, BaseAmount: 5_000 }, clock.nowMs()));
    expect(dup.body.code).toBe(21728);
  });

  it('enforces strict nonces and checks the Sig format', async () => {
    const b = sim.engine.book('lighter', 'ETH');
    const skip = await sendTx(sim, 14, createOrderTx(sim, nonce + 5, { Price: b.bestBid()! }, clock.nowMs()));
    expect(String(skip.body.message)).toContain('invalid nonce');
    const badSig = await sendTx(sim, 14, createOrderTx(sim, nonce, { Price: b.bestBid()!, Sig: 'AAAA' }, clock.nowMs()));
    expect(badSig.body.code).toBe(21501);
    const next = await lighterGet(sim, `/api/v1/nextNonce?account_index=${sim.demo.lighter.accountIndex}&api_key_index=3`);
    expect(next.body.nonce).toBe(nonce);
  });
});

describe('Extended matching via signed orders', () => {
  const post = (body: unknown) => extendedFetch(sim, '/user/order', { method: 'POST', body });
  const readback = async (externalId: string) => ((await extendedFetch(sim, `/user/orders/external/${externalId}`)).body.data as Record<string, unknown>[])[0];

  it('fills an IOC sell as taker and charges the taker fee', async () => {
    const b = sim.engine.book('extended', 'ETH');
    const body = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'SELL', qty: '0.500', price: ((b.bestBid()! - 20) * b.tick).toFixed(1), timeInForce: 'IOC' }, clock.nowMs());
    const r = await post(body);
    expect(r.status).toBe(200);
    expect((r.body.data as { externalId: string }).externalId).toBe(body.id);
    const o = await readback(body.id);
    expect(o?.status).toBe('FILLED');
    const trades = (await extendedFetch(sim, '/user/trades?market=ETH-USD')).body.data as { fee: string; value: string; isTaker: boolean }[];
    expect(trades.every((t) => t.isTaker)).toBe(true);
    for (const t of trades) expect(Math.abs(Number(t.fee) - Number(t.value) * 0.00025)).toBeLessThan(2e-6);
  });

  it('rejects post-only would-cross asynchronously with POST_ONLY_FAILED', async () => {
    const b = sim.engine.book('extended', 'ETH');
    const body = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: (b.bestAsk()! * b.tick).toFixed(1), postOnly: true }, clock.nowMs());
    expect((await post(body)).status).toBe(200);
    const o = await readback(body.id);
    expect([o?.status, o?.statusReason]).toEqual(['REJECTED', 'POST_ONLY_FAILED']);
  });

  it('rejects reduce-only that would increase the position with REDUCE_ONLY_FAILED', async () => {
    const b = sim.engine.book('extended', 'ETH');
    const body = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'SELL', qty: '0.100', price: ((b.bestBid()! - 20) * b.tick).toFixed(1), timeInForce: 'IOC', reduceOnly: true }, clock.nowMs());
    await post(body);
    const o = await readback(body.id);
    expect([o?.status, o?.statusReason]).toEqual(['REJECTED', 'REDUCE_ONLY_FAILED']);
  });

  it('answers validation failures with the venue error shape and codes', async () => {
    const b = sim.engine.book('extended', 'ETH');
    const px = (b.bestBid()! * b.tick).toFixed(1);
    const now = clock.nowMs();
    const cases: [unknown, number][] = [
      [signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.0015', price: px }, now), 1121], // step 0.001
      [signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: (Number(px) + 0.05).toFixed(2) }, now), 1125], // tick 0.1
      [signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.001', price: px }, now), 1120], // min size 0.004
      [signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: px, feeRate: '0.0001' }, now), 1131], // fee below taker
      [signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: px, expiryEpochMillis: now + 100 * 86_400_000 }, now), 1130],
      [{ ...signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: px }, now), qty: '0.200' }, 1101], // signature no longer matches
    ];
    for (const [body, code] of cases) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ status: 'ERROR', error: { code } });
    }
    const dup = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: ((b.bestBid()! - 30) * b.tick).toFixed(1) }, now);
    expect((await post(dup)).status).toBe(200);
    expect((await post(dup)).body).toMatchObject({ error: { code: 1138 } });
  });

  it('requires X-Api-Key and User-Agent', async () => {
    expect((await extendedFetch(sim, '/user/balance', { apiKey: null })).status).toBe(401);
    const res = await fetch(sim.extended.restUrl + '/info/markets', { headers: { 'User-Agent': '' } });
    expect(res.status).toBe(400);
  });
});
