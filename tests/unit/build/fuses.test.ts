// The fuse list (build/fuses.cjs) and the afterPack hook that flips it, against a binary carrying
// Electron 45's default fuse wire. The packaging smoke test repeats the read-back on the binary
// electron-builder actually packaged.
import { afterEach, describe, expect, it } from 'vitest';
import { flipFuses, getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
// @ts-expect-error: CommonJS build modules without type declarations
import fuses from '../../../build/fuses.cjs';
// @ts-expect-error: CommonJS build modules without type declarations
import afterPack from '../../../build/after-pack.cjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { fakeAddon } from '../../helpers/fake-addon';
import { writeElectronStub } from '../../helpers/electron-stub';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));


const ON = 49; // '1', @electron/fuses FuseState.ENABLE
const OFF = 48; // '0', FuseState.DISABLE

/** What the packaged app must ship with, written out independently of build/fuses.cjs. */
const REQUIRED = {
  [FuseV1Options.RunAsNode]: OFF,
  [FuseV1Options.EnableCookieEncryption]: ON,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
  [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
  [FuseV1Options.OnlyLoadAppFromAsar]: ON,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
};

describe('fuse list', () => {
  it('sets every V1 fuse, with the hardening ones in the required state', () => {
    const config = fuses.fuseConfig();
    expect(config.version).toBe('1');
    expect(config.strictlyRequireAllFuses).toBe(true);
    const indices = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const i of indices) expect(typeof config[i]).toBe('boolean');
    for (const [i, state] of Object.entries(REQUIRED)) expect(config[i]).toBe(state === ON);
  });
  it('names each fuse as @electron/fuses does, with a reason', () => {
    for (const [name, [index, , why]] of Object.entries(fuses.FUSES as Record<string, [number, boolean, string]>)) {
      expect(FuseV1Options[index]).toBe(name);
      expect(why.length).toBeGreaterThan(10);
    }
  });
});

describe('afterPack hook', () => {
  async function packWith(platform: string, arch: number) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const bin = writeElectronStub(t.dir, '45.4.1');
    const archName = arch === 3 ? 'arm64' : 'x64';
    const native = afterPack.packagedSqlitePath(join(t.dir, 'resources'), '45.4.1', archName);
    mkdirSync(dirname(native), { recursive: true });
    writeFileSync(native, fakeAddon(150, archName));
    const seen: unknown[] = [];
    const packager = {
      info: { framework: { version: '45.4.1' } },
      getResourcesDir: (appOutDir: string) => join(appOutDir, 'resources'),
      // electron-builder's PlatformPackager.addElectronFuses resolves the executable, then calls
      // flipFuses; the stand-in does the same on the stub binary.
      addElectronFuses: (_ctx: unknown, config: Parameters<typeof flipFuses>[1]) => {
        seen.push(config);
        return flipFuses(bin, { ...config, resetAdHocDarwinSignature: false });
      },
    };
    await afterPack({ appOutDir: t.dir, electronPlatformName: platform, arch, packager });
    return { wire: await getCurrentFuseWire(bin), seen, native, archName, run: () => afterPack({ appOutDir: t.dir, electronPlatformName: platform, arch, packager }) };
  }

  it('flips the binary from Electron defaults to the shipped states', async () => {
    const { wire, seen } = await packWith('linux', 1);
    for (const [i, state] of Object.entries(REQUIRED)) expect(wire[i as unknown as FuseV1Options]).toBe(state);
    expect(seen).toHaveLength(1);
    expect((seen[0] as { resetAdHocDarwinSignature?: boolean }).resetAdHocDarwinSignature).toBeUndefined();
  });
  it('re-signs ad hoc on arm64 macOS only', async () => {
    const { seen } = await packWith('darwin', 3);
    expect((seen[0] as { resetAdHocDarwinSignature?: boolean }).resetAdHocDarwinSignature).toBe(true);
    const x64 = await packWith('darwin', 1);
    expect((x64.seen[0] as { resetAdHocDarwinSignature?: boolean }).resetAdHocDarwinSignature).toBeUndefined();
  });
  it('refuses to package a missing, Node-ABI or other-arch better-sqlite3, before touching the fuses', async () => {
    const { native, run, seen } = await packWith('linux', 1);
    writeFileSync(native, fakeAddon(150, 'arm64'));
    await expect(run()).rejects.toThrow(/holds code for \[arm64\], not x64/);
    writeFileSync(native, fakeAddon(115, 'x64'));
    await expect(run()).rejects.toThrow(/built for ABI 115.*; Electron 45.4.1 needs ABI 150/);
    rmSync(native);
    await expect(run()).rejects.toThrow(/better_sqlite3.node is missing/);
    expect(seen).toHaveLength(1);
  });
  it('refuses a wire with a fuse the list never decided', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const bin = writeElectronStub(t.dir, '99.0.0', '101100010');
    await expect(flipFuses(bin, fuses.fuseConfig())).rejects.toThrow(/strictlyRequireAllFuses/);
  });
});
