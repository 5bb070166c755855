// sign.lighter_p50_ms: one warm CreateOrder signature through the WASM signer in its worker
// thread, round trip included (target ≤ 1 ms).
import { LighterSigner } from '../../src-core/venues/lighter/signer/signer';
import { quantile, round, type BenchResult } from './harness';

export const name = 'lighter';

export async function run(): Promise<BenchResult[]> {
  const signer = new LighterSigner();
  const key = { privateKeyHex: '5a'.repeat(40), accountIndex: 100_001, apiKeyIndex: 3, chainId: 300 };
  const samples: number[] = [];
  for (let i = 0; i < 120; i++) {
    const t0 = performance.now();
    await signer.signCreateOrder(key, { marketIndex: 0, clientOrderIndex: 1 + i, baseAmount: 1_000, price: 331_000, isAsk: i % 2 === 0, orderType: 0, timeInForce: 0, reduceOnly: false, triggerPrice: 0, orderExpiry: 0, nonce: i });
    samples.push(performance.now() - t0);
  }
  await signer.close();
  return [{ bench: 'sign.lighter_p50_ms', value: round(quantile(samples.slice(20), 0.5), 3), unit: 'ms', target: 1, better: 'lower' }];
}
