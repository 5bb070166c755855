// The simulator's partial-liquidation fault, driven through its HTTP control endpoint as the app
// and the CLI drive it, and asserted as a CLIENT sees it through the real adapters over real
// sockets: the position shrinks by exactly the liquidated size, a fill that is not one of our
// orders (no client order id) arrives on the private stream and is in the fill history, and the
// venue's own trade history labels it a liquidation (Lighter `type`, Extended `tradeType`).
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimal, fromIncrements } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import type { Fill, Position } from '../../../src-core/venues/port';
import { eventually, pairHarness, SYMBOL, type PairHarness } from '../execution/pair-harness';
import { pollUntil } from '../../helpers/wait';
import { extendedFetch, lighterGet, lighterToken } from './helpers';

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Our account takes `steps` steps on `venue` (setup only: the engine books it like any order). */
function openPosition(x: PairHarness, venue: VenueId, isAsk: boolean, steps: number): void {
  const book = x.sim.engine.book(venue, SYMBOL);
  // A few ticks through the touch: inside the venue's price band, deep enough to fill.
  const through = isAsk ? book.bestBid()! - 20 : book.bestAsk()! + 20;
  const r = x.sim.engine.place(venue, { accountId: x.ourAccountId(venue), symbol: SYMBOL, isAsk, priceTicks: through, sizeSteps: steps, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '4242', expiryMs: null });
  if (!r.ok || r.order.filledSteps !== steps) throw new Error(`setup order did not fill: ${JSON.stringify(r)}`);
}

async function control(x: PairHarness, name: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${x.sim.control!.url}/faults/${name}`, { method: 'POST', headers: x.sim.control!.headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function positionOf(ps: readonly Position[]): string {
  return ps.find((p) => p.symbol === SYMBOL)?.size ?? '0';
}

/** 0.4 ETH on each venue (Lighter's step is 0.0001, Extended's 0.001): above both minimums. */
const cases: readonly { venue: VenueId; isAsk: boolean; steps: number }[] = [
  { venue: 'lighter', isAsk: false, steps: 4_000 },
  { venue: 'extended', isAsk: true, steps: 400 },
];

describe('simulator fault: partial liquidation', () => {
  for (const c of cases) {
    it(`${c.venue}: a ${c.isAsk ? 'short' : 'long'} is cut by the fraction, the client sees the position and a fill that is not its order`, async () => {
      h = await pairHarness({ control: true });
      const x = h;
      const a = x.adapters[c.venue];
      const step = x.sim.engine.market(c.venue, SYMBOL)!.stepSize;
      openPosition(x, c.venue, c.isAsk, c.steps);
      const held = fromIncrements(BigInt(c.isAsk ? -c.steps : c.steps), step);
      await pollUntil(async () => positionOf(await a.positions()), { until: (s) => compareDecimal(s, held) === 0, what: 'position opened' });
      const streamed: Fill[] = [];
      const off = a.onAccount((e) => {
        if (e.type === 'fill' && e.fill.symbol === SYMBOL) streamed.push(e.fill);
      });

      // 25 % of the position, closed by the venue at the mark.
      const r = await control(x, 'liquidate', { venue: c.venue, account: x.ourAccountId(c.venue), symbol: SYMBOL, fraction: 0.25 });
      expect(r).toEqual({ status: 200, body: { ok: true } });
      const cut = fromIncrements(BigInt(c.steps / 4), step);
      const after = fromIncrements(BigInt(((c.isAsk ? -1 : 1) * c.steps * 3) / 4), step);

      const live = await eventually(() => streamed.find((f) => f.clientOrderId === null), 'liquidation fill on the private stream');
      off();
      expect(live).toMatchObject({ venue: c.venue, symbol: SYMBOL, clientOrderId: null, side: c.isAsk ? 'buy' : 'sell', isMaker: false });
      expect(compareDecimal(live.size, cut)).toBe(0);
      expect(compareDecimal(positionOf(await a.positions()), after)).toBe(0);
      const history = (await a.fills(SYMBOL, 0)).filter((f) => f.venueFillId === live.venueFillId);
      expect(history).toEqual([live]);
      // Priced at the mark, on the tick grid.
      const markTicks = Math.round(x.sim.engine.quote(c.venue, SYMBOL).mark / Number(x.sim.engine.market(c.venue, SYMBOL)!.tickSize));
      expect(Number(live.price)).toBeCloseTo(markTicks * Number(x.sim.engine.market(c.venue, SYMBOL)!.tickSize), 8);
    });
  }

  it('the venues label it a liquidation in their trade history (and filter by it)', async () => {
    h = await pairHarness({ control: true });
    const x = h;
    openPosition(x, 'lighter', false, 2_000);
    openPosition(x, 'extended', true, 200);
    expect((await control(x, 'liquidate', { venue: 'lighter', account: x.ourAccountId('lighter'), symbol: SYMBOL, sizeSteps: 5 })).status).toBe(200);
    expect((await control(x, 'liquidate', { venue: 'extended', account: x.ourAccountId('extended'), symbol: SYMBOL, sizeSteps: 5 })).status).toBe(200);

    const idx = x.sim.demo.lighter.accountIndex;
    const token = lighterToken(x.sim, Date.now());
    const lAll = (await lighterGet(x.sim, `/api/v1/trades?account_index=${idx}&sort_by=timestamp&limit=100`, token)).body['trades'] as { type: string; ask_client_id: number }[];
    expect(lAll.map((t) => t.type).sort()).toEqual(['liquidation', 'trade']);
    const lLiq = (await lighterGet(x.sim, `/api/v1/trades?account_index=${idx}&sort_by=timestamp&limit=100&type=liquidation`, token)).body['trades'] as { type: string; ask_client_id: number }[];
    // Our long was sold: we are the ask side, and no client order index is ours.
    expect(lLiq).toMatchObject([{ type: 'liquidation', ask_client_id: 0 }]);

    const eAll = (await extendedFetch(x.sim, '/user/trades?market=ETH-USD')).body['data'] as { tradeType: string; side: string }[];
    expect(eAll.map((t) => t.tradeType).sort()).toEqual(['LIQUIDATION', 'TRADE']);
    const eLiq = (await extendedFetch(x.sim, '/user/trades?market=ETH-USD&type=LIQUIDATION')).body['data'] as { tradeType: string; side: string }[];
    expect(eLiq).toMatchObject([{ tradeType: 'LIQUIDATION', side: 'BUY' }]);
  });

  it('a refused liquidation (flat, too large, both sizes, unknown account) is a 400 and changes nothing', async () => {
    h = await pairHarness({ control: true });
    const x = h;
    const account = x.ourAccountId('lighter');
    expect((await control(x, 'liquidate', { venue: 'lighter', account, symbol: SYMBOL, fraction: 0.5 })).status).toBe(400);
    openPosition(x, 'lighter', false, 1_000);
    for (const body of [
      { venue: 'lighter', account, symbol: SYMBOL, sizeSteps: 1_001 },
      { venue: 'lighter', account, symbol: SYMBOL, fraction: 0.5, sizeSteps: 1 },
      { venue: 'lighter', account, symbol: SYMBOL },
      { venue: 'lighter', account: '123456789', symbol: SYMBOL, fraction: 0.5 },
      { venue: 'lighter', account, symbol: 'NOPE', fraction: 0.5 },
    ]) {
      const r = await control(x, 'liquidate', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(x.simPositionSteps('lighter')).toBe(1_000);
    expect(x.simFills('lighter').filter((f) => f.tradeType === 'liquidation')).toEqual([]);
    expect(compareDecimal(positionOf(await x.adapters.lighter.positions()), '0.1')).toBe(0);
  });
});
