// Extended venue constants, each with the fact it rests on.
import type { VenueCapabilities } from '../port';
import { EXTENDED_DOMAIN_MAINNET, EXTENDED_DOMAIN_TESTNET, type StarknetDomain } from './signing/order-hash';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** venues.md §2.1: a User-Agent is required on REST and WS. */
export const USER_AGENT = 'Fundingbot/0.1 (+extended adapter)';

export type ExtendedNetwork = 'mainnet' | 'testnet';

export interface NetworkConfig {
  /** SDK 0.0.17 x10/perpetual/configuration.py: StarknetDomain("Perpetuals","v0","SN_MAIN","1")
   *  for mainnet, "SN_SEPOLIA" for testnet (venues.md §7.1). */
  readonly domain: StarknetDomain;
  /** venues.md §2.3/§7.3: expiry at most 90 days ahead on mainnet, 28 on testnet. */
  readonly maxExpiryMs: number;
}

export const NETWORKS: Readonly<Record<ExtendedNetwork, NetworkConfig>> = {
  mainnet: { domain: EXTENDED_DOMAIN_MAINNET, maxExpiryMs: 90 * DAY_MS },
  testnet: { domain: EXTENDED_DOMAIN_TESTNET, maxExpiryMs: 28 * DAY_MS },
};

/** Resting orders default to one day inside the network's cap: never the SDK's silent one-hour
 *  default (venues.md §2.3), never beyond what the venue accepts. */
export function defaultExpiryMs(network: ExtendedNetwork): number {
  return NETWORKS[network].maxExpiryMs - DAY_MS;
}

/** Published public-tier fees (venues.md §7.3): used for a market the account's
 *  GET /user/fees does not list. Decimal fractions of notional, as strings. */
export const DEFAULT_MAKER_FEE = '0';
export const DEFAULT_TAKER_FEE = '0.00025';

/** Funding is read per market from /info/markets/{m}/stats, each market at most once a minute
 *  (venues.md §7.3: polling the whole list wastes the 1,000 requests/minute per-IP budget). */
export const FUNDING_POLL_PER_MARKET_MS = 60_000;

/** Dead-man switch (venues.md §7.3): POST /user/deadmanswitch?countdownTime={seconds}, 0 removes
 *  it. The countdown is whole seconds, so 1 s is the floor; no upper bound is documented, so we
 *  cap at 24 h — a longer countdown is no safety net. Both bounds are unverified on the venue. */
export const DMS_MIN_MS = 1_000;
export const DMS_MAX_MS = 24 * HOUR_MS;

export const EXTENDED_CAPABILITIES: VenueCapabilities = {
  // venues.md §7.3: matching is asynchronous and mass cancel is asynchronous too: an ack means
  // "will be applied"; the account stream says when.
  cancel: 'queued',
  // massCancel takes `markets` (venues.md §7.3).
  symbolCancelAll: true,
  // The REST ack precedes the book (§7.3); the engine applies within well under a second in
  // normal operation. 3 s covers a busy engine without hiding an order that never arrived.
  notFoundGraceMs: 3_000,
  // `cancelId` on a new order replaces the order with that external id (§2.3, §7.3).
  modify: 'replace',
  deadManSwitch: { minCountdownMs: DMS_MIN_MS, maxCountdownMs: DMS_MAX_MS },
};
