// The Extended harness spec: the adapter with the demo credentials on the simulator's clock, and
// the simulator face on the SDK's wire path (q-only book deltas, funding rows without id).
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { HarnessSpec } from './harness';

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

