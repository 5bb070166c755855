// The keys.* channel's state: the keychain store for this mode, and each venue's last verification
// in this run (in memory: a restart asks for a fresh read-only call before arming again).
import { ApiFailure } from '../../api/envelope';
import type { KeysSetInput, KeysStatus, VenueKeyStatus } from '../../api/channels/keys';
import { VENUES } from '../../domain/enums';
import type { Mode, VenueId } from '../../domain/venue';
import type { VenueKeyStore } from '../../secrets/venue-keys';
import { maskString } from '../../telemetry/log';
import { canonicalSecret, fingerprintOf, publicHalf } from './derive';
import { verifyVenueKeys, type VerifyEndpoints } from './verify';

type Verification = { readonly atMs: number; readonly error: string | null };

export interface KeysServiceDeps {
  readonly mode: Mode;
  readonly store: VenueKeyStore;
  /** Where a read-only call goes; null with the reason when no venue can be reached now. */
  readonly endpoints: () => VerifyEndpoints | string;
  readonly now: () => number;
  /** Told after the keys of a venue changed or were removed (arming no longer holds). */
  readonly onKeysChanged?: (venue: VenueId) => void;
  readonly verify?: typeof verifyVenueKeys;
}

export interface KeysService {
  status(): KeysStatus;
  venue(venue: VenueId): VenueKeyStatus;
  set(input: KeysSetInput): KeysStatus;
  remove(venue: VenueId): KeysStatus;
  verify(venue: VenueId): Promise<KeysStatus>;
}

export function createKeysService(deps: KeysServiceDeps): KeysService {
  const verified = new Map<VenueId, Verification>();
  const keychainDown = (): never => {
    throw new ApiFailure('UNAVAILABLE', `the OS keychain is not usable, so no key can be stored: ${maskString(deps.store.problem() ?? 'unknown reason')}`);
  };
  const venue = (v: VenueId): VenueKeyStatus => {
    const stored = deps.store.get(v);
    const check = stored === null ? undefined : verified.get(v);
    return {
      venue: v,
      stored: stored !== null,
      fingerprint: stored?.fingerprint ?? null,
      storedAtMs: stored?.storedAtMs ?? null,
      verifiedAtMs: check !== undefined && check.error === null ? check.atMs : null,
      verifyError: check?.error ?? null,
    };
  };
  const status = (): KeysStatus => ({ mode: deps.mode, keychainProblem: deps.store.problem(), venues: VENUES.map(venue) });
  const changed = (v: VenueId): void => {
    verified.delete(v);
    deps.onKeysChanged?.(v);
  };
  return {
    status,
    venue,
    set(input) {
      if (deps.store.problem() !== null) keychainDown();
      const secret = canonicalSecret(input);
      const fingerprint = fingerprintOf(publicHalf(secret));
      try {
        deps.store.set({ secret, fingerprint, storedAtMs: deps.now() });
      } catch (e) {
        throw new ApiFailure('UNAVAILABLE', `the keys were not stored: ${maskString(e instanceof Error ? e.message : String(e))}`);
      }
      changed(input.venue);
      return status();
    },
    remove(v) {
      if (deps.store.problem() !== null) keychainDown();
      if (deps.store.get(v) === null) throw new ApiFailure('NOT_FOUND', `no ${v} keys are stored for ${deps.mode} mode`);
      deps.store.remove(v);
      changed(v);
      return status();
    },
    async verify(v) {
      const stored = deps.store.get(v);
      if (stored === null) throw new ApiFailure('NOT_FOUND', `no ${v} keys are stored for ${deps.mode} mode`);
      const endpoints = deps.endpoints();
      if (typeof endpoints === 'string') throw new ApiFailure('UNAVAILABLE', endpoints);
      const error = await (deps.verify ?? verifyVenueKeys)(stored.secret, endpoints);
      // Keys replaced while the call ran are not the ones it verified.
      if (deps.store.get(v) !== stored) throw new ApiFailure('CONFLICT', `the ${v} keys changed during verification; verify again`);
      verified.set(v, { atMs: deps.now(), error });
      if (error !== null) {
        deps.onKeysChanged?.(v);
        throw new ApiFailure('CONFLICT', `${v} did not accept the keys: ${error}`);
      }
      return status();
    },
  };
}
