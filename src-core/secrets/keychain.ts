// API keys live in the OS keychain (Secret Service, macOS Keychain, Windows Credential Manager)
// through @napi-rs/keyring, never in SQLite or settings, and are never sent back to the renderer.
// Every value this process stores or reads is registered with the logger, which masks it in
// every log line from then on (telemetry/log.ts registerSecret).
import { Entry } from '@napi-rs/keyring';
import { registerSecret } from '../telemetry/log';

export const KEYCHAIN_SERVICE = 'fundingbot';

export class KeychainError extends Error {
  override readonly name = 'KeychainError';
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function entry(name: string, service: string): Entry {
  if (!NAME_RE.test(name)) throw new KeychainError(`invalid secret name ${JSON.stringify(name)}`);
  return new Entry(service, name);
}

export class Keychain {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  set(name: string, value: string): void {
    if (value === '') throw new KeychainError('refusing to store an empty secret');
    registerSecret(value);
    try {
      entry(name, this.service).setPassword(value);
    } catch (e) {
      throw new KeychainError(`keychain unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** For the core only: never routed through the contract. */
  get(name: string): string | null {
    try {
      const value = entry(name, this.service).getPassword() ?? null;
      if (value !== null) registerSecret(value);
      return value;
    } catch (e) {
      if (e instanceof KeychainError) throw e;
      return null;
    }
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** Whether the OS keychain answers, for `doctor`: null when it does, else the reason. A read
   *  cannot tell (the binding answers null for "no such entry" and "no keychain" alike), so it
   *  writes a random non-secret marker under its own name, reads it back and deletes it. No
   *  stored secret is read. It is meaningful as the process's first keychain call only: after one
   *  failed platform access the binding was seen answering later writes and reads from memory
   *  (@napi-rs/keyring without a Secret Service: the first setPassword fails with AccessDenied,
   *  the next ones succeed), so `doctor` calls it before anything else touches the keychain. */
  probe(): string | null {
    const marker = `probe-${process.pid}-${Date.now()}`;
    const e = entry('doctor.probe', this.service);
    try {
      e.setPassword(marker);
      const back = e.getPassword();
      e.deletePassword();
      return back === marker ? null : 'keychain accepted a write but did not read it back';
    } catch (err) {
      return `keychain unavailable: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  delete(name: string): boolean {
    try {
      return entry(name, this.service).deletePassword();
    } catch {
      return false;
    }
  }
}
