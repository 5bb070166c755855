// Acceptance 1 (Lighter): every REST endpoint in venues.md §1.2 answers with bodies that match
// the official OpenAPI spec shipped in zklighter-perps, errors included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { check, responseSchema, type SwaggerDoc } from '../../helpers/swagger-check';
import { createOrderTx, lighterGet, lighterToken, manualSim, sendTx } from './helpers';

const spec = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/zklighter-perps/openapi.json'), 'utf8')) as SwaggerDoc;
let sim: Simulator;
let clock: ManualClock;

beforeAll(async () => {
  ({ sim, clock } = await manualSim(21));
  // Activity so account endpoints have rows to check: a fill, a resting order, funding.
  const b = sim.engine.book('lighter', 'ETH');
  await sendTx(sim, 14, createOrderTx(sim, 0, { Price: b.bestAsk()! + 100, BaseAmount: 10_000 }, clock.nowMs()));
  await sendTx(sim, 14, createOrderTx(sim, 1, { Price: b.bestBid()! - 100, BaseAmount: 10_000, TimeInForce: 1, OrderExpiry: clock.nowMs() + 86_400_000 }, clock.nowMs()));
  clock.advance(2 * 3_600_000);
});

afterAll(async () => {
  await sim.close();
});

function expectConforms(path: string, body: unknown, status = '200'): void {
  const errors = check(spec, responseSchema(spec, path, 'get', status), body);
  expect(errors, `${path}: ${errors.slice(0, 5).join('; ')}`).toEqual([]);
}

describe('Lighter REST conformance with the official OpenAPI spec', () => {
  const acc = () => sim.demo.lighter.accountIndex;
  const auth = () => lighterToken(sim, clock.nowMs());
  const cases: [string, () => string][] = [
    ['/api/v1/orderBooks', () => ''],
    ['/api/v1/orderBookDetails', () => '?market_id=0'],
    ['/api/v1/funding-rates', () => ''],
    ['/api/v1/fundings', () => `?market_id=0&resolution=1h&start_timestamp=${Math.floor(clock.nowMs() / 1000) - 86_400}&end_timestamp=${Math.floor(clock.nowMs() / 1000)}&count_back=24`],
    ['/api/v1/orderBookOrders', () => '?market_id=0&limit=10'],
    ['/api/v1/recentTrades', () => '?market_id=0&limit=10'],
    ['/api/v1/account', () => `?by=index&value=${acc()}`],
    ['/api/v1/accountLimits', () => `?account_index=${acc()}`],
    ['/api/v1/accountActiveOrders', () => `?account_index=${acc()}&market_id=0`],
    ['/api/v1/accountInactiveOrders', () => `?account_index=${acc()}&limit=10`],
    ['/api/v1/accountOrders', () => `?account_index=${acc()}&client_order_indexes=1000,1001`],
    ['/api/v1/trades', () => `?account_index=${acc()}&limit=10&sort_by=timestamp`],
    ['/api/v1/positionFunding', () => `?account_index=${acc()}&limit=10`],
    ['/api/v1/nextNonce', () => `?account_index=${acc()}&api_key_index=3`],
    ['/api/v1/apikeys', () => `?account_index=${acc()}&api_key_index=255`],
  ];

  for (const [path, query] of cases) {
    it(`GET ${path}`, async () => {
      const r = await lighterGet(sim, path + query(), auth());
      expect(r.status).toBe(200);
      expectConforms(path, r.body);
    });
  }

  it('POST /api/v1/sendTx and GET /api/v1/tx', async () => {
    const next = (await lighterGet(sim, `/api/v1/nextNonce?account_index=${acc()}&api_key_index=3`)).body.nonce as number;
    const b = sim.engine.book('lighter', 'BTC');
    const r = await sendTx(sim, 14, createOrderTx(sim, next, { MarketIndex: 1, Price: b.bestBid()! - 10, BaseAmount: 1_000, TimeInForce: 1, OrderExpiry: clock.nowMs() + 86_400_000 }, clock.nowMs()));
    expect(check(spec, spec.paths['/api/v1/sendTx']!.post!.responses['200']!.schema!, r.body)).toEqual([]);
    const tx = await lighterGet(sim, `/api/v1/tx?by=hash&value=${String(r.body.tx_hash)}`);
    expectConforms('/api/v1/tx', tx.body);
  });

  it('error bodies match ResultCode', async () => {
    const r = await lighterGet(sim, '/api/v1/orderBookOrders?market_id=999&limit=10');
    expect(r.status).toBe(400);
    expectConforms('/api/v1/orderBookOrders', r.body, '400');
  });
});
