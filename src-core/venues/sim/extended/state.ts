// The Extended face's accounts and per-instance settings: API key → account id, vault and Stark
// key (the key the order signatures must verify against), the network whose signing domain and
// expiry cap the venue enforces, per-account fee overrides and dead-man switches.
import type { SimEngine } from '../engine/engine';
import type { SimMarket } from '../universe/universe';
import { NETWORKS, type ExtendedNetwork } from '../../extended/constants';
import type { StarknetDomain } from '../../extended/signing/order-hash';

export interface ExtendedAccountInfo {
  readonly apiKey: string;
  readonly accountId: number;
  /** The engine's account id. */
  readonly accountKey: string;
  readonly vault: number;
  readonly starkKey: string;
}

/** Wire variations of the real venue that a client must survive (venues.md §7.3). */
export interface ExtendedWireOptions {
  /** Book deltas without `c` (the SDK's path: only the signed change `q`). */
  readonly omitAbsoluteSize?: boolean;
  /** Funding-payment rows without `id` (none is documented). */
  readonly omitFundingPaymentId?: boolean;
}

export class ExtendedState {
  readonly byName = new Map<string, SimMarket>();
  readonly accountsByKey = new Map<string, ExtendedAccountInfo>();
  readonly domain: StarknetDomain;
  readonly maxExpiryMs: number;
  /** Per market name: the account's fee rates as decimal strings (GET /user/fees). */
  readonly feeOverrides = new Map<string, { maker: string; taker: string }>();
  private readonly deadMan = new Map<string, () => void>();

  constructor(
    readonly engine: SimEngine,
    readonly network: ExtendedNetwork = 'testnet',
    readonly wire: ExtendedWireOptions = {},
  ) {
    this.domain = NETWORKS[network].domain;
    this.maxExpiryMs = NETWORKS[network].maxExpiryMs;
    for (const m of engine.markets('extended')) this.byName.set(m.venueMarket, m);
  }

  registerAccount(info: ExtendedAccountInfo): void {
    this.accountsByKey.set(info.apiKey, info);
  }

  fees(m: SimMarket): { maker: string; taker: string } {
    return this.feeOverrides.get(m.venueMarket) ?? { maker: m.makerFeeRate.toFixed(6), taker: m.takerFeeRate.toFixed(6) };
  }

  /** POST /user/deadmanswitch (venues.md §7.3): every open order of the account is cancelled
   *  when the countdown lapses unrenewed, on the simulator's clock; positions are untouched.
   *  A renewal restarts the countdown; 0 removes it. */
  setDeadManSwitch(acc: ExtendedAccountInfo, countdownS: number): void {
    this.deadMan.get(acc.accountKey)?.();
    this.deadMan.delete(acc.accountKey);
    if (countdownS === 0) return;
    const stop = this.engine.clock.after(countdownS * 1000, () => {
      this.deadMan.delete(acc.accountKey);
      this.engine.cancelAll('extended', acc.accountKey);
    });
    this.deadMan.set(acc.accountKey, stop);
  }

  dispose(): void {
    for (const stop of this.deadMan.values()) stop();
    this.deadMan.clear();
  }
}
