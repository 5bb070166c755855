// The payment-unit fault: with fundingPaymentScale ×100 on Lighter, the cash a client sees in
// positionFunding is 100 × size × mark × the rate the same venue publishes for that hour (REST
// /fundings and the row's own `rate`), while Extended, without the fault, pays exactly 1 ×.
import { afterEach, describe, expect, it } from 'vitest';
import { extendedFetch, lighterGet, lighterToken, manualSim, signedExtendedOrder } from './helpers';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('funding payment scale fault', () => {
  it('pays 100× the published rate on the faulted venue only', async () => {
    const { sim, clock } = await manualSim(11);
    cleanup = () => sim.close();
    const lighterAcc = sim.engine.account('lighter', String(sim.demo.lighter.accountIndex))!;
    const lb = sim.engine.book('lighter', 'ETH');
    const placed = sim.engine.place('lighter', { accountId: lighterAcc.id, symbol: 'ETH', isAsk: false, priceTicks: lb.bestAsk()! + 500, sizeSteps: 20_000, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '1', expiryMs: null });
    expect(placed.ok && placed.order.status).toBe('filled');
    const eb = sim.engine.book('extended', 'ETH');
    const price = ((eb.bestBid()! - 50) * eb.tick).toFixed(1);
    expect((await extendedFetch(sim, '/user/order', { method: 'POST', body: signedExtendedOrder(sim, { market: 'ETH-USD', side: 'SELL', qty: '2.000', price, timeInForce: 'IOC' }, clock.nowMs()) })).status).toBe(200);

    expect(() => sim.faults.setFundingPaymentScale('lighter', 0)).toThrow(/positive/);
    sim.faults.setFundingPaymentScale('lighter', 100);
    const marks: Record<string, number> = {};
    sim.engine.on('settlement', (s) => {
      if (s.symbol === 'ETH') marks[s.venue] = sim.engine.quote(s.venue, 'ETH').mark;
    });
    clock.advance(3_600_000);

    // Lighter: the row's change vs the rate the venue publishes for that settlement.
    const auth = lighterToken(sim, clock.nowMs());
    const rows = (await lighterGet(sim, `/api/v1/positionFunding?account_index=${sim.demo.lighter.accountIndex}&limit=10&market_id=0`, auth)).body.position_fundings as { change: string; rate: string; position_size: string; timestamp: number }[];
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    const fundings = (await lighterGet(sim, `/api/v1/fundings?market_id=0&resolution=1h&start_timestamp=${row.timestamp - 60}&end_timestamp=${row.timestamp + 60}&count_back=1`)).body.fundings as { rate: string; direction: string }[];
    // Both `rate` fields are percent per hour (venues.md §7.4): ÷100 for the hourly decimal.
    const published = (Number(fundings.at(-1)!.rate) / 100) * (fundings.at(-1)!.direction === 'short' ? -1 : 1);
    expect(Number(row.rate) / 100).toBeCloseTo(Math.abs(published), 10);
    const implied = -Number(row.position_size) * marks.lighter! * published;
    // The published rate has 8 decimals (≈ 0.1 % of a 1e-5 rate): ×100 to within 0.5.
    expect(Number(row.change) / implied).toBeCloseTo(100, 0);

    // Extended: unfaulted, 1×.
    const ext = ((await extendedFetch(sim, '/user/funding/history?market=ETH-USD&limit=10')).body.data as { fundingFee: string; fundingRate: string; size: string }[])[0]!;
    const extImplied = Number(ext.size) * marks.extended! * Number(ext.fundingRate);
    expect(Number(ext.fundingFee) / extImplied).toBeCloseTo(1, 2);
  });
});
