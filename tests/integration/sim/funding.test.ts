// Acceptance 3: after N settlements each account's cash change equals the sum of
// size × mark × hourly rate to the last micro-dollar, and the same rows are visible through
// REST history (paging across at least two pages) and the account streams.
import { afterEach, describe, expect, it } from 'vitest';
import type { SimFundingPayment } from '../../../src-core/venues/sim/engine/types';
import { collect, extendedFetch, lighterGet, lighterToken, manualSim, signedExtendedOrder } from './helpers';
import { pollUntil, wsBarrier } from '../../helpers/wait';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('funding settlement', () => {
  it('settles exact cash on both venues and shows it in REST history and streams', async () => {
    const { sim, clock } = await manualSim();
    cleanup = () => sim.close();
    const lighterAcc = sim.engine.account('lighter', String(sim.demo.lighter.accountIndex))!;
    const extendedAcc = sim.engine.account('extended', String(sim.demo.extended.accountId))!;
    // A hedged pair: long 2 ETH on Lighter (engine order), short 2 ETH on Extended (signed REST order).
    const lb = sim.engine.book('lighter', 'ETH');
    const placed = sim.engine.place('lighter', { accountId: lighterAcc.id, symbol: 'ETH', isAsk: false, priceTicks: lb.bestAsk()! + 500, sizeSteps: 20_000, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '1', expiryMs: null });
    expect(placed.ok && placed.order.status).toBe('filled');
    const eb = sim.engine.book('extended', 'ETH');
    const price = ((eb.bestBid()! - 50) * eb.tick).toFixed(1);
    const r = await extendedFetch(sim, '/user/order', { method: 'POST', body: signedExtendedOrder(sim, { market: 'ETH-USD', side: 'SELL', qty: '2.000', price, timeInForce: 'IOC' }, clock.nowMs()) });
    expect(r.status).toBe(200);
    expect(extendedAcc.position('ETH').steps).toBe(-2000);

    const stream = await collect(`${sim.extended.wsUrl}/account`, { 'X-Api-Key': sim.demo.extended.apiKey, 'User-Agent': 't' });
    const lighterWs = await collect(sim.lighter.wsUrl);
    lighterWs.ws.send(JSON.stringify({ type: 'subscribe', channel: `account_all/${sim.demo.lighter.accountIndex}` }));
    await pollUntil(() => lighterWs.messages.some((m) => (m as { type?: string }).type === 'subscribed/account_all'), { what: 'the account_all subscription' });

    const payments: SimFundingPayment[] = [];
    sim.engine.on('fundingPayment', (p) => payments.push(p));
    const before = { lighter: lighterAcc.collateralMicro, extended: extendedAcc.collateralMicro };
    const N = 3;
    clock.advance(N * 3_600_000);
    // Settlement pushes happen inside advance(); the barriers wait until they have all arrived.
    await Promise.all([wsBarrier(stream.ws), wsBarrier(lighterWs.ws)]);

    for (const [venue, acc] of [['lighter', lighterAcc], ['extended', extendedAcc]] as const) {
      const mine = payments.filter((p) => p.venue === venue && p.symbol === 'ETH');
      expect(mine).toHaveLength(N);
      for (const p of mine) expect(p.changeMicro).toBe(-Math.round(p.positionSize * p.markPrice * p.hourlyRate * 1e6));
      const sum = mine.reduce((s, p) => s + p.changeMicro, 0);
      expect(acc.collateralMicro - before[venue]).toBe(sum);
    }

    // Lighter REST: newest first, two pages of 2 then 1.
    const auth = lighterToken(sim, clock.nowMs());
    const q = `/api/v1/positionFunding?account_index=${sim.demo.lighter.accountIndex}&limit=2&market_id=0`;
    const p1 = await lighterGet(sim, q, auth);
    expect(p1.status).toBe(200);
    const rows1 = p1.body.position_fundings as { funding_id: number; change: string; timestamp: number }[];
    expect(rows1).toHaveLength(2);
    expect(rows1[0]!.timestamp).toBeGreaterThan(rows1[1]!.timestamp);
    const p2 = await lighterGet(sim, `${q}&cursor=${String(p1.body.next_cursor)}`, auth);
    const rows2 = p2.body.position_fundings as { change: string }[];
    expect(rows2).toHaveLength(1);
    expect(p2.body.next_cursor).toBeUndefined();
    const restSumMicro = [...rows1, ...rows2].reduce((s, r) => s + Math.round(Number(r.change) * 1e6), 0);
    expect(restSumMicro).toBe(payments.filter((p) => p.venue === 'lighter').reduce((s, p) => s + p.changeMicro, 0));
    expect((await lighterGet(sim, q)).status).toBe(401);

    // Extended REST: fundingFee rows over two pages.
    const e1 = await extendedFetch(sim, '/user/funding/history?market=ETH-USD&limit=2');
    const data1 = e1.body.data as { fundingFee: string }[];
    expect(data1).toHaveLength(2);
    const cursor = (e1.body.pagination as { cursor: number }).cursor;
    expect(cursor).toBeGreaterThan(0);
    const e2 = await extendedFetch(sim, `/user/funding/history?market=ETH-USD&limit=2&cursor=${cursor}`);
    const data2 = e2.body.data as { fundingFee: string }[];
    expect(data2).toHaveLength(1);
    const extSum = [...data1, ...data2].reduce((s, r) => s + Math.round(Number(r.fundingFee) * 1e6), 0);
    expect(extSum).toBe(payments.filter((p) => p.venue === 'extended').reduce((s, p) => s + p.changeMicro, 0));

    // Streams: Extended pushes BALANCE updates; Lighter's account_all carries funding histories.
    expect((stream.messages as { type: string }[]).filter((m) => m.type === 'BALANCE').length).toBeGreaterThanOrEqual(N);
    const la = (lighterWs.messages as { type?: string; funding_histories?: Record<string, unknown[]> }[]).filter((m) => m.type === 'update/account_all');
    expect(la.at(-1)?.funding_histories?.['0']).toHaveLength(N);
    stream.ws.close();
    lighterWs.ws.close();
  });

  it("the archive shows the rate each settlement paid, also one stamped at an hour before the start", async () => {
    const { sim, clock } = await manualSim();
    cleanup = () => sim.close();
    const H = 3_600_000;
    const before = Math.floor(sim.engine.startedAtMs / H) * H - 2 * H;
    const synthetic = sim.engine.fundingHistory('extended', 'ETH', before, before)[0]!.hourlyRate;
    // A pinned rate settled at that earlier hour (what the crash suite's manual settlement does).
    sim.engine.model.pinFunding('extended', 'ETH', 0.0005);
    const real = clock.nowMs;
    clock.nowMs = () => before;
    try {
      sim.engine.settleAll();
    } finally {
      clock.nowMs = real;
    }
    const archived = sim.engine.fundingHistory('extended', 'ETH', before - H, before + H);
    expect(archived.map((r) => r.timeMs)).toEqual([before - H, before, before + H]);
    expect(archived[1]!.hourlyRate).toBe(0.0005);
    expect(archived[1]!.hourlyRate).not.toBe(synthetic);
  });
});
