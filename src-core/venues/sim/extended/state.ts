// The Extended face's accounts: API key → account id, vault and Stark key (the key the order
// signatures must verify against).
import type { SimEngine } from '../engine/engine';
import type { SimMarket } from '../universe/universe';
import { EXTENDED_DOMAIN_TESTNET, type StarknetDomain } from '../../extended/signing/order-hash';

export interface ExtendedAccountInfo {
  readonly apiKey: string;
  readonly accountId: number;
  /** The engine's account id. */
  readonly accountKey: string;
  readonly vault: number;
  readonly starkKey: string;
}

export class ExtendedState {
  readonly byName = new Map<string, SimMarket>();
  readonly accountsByKey = new Map<string, ExtendedAccountInfo>();

  constructor(
    readonly engine: SimEngine,
    readonly domain: StarknetDomain = EXTENDED_DOMAIN_TESTNET,
  ) {
    for (const m of engine.markets('extended')) this.byName.set(m.venueMarket, m);
  }

  registerAccount(info: ExtendedAccountInfo): void {
    this.accountsByKey.set(info.apiKey, info);
  }
}
