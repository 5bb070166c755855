// Venue construction per mode, the only place that names the concrete adapter classes: sim mode
// starts the embedded simulator and points both adapters at it on its demo credentials; paper and
// live modes take the URLs from settings.venues. Everything else sees the venue port only.
import type { Settings } from '../config/schema';
import type { Mode, VenueId } from '../domain/venue';
import type { Logger } from '../telemetry/log';
import { ExtendedAdapter } from '../venues/extended/adapter';
import { LighterAdapter } from '../venues/lighter/adapter';
import { CHAIN_ID } from '../venues/lighter/constants';
import type { VenueAdapter } from '../venues/port';
import { demoAccounts, startSimulator, type Simulator, type SimulatorOptions } from '../venues/sim/server';

/** A paper or live endpoint that is not TLS. The settings schema refuses such URLs already;
 *  this is the last check before an adapter (and its keys) would be pointed at one. */
export class VenueEndpointError extends Error {
  override readonly name = 'VenueEndpointError';
}

function requireTls(mode: Mode, key: string, url: string, scheme: 'https' | 'wss'): string {
  if (!url.toLowerCase().startsWith(`${scheme}://`)) throw new VenueEndpointError(`${mode} mode: settings.venues.${key} must be a ${scheme}:// URL`);
  return url;
}

export interface VenueOptions {
  readonly mode: Mode;
  readonly settings: Settings;
  readonly log: Logger;
  readonly simSeed?: number;
  /** A venue stream silent this long counts as stalled (adapters' default 15 s). */
  readonly streamStallMs?: number;
  /** Sim mode only: each Extended market's funding poll interval (adapter default once a minute). */
  readonly extendedFundingPollMs?: number;
  readonly simulator?: Omit<SimulatorOptions, 'seed'>;
  /** Sim mode against a simulator already running elsewhere (another process: `npm run sim`
   *  or a benchmark's child) instead of an embedded one; its demo accounts come from its seed. */
  readonly externalSimulator?: ExternalSimulator;
}

export interface ExternalSimulator {
  readonly seed: number;
  readonly lighter: { readonly restUrl: string; readonly wsUrl: string };
  readonly extended: { readonly restUrl: string; readonly wsUrl: string };
}

export interface Venues {
  readonly sim: Simulator | null;
  readonly ports: Readonly<Record<VenueId, VenueAdapter>>;
}

/** Builds both adapters (not started). In sim mode the simulator is already listening. */
export async function createVenues(options: VenueOptions): Promise<Venues> {
  const { settings, log } = options;
  const stall = options.streamStallMs === undefined ? {} : { stallMs: options.streamStallMs };
  if (options.mode === 'sim') {
    const ext = options.externalSimulator;
    const sim = ext === undefined ? await startSimulator({ seed: options.simSeed ?? 1, controlPort: 0, ...options.simulator }) : null;
    const urls = sim ?? ext!;
    const d = sim?.demo ?? demoAccounts(ext!.seed);
    const extendedPoll = options.extendedFundingPollMs === undefined ? {} : { fundingPollPerMarketMs: options.extendedFundingPollMs };
    // The embedded simulator's clock is the venues' time, as the real time is a real venue's: the
    // adapters sign auth tokens (Lighter: deadline at most 8 h ahead, venues.md §1.6) and tx
    // expiries (10 min) on it. On a test's ManualClock read from Date.now they were all off by
    // every jumped hour (expired, or too far ahead). A real clock reads the same either way.
    const venueNow = sim === null ? {} : { now: () => sim.engine.clock.nowMs() };
    // The simulator's Lighter face verifies signatures for the testnet chain id (venues/lighter/constants.ts).
    const lighter = new LighterAdapter({ restUrl: urls.lighter.restUrl, wsUrls: [urls.lighter.wsUrl], tier: settings.venues.lighter.accountTier, ...stall, ...venueNow, credentials: { privateKeyHex: d.lighter.apiPrivateKeyHex, accountIndex: d.lighter.accountIndex, apiKeyIndex: d.lighter.apiKeyIndex, chainId: CHAIN_ID.testnet } });
    const extended = new ExtendedAdapter({ restUrl: urls.extended.restUrl, wsUrls: [urls.extended.wsUrl], network: 'testnet', ...stall, ...extendedPoll, ...venueNow, credentials: { apiKey: d.extended.apiKey, vault: d.extended.vault, starkPrivateKey: d.extended.starkPrivateKey, starkPublicKey: d.extended.starkPublicKey } });
    if (sim !== null) log.info('embedded simulator started', { lighter: sim.lighter.restUrl, extended: sim.extended.restUrl, control: sim.control?.url });
    else log.info('using an external simulator', { lighter: urls.lighter.restUrl, extended: urls.extended.restUrl });
    return { sim, ports: { lighter, extended } };
  }
  const l = settings.venues.lighter;
  const e = settings.venues.extended;
  if (l.restUrl === null || l.wsUrl === null || e.restUrl === null || e.wsUrl === null) throw new Error(`${options.mode} mode needs venue URLs in settings.venues`);
  const m = options.mode;
  const urls = {
    lighterRest: requireTls(m, 'lighter.restUrl', l.restUrl, 'https'),
    lighterWs: requireTls(m, 'lighter.wsUrl', l.wsUrl, 'wss'),
    extendedRest: requireTls(m, 'extended.restUrl', e.restUrl, 'https'),
    extendedWs: requireTls(m, 'extended.wsUrl', e.wsUrl, 'wss'),
  };
  const lighter = new LighterAdapter({ restUrl: urls.lighterRest, wsUrls: [urls.lighterWs], tier: l.accountTier, ...stall });
  const extended = new ExtendedAdapter({ restUrl: urls.extendedRest, wsUrls: [urls.extendedWs], network: 'mainnet', ...stall });
  return { sim: null, ports: { lighter, extended } };
}
