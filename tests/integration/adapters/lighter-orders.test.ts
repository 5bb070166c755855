// The Lighter adapter's signed path against the simulator: the WASM signer in its worker, the
// nonce manager (resync on "invalid nonce"), auth tokens for private reads, and the port's
// outcomes: accepted then readback, definitive post-only cancellation, unknown on a lost
// acknowledgement resolved by readback, and a ghost fill found by fill readback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import { roundToIncrement } from '../../../src-core/domain/decimal';
import { createOrderTx, sendTx } from '../sim/helpers';

let sim: Simulator;
let a: LighterAdapter;

beforeAll(async () => {
  sim = await startSimulator({ seed: 19, controlPort: null, txDelayMs: 5 });
  const d = sim.demo.lighter;
  a = new LighterAdapter({ restUrl: sim.lighter.restUrl, wsUrls: [sim.lighter.wsUrl], credentials: { privateKeyHex: d.apiPrivateKeyHex, accountIndex: d.accountIndex, apiKeyIndex: d.apiKeyIndex, chainId: 300 }, orderTimeoutMs: 300 });
  await a.start();
  a.watchBooks(['ETH']);
  for (let i = 0; i < 100 && a.book('ETH')?.fresh !== true; i++) await new Promise((r) => setTimeout(r, 50));
}, 60_000);

afterAll(async () => {
  await a?.stop();
  await sim?.close();
});

const px = (side: 'buy' | 'sell', through = 0.002) => {
  const b = a.book('ETH')!;
  const m = a.market('ETH')!;
  return roundToIncrement(side === 'buy' ? b.asks[0]!.price * (1 + through) : b.bids[0]!.price * (1 - through), m.tickSize, side === 'buy' ? 'ceil' : 'floor');
};

describe('Lighter signed orders', () => {
  it('places an IOC buy and reads it back filled by client id', async () => {
    const out = await a.place({ symbol: 'ETH', side: 'buy', size: '0.0100', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-ioc-1' });
    expect(out.kind).toBe('accepted');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-ioc-1'))?.status, { timeout: 3_000 }).toBe('filled');
    const fills = await a.fills('ETH', 0);
    expect(fills.some((f) => f.clientOrderId === 'l-ioc-1' && !f.isMaker && f.feeUsd > 0)).toBe(true);
    const pos = (await a.positions()).find((p) => p.symbol === 'ETH');
    expect(pos?.size).toBeCloseTo(0.01, 9);
  }, 30_000);

  it('a post-only order that would cross is accepted, then cancelled as canceled-post-only', async () => {
    expect((await a.place({ symbol: 'ETH', side: 'buy', size: '0.0100', price: px('buy'), type: 'limit', tif: 'post_only', reduceOnly: false, clientOrderId: 'l-po-1' })).kind).toBe('accepted');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-po-1'))?.reason, { timeout: 3_000 }).toBe('canceled-post-only');
  });

  it('resyncs its nonce after another client used one, and the next order succeeds', async () => {
    // Another client spends the next nonce behind the adapter's back.
    const next = a['nonces']!.peek()!;
    const r = await sendTx(sim, 14, createOrderTx(sim, next, { Price: Number(px('sell', 0.01).replace('.', '')), BaseAmount: 100, TimeInForce: 1, OrderExpiry: Date.now() + 3_600_000 }, Date.now()));
    expect(r.body.code).toBe(200);
    const out = await a.place({ symbol: 'ETH', side: 'buy', size: '0.0100', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-after-resync' });
    expect(out.kind).toBe('accepted');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-after-resync'))?.status, { timeout: 3_000 }).toBe('filled');
  });

  it('a lost acknowledgement is unknown and resolved by readback, never re-sent', async () => {
    sim.faults.setResponseDelay('lighter', 'sendTx', 800);
    const out = await a.place({ symbol: 'ETH', side: 'buy', size: '0.0100', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-amb-1' });
    sim.faults.setResponseDelay('lighter', 'sendTx', 0);
    expect(out.kind).toBe('unknown');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-amb-1'))?.status, { timeout: 3_000 }).toBe('filled');
  });

  it('a tx acknowledged but never executed leaves nothing to read back', async () => {
    sim.faults.dropSendTx('lighter', 1);
    expect((await a.place({ symbol: 'ETH', side: 'buy', size: '0.0100', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-dropped' })).kind).toBe('accepted');
    await new Promise((r) => setTimeout(r, 200));
    expect(await a.orderByClientId('ETH', 'l-dropped')).toBeNull();
  });

  it('a ghost fill on cancel is found through fills and position readback', async () => {
    const restPx = px('sell', 0.01); // a bid 1 % below the best bid: rests
    expect((await a.place({ symbol: 'ETH', side: 'buy', size: '0.0200', price: restPx, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: 'l-ghost' })).kind).toBe('accepted');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-ghost'))?.status, { timeout: 3_000 }).toBe('open');
    const before = (await a.positions()).find((p) => p.symbol === 'ETH')?.size ?? 0;
    sim.engine.faults.ghostFillOnCancel.lighter = 1;
    expect((await a.cancel('ETH', 'l-ghost')).kind).toBe('accepted');
    await expect.poll(async () => (await a.orderByClientId('ETH', 'l-ghost'))?.status, { timeout: 3_000 }).toBe('canceled');
    const after = (await a.positions()).find((p) => p.symbol === 'ETH')?.size ?? 0;
    expect(after - before).toBeCloseTo(0.02, 9);
    expect((await a.fills('ETH', 0)).some((f) => f.clientOrderId === 'l-ghost')).toBe(true);
  });

  it('a static validation failure is a definitive rejection with the venue code', async () => {
    const out = await a.place({ symbol: 'ETH', side: 'buy', size: '0.0001', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-tiny' });
    expect(out).toMatchObject({ kind: 'rejected', code: '21706' });
    const offGrid = await a.place({ symbol: 'ETH', side: 'buy', size: '0.01005', price: px('buy'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-grid' });
    expect(offGrid).toMatchObject({ kind: 'rejected', code: 'grid' });
  });

  it('streams order updates, fills and positions on the account channels', async () => {
    const events: string[] = [];
    const off = a.onAccount((e) => {
      if (e.type === 'order' && e.order.clientOrderId === 'l-stream') events.push(`order:${e.order.status}`);
      if (e.type === 'fill' && e.fill.clientOrderId === 'l-stream') events.push('fill');
      if (e.type === 'position' && e.position.symbol === 'ETH') events.push('position');
    });
    expect((await a.place({ symbol: 'ETH', side: 'sell', size: '0.0100', price: px('sell'), type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-stream' })).kind).toBe('accepted');
    await expect.poll(() => events, { timeout: 3_000 }).toEqual(expect.arrayContaining(['order:filled', 'fill', 'position']));
    off();
  });

  it('sets leverage with an UpdateLeverage transaction', async () => {
    expect((await a.setLeverage('ETH', 5)).kind).toBe('accepted');
    await expect.poll(() => sim.engine.account('lighter', String(sim.demo.lighter.accountIndex))!.leverage.get('ETH'), { timeout: 2_000 }).toBe(5);
  });
});
