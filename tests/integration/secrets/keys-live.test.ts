// keys.* and live.* against the real core, the embedded simulator and a real Secret Service
// (run inside dbus-run-session + scripts/with-keyring.sh, as scripts/test.sh does). No answer may
// carry a secret; verification is a read-only call the simulator checks as the venues do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { demoAccounts } from '../../../src-core/venues/sim/server';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import type { ApiError, ApiIssue } from '../../../src-core/api/envelope';
import type { KeysStatus } from '../../../src-core/api/channels/keys';
import type { LiveStatus } from '../../../src-core/api/channels/live';
import type { ReconcileStatus } from '../../../src-core/api/channels/reconcile';

const available = process.env.DBUS_SESSION_BUS_ADDRESS !== undefined;
const SEED = 5;
const demo = demoAccounts(SEED);

describe.runIf(available)('venue keys and live arming (real keychain, simulator)', () => {
  let core: Core;
  let data: { dir: string; cleanup: () => void };
  const answers: string[] = [];
  /** One call, its answer kept for the secret scan; read as the channel's view (V) or its error. */
  const call = async <V = KeysStatus>(kind: 'query' | 'command', channel: string, payload: unknown = {}): Promise<{ ok: boolean; value: V; error: ApiError & { issues: ApiIssue[] } }> => {
    const r = await core.dispatcher.call(kind, channel, payload);
    answers.push(JSON.stringify(r));
    return r as never;
  };
  const lighterKeys = { venue: 'lighter', accountIndex: demo.lighter.accountIndex, apiKeyIndex: demo.lighter.apiKeyIndex, privateKeyHex: demo.lighter.apiPrivateKeyHex };
  const extendedKeys = { venue: 'extended', apiKey: demo.extended.apiKey, vault: demo.extended.vault, starkPrivateKey: demo.extended.starkPrivateKey };

  beforeAll(async () => {
    data = tempDir();
    core = await createCore({ dataDir: data.dir, mode: 'sim', log: silentLogger, startVenues: true, simSeed: SEED, keychainService: `fundingbot-test-keys-${process.pid}` });
  }, 60_000);

  afterAll(async () => {
    for (const venue of ['lighter', 'extended']) await core?.dispatcher.call('command', 'keys.remove', { venue, confirm: true });
    await core?.close();
    data?.cleanup();
  });

  it('refuses malformed keys with a typed error that does not echo them, and stores nothing', async () => {
    const bad = 'ab'.repeat(39); // 78 hex: one byte short
    const r = await call('command', 'keys.set', { ...lighterKeys, privateKeyHex: bad });
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues).toEqual([{ path: 'privateKeyHex', message: expect.stringMatching(/80 hex/) }]);
    expect(JSON.stringify(r)).not.toContain(bad);
    const s = await call('query', 'keys.status');
    expect(s.value.venues.map((v: { stored: boolean }) => v.stored)).toEqual([false, false]);
    const outOfRange = await call('command', 'keys.set', { ...extendedKeys, starkPrivateKey: '0x0' });
    expect(outOfRange.error.issues[0]?.path).toBe('starkPrivateKey');
  });

  it('stores both venues, shows only stored, a fingerprint and the date, and verifies against the simulator', async () => {
    expect((await call('command', 'keys.set', lighterKeys)).ok).toBe(true);
    const r = await call('command', 'keys.set', extendedKeys);
    expect(r.ok).toBe(true);
    expect(r.value.venues).toEqual([
      { venue: 'lighter', stored: true, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/), storedAtMs: expect.any(Number), verifiedAtMs: null, verifyError: null },
      { venue: 'extended', stored: true, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/), storedAtMs: expect.any(Number), verifiedAtMs: null, verifyError: null },
    ]);
    for (const venue of ['lighter', 'extended']) {
      const v = await call('command', 'keys.verify', { venue });
      expect(v.ok, JSON.stringify(v)).toBe(true);
      expect(v.value.venues.find((x: { venue: string }) => x.venue === venue)?.verifiedAtMs).toEqual(expect.any(Number));
    }
  });

  it('a key the venue does not know fails verification with the reason', async () => {
    const other = demoAccounts(SEED + 1);
    await call('command', 'keys.set', { ...lighterKeys, privateKeyHex: other.lighter.apiPrivateKeyHex });
    const v = await call('command', 'keys.verify', { venue: 'lighter' });
    expect(v.ok).toBe(false);
    expect(v.error.message).toMatch(/does not match the public key registered/);
    const e = await call('command', 'keys.set', { ...extendedKeys, apiKey: other.extended.apiKey });
    expect(e.ok).toBe(true);
    const ve = await call('command', 'keys.verify', { venue: 'extended' });
    expect(ve.error.message).toMatch(/Extended refused a read/);
    // Back to the right keys for the arming case.
    await call('command', 'keys.set', lighterKeys);
    await call('command', 'keys.set', extendedKeys);
  });

  it('arms only with every requirement met and the word shown, disarms in one call, and refuses a wrong word', async () => {
    const s0 = await call<LiveStatus>('query', 'live.status');
    expect(s0.value.armed).toBe(false);
    expect(s0.value.checks.find((c: { requirement: string }) => c.requirement === 'lighter-keys')).toMatchObject({ met: false, detail: expect.stringMatching(/not verified/) });
    const refused = await call<LiveStatus>('command', 'live.arm', { word: s0.value.word });
    expect(refused.ok).toBe(false);
    expect(refused.error.issues.map((i: { path: string }) => i.path)).toContain('lighter-keys');
    for (const venue of ['lighter', 'extended']) expect((await call('command', 'keys.verify', { venue })).ok).toBe(true);
    await pollUntil(() => core.dispatcher.call('query', 'reconcile.pending', {}), { until: (r) => r.ok && (r.value as ReconcileStatus).reconciled, what: 'startup reconciliation' });
    let unmet: unknown = null;
    const s1 = await pollUntil(async () => (await call<LiveStatus>('query', 'live.status')).value, {
      until: (v: LiveStatus) => {
        unmet = v.checks.filter((c: { met: boolean }) => !c.met);
        return (unmet as unknown[]).length === 0;
      },
      what: 'every arming requirement met',
    }).catch((e: Error) => {
      throw new Error(`${e.message}; unmet: ${JSON.stringify(unmet)}`);
    });
    const wrong = await call<LiveStatus>('command', 'live.arm', { word: 'not-the-word' });
    expect(wrong.error.message).toMatch(/word typed is not the one shown/);
    // The wrong attempt consumed the word: the one shown before no longer arms.
    expect((await call<LiveStatus>('command', 'live.arm', { word: s1.word })).ok).toBe(false);
    const s2 = await call<LiveStatus>('query', 'live.status');
    const armed = await call<LiveStatus>('command', 'live.arm', { word: (s2.value.word ?? "").toUpperCase() });
    expect(armed.ok, JSON.stringify(armed)).toBe(true);
    expect(armed.value).toMatchObject({ armed: true, word: null });
    const off = await call<LiveStatus>('command', 'live.disarm', {});
    expect(off.value.armed).toBe(false);
  });

  it('never answers with a secret, nor a 16-character piece of one', () => {
    const other = demoAccounts(SEED + 1);
    const entered = [demo, other].flatMap((d) => [d.lighter.apiPrivateKeyHex, d.extended.apiKey, d.extended.starkPrivateKey.slice(2), BigInt(d.extended.starkPrivateKey).toString()]);
    const all = answers.join('\n').toLowerCase();
    // A run of one character is no piece of a secret: the demo Lighter keys end in 16 zeros
    // (sim/server.ts pads a 64-hex sha256 to the key's 80).
    const pieces = entered.flatMap((s) => Array.from({ length: s.length - 15 }, (_, i) => s.slice(i, i + 16).toLowerCase())).filter((p) => !/^(.)\1*$/.test(p));
    expect(pieces.filter((p) => all.includes(p))).toEqual([]);
  });
});
