// The keys service and live arming wired for one core: endpoints per mode for keys.verify, the
// checklist's sources, and disarming when a venue's keys change under an armed core.
import type { EventHub } from '../../api/events';
import type { ReconcileStatus } from '../../api/channels/reconcile';
import type { Settings } from '../../config/schema';
import type { Mode, VenueId } from '../../domain/venue';
import { Keychain } from '../../secrets/keychain';
import { VenueKeyStore } from '../../secrets/venue-keys';
import type { Logger } from '../../telemetry/log';
import { CHAIN_ID } from '../../venues/lighter/constants';
import type { MarketDataPort } from '../../venues/port';
import type { ExternalSimulator } from '../venues';
import type { VenueRuntime } from '../runtime';
import { createArming, type Arming } from './arming';
import { armingChecks } from './arming-checks';
import { createKeysService, type KeysService } from './keys-service';
import type { VerifyEndpoints } from './verify';

export interface KeysDeps {
  readonly mode: Mode;
  readonly settings: () => Settings;
  readonly runtime: () => VenueRuntime | null;
  readonly externalSimulator?: ExternalSimulator;
  readonly reconcile: () => ReconcileStatus | null;
  readonly events: EventHub;
  readonly log: Logger;
  readonly now: () => number;
  /** The keychain service (tests use their own so they never touch the trader's entries). */
  readonly keychainService?: string;
}

/** Sim: the simulator the runtime talks to (testnet chain and domain, as host/venues.ts signs for
 *  it); paper and live: settings.venues (mainnet). */
function endpointsFor(d: KeysDeps): VerifyEndpoints | string {
  if (d.mode === 'sim') {
    const rt = d.runtime();
    const urls = rt === null ? undefined : (rt.sim ?? d.externalSimulator);
    if (urls === undefined) return 'the simulator is not running in this core, so there is no venue to verify against';
    return { lighter: { restUrl: urls.lighter.restUrl, wsUrl: urls.lighter.wsUrl, chainId: CHAIN_ID.testnet }, extended: { restUrl: urls.extended.restUrl, wsUrl: urls.extended.wsUrl, network: 'testnet' } };
  }
  const v = d.settings().venues;
  if (v.lighter.restUrl === null || v.lighter.wsUrl === null || v.extended.restUrl === null || v.extended.wsUrl === null) return `${d.mode} mode needs venue URLs in settings.venues to verify keys`;
  return { lighter: { restUrl: v.lighter.restUrl, wsUrl: v.lighter.wsUrl, chainId: CHAIN_ID.mainnet }, extended: { restUrl: v.extended.restUrl, wsUrl: v.extended.wsUrl, network: 'mainnet' } };
}

export function composeKeys(d: KeysDeps): { readonly keys: KeysService; readonly arming: Arming } {
  const store = new VenueKeyStore(d.mode, d.keychainService === undefined ? new Keychain() : new Keychain(d.keychainService));
  let arming: Arming | null = null;
  const keys = createKeysService({
    mode: d.mode,
    store,
    endpoints: () => endpointsFor(d),
    now: d.now,
    // Arming rested on the keys that were verified; new or removed keys end it.
    onKeysChanged: (venue: VenueId) => void arming?.disarm(`${venue} keys changed`),
  });
  const ports = (): Readonly<Record<VenueId, Pick<MarketDataPort, 'book' | 'onBook' | 'watchBooks' | 'market'>>> | null => d.runtime()?.ports ?? null;
  arming = createArming({
    mode: d.mode,
    checks: () => armingChecks({ mode: d.mode, keys, ports, symbols: () => d.runtime()?.market.symbols() ?? [], reconcile: d.reconcile }),
    events: d.events,
    log: d.log,
    now: d.now,
  });
  return { keys, arming };
}
