// api.ws_roundtrip_p50: ms for a query over the WebSocket transport (client → host → dispatcher
// → host → client) on loopback, p50 over sequential calls after a warm-up. Target 1 ms.
import { startHost } from '../helpers/host';
import { connectClient } from '../helpers/ws-client';
import { tempDir } from '../helpers/tmp';
import { quantile, round, type BenchResult } from './harness';

export const name = 'api';

export async function run(): Promise<BenchResult[]> {
  const t = tempDir('fundingbot-bench-');
  const host = await startHost(t.dir);
  const client = await connectClient(host.server.wsUrl);
  const samples: number[] = [];
  for (let i = 0; i < 2_200; i++) {
    const t0 = performance.now();
    const r = await client.call('query', 'settings.get', {});
    const dt = performance.now() - t0;
    if (!r.ok) throw new Error('query failed');
    if (i >= 200) samples.push(dt);
  }
  await client.close();
  await host.stop();
  t.cleanup();
  return [
    { bench: 'api.ws_roundtrip_p50', value: round(quantile(samples, 0.5)), unit: 'ms', target: 1, better: 'lower' },
    { bench: 'api.ws_roundtrip_p99', value: round(quantile(samples, 0.99)), unit: 'ms', target: 5, better: 'lower' },
  ];
}
