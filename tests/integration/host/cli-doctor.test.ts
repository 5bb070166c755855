// `doctor` in-process against the embedded simulator, on a real data dir: every check prints one
// line; a loose data dir and an invalid settings document each fail with their reason (and the
// venue checks say why they were skipped); no credential reaches the output.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src-core/config/schema';
import { SETTINGS_VERSION } from '../../../src-core/config/upgrade';
import { runSupportCli } from '../../../src-core/host/support/run';
import { openStore } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import { demoAccounts } from '../../../src-core/venues/sim/server';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function doctor(dataDir: string): Promise<{ code: number; lines: string[]; errors: string[] }> {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await runSupportCli(['doctor', '--data-dir', dataDir, '--mode', 'sim'], { out: (l) => lines.push(l), err: (l) => errors.push(l), log: silentLogger });
  return { code, lines, errors };
}

function check(lines: readonly string[], name: string): string {
  const line = lines.find((l) => l.slice(7).startsWith(name.padEnd(22)));
  if (line === undefined) throw new Error(`no ${name} line in:\n${lines.join('\n')}`);
  return line;
}

const CHECKS = ['native module', 'data dir', 'settings', 'keychain', 'lighter REST', 'extended REST', 'lighter clock', 'extended clock'];

describe('cli doctor', () => {
  it('passes every check it can on a fresh data dir and exits by the keychain (the one part the machine decides)', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const { code, lines, errors } = await doctor(join(t.dir, 'data'));
    expect(errors).toEqual([]);
    expect(lines).toHaveLength(1 + CHECKS.length);
    for (const name of CHECKS.filter((c) => c !== 'keychain')) expect(check(lines, name), name).toMatch(/^ok /);
    expect(check(lines, 'data dir')).toMatch(/absent: the store creates it 0700/);
    expect(check(lines, 'lighter REST')).toMatch(/embedded simulator http:\/\/127\.0\.0\.1:\d+ answered: \d+ markets/);
    expect(check(lines, 'extended clock')).toMatch(/ms behind venue time on ETH's book/);
    // A machine without a Secret Service (this container, CI without dbus) fails that line, with its reason.
    const keychain = check(lines, 'keychain');
    expect(keychain).toMatch(/^(ok {5}keychain +reachable|FAILED keychain +keychain unavailable: .+)/);
    expect(code).toBe(keychain.startsWith('ok') ? 0 : 1);
    // The simulator's demo credentials never reach the output.
    const demo = demoAccounts(1);
    const all = lines.join('\n');
    for (const secret of [demo.extended.apiKey, demo.extended.starkPrivateKey, demo.lighter.apiPrivateKeyHex]) expect(all).not.toContain(secret);

    // A second run sees the store the first one created, private.
    expect(check((await doctor(join(t.dir, 'data'))).lines, 'data dir')).toMatch(/^ok +data dir +writable, directory 0700, database files 0600$/);
  });

  it.runIf(process.platform !== 'win32')('fails a data dir others can read, naming its mode, and exits 1', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'data');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    const { code, lines } = await doctor(dir);
    expect(check(lines, 'data dir')).toMatch(/^FAILED data dir +.*is 0755, expected 0700$/);
    expect(code).toBe(1);
  });

  it('fails settings that do not validate and skips the venue checks with the reason', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = openStore({ dataDir: t.dir, mode: 'sim' });
    const bad = { settingsVersion: SETTINGS_VERSION, ...defaultSettings, trading: { ...defaultSettings.trading, maxOpenPairs: -1 } };
    db.prepare('INSERT INTO settings (id, json, updated_at_ms) VALUES (1, ?, 0)').run(JSON.stringify(bad));
    db.close();
    const { code, lines } = await doctor(t.dir);
    expect(check(lines, 'settings')).toMatch(/^FAILED settings +stored settings do not validate \(1 issue\): trading\.maxOpenPairs: \S/);
    for (const v of ['lighter REST', 'extended REST', 'lighter clock', 'extended clock']) expect(check(lines, v)).toMatch(/^FAILED .*not checked: settings did not load$/);
    expect(check(lines, 'native module')).toMatch(/^ok/);
    expect(code).toBe(1);
  });
});
