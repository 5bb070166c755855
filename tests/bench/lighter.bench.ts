// sign.lighter_p50_ms: one warm CreateOrder signature from the pure-TS signer, tx_info JSON
// included (target ≤ 1 ms). sign.lighter_verify_p50_ms: the simulator's check of one signature
// with the key's comb built. sign.lighter_vs_wasm_speedup: the reference WASM signer's p50 (in its
// worker, same order) over ours — the signer we replaced; ours must not be slower.
import { LighterSigner } from '../../src-core/venues/lighter/signer/signer';
import { WasmLighterSigner } from '../../src-core/venues/lighter/signer/wasm-signer';
import { LighterKeys } from '../../src-core/venues/sim/lighter/signatures';
import { parseTx } from '../../src-core/venues/sim/lighter/tx';
import { quantile, round, type BenchResult } from './harness';

export const name = 'lighter';

const key = { privateKeyHex: '5a'.repeat(40), accountIndex: 100_001, apiKeyIndex: 3, chainId: 300 };
const order = (i: number) => ({ marketIndex: 0, clientOrderIndex: 1 + i, baseAmount: 1_000, price: 331_000, isAsk: i % 2 === 0, orderType: 0, timeInForce: 1, reduceOnly: false, triggerPrice: 0, orderExpiry: 1_800_000_000_000, nonce: i });

async function p50(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n + warmup; i++) {
    const t0 = performance.now();
    await fn(i);
    if (i >= warmup) samples.push(performance.now() - t0);
  }
  return quantile(samples, 0.5);
}

export async function run(): Promise<BenchResult[]> {
  const signer = new LighterSigner();
  signer.warm();
  const txs: string[] = [];
  const ts = await p50(1_000, 100, async (i) => txs.push((await signer.signCreateOrder(key, order(i))).txInfo));

  const keys = new LighterKeys(key.chainId);
  keys.register(key.accountIndex, key.apiKeyIndex, signer.publicKeyHex(key));
  const parsed = txs.slice(0, 300).map((t) => parseTx(14, JSON.parse(t)));
  let bad = 0;
  const verifyMs = await p50(250, 50, (i) => {
    if (keys.verifyTx(parsed[i]!).verdict !== 'ok') bad++;
    return Promise.resolve();
  });
  if (bad !== 0) throw new Error(`${bad} of our signatures failed verification`);

  const wasm = new WasmLighterSigner();
  const ref = await p50(200, 20, (i) => wasm.signCreateOrder(key, order(i)));
  await wasm.close();
  return [
    { bench: 'sign.lighter_p50_ms', value: round(ts, 3), unit: 'ms', target: 1, better: 'lower' },
    { bench: 'sign.lighter_verify_p50_ms', value: round(verifyMs, 3), unit: 'ms', target: 2, better: 'lower' },
    { bench: 'sign.lighter_vs_wasm_speedup', value: round(ref / ts, 1), unit: `× (WASM ${round(ref, 2)} ms)`, target: 1, better: 'higher' },
  ];
}
