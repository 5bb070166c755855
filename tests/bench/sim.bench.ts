// sim.book_updates_per_s: WebSocket book updates the simulator sustains across all markets,
// counted at clients (every Lighter market on /stream, every Extended market on /orderbooks),
// with a fast model step. sim.rest_p50_ms: REST round trip with no injected latency.
import WebSocket from 'ws';
import { startSimulator } from '../../src-core/venues/sim/server';
import { quantile, round, type BenchResult } from './harness';

export const name = 'sim';

export async function run(): Promise<BenchResult[]> {
  const sim = await startSimulator({ seed: 2, controlPort: null, stepMs: 20, lighterWs: { bookIntervalMs: 20 } });
  let updates = 0;
  const lighter = new WebSocket(sim.lighter.wsUrl);
  const extended = new WebSocket(`${sim.extended.wsUrl}/orderbooks`, { headers: { 'User-Agent': 'bench' } });
  await Promise.all([new Promise((r) => lighter.once('open', r)), new Promise((r) => extended.once('open', r))]);
  for (const m of sim.engine.markets('lighter')) lighter.send(JSON.stringify({ type: 'subscribe', channel: `order_book/${m.marketIndex}` }));
  lighter.on('message', (d) => {
    if (d.toString().includes('"update/order_book"')) updates += 1;
  });
  extended.on('message', (d) => {
    if (d.toString().includes('"DELTA"')) updates += 1;
  });
  await new Promise((r) => setTimeout(r, 500));
  updates = 0;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 3_000));
  const perS = updates / ((performance.now() - t0) / 1000);
  lighter.close();
  extended.close();

  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    const s = performance.now();
    const res = await fetch(`${sim.lighter.restUrl}/api/v1/orderBookOrders?market_id=${i % 100}&limit=20`);
    await res.arrayBuffer();
    samples.push(performance.now() - s);
  }
  await sim.close();
  return [
    { bench: 'sim.book_updates_per_s', value: Math.round(perS), unit: 'updates/s', target: 5_000, better: 'higher' },
    { bench: 'sim.rest_p50_ms', value: round(quantile(samples.slice(100), 0.5)), unit: 'ms', target: 1, better: 'lower' },
  ];
}
