// Trading-port contract scenarios against the Extended adapter and the simulator's Extended face
// (SDK wire path: book deltas without `c`, funding payments without `id`).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startHarness, type Harness, type HarnessSpec } from './harness';
import { SCENARIOS } from './scenarios';

export function extendedAdapter(sim: Simulator, clock: ManualClock, network: 'mainnet' | 'testnet' = 'testnet'): ExtendedAdapter {
  const d = sim.demo.extended;
  return new ExtendedAdapter({
    restUrl: sim.extended.restUrl,
    wsUrls: [sim.extended.wsUrl],
    network,
    credentials: { apiKey: d.apiKey, vault: d.vault, starkPrivateKey: d.starkPrivateKey, starkPublicKey: d.starkPublicKey },
    now: () => clock.nowMs(),
    scheduler: clock,
  });
}

export const EXTENDED_SPEC: HarnessSpec = {
  venue: 'extended',
  symbol: 'ETH',
  otherSymbol: 'BTC',
  simOptions: { extendedWire: { omitAbsoluteSize: true, omitFundingPaymentId: true } },
  makeAdapter: (sim, clock) => extendedAdapter(sim, clock),
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness(EXTENDED_SPEC);
});
afterAll(async () => {
  await h?.close();
});

describe('trading port: Extended', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) it(name, () => scenario(h), 30_000);
});
