// Each venue's credentials as one keychain entry per mode ("sim.lighter.keys", "live.extended.keys"):
// keys entered in sim mode (the simulator's demo keys) never become live keys, and a live key is
// never sent to the simulator. The entry holds the secret fields plus two non-secret facts the
// settings page shows (the public half's fingerprint, when it was stored), so nothing about the
// keys lives in SQLite. Each secret field is registered with the logger on its own: the keychain
// wrapper registers the whole entry, and a log line would carry a field, never the JSON around it.
import { z } from 'zod';
import type { Mode, VenueId } from '../domain/venue';
import { registerSecret } from '../telemetry/log';
import { Keychain, KeychainError } from './keychain';

export interface LighterSecret {
  readonly venue: 'lighter';
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  /** 80 hex characters, lower case, no 0x. */
  readonly privateKeyHex: string;
}

export interface ExtendedSecret {
  readonly venue: 'extended';
  readonly apiKey: string;
  readonly vault: number;
  /** 0x-prefixed, lower case. */
  readonly starkPrivateKey: string;
}

export type VenueSecret = LighterSecret | ExtendedSecret;

export interface StoredVenueKeys {
  readonly secret: VenueSecret;
  readonly fingerprint: string;
  readonly storedAtMs: number;
}

const record = z.strictObject({
  v: z.literal(1),
  fingerprint: z.string().regex(/^[0-9a-f]{8}$/),
  storedAtMs: z.number().int().nonnegative(),
  secret: z.discriminatedUnion('venue', [
    z.strictObject({ venue: z.literal('lighter'), accountIndex: z.number().int().nonnegative(), apiKeyIndex: z.number().int().min(0).max(255), privateKeyHex: z.string().regex(/^[0-9a-f]{80}$/) }),
    z.strictObject({ venue: z.literal('extended'), apiKey: z.string().min(1), vault: z.number().int().nonnegative(), starkPrivateKey: z.string().regex(/^0x[0-9a-f]{1,64}$/) }),
  ]),
});

function secretValues(s: VenueSecret): string[] {
  return s.venue === 'lighter' ? [s.privateKeyHex] : [s.apiKey, s.starkPrivateKey];
}

// The keychain binding answers from memory after one failed platform access (keychain.ts probe),
// so whether the OS keychain works is asked once per process, before any other keychain call.
let probed: { problem: string | null } | null = null;

export class VenueKeyStore {
  private readonly cache = new Map<VenueId, StoredVenueKeys | null>();

  constructor(
    private readonly mode: Mode,
    private readonly keychain: Pick<Keychain, 'get' | 'set' | 'delete' | 'probe'> = new Keychain(),
  ) {}

  private name(venue: VenueId): string {
    return `${this.mode}.${venue}.keys`;
  }

  /** Null when the OS keychain answers, else why not (asked once per process). */
  problem(): string | null {
    if (probed === null) probed = { problem: this.keychain.probe() };
    return probed.problem;
  }

  get(venue: VenueId): StoredVenueKeys | null {
    if (this.cache.has(venue)) return this.cache.get(venue)!;
    if (this.problem() !== null) return null;
    const raw = this.keychain.get(this.name(venue));
    let stored: StoredVenueKeys | null = null;
    if (raw !== null) {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        json = null;
      }
      const parsed = record.safeParse(json);
      // An entry this version cannot read counts as absent; it is overwritten by the next set.
      if (parsed.success && parsed.data.secret.venue === venue) {
        stored = { secret: parsed.data.secret, fingerprint: parsed.data.fingerprint, storedAtMs: parsed.data.storedAtMs };
        for (const v of secretValues(stored.secret)) registerSecret(v);
      }
    }
    this.cache.set(venue, stored);
    return stored;
  }

  set(keys: StoredVenueKeys): void {
    const problem = this.problem();
    if (problem !== null) throw new KeychainError(problem);
    for (const v of secretValues(keys.secret)) registerSecret(v);
    this.keychain.set(this.name(keys.secret.venue), JSON.stringify({ v: 1, fingerprint: keys.fingerprint, storedAtMs: keys.storedAtMs, secret: keys.secret }));
    this.cache.set(keys.secret.venue, keys);
  }

  remove(venue: VenueId): void {
    const problem = this.problem();
    if (problem !== null) throw new KeychainError(problem);
    this.keychain.delete(this.name(venue));
    this.cache.set(venue, null);
  }
}

/** Tests: forget the per-process probe. */
export function resetKeychainProbe(): void {
  probed = null;
}
