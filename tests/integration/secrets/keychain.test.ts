// Against a real Secret Service: scripts/test.sh runs the suite inside dbus-run-session with a
// throwaway, unlocked gnome-keyring when both are installed (CI installs them).
import { describe, expect, it } from 'vitest';
import { Keychain, KeychainError } from '../../../src-core/secrets/keychain';
import { clearRegisteredSecrets, createLogger } from '../../../src-core/telemetry/log';

const available = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;

// First in the file, and run in every environment: after one failed platform access the binding
// answers later calls from memory (observed with @napi-rs/keyring: the first setPassword fails
// with AccessDenied, the next ones "succeed"), so the probe must be this file's first call.
describe('keychain probe', () => {
  it(available ? 'finds the Secret Service (null = usable)' : 'says the keychain is unavailable, with the reason', () => {
    const problem = new Keychain(`fundingbot-test-probe-${process.pid}`).probe();
    if (available) expect(problem).toBeNull();
    else expect(problem).toMatch(/^keychain unavailable: \S/);
  });
});

describe.runIf(available)(`OS keychain${available ? '' : ' (skipped: no D-Bus session — npm test starts one when dbus and gnome-keyring are installed)'}`, () => {
  const kc = new Keychain(`fundingbot-test-${process.pid}`);

  it('stores, reads back and deletes a secret', () => {
    kc.set('extended.api-key', 'k3y-value');
    expect(kc.has('extended.api-key')).toBe(true);
    expect(kc.get('extended.api-key')).toBe('k3y-value');
    expect(kc.delete('extended.api-key')).toBe(true);
    expect(kc.get('extended.api-key')).toBeNull();
  });

  it("probes by a marker it removes again (doctor's check)", () => {
    expect(kc.probe()).toBeNull();
    expect(kc.get('doctor.probe')).toBeNull();
  });

  it('refuses bad names and empty secrets without touching the keychain', () => {
    expect(() => kc.set('../etc', 'x')).toThrow(KeychainError);
    expect(() => kc.set('ok-name', '')).toThrow(KeychainError);
    expect(kc.has('ok-name')).toBe(false);
  });
});

describe.runIf(available)('keychain values reach the logger as secrets', () => {
  it('masks a value read from the keychain in later log lines, URL-encoded too', () => {
    const kc = new Keychain(`fundingbot-test-mask-${process.pid}`);
    const secret = 'c2VjcmV0K3NpZy9zZWNyZXQ=';
    kc.set('extended.api-key', secret);
    clearRegisteredSecrets();
    expect(kc.get('extended.api-key')).toBe(secret);
    const lines: string[] = [];
    createLogger({ sink: (l) => lines.push(l) }).warn(`GET /x?sig=${encodeURIComponent(secret)} failed`, { echoed: secret });
    kc.delete('extended.api-key');
    clearRegisteredSecrets();
    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain(encodeURIComponent(secret));
  });
});
