// Trading-port contract scenarios, venue-neutral: each takes a Harness and asserts what a client
// of the port sees. Run per venue from <venue>.test.ts; the lead merges them into one suite.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { expect } from 'vitest';
import { formatScaled, toIncrements, toScaledInt } from '../../../src-core/domain/decimal';
import { VenueError } from '../../../src-core/venues/common/errors';
import type { OrderState, Readback } from '../../../src-core/venues/port';
import { until, type Harness } from './harness';

const SYMBOL = 'ETH';
const OTHER = 'BTC';
/** Simulator time moved between polls, so queued txs and stream cadences run. */
const STEP_MS = 200;

async function readback(h: Harness, id: string, symbol = SYMBOL): Promise<Readback> {
  return h.adapter.orderByClientId(symbol, id);
}

export async function orderOf(h: Harness, id: string, ok: (o: OrderState) => boolean, symbol = SYMBOL): Promise<OrderState> {
  const r = await until(() => readback(h, id, symbol), (x) => x.kind === 'found' && ok(x.order), { h, advanceMs: STEP_MS, what: `order ${id}` });
  if (r.kind !== 'found') throw new Error('unreachable');
  return r.order;
}

async function rest(h: Harness, symbol = SYMBOL, side: 'buy' | 'sell' = 'buy'): Promise<string> {
  const id = h.nextClientId();
  const price = h.restingPrice(symbol, side);
  const out = await h.adapter.place({ symbol, side, size: h.size(symbol, price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 24 * 3_600_000 });
  expect(out.kind).toBe('accepted');
  await orderOf(h, id, (o) => o.status === 'open', symbol);
  return id;
}

/** POST requests created on the adapter's HTTP client (an order leaving) while `fn` runs. */
async function countingPosts<T>(fn: (posts: () => number) => Promise<T>): Promise<T> {
  let n = 0;
  const onCreate = (msg: unknown): void => {
    if ((msg as { request: { method: string } }).request.method === 'POST') n += 1;
  };
  subscribe('undici:request:create', onCreate);
  try {
    return await fn(() => n);
  } finally {
    unsubscribe('undici:request:create', onCreate);
  }
}

export const scenarios = {
  /** TradingPort.place's `durable`: the order is signed while the intent syncs, and nothing is
   *  written to the venue before it resolves; a failed sync sends nothing ('not-sent'). */
  async durableGate(h: Harness): Promise<void> {
    const price = h.restingPrice(SYMBOL, 'buy');
    const order = (id: string) => ({ symbol: SYMBOL, side: 'buy' as const, size: h.size(SYMBOL, price), price, type: 'limit' as const, tif: 'gtt' as const, reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 3_600_000 });
    await countingPosts(async (posts) => {
      // A thenable: `await` calls its then(), so the test sees the moment the adapter waits.
      let postsWhenAwaited: number | null = null;
      let release!: () => void;
      const held = {
        then(resolve: () => void) {
          postsWhenAwaited = posts();
          release = resolve;
        },
      } as unknown as Promise<void>;
      const id = h.nextClientId();
      const placed = h.adapter.place(order(id), held);
      await until(async () => postsWhenAwaited, (n) => n !== null, { h, advanceMs: 0, what: 'the adapter waiting for durability' });
      expect(postsWhenAwaited).toBe(0);
      release();
      const out = await placed;
      expect(out.kind).toBe('accepted');
      expect(posts()).toBe(1);
      await orderOf(h, id, (o) => o.status === 'open');

      const refusedId = h.nextClientId();
      const before = posts();
      const refused = await h.adapter.place(order(refusedId), Promise.reject(new Error('EIO: fdatasync failed')));
      expect(refused).toMatchObject({ kind: 'rejected', reason: 'not-sent', retryable: true });
      expect(refused.kind === 'rejected' && refused.venueMessage).toContain('EIO: fdatasync failed');
      expect(posts()).toBe(before);
      expect((await readback(h, refusedId)).kind).toBe('not-found');
    });
  },

  async place(h: Harness): Promise<void> {
    const id = h.nextClientId();
    const price = h.restingPrice(SYMBOL, 'buy');
    const out = await h.adapter.place({ symbol: SYMBOL, side: 'buy', size: h.size(SYMBOL, price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 3_600_000 });
    if (out.kind !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(out)}`);
    expect(['queued', 'live']).toContain(out.stage);
    const o = await orderOf(h, id, (x) => x.status === 'open');
    expect(o.clientOrderId).toBe(id);
    expect(o.endReason).toBeNull();
  },

  async cancel(h: Harness): Promise<void> {
    const id = await rest(h);
    expect((await h.adapter.cancel(SYMBOL, id)).kind).toBe('accepted');
    const o = await orderOf(h, id, (x) => x.status === 'canceled');
    expect(o.endReason).toBe('canceled-by-us');
  },

  async symbolCancelAllLeavesOtherMarket(h: Harness): Promise<void> {
    const eth = await rest(h, SYMBOL);
    const btc = await rest(h, OTHER);
    expect((await h.adapter.cancelAll({ kind: 'symbol', symbol: SYMBOL })).kind).toBe('accepted');
    await orderOf(h, eth, (x) => x.status === 'canceled');
    h.advance(5_000);
    const other = await readback(h, btc, OTHER);
    expect(other.kind === 'found' && other.order.status).toBe('open');
  },

  async readbackFoundNotFoundFailed(h: Harness): Promise<void> {
    const id = await rest(h);
    const found = await readback(h, id);
    expect(found.kind).toBe('found');
    const before = h.clock.nowMs();
    const missing = await readback(h, h.nextClientId());
    expect(missing.kind).toBe('not-found');
    expect(missing.queriedAtMs).toBeGreaterThanOrEqual(before);
    h.setDown(true);
    try {
      await expect(readback(h, id)).rejects.toBeInstanceOf(VenueError);
    } finally {
      h.setDown(false);
    }
  },

  async partialThenFilled(h: Harness): Promise<void> {
    const id = h.nextClientId();
    const price = h.touchPrice(SYMBOL, 'buy');
    const size = h.size(SYMBOL, price);
    expect((await h.adapter.place({ symbol: SYMBOL, side: 'buy', size, price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 3_600_000 })).kind).toBe('accepted');
    await orderOf(h, id, (o) => o.status === 'open');
    const steps = Number(toIncrements(size, h.adapter.market(SYMBOL)!.stepSize, 'exact'));
    const half = Math.floor(steps / 2);
    h.counterpartyTake(SYMBOL, 'buy', price, half);
    const partial = await orderOf(h, id, (o) => o.status === 'partially-filled');
    expect(partial.endReason).toBeNull();
    h.counterpartyTake(SYMBOL, 'buy', price, steps - half);
    const filled = await orderOf(h, id, (o) => o.status === 'filled');
    expect(filled.endReason).toBe('filled');
    expect(filled.filledSize).toBe(size);
  },

  async postOnlyReject(h: Harness): Promise<void> {
    const id = h.nextClientId();
    const price = h.crossingPrice(SYMBOL, 'buy');
    const out = await h.adapter.place({ symbol: SYMBOL, side: 'buy', size: h.size(SYMBOL, price), price, type: 'limit', tif: 'post_only', reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 3_600_000 });
    // Lighter acknowledges and cancels later; a venue may also refuse at once. Same reason either way.
    if (out.kind === 'rejected') {
      expect(out.reason).toBe('post-only-would-cross');
      return;
    }
    expect(out.kind).toBe('accepted');
    const o = await orderOf(h, id, (x) => x.status === 'canceled' || x.status === 'rejected');
    expect(o.endReason).toBe('post-only-would-cross');
    expect(o.venueReason).not.toBeNull();
  },

  async reversibleIdsAcrossRestart(h: Harness): Promise<void> {
    const resting = await rest(h);
    const taker = h.nextClientId();
    const price = h.crossingPrice(SYMBOL, 'buy');
    expect((await h.adapter.place({ symbol: SYMBOL, side: 'buy', size: h.size(SYMBOL, price), price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: taker })).kind).toBe('accepted');
    await orderOf(h, taker, (o) => o.status === 'filled' || o.status === 'canceled');
    const a = await h.restart();
    const open = await a.openOrders(SYMBOL);
    expect(open.map((o) => o.clientOrderId)).toContain(resting);
    const fills = await a.fills(SYMBOL, 0);
    expect(fills.some((f) => f.clientOrderId === taker)).toBe(true);
  },

  async streamDownAndResubscribed(h: Harness): Promise<void> {
    await until(() => h.adapter.health().some((s) => s.stream.includes('account') && s.state === 'open'), (x) => x, { what: 'account stream open' });
    h.events.length = 0;
    h.disconnect();
    const states = () => h.events.flatMap((e) => (e.type === 'stream' ? [e.stream.state] : []));
    await until(states, (s) => s.includes('down') && s.includes('resubscribed'), { what: 'down then resubscribed' });
    const s = states();
    expect(s.indexOf('down')).toBeLessThan(s.indexOf('resubscribed'));
  },

  async exactFeesAndFunding(h: Harness): Promise<void> {
    const id = h.nextClientId();
    const price = h.crossingPrice(SYMBOL, 'buy');
    expect((await h.adapter.place({ symbol: SYMBOL, side: 'buy', size: h.size(SYMBOL, price, 3), price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: id })).kind).toBe('accepted');
    await orderOf(h, id, (o) => o.status === 'filled' || o.status === 'canceled');
    // One settlement with the position open.
    h.advance(3_600_000);
    const acc = h.simAccount();
    const simFees = acc.fills.filter((f) => f.clientId === id);
    expect(simFees.length).toBeGreaterThan(0);
    const fills = (await h.adapter.fills(SYMBOL, 0)).filter((f) => f.clientOrderId === id);
    expect(fills.map((f) => f.feeUsd).sort()).toEqual(simFees.map((f) => formatScaled(BigInt(f.feeMicro), 6)).sort());
    const simFunding = await until(() => h.simAccount().fundingPayments.filter((p) => p.symbol === SYMBOL), (p) => p.length > 0, { what: 'a settlement' });
    const payments = await until(() => h.adapter.fundingPayments(SYMBOL, 0), (p) => p.length >= simFunding.length, { what: 'funding readback' });
    const micro = (s: string) => toScaledInt(s, 6);
    expect(payments.map((p) => micro(p.cashUsd)).sort()).toEqual(simFunding.map((p) => BigInt(p.changeMicro)).sort());
  },

  async deadManSwitch(h: Harness): Promise<void> {
    const cap = h.adapter.capabilities.deadManSwitch;
    if (cap === null) return;
    const countdown = cap.minCountdownMs;
    // Renewed every half countdown: the order survives three countdowns.
    const kept = await rest(h);
    for (let i = 0; i < 6; i++) {
      expect((await h.adapter.deadManSwitch(countdown)).kind).toBe('accepted');
      h.advance(countdown / 2);
      await new Promise((r) => setTimeout(r, 10));
    }
    const alive = await readback(h, kept);
    expect(alive.kind === 'found' && alive.order.status).toBe('open');
    // Not renewed: cancelled once the countdown lapses.
    h.advance(countdown + 1_000);
    const o = await orderOf(h, kept, (x) => x.status === 'canceled');
    expect(o.endReason).toBe('canceled-by-us');
    // Cleared: a later order stays.
    expect((await h.adapter.deadManSwitch(null)).kind).toBe('accepted');
  },
};
