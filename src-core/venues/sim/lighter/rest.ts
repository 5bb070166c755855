// Lighter REST under /api/v1 (venues.md §1.2): flat {code: 200, ...} envelopes, HTTP 400 with
// {code, message} for errors, 429 for rate limits, 401 for missing or bad auth.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLarge, gateRequest, intParam, pageNewestFirst, pathOf, queryOf, readBody, sendJson, type Gate } from '../http-util';
import type { SimEngine } from '../engine/engine';
import type { RejectCode } from '../engine/types';
import { checkAuthToken } from './auth';
import { orderBookDetail, orderBookEntry, px, renderFunding, renderOrder, renderPosition, renderTrade, sz } from './render';
import type { LighterState } from './state';
import { applyTx, TX_TYPE_LIMIT_CODE } from './apply';

/** accountLimits fee ticks (1e6 = 100 %): Premium at zero staked LIT 0.0040 % / 0.0280 %,
 *  Standard 0 / 0 (venues.md §7.2). */
function feeTicks(tier: 'standard' | 'premium'): { current_maker_fee_tick: number; current_taker_fee_tick: number } {
  return tier === 'premium' ? { current_maker_fee_tick: 40, current_taker_fee_tick: 280 } : { current_maker_fee_tick: 0, current_taker_fee_tick: 0 };
}

/** sendTx's form: multipart/form-data (the spec, and what the official Python SDK sends) or
 *  urlencoded (the generated TS client); venues.md §7.2. */
async function readForm(req: IncomingMessage): Promise<{ get(name: string): string | null } | null> {
  const body = await readBody(req);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    try {
      const fd = await new Response(body, { headers: { 'content-type': type } }).formData();
      return { get: (n) => { const v = fd.get(n); return typeof v === 'string' ? v : null; } };
    } catch {
      return null;
    }
  }
  return new URLSearchParams(body);
}

const ok = (payload: Record<string, unknown> = {}) => ({ code: 200, ...payload });
const fail = (res: ServerResponse, code: number, message: string, status = 400) => sendJson(res, status, { code, message });

export const REJECT_CODES: Record<RejectCode, number> = {
  'unknown-market': 21602,
  'invalid-size': 21701,
  'invalid-price': 21702,
  'below-min-size': 21706,
  'below-min-notional': 21706,
  'price-band': 21734,
  'duplicate-client-id': 21728,
  'invalid-expiry': 21711,
  'unknown-order': 21700,
  'invalid-leverage': 21613,
  'unknown-account': 21511,
};

function authToken(req: IncomingMessage, q: URLSearchParams): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header !== '') return header;
  return q.get('auth') ?? q.get('authorization');
}

export function createLighterRest(state: LighterState, gate: Gate, txDelayMs: number) {
  const engine: SimEngine = state.engine;

  const requireAuth = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams, account: number): boolean => {
    const v = checkAuthToken(authToken(req, q), engine.clock.nowMs(), account, state.keys);
    if (!v.ok) {
      sendJson(res, 401, { code: v.code, message: v.message });
      return false;
    }
    return true;
  };

  const accountParam = (q: URLSearchParams, name = 'account_index') => {
    const idx = intParam(q.get(name));
    return idx === null ? null : { idx, acc: engine.account('lighter', String(idx)) };
  };

  /** The account a private route reads, after the auth check; null once an error was sent. */
  const authedAccount = (req: IncomingMessage, res: ServerResponse, q: URLSearchParams): { idx: number; acc: NonNullable<ReturnType<SimEngine['account']>> } | null => {
    const a = accountParam(q);
    if (a === null || a.acc === undefined) {
      fail(res, 21511, 'account not found');
      return null;
    }
    return requireAuth(req, res, q, a.idx) ? { idx: a.idx, acc: a.acc } : null;
  };

  const limitParam = (res: ServerResponse, q: URLSearchParams): number | null => {
    const limit = intParam(q.get('limit'));
    if (limit === null || limit < 1 || limit > 100) {
      fail(res, 21501, 'limit must be 1..100');
      return null;
    }
    return limit;
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, q: URLSearchParams) => void | Promise<void>> = {
    '/': (_r, res) => sendJson(res, 200, ok({ status: 1, network_id: 1, timestamp: Math.floor(engine.clock.nowMs() / 1000) })),
    '/info': (_r, res) => sendJson(res, 200, ok({ contract_address: '0x0', latest_l1_block: 0 })),
    '/api/v1/orderBooks': (_r, res) => sendJson(res, 200, ok({ order_books: engine.markets('lighter').map(orderBookEntry) })),
    '/api/v1/orderBookDetails': (_r, res, q) => {
      const id = intParam(q.get('market_id') ?? '255');
      const markets = engine.markets('lighter').filter((m) => id === null || id === 255 || m.marketIndex === id);
      if (id !== null && id !== 255 && markets.length === 0) return fail(res, 21602, 'invalid market index');
      sendJson(res, 200, ok({ order_book_details: markets.map((m) => orderBookDetail(engine, m)), spot_order_book_details: [] }));
    },
    '/api/v1/funding-rates': (_r, res) => {
      // Rows for other exchanges are mixed in, as on the real endpoint; the rate is the 8-hour
      // equivalent decimal (the bot divides it by 8).
      const rows = engine.markets('lighter').flatMap((m) => [
        { market_id: m.marketIndex, exchange: 'lighter', symbol: m.symbol, rate: Number((engine.funding('lighter', m.symbol).predictedHourly * 8).toPrecision(8)) },
        { market_id: m.marketIndex, exchange: 'binance', symbol: m.symbol, rate: 0.0001 },
      ]);
      sendJson(res, 200, ok({ funding_rates: rows }));
    },
    '/api/v1/fundings': (_r, res, q) => {
      const id = intParam(q.get('market_id'));
      const m = id === null ? undefined : state.byIndex.get(id);
      const start = intParam(q.get('start_timestamp'));
      const end = intParam(q.get('end_timestamp'));
      const countBack = intParam(q.get('count_back'));
      if (m === undefined) return fail(res, 21602, 'invalid market index');
      if (start === null || end === null || countBack === null || q.get('resolution') === null) return fail(res, 21501, 'market_id, resolution, start_timestamp, end_timestamp and count_back are required');
      // Quirk: the latest count_back rows whatever the window (what the upstream bot reports).
      const window = state.quirks.fundingsIgnoreWindow ? [0, engine.clock.nowMs()] : [start * 1000, end * 1000];
      const rows = engine.fundingHistory('lighter', m.symbol, window[0]!, window[1]!).slice(-Math.max(1, Math.min(countBack, 1000)));
      // `rate` is unsigned with a direction (venues.md §3 pitfall 2), in PERCENT per hour like
      // market_stats (the unit the evidence points to, venues.md §7.4).
      sendJson(res, 200, ok({
        resolution: q.get('resolution'),
        fundings: rows.map((r) => ({ timestamp: Math.floor(r.timeMs / 1000), value: '0', rate: (Math.abs(r.hourlyRate) * 100).toFixed(8), direction: r.hourlyRate >= 0 ? 'long' : 'short' })),
      }));
    },
    '/api/v1/orderBookOrders': (_r, res, q) => {
      const id = intParam(q.get('market_id'));
      const m = id === null ? undefined : state.byIndex.get(id);
      if (m === undefined) return fail(res, 21602, 'invalid market index');
      const limit = Math.max(1, Math.min(250, intParam(q.get('limit')) ?? 50));
      const book = engine.book('lighter', m.symbol);
      // Individual orders (L3): each synthetic level is split into two orders so a client that
      // treats rows as levels gets the depth wrong, as with the real venue.
      const split = (levels: readonly (readonly [number, number])[], isAsk: boolean) =>
        levels.slice(0, limit).flatMap(([p, s], i) => {
          const a = Math.ceil(s / 2);
          const parts = s - a > 0 ? [a, s - a] : [a];
          return parts.map((part, k) => ({ order_index: 2 ** 47 + i * 2 + k + (isAsk ? 1000 : 0), order_id: String(2 ** 47 + i * 2 + k), owner_account_index: 281474976710654, initial_base_amount: sz(m, part), remaining_base_amount: sz(m, part), price: px(m, p), order_expiry: 0, transaction_time: book.venueTimeMs * 1000 }));
        });
      const asks = split(book.asks, true);
      const bids = split(book.bids, false);
      sendJson(res, 200, ok({ total_asks: asks.length, asks, total_bids: bids.length, bids }));
    },
    '/api/v1/recentTrades': (_r, res, q) => {
      const id = intParam(q.get('market_id'));
      if (id === null || !state.byIndex.has(id)) return fail(res, 21602, 'invalid market index');
      const limit = Math.max(1, Math.min(100, intParam(q.get('limit')) ?? 100));
      sendJson(res, 200, ok({ trades: (state.publicTrades.get(id) ?? []).slice(-limit).reverse() }));
    },
    '/api/v1/account': (_r, res, q) => {
      const by = q.get('by');
      const value = intParam(q.get('value'));
      if (by !== 'index' || value === null) return fail(res, 21501, 'by=index&value=<account index> required');
      const acc = engine.account('lighter', String(value));
      if (acc === undefined) return fail(res, 21511, 'account not found');
      const upnl = engine.markets('lighter').reduce((s, m) => s + engine.unrealizedMicro(acc, m.symbol), 0);
      const positions = [...acc.positions.keys()].map((sym) => renderPosition(engine, acc, state.bySymbol.get(sym)!));
      sendJson(res, 200, ok({
        total: 1,
        accounts: [{
          code: 0, account_type: 0, index: value, l1_address: '0x' + value.toString(16).padStart(40, '0'), cancel_all_time: 0,
          total_order_count: acc.orders.size, total_isolated_order_count: 0, pending_order_count: 0, available_balance: (engine.availableMicro(acc) / 1e6).toFixed(6),
          status: 1, collateral: (acc.collateralMicro / 1e6).toFixed(6), total_asset_value: ((acc.collateralMicro + upnl) / 1e6).toFixed(6),
          cross_asset_value: ((acc.collateralMicro + upnl) / 1e6).toFixed(6), positions, shares: [],
          assets: [{ symbol: 'USDC', asset_id: 3, balance: (acc.collateralMicro / 1e6).toFixed(6), locked_balance: '0.000000', margin_mode: 'disabled', margin_balance: (acc.collateralMicro / 1e6).toFixed(6), multiplier: '1' }],
          transaction_time: engine.clock.nowMs() * 1000, account_index: value, name: '', description: '', can_invite: false, referral_points_percentage: '0', can_rfq: false, can_rfq_market_ids: [],
          created_at: Math.floor(engine.startedAtMs / 1000), metadata: { color: '' }, cross_initial_margin_requirement: '0', cross_maintenance_margin_requirement: '0',
          pool_info: { status: 0, operator_fee: '0', min_operator_share_rate: '0', total_shares: 0, operator_shares: 0, annual_percentage_yield: 0, sharpe_ratio: 0, daily_returns: [], share_prices: [], strategies: [] },
        }],
      }));
    },
    '/api/v1/accountLimits': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      sendJson(res, 200, ok({ user_tier: a.acc.tier === 'premium' ? 'premium' : 'std', user_tier_name: a.acc.tier === 'premium' ? 'Premium' : 'Standard', max_llp_percentage: 25, max_llp_amount: '0', can_create_public_pool: false, ...feeTicks(a.acc.tier), leased_lit: '0', effective_lit_stakes: '0' }));
    },
    '/api/v1/accountActiveOrders': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      const mid = intParam(q.get('market_id'));
      const m = mid === null ? undefined : state.byIndex.get(mid);
      if (mid !== null && m === undefined) return fail(res, 21602, 'invalid market index');
      const orders = a.acc.openOrders(m?.symbol).map((o) => renderOrder(state.bySymbol.get(o.symbol)!, o, a.idx));
      sendJson(res, 200, ok({ orders }));
    },
    '/api/v1/accountInactiveOrders': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      const limit = limitParam(res, q);
      if (limit === null) return;
      const mid = intParam(q.get('market_id'));
      const rows = [...a.acc.orders.values()].filter((o) => o.status !== 'open' && (mid === null || state.bySymbol.get(o.symbol)?.marketIndex === mid)).map((o) => ({ id: o.orderId, o }));
      const page = pageNewestFirst(rows, limit, q.get('cursor'));
      sendJson(res, 200, ok({ orders: page.items.map((r) => renderOrder(state.bySymbol.get(r.o.symbol)!, r.o, a.idx)), ...(page.next === null ? {} : { next_cursor: page.next }) }));
    },
    '/api/v1/accountOrders': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      const wanted = new Set((q.get('client_order_indexes') ?? '').split(',').filter((s) => /^\d+$/.test(s)));
      const orders = [...a.acc.orders.values()].filter((o) => wanted.has(o.clientId)).map((o) => renderOrder(state.bySymbol.get(o.symbol)!, o, a.idx));
      sendJson(res, 200, ok({ orders }));
    },
    '/api/v1/trades': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      const limit = limitParam(res, q);
      if (limit === null) return;
      const mid = intParam(q.get('market_id'));
      const orderIndex = intParam(q.get('order_index'));
      // type: all | trade | liquidation | deleverage | market-settlement (venues.md §1.2).
      const type = q.get('type') ?? 'all';
      const rows = a.acc.fills
        .filter((f) => (mid === null || state.bySymbol.get(f.symbol)?.marketIndex === mid) && (orderIndex === null || f.orderId === orderIndex) && (type === 'all' || f.tradeType === type))
        .map((f) => ({ id: f.tradeId, f }));
      const page = pageNewestFirst(rows, limit, q.get('cursor'));
      sendJson(res, 200, ok({ trades: page.items.map((r) => renderTrade(state.bySymbol.get(r.f.symbol)!, r.f, a.idx)), ...(page.next === null ? {} : { next_cursor: page.next }) }));
    },
    '/api/v1/positionFunding': (req, res, q) => {
      const a = authedAccount(req, res, q);
      if (a === null) return;
      const limit = limitParam(res, q);
      if (limit === null) return;
      const mid = intParam(q.get('market_id'));
      const side = q.get('side') ?? 'all';
      const rows = a.acc.fundingPayments.filter((p) => (mid === null || state.bySymbol.get(p.symbol)?.marketIndex === mid) && (side === 'all' || (side === 'long') === p.positionSize >= 0));
      const page = pageNewestFirst(rows, limit, q.get('cursor'));
      sendJson(res, 200, ok({ position_fundings: page.items.map((p) => renderFunding(state.bySymbol.get(p.symbol)!, p)), ...(page.next === null ? {} : { next_cursor: page.next }) }));
    },
    '/api/v1/nextNonce': (_r, res, q) => {
      const account = intParam(q.get('account_index'));
      const key = intParam(q.get('api_key_index'));
      if (account === null || key === null) return fail(res, 21501, 'account_index and api_key_index required');
      sendJson(res, 200, ok({ nonce: state.nonces.expected(account, key) }));
    },
    '/api/v1/apikeys': (_r, res, q) => {
      const account = intParam(q.get('account_index'));
      if (account === null) return fail(res, 21501, 'account_index required');
      const keys = [...state.keys.entries()].filter(([k]) => k.startsWith(`${account}:`)).map(([k, pub]) => {
        const key = Number(k.split(':')[1]);
        return { account_index: account, api_key_index: key, nonce: state.nonces.expected(account, key), public_key: pub, transaction_time: engine.clock.nowMs() * 1000 };
      });
      sendJson(res, 200, ok({ api_keys: keys }));
    },
    // The look-up of an ambiguous send: by the signed hash the client computed before sending.
    // Spec (zklighter-perps openapi.json, GET /api/v1/tx): `by` ∈ {hash, sequence_index}, 200 with
    // an EnrichedTx, 400 with a ResultCode otherwise; 21500 is "transaction not found" (venues.md §1.8).
    '/api/v1/tx': (_r, res, q) => {
      const by = q.get('by');
      if (by !== 'hash') return fail(res, 21501, by === 'sequence_index' ? 'by=sequence_index is not simulated; use by=hash' : 'by must be hash or sequence_index');
      const t = state.txs.get((q.get('value') ?? '').replace(/^0x/i, '').toLowerCase());
      if (t === undefined) return fail(res, 21500, 'transaction not found');
      if (t.status === 1 && t.expireAt <= engine.clock.nowMs()) t.status = 0;
      sendJson(res, 200, ok({ hash: t.hash, type: t.type, info: t.info, event_info: '{}', status: t.status, transaction_index: 0, l1_address: '', account_index: t.accountIndex, nonce: t.nonce, expire_at: t.expireAt, block_height: 0, queued_at: t.queuedAt, executed_at: t.executedAt, sequence_index: 0, parent_hash: '', api_key_index: t.apiKeyIndex, transaction_time: t.queuedAt * 1000, committed_at: t.executedAt, verified_at: t.executedAt }));
    },
    '/api/v1/sendTx': async (req, res) => {
      state.counters.sendTx += 1;
      const form = await readForm(req);
      if (form === null) return fail(res, 21501, 'sendTx takes multipart/form-data or application/x-www-form-urlencoded');
      const type = intParam(form.get('tx_type'));
      let info: unknown;
      try {
        info = JSON.parse(form.get('tx_info') ?? '');
      } catch {
        return fail(res, 21501, 'tx_info is not JSON');
      }
      if (type === null) return fail(res, 21505, 'tx_type required');
      const r = applyTx(state, gate, type, info, txDelayMs);
      if (!r.ok) {
        state.counters.refusals.push(r.code);
        // Rate limits are HTTP 429 (venues.md §1.2), other refusals HTTP 400.
        return fail(res, r.code, r.message, r.code === TX_TYPE_LIMIT_CODE ? 429 : 400);
      }
      if (state.quirks.unexpectedSendTxReply > 0) {
        state.quirks.unexpectedSendTxReply -= 1;
        return sendJson(res, 200, { result: 'queued' });
      }
      sendJson(res, 200, ok({ message: '{"ratelimit": "didn\'t use volume quota"}', tx_hash: r.hash, predicted_execution_time_ms: engine.clock.nowMs() + txDelayMs, volume_quota_remaining: 1000 }));
    },
    '/api/v1/sendTxBatch': async (req, res) => {
      const form = new URLSearchParams(await readBody(req));
      let types: unknown;
      let infos: unknown;
      try {
        types = JSON.parse(form.get('tx_types') ?? '');
        infos = JSON.parse(form.get('tx_infos') ?? '');
      } catch {
        return fail(res, 21501, 'tx_types and tx_infos must be JSON arrays');
      }
      if (!Array.isArray(types) || !Array.isArray(infos)) return fail(res, 21501, 'tx_types and tx_infos must be JSON arrays');
      if (types.length !== infos.length) return fail(res, 21513, 'length mismatch');
      if (types.length > 50) return fail(res, 21514, 'more than 50 transactions in a batch');
      const hashes: string[] = [];
      for (let i = 0; i < types.length; i++) {
        let info: unknown;
        try {
          info = typeof infos[i] === 'string' ? JSON.parse(infos[i] as string) : infos[i];
        } catch {
          return fail(res, 21501, `tx_infos[${i}] is not JSON`);
        }
        const r = applyTx(state, gate, Number(types[i]), info, txDelayMs);
        if (!r.ok) return fail(res, r.code, r.message);
        hashes.push(r.hash);
      }
      sendJson(res, 200, ok({ tx_hash: hashes, predicted_execution_time_ms: engine.clock.nowMs() + txDelayMs, volume_quota_remaining: 1000 }));
    },
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    const handler = routes[path];
    const route = path.replace('/api/v1/', '');
    try {
      if (await gateRequest('lighter', route, res, gate, () => ({ code: 23000, message: 'Too Many Requests' }))) return;
      if (handler === undefined) return fail(res, 29404, 'not found', 404);
      const isPost = path === '/api/v1/sendTx' || path === '/api/v1/sendTxBatch';
      if ((req.method === 'POST') !== isPost) return fail(res, 29404, 'method not allowed', 405);
      await handler(req, res, queryOf(req));
    } catch (e) {
      if (e instanceof BodyTooLarge) return fail(res, 21501, 'request body too large', 413);
      fail(res, 29500, 'internal server error');
    }
  };
}
