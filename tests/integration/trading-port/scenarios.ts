// Trading-port contract scenarios, venue-neutral: each takes a started Harness and asserts only
// what a client of the port sees (outcomes, account events, readbacks).
import { expect } from 'vitest';
import { VenueError } from '../../../src-core/venues/common/errors';
import type { PlaceOrder } from '../../../src-core/venues/port';
import { POLL, type Harness } from './harness';

export type Scenario = (h: Harness) => Promise<void>;

function limit(h: Harness, over: Partial<PlaceOrder> & Pick<PlaceOrder, 'side' | 'price'>): PlaceOrder {
  return { symbol: h.symbol, size: h.size(over.symbol ?? h.symbol), type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: h.clientId(), ...over };
}

export const placeAccepted: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.restingPrice('buy') });
  const r = await h.adapter.place(o);
  expect(r.kind).toBe('accepted');
  if (r.kind !== 'accepted') return;
  expect(['queued', 'live']).toContain(h.adapter.capabilities.cancel === 'queued' ? r.stage : r.stage);
  const seen = await h.waitOrder(o.clientOrderId, (x) => x.status === 'open');
  expect(seen).toMatchObject({ symbol: h.symbol, side: 'buy', price: o.price, endReason: null });
  await h.adapter.cancelAll({ kind: 'all' });
};

export const cancelOne: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.restingPrice('buy') });
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'open');
  expect((await h.adapter.cancel(h.symbol, o.clientOrderId)).kind).toBe('accepted');
  const done = await h.waitOrder(o.clientOrderId, (x) => x.status === 'canceled');
  expect(done.endReason).toBe('canceled-by-us');
};

export const symbolCancelAllLeavesOtherMarket: Scenario = async (h) => {
  const a = limit(h, { side: 'buy', price: h.restingPrice('buy') });
  const b = limit(h, { symbol: h.otherSymbol, side: 'buy', price: h.restingPrice('buy', h.otherSymbol) });
  expect((await h.adapter.place(a)).kind).toBe('accepted');
  expect((await h.adapter.place(b)).kind).toBe('accepted');
  await h.waitOrder(b.clientOrderId, (x) => x.status === 'open');
  expect((await h.adapter.cancelAll({ kind: 'symbol', symbol: h.symbol })).kind).toBe('accepted');
  await h.waitOrder(a.clientOrderId, (x) => x.status === 'canceled');
  const open = await h.adapter.openOrders();
  expect(open.map((o) => o.clientOrderId)).toContain(b.clientOrderId);
  expect(open.map((o) => o.clientOrderId)).not.toContain(a.clientOrderId);
  await h.adapter.cancelAll({ kind: 'all' });
};

export const readbacks: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.restingPrice('buy') });
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await expect.poll(async () => (await h.adapter.orderByClientId(h.symbol, o.clientOrderId)).kind, POLL).toBe('found');
  const found = await h.adapter.orderByClientId(h.symbol, o.clientOrderId);
  expect(found.kind === 'found' && found.order.clientOrderId).toBe(o.clientOrderId);
  const missing = await h.adapter.orderByClientId(h.symbol, h.clientId());
  expect(missing.kind).toBe('not-found');
  expect(typeof missing.queriedAtMs).toBe('number');
  h.sim.faults.setDown(h.venue, true);
  try {
    await expect(h.adapter.orderByClientId(h.symbol, o.clientOrderId)).rejects.toBeInstanceOf(VenueError);
  } finally {
    h.sim.faults.setDown(h.venue, false);
  }
  await h.adapter.cancelAll({ kind: 'all' });
};

export const partialThenFilled: Scenario = async (h) => {
  const px = h.touchPrice('buy');
  const o = limit(h, { side: 'buy', price: px, size: h.size(h.symbol, 2) });
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'open');
  h.marketTakes('buy', px, h.size());
  const part = await h.waitOrder(o.clientOrderId, (x) => x.status === 'partially-filled');
  expect(part.filledSize).toBe(h.size());
  expect(part.endReason).toBeNull();
  h.marketTakes('buy', px, h.size());
  const full = await h.waitOrder(o.clientOrderId, (x) => x.status === 'filled');
  expect(full.endReason).toBe('filled');
  await expect.poll(() => h.events.filter((e) => e.type === 'fill' && e.fill.clientOrderId === o.clientOrderId).length, POLL).toBe(2);
};

export const postOnlyRejected: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.crossingPrice('buy'), tif: 'post_only' });
  const r = await h.adapter.place(o);
  // Either refused at once or accepted and then ended: both say post-only-would-cross.
  if (r.kind === 'rejected') {
    expect(r.reason).toBe('post-only-would-cross');
    return;
  }
  expect(r.kind).toBe('accepted');
  const done = await h.waitOrder(o.clientOrderId, (x) => x.endReason !== null);
  expect(done.endReason).toBe('post-only-would-cross');
};

export const idsSurviveRestart: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.crossingPrice('buy'), tif: 'ioc' });
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'filled');
  const fresh = await h.restart();
  const fills = await fresh.fills(h.symbol, 0);
  const mine = fills.filter((f) => f.clientOrderId === o.clientOrderId);
  expect(mine.length).toBeGreaterThan(0);
  const orders = await fresh.orderByClientId(h.symbol, o.clientOrderId);
  expect(orders.kind === 'found' && orders.order.clientOrderId).toBe(o.clientOrderId);
  // Close the position so later scenarios start flat.
  await h.adapter.place(limit(h, { side: 'sell', price: h.crossingPrice('sell'), tif: 'ioc', reduceOnly: true, size: o.size }));
};

export const streamDownAndResubscribed: Scenario = async (h) => {
  const from = h.events.length;
  h.sim.faults.disconnect(h.venue);
  await expect.poll(() => h.events.slice(from).some((e) => e.type === 'stream' && e.stream.state === 'down'), POLL).toBe(true);
  await expect.poll(() => h.events.slice(from).some((e) => e.type === 'stream' && e.stream.state === 'resubscribed'), POLL).toBe(true);
};

export const exactFeeAndFunding: Scenario = async (h) => {
  const o = limit(h, { side: 'buy', price: h.crossingPrice('buy'), tif: 'ioc', size: h.size(h.symbol, 3) });
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'filled');
  const account = [...accountsOf(h)].find((a) => a.fills.some((f) => f.clientId === o.clientOrderId))!;
  const simFills = account.fills.filter((f) => f.clientId === o.clientOrderId);
  const fills = (await h.adapter.fills(h.symbol, 0)).filter((f) => f.clientOrderId === o.clientOrderId);
  expect(fills.map((f) => micro(f.feeUsd)).sort()).toEqual(simFills.map((f) => BigInt(f.feeMicro)).sort());
  // One settlement with the position open.
  h.advance(h.sim.engine.fundingIntervalMs);
  await expect.poll(async () => (await h.adapter.fundingPayments(h.symbol, 0)).length, POLL).toBeGreaterThan(0);
  const pays = await h.adapter.fundingPayments(h.symbol, 0);
  const simPays = account.fundingPayments.filter((p) => p.symbol === h.symbol);
  expect(pays.map((p) => micro(p.cashUsd)).sort()).toEqual(simPays.map((p) => BigInt(p.changeMicro)).sort());
  await h.adapter.place(limit(h, { side: 'sell', price: h.crossingPrice('sell'), tif: 'ioc', reduceOnly: true, size: o.size }));
};

export const deadManSwitch: Scenario = async (h) => {
  const caps = h.adapter.capabilities.deadManSwitch;
  expect(caps).not.toBeNull();
  const countdown = Math.max(caps!.minCountdownMs, 60_000);
  const o = limit(h, { side: 'buy', price: h.restingPrice('buy') });
  expect((await h.adapter.deadManSwitch(countdown)).kind).toBe('accepted');
  expect((await h.adapter.place(o)).kind).toBe('accepted');
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'open');
  // Renewed before each lapse: the order stays.
  for (let i = 0; i < 3; i++) {
    h.advance(countdown / 2);
    expect((await h.adapter.deadManSwitch(countdown)).kind).toBe('accepted');
  }
  expect((await h.adapter.openOrders(h.symbol)).map((x) => x.clientOrderId)).toContain(o.clientOrderId);
  // Not renewed: the countdown lapses and resting orders are cancelled.
  h.advance(countdown + 1_000);
  await h.waitOrder(o.clientOrderId, (x) => x.status === 'canceled');
  expect((await h.adapter.openOrders(h.symbol)).map((x) => x.clientOrderId)).not.toContain(o.clientOrderId);
  expect((await h.adapter.deadManSwitch(null)).kind).toBe('accepted');
};

/** The simulator's own integer accounting for this venue's accounts (the ledger's reference). */
function accountsOf(h: Harness) {
  const out = [];
  for (const id of [String(h.sim.demo.extended.accountId), String(h.sim.demo.lighter.accountIndex)]) {
    const a = h.sim.engine.account(h.venue, id);
    if (a !== undefined) out.push(a);
  }
  return out;
}

/** An exact decimal USD string in integer micro-USD (throws if it has finer digits). */
export function micro(usd: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{0,6}))?0*$/.exec(usd);
  if (m === null) throw new Error(`not exact to the micro-USD: ${usd}`);
  const v = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] === '-' ? -v : v;
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'place is accepted and shows on the account stream': placeAccepted,
  'cancel ends the order canceled-by-us': cancelOne,
  'a symbol-scoped cancel-all leaves another market resting': symbolCancelAllLeavesOtherMarket,
  'readback: found, not-found with its time, failed query throws': readbacks,
  'partial fill: partially-filled, then filled': partialThenFilled,
  'post-only that would cross ends post-only-would-cross': postOnlyRejected,
  'a restarted adapter maps old orders and fills to the same client id': idsSurviveRestart,
  'a forced disconnect emits stream down then resubscribed': streamDownAndResubscribed,
  'fees and funding cash equal the simulator accounting to the micro-USD': exactFeeAndFunding,
  'dead-man switch cancels when not renewed, not while renewed': deadManSwitch,
};
