// The Lighter adapter's signed path against the simulator, on the simulator clock: nonces
// (resync on "invalid nonce"), auth tokens for private reads, and the port's outcomes — accepted
// then readback, a lost acknowledgement resolved by readback (never re-sent), a tx acknowledged
// but never executed, a ghost fill found by fill readback, definitive static refusals, the
// account channels, leverage, and sendTx in both form encodings at the venue double.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareDecimal, toIncrements } from '../../../src-core/domain/decimal';
import { until } from '../trading-port/harness';
import { lighterHarness, type LighterHarness } from '../trading-port/lighter-harness';
import { orderOf } from '../trading-port/scenarios';
import { createOrderTx } from '../sim/helpers';

let h: LighterHarness;
beforeEach(async () => {
  h = await lighterHarness({ adapter: { orderTimeoutMs: 300 } });
}, 30_000);
afterEach(async () => {
  await h?.close();
});

const ioc = (side: 'buy' | 'sell', id: string) => {
  const price = h.crossingPrice('ETH', side);
  return h.adapter.place({ symbol: 'ETH', side, size: h.size('ETH', price), price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: id });
};

describe('Lighter signed orders', () => {
  it('places an IOC buy, reads it back filled by client id, with a taker fee and a long position', async () => {
    const id = h.nextClientId();
    expect(await ioc('buy', id)).toMatchObject({ kind: 'accepted', stage: 'queued' });
    const o = await orderOf(h, id, (x) => x.status === 'filled');
    const fills = await h.adapter.fills('ETH', 0);
    expect(fills.some((f) => f.clientOrderId === id && !f.isMaker && compareDecimal(f.feeUsd, '0') > 0)).toBe(true);
    const pos = (await h.adapter.positions()).find((p) => p.symbol === 'ETH');
    expect(pos?.size).toBe(o.filledSize);
  });

  it('resyncs its nonce after another client used one, and the next order succeeds', async () => {
    await orderOf(h, (await placeResting()).id, (o) => o.status === 'open');
    // Another client spends the next nonce behind the adapter's back.
    const next = h.sim.lighter.state.nonces.expected(h.sim.demo.lighter.accountIndex, 3);
    const res = await fetch(h.sim.lighter.restUrl + '/api/v1/sendTx', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ tx_type: '14', tx_info: JSON.stringify(restingTx(next)) }).toString() });
    expect(((await res.json()) as { code: number }).code).toBe(200);
    const id = h.nextClientId();
    expect((await ioc('buy', id)).kind).toBe('accepted');
    await orderOf(h, id, (o) => o.status === 'filled');
    expect(h.sim.lighter.state.counters.refusals).toContain(21104);
  });

  it('a lost acknowledgement is unknown and resolved by readback, never re-sent', async () => {
    h.sim.faults.setResponseDelay('lighter', 'sendTx', 1_500);
    const id = h.nextClientId();
    const out = await ioc('buy', id);
    h.sim.faults.setResponseDelay('lighter', 'sendTx', 0);
    expect(out.kind).toBe('unknown');
    await orderOf(h, id, (o) => o.status === 'filled');
    expect(h.sim.lighter.state.counters.sendTx).toBe(1);
  });

  it('a tx acknowledged but never executed leaves nothing to read back', async () => {
    h.sim.faults.dropSendTx('lighter', 1);
    const id = h.nextClientId();
    expect((await ioc('buy', id)).kind).toBe('accepted');
    h.advance(5_000);
    expect((await h.adapter.orderByClientId('ETH', id)).kind).toBe('not-found');
  });

  it('a ghost fill on cancel is found through fills and position readback', async () => {
    const { id } = await placeResting();
    await orderOf(h, id, (o) => o.status === 'open');
    h.sim.engine.faults.ghostFillOnCancel.lighter = 1;
    expect((await h.adapter.cancel('ETH', id)).kind).toBe('accepted');
    await orderOf(h, id, (o) => o.status === 'canceled');
    const pos = (await h.adapter.positions()).find((p) => p.symbol === 'ETH');
    expect(pos === undefined ? '0' : pos.size).not.toBe('0');
    expect((await h.adapter.fills('ETH', 0)).some((f) => f.clientOrderId === id)).toBe(true);
  });

  it('static validation failures are definitive rejections with the venue code; off-grid and foreign ids never leave', async () => {
    const price = h.crossingPrice('ETH', 'buy');
    const tiny = await h.adapter.place({ symbol: 'ETH', side: 'buy', size: h.adapter.market('ETH')!.stepSize, price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: h.nextClientId() });
    expect(tiny).toMatchObject({ kind: 'rejected', reason: 'below-minimum', venueCode: '21706', retryable: false });
    const offGrid = await h.adapter.place({ symbol: 'ETH', side: 'buy', size: '0.010051', price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: h.nextClientId() });
    expect(offGrid).toMatchObject({ kind: 'rejected', reason: 'off-grid' });
    const foreign = await h.adapter.place({ symbol: 'ETH', side: 'buy', size: h.size('ETH', price), price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: 'l-ioc-1' });
    expect(foreign).toMatchObject({ kind: 'rejected', reason: 'other' });
    expect(h.sim.lighter.state.counters.sendTx).toBe(1);
  });

  it('streams order updates, fills and positions on the account channels', async () => {
    const id = h.nextClientId();
    expect((await ioc('sell', id)).kind).toBe('accepted');
    const seen = () => h.events.flatMap((e) => (e.type === 'order' && e.order.clientOrderId === id ? [`order:${e.order.status}`] : e.type === 'fill' && e.fill.clientOrderId === id ? ['fill'] : e.type === 'position' && e.position.symbol === 'ETH' ? ['position'] : []));
    await until(seen, (s) => s.includes('order:filled') && s.includes('fill') && s.includes('position'), { h, advanceMs: 200, what: 'account events' });
  });

  it('sets leverage with an UpdateLeverage transaction', async () => {
    expect((await h.adapter.setLeverage('ETH', 5)).kind).toBe('accepted');
    await until(() => h.simAccount().leverage.get('ETH'), (l) => l === 5, { h, advanceMs: 200, what: 'leverage applied' });
  });

  for (const encoding of ['urlencoded', 'multipart'] as const) {
    it(`the venue double accepts sendTx as ${encoding}`, async () => {
      const info = JSON.stringify(restingTx(h.sim.lighter.state.nonces.expected(h.sim.demo.lighter.accountIndex, 3)));
      let body: URLSearchParams | FormData;
      if (encoding === 'urlencoded') body = new URLSearchParams({ tx_type: '14', tx_info: info });
      else {
        body = new FormData();
        body.append('tx_type', '14');
        body.append('tx_info', info);
      }
      const res = await fetch(h.sim.lighter.restUrl + '/api/v1/sendTx', { method: 'POST', body });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { code: number; tx_hash: string }).code).toBe(200);
    });
  }
});

function restingTx(nonce: number): Record<string, unknown> {
  const m = h.adapter.market('ETH')!;
  const price = h.restingPrice('ETH', 'sell');
  return createOrderTx(h.sim, nonce, { ClientOrderIndex: 424_242 + nonce, Price: Number(toIncrements(price, m.tickSize, 'exact')), BaseAmount: Number(toIncrements(h.size('ETH', price), m.stepSize, 'exact')), TimeInForce: 1, OrderExpiry: h.clock.nowMs() + 3_600_000 }, h.clock.nowMs());
}

async function placeResting(): Promise<{ id: string }> {
  const id = h.nextClientId();
  const price = h.restingPrice('ETH', 'buy');
  const out = await h.adapter.place({ symbol: 'ETH', side: 'buy', size: h.size('ETH', price), price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: h.clock.nowMs() + 3_600_000 });
  expect(out.kind).toBe('accepted');
  return { id };
}
