// Acceptance 1 (Lighter streams, venues.md §1.5): "connected" first; "subscribed/…" then
// "update/…" with ":" in channel names; order-book diffs chained by begin_nonce; funding in
// market_stats as percent strings; account channels keyed by market id strings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Simulator } from '../../../src-core/venues/sim/server';
import { startSimulator } from '../../../src-core/venues/sim/server';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { collect, lighterToken, T0 } from './helpers';
import { pollUntil, wsBarrier } from '../../helpers/wait';

const dec = z.string().regex(/^-?\d+(\.\d+)?$/);
let sim: Simulator;
// The venue's cadences (50 ms book diffs, 250 ms stats) on a manual clock: frames are produced
// when the test advances time, so what a client receives never depends on machine load.
const clock = new ManualClock(T0);

beforeAll(async () => {
  sim = await startSimulator({ seed: 29, clock, controlPort: null });
});
afterAll(async () => {
  await sim.close();
});

const level = z.object({ price: dec, size: dec }).strict();
const orderBook = z.object({
  channel: z.literal('order_book:0'),
  offset: z.number().int(),
  timestamp: z.number().int().gt(1e12),
  type: z.enum(['subscribed/order_book', 'update/order_book']),
  order_book: z.object({ code: z.number().int(), asks: z.array(level), bids: z.array(level), offset: z.number().int(), nonce: z.number().int(), last_updated_at: z.number().int(), begin_nonce: z.number().int() }).strict(),
});
const statsEntry = z.object({ symbol: z.string(), market_id: z.number().int(), index_price: dec, mark_price: dec, open_interest: dec, last_trade_price: dec, current_funding_rate: dec, funding_rate: dec, funding_timestamp: z.number().int().gt(1e12), funding_clamp_small: dec, funding_clamp_big: dec });

describe('Lighter /stream conformance', () => {
  it('sends connected first, then subscribed/… and update/… with chained nonces', async () => {
    const { ws, messages } = await collect(sim.lighter.wsUrl);
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'order_book/0' }));
    const bookFrames = () => messages.filter((m) => String((m as { type?: string }).type).endsWith('order_book')) as z.infer<typeof orderBook>[];
    await pollUntil(() => bookFrames().length > 0, { what: 'the order_book snapshot' });
    clock.advance(1_000); // 10 model steps, 20 diff flushes
    await wsBarrier(ws);
    const books = bookFrames();
    ws.close();
    expect((messages[0] as { type: string }).type).toBe('connected');
    expect(books[0]?.type).toBe('subscribed/order_book');
    expect(books.length).toBeGreaterThan(2);
    for (const b of books) expect(orderBook.safeParse(b).success).toBe(true);
    for (let i = 1; i < books.length; i++) {
      expect(books[i]!.order_book.begin_nonce).toBe(books[i - 1]!.order_book.nonce);
      expect(books[i]!.offset).toBeGreaterThan(books[i - 1]!.offset);
    }
  });

  it('market_stats/{m} and /all carry funding in percent strings', async () => {
    const { ws, messages } = await collect(sim.lighter.wsUrl);
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'market_stats/0' }));
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'market_stats/all' }));
    const byChannel = (c: string) => messages.find((m) => (m as { channel?: string }).channel === c);
    const one = (await pollUntil(() => byChannel('market_stats:0'), { what: 'market_stats:0' })) as { market_stats: unknown };
    const all = (await pollUntil(() => byChannel('market_stats:all'), { what: 'market_stats:all' })) as { market_stats: Record<string, unknown> };
    ws.close();
    expect(statsEntry.safeParse(one.market_stats).success).toBe(true);
    expect(Object.keys(all.market_stats).length).toBe(121);
    expect(statsEntry.safeParse(all.market_stats['0']).success).toBe(true);
    // Percent: the engine's hourly decimal × 100.
    const hourly = sim.engine.funding('lighter', 'ETH').predictedHourly;
    expect(Number((all.market_stats['0'] as { current_funding_rate: string }).current_funding_rate)).toBeCloseTo(hourly * 100, 5);
  });

  it('account channels: account_all without auth, account_orders with auth, user_stats, trade, height', async () => {
    const a = sim.demo.lighter.accountIndex;
    const { ws, messages } = await collect(sim.lighter.wsUrl);
    ws.send(JSON.stringify({ type: 'subscribe', channel: `account_all/${a}` }));
    ws.send(JSON.stringify({ type: 'subscribe', channel: `account_orders/0/${a}`, auth: lighterToken(sim, clock.nowMs()) }));
    ws.send(JSON.stringify({ type: 'subscribe', channel: `user_stats/${a}` }));
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'trade/0' }));
    ws.send(JSON.stringify({ type: 'subscribe', channel: 'height' }));
    const byType = (t: string) => messages.find((m) => (m as { type?: string }).type === t) as Record<string, unknown> | undefined;
    const wanted = ['subscribed/account_all', 'subscribed/account_orders', 'subscribed/user_stats', 'subscribed/trade', 'subscribed/height'];
    // An error frame ends the wait early too, so a refused subscription fails the asserts below.
    await pollUntil(() => wanted.every((t) => byType(t) !== undefined) || messages.some((m) => (m as { error?: unknown }).error !== undefined), { what: 'all five subscriptions' });
    ws.close();
    expect(z.object({ account: z.literal(a), channel: z.literal(`account_all:${a}`), positions: z.record(z.string(), z.unknown()), trades: z.record(z.string(), z.array(z.unknown())), funding_histories: z.record(z.string(), z.array(z.unknown())) }).safeParse(byType('subscribed/account_all')).success).toBe(true);
    expect(z.object({ account: z.literal(a), channel: z.literal('account_orders:0'), nonce: z.number(), orders: z.record(z.string(), z.array(z.unknown())) }).safeParse(byType('subscribed/account_orders')).success).toBe(true);
    expect(z.object({ channel: z.literal(`user_stats:${a}`), stats: z.object({ collateral: dec, portfolio_value: dec, available_balance: dec, buying_power: dec }) }).safeParse(byType('subscribed/user_stats')).success).toBe(true);
    expect(byType('subscribed/trade')?.channel).toBe('trade:0');
    expect(typeof byType('subscribed/height')?.height).toBe('number');
  });

  it('answers jsonapi/sendtx with the request id echoed', async () => {
    const { ws, messages } = await collect(sim.lighter.wsUrl);
    ws.send(JSON.stringify({ type: 'jsonapi/sendtx', data: { id: 'req-7', tx_type: 14, tx_info: { AccountIndex: 1 } } }));
    const reply = (await pollUntil(() => messages.find((m) => (m as { type?: string }).type === 'jsonapi/sendtx'), { what: 'the sendtx reply' })) as { data: { id: string; code: number } };
    ws.close();
    expect(reply.data.id).toBe('req-7');
    expect(reply.data.code).toBe(21501);
  });
});
