// Extended REST under /api/v1 (venues.md §2.2): X-Api-Key and User-Agent required on private
// calls, {status:"ERROR", error:{code, message}} for failures, order bodies verified by
// recomputing the Stark settlement hash.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { compareDecimal, toIncrements } from '../../../domain/decimal';
import { BodyTooLarge, gateRequest, intParam, pageNewestFirst, pathOf, queryOf, readBody, sendJson, type Gate } from '../http-util';
import type { SimEngine } from '../engine/engine';
import type { RejectCode } from '../engine/types';
import type { SimMarket } from '../universe/universe';
import { verifyOrderSignature, type ExtendedOrderBody } from '../../extended/signing/order';
import { errEnvelope, okEnvelope, marketStats, px, renderBalance, renderFundingPayment, renderMarket, renderOrder, renderPosition, renderTrade, sz } from './render';
import type { ExtendedState, ExtendedAccountInfo } from './state';

export const REJECT_CODES: Record<RejectCode, number> = {
  'unknown-market': 1001,
  'invalid-size': 1121,
  'invalid-price': 1125,
  'below-min-size': 1120,
  'below-min-notional': 1120,
  'price-band': 1124,
  'duplicate-client-id': 1138,
  'invalid-expiry': 1130,
  'unknown-order': 1142,
  'invalid-leverage': 1143,
  'unknown-account': 1000,
};

const decimalString = z.string().regex(/^\d+(\.\d+)?$/);
export const orderBodySchema = z
  .object({
    id: z.string().min(1).max(64),
    market: z.string(),
    type: z.enum(['LIMIT', 'MARKET']),
    side: z.enum(['BUY', 'SELL']),
    qty: decimalString,
    price: decimalString,
    timeInForce: z.enum(['GTT', 'IOC']),
    expiryEpochMillis: z.number().int().positive(),
    fee: decimalString,
    nonce: z.string().regex(/^\d{1,10}$/),
    postOnly: z.boolean(),
    reduceOnly: z.boolean(),
    selfTradeProtectionLevel: z.enum(['DISABLED', 'ACCOUNT', 'CLIENT']).optional(),
    cancelId: z.string().optional(),
    settlement: z.object({ signature: z.object({ r: z.string(), s: z.string() }), starkKey: z.string(), collateralPosition: z.string() }),
    debuggingAmounts: z.object({ collateralAmount: z.string(), feeAmount: z.string(), syntheticAmount: z.string() }).optional(),
  })
  .passthrough();

function exactIncrements(value: string, increment: string): number | null {
  try {
    return Number(toIncrements(value, increment, 'exact'));
  } catch {
    return null;
  }
}

export function createExtendedRest(state: ExtendedState, gate: Gate) {
  const engine: SimEngine = state.engine;
  const fail = (res: ServerResponse, status: number, code: number, message: string) => sendJson(res, status, errEnvelope(code, message));

  const feePaid = (acc: ExtendedAccountInfo, orderId: number) => engine.account('extended', acc.accountKey)!.fills.filter((f) => f.orderId === orderId).reduce((s, f) => s + f.feeMicro, 0) / 1e6;
  const orderJson = (acc: ExtendedAccountInfo, o: Parameters<typeof renderOrder>[1]) => renderOrder(state.byName.get(`${o.symbol}-USD`)!, o, acc.accountId, feePaid(acc, o.orderId));

  const marketFromPath = (name: string | undefined): SimMarket | undefined => (name === undefined ? undefined : state.byName.get(decodeURIComponent(name)));

  const publicRoutes: [RegExp, (res: ServerResponse, q: URLSearchParams, m: RegExpMatchArray) => void][] = [
    [/^\/api\/v1\/info\/markets$/, (res, q) => {
      const wanted = q.getAll('market');
      const markets = engine.markets('extended').filter((m) => wanted.length === 0 || wanted.includes(m.venueMarket));
      sendJson(res, 200, okEnvelope(markets.map((m) => renderMarket(engine, m, gate.faults.marketStatus('extended', m.symbol)))));
    }],
    [/^\/api\/v1\/info\/markets\/([^/]+)\/stats$/, (res, _q, g) => {
      const m = marketFromPath(g[1]);
      if (m === undefined) return fail(res, 404, 1001, 'market not found');
      sendJson(res, 200, okEnvelope(marketStats(engine, m)));
    }],
    [/^\/api\/v1\/info\/markets\/([^/]+)\/orderbook$/, (res, _q, g) => {
      const m = marketFromPath(g[1]);
      if (m === undefined) return fail(res, 404, 1001, 'market not found');
      const b = engine.book('extended', m.symbol);
      sendJson(res, 200, okEnvelope({ market: m.venueMarket, bid: b.bids.map(([p, s]) => ({ qty: sz(m, s), price: px(m, p) })), ask: b.asks.map(([p, s]) => ({ qty: sz(m, s), price: px(m, p) })) }));
    }],
    [/^\/api\/v1\/info\/([^/]+)\/funding$/, (res, q, g) => {
      const m = marketFromPath(g[1]);
      if (m === undefined) return fail(res, 404, 1001, 'market not found');
      const start = intParam(q.get('startTime'));
      const end = intParam(q.get('endTime'));
      if (start === null || end === null) return fail(res, 400, 1099, 'startTime and endTime (ms) are required');
      const limit = Math.max(1, Math.min(intParam(q.get('limit')) ?? 100, 1000));
      const rows = engine.fundingHistory('extended', m.symbol, start, end).map((r) => ({ id: r.timeMs, r }));
      const page = pageNewestFirst(rows, limit, numericCursor(q));
      const data = page.items.map(({ r }) => ({ m: m.venueMarket, f: r.hourlyRate.toFixed(8), T: r.timeMs }));
      sendJson(res, 200, okEnvelope(data, { cursor: page.next === null ? 0 : Number(Buffer.from(page.next, 'base64url').toString()), count: data.length }));
    }],
  ];

  const privateRoutes: [string, RegExp, (req: IncomingMessage, res: ServerResponse, q: URLSearchParams, acc: ExtendedAccountInfo, m: RegExpMatchArray) => void | Promise<void>][] = [
    ['GET', /^\/api\/v1\/user\/balance$/, (_r, res, _q, acc) => sendJson(res, 200, okEnvelope(renderBalance(engine, engine.account('extended', acc.accountKey)!)))],
    ['GET', /^\/api\/v1\/user\/positions$/, (_r, res, q, acc) => {
      const a = engine.account('extended', acc.accountKey)!;
      const wanted = q.getAll('market');
      const rows = engine.markets('extended').filter((m) => wanted.length === 0 || wanted.includes(m.venueMarket)).map((m) => renderPosition(engine, a, m, acc.accountId)).filter((p) => p !== null);
      const side = q.get('side');
      sendJson(res, 200, okEnvelope(side === null ? rows : rows.filter((p) => p!.side === side)));
    }],
    ['GET', /^\/api\/v1\/user\/orders$/, (_r, res, q, acc) => {
      const market = q.get('market');
      const orders = engine.account('extended', acc.accountKey)!.openOrders().filter((o) => market === null || `${o.symbol}-USD` === market);
      sendJson(res, 200, okEnvelope(orders.map((o) => orderJson(acc, o))));
    }],
    ['GET', /^\/api\/v1\/user\/orders\/history$/, (_r, res, q, acc) => {
      const limit = Math.max(1, Math.min(intParam(q.get('limit')) ?? 100, 1000));
      const rows = [...engine.account('extended', acc.accountKey)!.orders.values()].filter((o) => o.status !== 'open').map((o) => ({ id: o.orderId, o }));
      const page = pageNewestFirst(rows, limit, numericCursor(q));
      sendJson(res, 200, okEnvelope(page.items.map((r) => orderJson(acc, r.o)), { cursor: page.next === null ? 0 : Number(Buffer.from(page.next, 'base64url').toString()), count: page.items.length }));
    }],
    ['GET', /^\/api\/v1\/user\/orders\/external\/(.+)$/, (_r, res, _q, acc, g) => {
      const ext = decodeURIComponent(g[1]!);
      // A list, as the real endpoint returns (venues.md §2.2).
      const orders = [...engine.account('extended', acc.accountKey)!.orders.values()].filter((o) => o.clientId === ext);
      sendJson(res, 200, okEnvelope(orders.map((o) => orderJson(acc, o))));
    }],
    ['GET', /^\/api\/v1\/user\/orders\/(\d+)$/, (_r, res, _q, acc, g) => {
      const o = engine.account('extended', acc.accountKey)!.orders.get(Number(g[1]));
      if (o === undefined) return fail(res, 404, 1142, 'order not found');
      sendJson(res, 200, okEnvelope(orderJson(acc, o)));
    }],
    ['GET', /^\/api\/v1\/user\/trades$/, (_r, res, q, acc) => {
      const limit = Math.max(1, Math.min(intParam(q.get('limit')) ?? 100, 1000));
      const markets = q.getAll('market');
      // type: TRADE | LIQUIDATION | DELEVERAGE, all when absent (venues.md §2.2).
      const type = q.get('type');
      const rows = engine.account('extended', acc.accountKey)!.fills.filter((f) => (markets.length === 0 || markets.includes(`${f.symbol}-USD`)) && (type === null || f.tradeType.toUpperCase() === type)).map((f) => ({ id: f.tradeId, f }));
      const page = pageNewestFirst(rows, limit, numericCursor(q));
      sendJson(res, 200, okEnvelope(page.items.map((r) => renderTrade(state.byName.get(`${r.f.symbol}-USD`)!, r.f, acc.accountId)), { cursor: page.next === null ? 0 : Number(Buffer.from(page.next, 'base64url').toString()), count: page.items.length }));
    }],
    ['GET', /^\/api\/v1\/user\/funding\/history$/, (_r, res, q, acc) => {
      const limit = Math.max(1, Math.min(intParam(q.get('limit')) ?? 100, 1000));
      const from = intParam(q.get('fromTime')) ?? 0;
      const market = q.get('market');
      const rows = engine.account('extended', acc.accountKey)!.fundingPayments.filter((p) => p.timeMs >= from && (market === null || `${p.symbol}-USD` === market));
      const page = pageNewestFirst(rows, limit, numericCursor(q));
      const data = page.items.map((p) => renderFundingPayment(state.byName.get(`${p.symbol}-USD`)!, p, acc.accountId, state.wire.omitFundingPaymentId === true));
      sendJson(res, 200, okEnvelope(data, { cursor: page.next === null ? 0 : Number(Buffer.from(page.next, 'base64url').toString()), count: data.length }));
    }],
    ['GET', /^\/api\/v1\/user\/fees$/, (_r, res, q) => {
      const wanted = q.getAll('market');
      const markets = engine.markets('extended').filter((m) => wanted.length === 0 || wanted.includes(m.venueMarket));
      sendJson(res, 200, okEnvelope(markets.map((m) => ({ market: m.venueMarket, makerFeeRate: state.fees(m).maker, takerFeeRate: state.fees(m).taker, builderFeeRate: '0' }))));
    }],
    ['GET', /^\/api\/v1\/user\/leverage$/, (_r, res, q, acc) => {
      const a = engine.account('extended', acc.accountKey)!;
      const wanted = q.getAll('market');
      const markets = engine.markets('extended').filter((m) => wanted.length === 0 || wanted.includes(m.venueMarket));
      sendJson(res, 200, okEnvelope(markets.map((m) => ({ market: m.venueMarket, leverage: String(a.leverageOf(m.symbol, m.maxLeverage)) }))));
    }],
    ['PATCH', /^\/api\/v1\/user\/leverage$/, async (req, res, _q, acc) => {
      const body = z.object({ market: z.string(), leverage: z.union([z.string(), z.number()]) }).safeParse(parseJson(await readBody(req)));
      if (!body.success) return fail(res, 400, 1099, 'market and leverage are required');
      const m = state.byName.get(body.data.market);
      if (m === undefined) return fail(res, 404, 1001, 'market not found');
      const r = engine.setLeverage('extended', acc.accountKey, m.symbol, Number(body.data.leverage));
      if (!r.ok) return fail(res, 400, REJECT_CODES[r.code], 'invalid leverage');
      sendJson(res, 200, okEnvelope({}));
    }],
    ['GET', /^\/api\/v1\/user\/account\/info$/, (_r, res, _q, acc) => sendJson(res, 200, okEnvelope({ id: acc.accountId, description: 'sim', accountIndex: 0, status: 'ACTIVE', l2Key: acc.starkKey, l2Vault: String(acc.vault) }))],
    ['POST', /^\/api\/v1\/user\/order$/, async (req, res, _q, acc) => placeOrder(req, res, acc)],
    ['DELETE', /^\/api\/v1\/user\/order\/(\d+)$/, (_r, res, _q, acc, g) => {
      const r = engine.cancel('extended', acc.accountKey, { orderId: Number(g[1]) });
      if (!r.ok) return fail(res, 404, 1142, 'order not found');
      sendJson(res, 200, okEnvelope({}));
    }],
    ['DELETE', /^\/api\/v1\/user\/order$/, (_r, res, q, acc) => {
      const ext = q.get('externalId');
      if (ext === null) return fail(res, 400, 1099, 'externalId is required');
      const r = engine.cancel('extended', acc.accountKey, { clientId: ext });
      if (!r.ok) return fail(res, 404, 1142, 'order not found');
      sendJson(res, 200, okEnvelope({}));
    }],
    ['POST', /^\/api\/v1\/user\/deadmanswitch$/, (_r, res, q, acc) => {
      const t = q.get('countdownTime');
      if (t === null || !/^\d{1,7}$/.test(t)) return fail(res, 400, 1099, 'countdownTime (whole seconds) is required');
      state.setDeadManSwitch(acc, Number(t));
      sendJson(res, 200, okEnvelope({}));
    }],
    ['POST', /^\/api\/v1\/user\/order\/massCancel$/, async (req, res, _q, acc) => {
      const body = z.object({ orderIds: z.array(z.number()).optional(), externalOrderIds: z.array(z.string()).optional(), markets: z.array(z.string()).optional(), cancelAll: z.boolean().optional() }).strict().safeParse(parseJson(await readBody(req)));
      if (!body.success) return fail(res, 400, 1099, 'invalid mass cancel request');
      const d = body.data;
      if (d.cancelAll === true) engine.cancelAll('extended', acc.accountKey);
      for (const id of d.orderIds ?? []) engine.cancel('extended', acc.accountKey, { orderId: id });
      for (const ext of d.externalOrderIds ?? []) engine.cancel('extended', acc.accountKey, { clientId: ext });
      for (const name of d.markets ?? []) {
        const m = state.byName.get(name);
        if (m !== undefined) engine.cancelAll('extended', acc.accountKey, m.symbol);
      }
      sendJson(res, 200, okEnvelope({}));
    }],
  ];

  async function placeOrder(req: IncomingMessage, res: ServerResponse, acc: ExtendedAccountInfo): Promise<void> {
    const parsed = orderBodySchema.safeParse(parseJson(await readBody(req)));
    if (!parsed.success) return fail(res, 400, 1099, `invalid order: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    const body = parsed.data as unknown as ExtendedOrderBody;
    const m = state.byName.get(body.market);
    if (m === undefined) return fail(res, 400, 1001, 'market not found');
    const now = engine.clock.nowMs();
    // The expiry cap is the network's: 90 days on mainnet, 28 on testnet (venues.md §7.3).
    if (body.expiryEpochMillis > now + state.maxExpiryMs || body.expiryEpochMillis <= now) return fail(res, 400, 1130, 'InvalidOrderExpiration: invalid order expiration');
    // The signed fee is a maximum: below the account's taker rate the venue refuses it
    // (INVALID_FEE, venues.md §2.7). Exponent notation already failed the body schema.
    if (compareDecimal(body.fee, state.fees(m).taker) < 0) return fail(res, 400, 1131, 'InvalidTradingFees: fee is below the account taker rate');
    // Market status (venues.md §7.3): a reduce-only market takes only reduce-only orders; a
    // delisted or prelisted one takes none.
    const status = gate.faults.marketStatus('extended', m.symbol);
    if (status === 'REDUCE_ONLY' && !body.reduceOnly) return fail(res, 400, 1013, 'MarketReduceOnly: market is in reduce-only mode');
    if (status === 'DELISTED' || status === 'PRELISTED') return fail(res, 400, 1002, `MarketDisabled: market is ${status}`);
    const steps = exactIncrements(body.qty, m.stepSize);
    if (steps === null) return fail(res, 400, REJECT_CODES['invalid-size'], `qty is not a multiple of ${m.stepSize}`);
    const ticks = exactIncrements(body.price, m.tickSize);
    if (ticks === null) return fail(res, 400, REJECT_CODES['invalid-price'], `price is not a multiple of ${m.tickSize}`);
    if (BigInt(body.settlement.starkKey) !== BigInt(acc.starkKey)) return fail(res, 400, 1100, 'invalid starknet public key');
    if (body.settlement.collateralPosition !== String(acc.vault)) return fail(res, 400, 1102, 'invalid starknet vault');
    if (!verifyOrderSignature(body, m.l2!, state.domain)) return fail(res, 400, 1101, 'invalid starknet signature');
    if (body.cancelId !== undefined) engine.cancel('extended', acc.accountKey, { clientId: body.cancelId });
    const r = engine.place('extended', {
      accountId: acc.accountKey,
      symbol: m.symbol,
      isAsk: body.side === 'SELL',
      priceTicks: ticks,
      sizeSteps: steps,
      type: body.type === 'MARKET' ? 'market' : 'limit',
      tif: body.timeInForce === 'IOC' ? 'ioc' : body.postOnly ? 'post_only' : 'gtt',
      reduceOnly: body.reduceOnly,
      clientId: body.id,
      expiryMs: body.expiryEpochMillis,
    });
    if (!r.ok) return fail(res, 400, REJECT_CODES[r.code], r.message);
    sendJson(res, 200, okEnvelope({ id: r.order.orderId, externalId: body.id }));
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    const q = queryOf(req);
    try {
      if (await gateRequest('extended', path, res, gate, () => errEnvelope(429, 'rate limit exceeded'))) return;
      if (typeof req.headers['user-agent'] !== 'string' || req.headers['user-agent'] === '') return fail(res, 400, 1098, 'User-Agent header is required');
      for (const [re, h] of publicRoutes) {
        const g = path.match(re);
        if (g !== null) return req.method === 'GET' ? h(res, q, g) : fail(res, 405, 1097, 'method not allowed');
      }
      for (const [method, re, h] of privateRoutes) {
        const g = path.match(re);
        if (g === null || req.method !== method) continue;
        const key = req.headers['x-api-key'];
        const acc = typeof key === 'string' ? state.accountsByKey.get(key) : undefined;
        if (acc === undefined) return fail(res, 401, 1006, 'unauthorized: missing or unknown X-Api-Key');
        return await h(req, res, q, acc, g);
      }
      fail(res, 404, 1096, 'not found');
    } catch (e) {
      if (e instanceof BodyTooLarge) return fail(res, 413, 1095, 'request body too large');
      fail(res, 500, 1094, 'internal error');
    }
  };
}

/** Extended pages with a numeric cursor (the id to continue after); 0 or absent = first page. */
function numericCursor(q: URLSearchParams): string | null {
  const c = q.get('cursor');
  return c === null || c === '0' || !/^\d+$/.test(c) ? null : Buffer.from(c).toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
