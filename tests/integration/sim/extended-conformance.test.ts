// Acceptance 1 (Extended): every endpoint and stream in venues.md §2.2 and §2.5 answers with the
// documented shapes — {status, data, pagination} envelopes, camelCase names, decimal strings,
// ms timestamps, nextFundingRate as a timestamp, British unrealisedPnl — and errors as
// {status:"ERROR", error:{code, message}}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { collect, extendedFetch, manualSim, signedExtendedOrder } from './helpers';
import { pollUntil, wsBarrier } from '../../helpers/wait';

const dec = z.string().regex(/^-?\d+(\.\d+)?$/);
const ms = z.number().int().gt(1e12);
const ok = <T extends z.ZodType>(data: T, paged = false) =>
  z.object({ status: z.literal('OK'), data, ...(paged ? { pagination: z.object({ cursor: z.number().int(), count: z.number().int() }) } : {}) }).strict();
const error = z.object({ status: z.literal('ERROR'), error: z.object({ code: z.number().int(), message: z.string() }) }).strict();

const stats = z.object({ dailyVolume: dec, dailyVolumeBase: dec, dailyPriceChange: dec, dailyLow: dec, dailyHigh: dec, lastPrice: dec, askPrice: dec, bidPrice: dec, markPrice: dec, indexPrice: dec, fundingRate: dec, nextFundingRate: ms, openInterest: dec, openInterestBase: dec });
const market = z.object({
  name: z.string().regex(/^[A-Z0-9]+-USD$/), assetName: z.string(), assetPrecision: z.number().int(), collateralAssetName: z.literal('USD'), collateralAssetPrecision: z.number().int(), active: z.boolean(), status: z.enum(['ACTIVE', 'REDUCE_ONLY', 'DELISTED', 'PRELISTED', 'DISABLED']),
  marketStats: stats,
  tradingConfig: z.object({ minOrderSize: dec, minOrderSizeChange: dec, minPriceChange: dec, maxMarketOrderValue: dec, maxLimitOrderValue: dec, maxPositionValue: dec, maxLeverage: dec, maxNumOrders: dec, limitPriceCap: dec, limitPriceFloor: dec, riskFactorConfig: z.array(z.object({ upperBound: dec, riskFactor: dec })).min(1) }),
  l2Config: z.object({ type: z.string(), collateralId: z.string().regex(/^0x[0-9a-f]+$/), collateralResolution: z.number().int().positive(), syntheticId: z.string().regex(/^0x[0-9a-f]+$/), syntheticResolution: z.number().int().positive() }),
});
const order = z.object({ id: z.number().int(), accountId: z.number().int(), externalId: z.string(), market: z.string(), type: z.enum(['LIMIT', 'MARKET', 'CONDITIONAL', 'TPSL']), side: z.enum(['BUY', 'SELL']), status: z.enum(['NEW', 'PARTIALLY_FILLED', 'FILLED', 'UNTRIGGERED', 'TRIGGERED', 'CANCELLED', 'EXPIRED', 'REJECTED']), statusReason: z.string().optional(), price: dec, averagePrice: dec.optional(), qty: dec, filledQty: dec, reduceOnly: z.boolean(), postOnly: z.boolean(), payedFee: dec, createdTime: ms, updatedTime: ms, expiryTime: ms.optional(), timeInForce: z.enum(['GTT', 'IOC', 'FOK']) });
const position = z.object({ id: z.number().int(), accountId: z.number().int(), market: z.string(), status: z.enum(['OPENED', 'CLOSED']), side: z.enum(['LONG', 'SHORT']), leverage: dec, size: dec, value: dec, openPrice: dec, markPrice: dec, liquidationPrice: dec, unrealisedPnl: dec, realisedPnl: dec, createdAt: ms, updatedAt: ms });
const trade = z.object({ id: z.number().int(), accountId: z.number().int(), market: z.string(), orderId: z.number().int(), side: z.enum(['BUY', 'SELL']), price: dec, qty: dec, value: dec, fee: dec, isTaker: z.boolean(), tradeType: z.enum(['TRADE', 'LIQUIDATION', 'DELEVERAGE']), createdTime: ms });
const balance = z.object({ collateralName: z.string(), balance: dec, equity: dec, availableForTrade: dec, availableForWithdrawal: dec, unrealisedPnl: dec, initialMargin: dec, marginRatio: dec, updatedTime: ms });
const fundingPayment = z.object({ id: z.number().int(), market: z.string(), side: z.enum(['LONG', 'SHORT']), size: dec, markPrice: dec, fundingFee: dec, fundingRate: dec, paidTime: ms });

let sim: Simulator;
let clock: ManualClock;

beforeAll(async () => {
  ({ sim, clock } = await manualSim(23));
  const b = sim.engine.book('extended', 'ETH');
  const body = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.500', price: ((b.bestAsk()! + 30) * b.tick).toFixed(1), timeInForce: 'IOC', externalId: 'conf-1' }, clock.nowMs());
  expect((await extendedFetch(sim, '/user/order', { method: 'POST', body })).status).toBe(200);
  const rest = signedExtendedOrder(sim, { market: 'ETH-USD', side: 'BUY', qty: '0.100', price: ((b.bestBid()! - 100) * b.tick).toFixed(1), externalId: 'conf-2' }, clock.nowMs());
  expect((await extendedFetch(sim, '/user/order', { method: 'POST', body: rest })).status).toBe(200);
  clock.advance(2 * 3_600_000);
});

afterAll(async () => {
  await sim.close();
});

const get = async (path: string, schema: z.ZodType) => {
  const r = await extendedFetch(sim, path);
  expect(r.status).toBe(200);
  const parsed = schema.safeParse(r.body);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
};

describe('Extended REST conformance (venues.md §2.2)', () => {
  it('GET /info/markets', () => get('/info/markets', ok(z.array(market).min(79))));
  it('GET /info/markets?market=A&market=B', async () => {
    const r = await extendedFetch(sim, '/info/markets?market=BTC-USD&market=ETH-USD');
    expect((r.body.data as unknown[]).length).toBe(2);
  });
  it('GET /info/markets/{m}/stats', () => get('/info/markets/ETH-USD/stats', ok(stats)));
  it('GET /info/{m}/funding (short keys, paginated)', () => get(`/info/ETH-USD/funding?startTime=${clock.nowMs() - 86_400_000}&endTime=${clock.nowMs()}&limit=10`, ok(z.array(z.object({ m: z.literal('ETH-USD'), f: dec, T: ms }).strict()).length(10), true)));
  it('GET /info/markets/{m}/orderbook', () => get('/info/markets/ETH-USD/orderbook', ok(z.object({ market: z.string(), bid: z.array(z.object({ qty: dec, price: dec })).min(20), ask: z.array(z.object({ qty: dec, price: dec })).min(20) }))));
  it('GET /user/balance', () => get('/user/balance', ok(balance)));
  it('GET /user/positions', () => get('/user/positions', ok(z.array(position).min(1))));
  it('GET /user/orders', () => get('/user/orders', ok(z.array(order).min(1))));
  it('GET /user/orders/{id}', async () => {
    const list = (await extendedFetch(sim, '/user/orders')).body.data as { id: number }[];
    await get(`/user/orders/${list[0]!.id}`, ok(order));
  });
  it('GET /user/orders/external/{id} returns a list', () => get('/user/orders/external/conf-1', ok(z.array(order).length(1))));
  it('GET /user/orders/history', () => get('/user/orders/history?limit=10', ok(z.array(order), true)));
  it('GET /user/trades', () => get('/user/trades?market=ETH-USD', ok(z.array(trade).min(1), true)));
  it('GET /user/funding/history', () => get('/user/funding/history?limit=10', ok(z.array(fundingPayment).min(2), true)));
  it('GET /user/fees', () => get('/user/fees?market=ETH-USD', ok(z.array(z.object({ market: z.string(), makerFeeRate: dec, takerFeeRate: dec, builderFeeRate: dec })).length(1))));
  it('GET and PATCH /user/leverage', async () => {
    await get('/user/leverage?market=ETH-USD', ok(z.array(z.object({ market: z.string(), leverage: dec }))));
    const r = await extendedFetch(sim, '/user/leverage', { method: 'PATCH', body: { market: 'ETH-USD', leverage: '5' } });
    expect(ok(z.object({}).strict()).safeParse(r.body).success).toBe(true);
  });
  it('GET /user/account/info', () => get('/user/account/info', ok(z.object({ id: z.number().int(), accountIndex: z.number().int(), status: z.string(), l2Key: z.string(), l2Vault: z.string() }))));
  it('DELETE /user/order?externalId= and POST massCancel', async () => {
    expect(ok(z.object({})).safeParse((await extendedFetch(sim, '/user/order?externalId=conf-2', { method: 'DELETE' })).body).success).toBe(true);
    expect(ok(z.object({})).safeParse((await extendedFetch(sim, '/user/order/massCancel', { method: 'POST', body: { cancelAll: true } })).body).success).toBe(true);
  });
  it('errors use {status:"ERROR", error:{code, message}}', async () => {
    for (const [path, status] of [['/info/markets/NOPE-USD/stats', 404], ['/user/orders/999999', 404], ['/nowhere', 404]] as const) {
      const r = await extendedFetch(sim, path);
      expect(r.status).toBe(status);
      expect(error.safeParse(r.body).success).toBe(true);
    }
    const unauth = await extendedFetch(sim, '/user/balance', { apiKey: 'wrong' });
    expect(unauth.status).toBe(401);
    expect(error.safeParse(unauth.body).success).toBe(true);
  });
});

describe('Extended stream conformance (venues.md §2.5)', () => {
  const frame = (type: z.ZodType, data: z.ZodType) => z.object({ type, data, ts: ms, seq: z.number().int().positive() }).strict();
  const level = z.object({ p: dec, q: dec, c: dec.optional() }).strict();

  it('/orderbooks/{m}: SNAPSHOT then additive DELTAs with consecutive seq', async () => {
    const { ws, messages } = await collect(`${sim.extended.wsUrl}/orderbooks/ETH-USD`, { 'User-Agent': 't' });
    await pollUntil(() => messages.length > 0, { what: 'the SNAPSHOT' });
    clock.advance(180_000);
    await wsBarrier(ws);
    ws.close();
    const parsed = messages.map((m) => frame(z.enum(['SNAPSHOT', 'DELTA']), z.object({ m: z.literal('ETH-USD'), b: z.array(level), a: z.array(level) })).safeParse(m));
    expect(parsed.every((p) => p.success)).toBe(true);
    const seqs = (messages as { seq: number }[]).map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    expect((messages[0] as { type: string }).type).toBe('SNAPSHOT');
    expect((messages as { type: string }[]).some((m) => m.type === 'DELTA')).toBe(true);
  });

  it('?depth=1 sends best bid/ask snapshots only', async () => {
    const { ws, messages } = await collect(`${sim.extended.wsUrl}/orderbooks/ETH-USD?depth=1`, { 'User-Agent': 't' });
    await pollUntil(() => messages.length > 0, { what: 'the first snapshot' });
    clock.advance(120_000);
    await wsBarrier(ws);
    ws.close();
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages as { type: string; data: { b: unknown[]; a: unknown[] } }[]) {
      expect(m.type).toBe('SNAPSHOT');
      expect(m.data.b.length).toBeLessThanOrEqual(1);
      expect(m.data.a.length).toBeLessThanOrEqual(1);
    }
  });

  it('/funding/{m} sends {m, f, T}', async () => {
    const { ws, messages } = await collect(`${sim.extended.wsUrl}/funding/BTC-USD`, { 'User-Agent': 't' });
    await pollUntil(() => messages.length > 0, { what: 'the first funding frame' });
    ws.close();
    expect(frame(z.string(), z.object({ m: z.literal('BTC-USD'), f: dec, T: ms })).safeParse(messages[0]).success).toBe(true);
  });

  it('/account requires X-Api-Key and streams ORDER/TRADE/POSITION/BALANCE', async () => {
    await expect(collect(`${sim.extended.wsUrl}/account`, { 'User-Agent': 't' })).rejects.toThrow(/401/);
    const { ws, messages } = await collect(`${sim.extended.wsUrl}/account`, { 'User-Agent': 't', 'X-Api-Key': sim.demo.extended.apiKey });
    const b = sim.engine.book('extended', 'BTC');
    const body = signedExtendedOrder(sim, { market: 'BTC-USD', side: 'BUY', qty: '0.0100', price: ((b.bestAsk()! + 30) * b.tick).toFixed(0), timeInForce: 'IOC' }, clock.nowMs());
    expect((await extendedFetch(sim, '/user/order', { method: 'POST', body })).status).toBe(200);
    // The fill's frames are written before the REST answer; the barrier waits for their arrival.
    await wsBarrier(ws);
    ws.close();
    const types = new Set((messages as { type: string }[]).map((m) => m.type));
    for (const t of ['ORDER', 'TRADE', 'POSITION', 'BALANCE']) expect(types.has(t)).toBe(true);
    const orderFrame = (messages as { type: string; data: { orders: unknown[] } }[]).find((m) => m.type === 'ORDER')!;
    expect(order.safeParse(orderFrame.data.orders[0]).success).toBe(true);
  });
});
