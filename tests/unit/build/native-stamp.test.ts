// The prestart step (scripts/electron-native.mjs): the published prebuild first, a source build
// only as the fallback, one line saying which, and nothing stamped unless the file's own ABI is
// the target Electron's. The Node-ABI case uses the real better-sqlite3 binary in node_modules,
// which is built for this Node (ABI 115), not for Electron 45 (ABI 150).
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain ESM script without type declarations
import { archesFrom, buildForElectron, nativeDirName, stampFor, targetAbi, upToDate } from '../../../scripts/electron-native.mjs';
// @ts-expect-error: a plain ESM script without type declarations
import { abiMismatch, electronAbi, moduleAbi, moduleArchs } from '../../../scripts/native-abi.mjs';
import { tempDir } from '../../helpers/tmp';
import { fakeAddon } from '../../helpers/fake-addon';

const root = join(__dirname, '../../..');
const sqliteDir = join(root, 'node_modules/better-sqlite3');
const nodeBuild = join(sqliteDir, 'build/Release/better_sqlite3.node');
const sqliteVersion: string = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const withAbi = (abi: number) => fakeAddon(abi, 'x64');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function scratch() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return { outDir: join(t.dir, nativeDirName('45.4.1', 'x64')), workDir: join(t.dir, 'build'), dir: t.dir };
}
/** A strategy that leaves `content` (a file path or bytes) where node-gyp/prebuild-install would. */
const produces = (content: string | Buffer) => (work: string) => {
  const dest = join(work, 'build/Release/better_sqlite3.node');
  mkdirSync(dirname(dest), { recursive: true });
  if (typeof content === 'string') copyFileSync(content, dest);
  else writeFileSync(dest, content);
};
const fails = (message: string) => () => {
  throw Object.assign(new Error(message), { stderr: `prebuild-install warn install ${message}` });
};

describe('ABI of a native addon', () => {
  it('reads the Node ABI of the better-sqlite3 built for this Node, and Electron 45 needs another', () => {
    expect(moduleAbi(nodeBuild)).toEqual({ abi: Number(process.versions.modules), napi: false });
    expect(moduleArchs(nodeBuild)).toEqual([process.arch]);
    expect(abiMismatch(nodeBuild, '45.4.1', process.arch === 'x64' ? 'arm64' : 'x64')).toMatch(/holds code for \[\w+\], not/);
    expect(electronAbi('45.4.1')).toBe(150);
    expect(abiMismatch(nodeBuild, '45.4.1')).toMatch(/built for ABI 115 \(this Node's ABI, v20\.[0-9.]+\); Electron 45.4.1 needs ABI 150/);
  });
  it('takes an N-API addon (the keyring) as loadable anywhere', () => {
    const keyring = join(root, 'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node');
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(moduleAbi(keyring)).toEqual({ abi: null, napi: true });
      expect(abiMismatch(keyring, '45.4.1')).toBeNull();
    }
  });
  it("asks the Electron binary for its process.versions.modules when one is installed, else node-abi's table", () => {
    const s = scratch();
    const fake = join(s.dir, 'electron');
    // A stand-in binary answering like `ELECTRON_RUN_AS_NODE=1 electron -p process.versions.modules`.
    writeFileSync(fake, '#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] && echo 151\n', { mode: 0o755 });
    if (process.platform !== 'win32') expect(targetAbi('45.4.1', fake)).toBe(151);
    expect(targetAbi('45.4.1', null)).toBe(150);
    expect(targetAbi('45.4.1', join(s.dir, 'absent'))).toBe(150);
  });
});

describe('building better-sqlite3 for Electron', () => {
  const args = (s: ReturnType<typeof scratch>) => ({ electronVersion: '45.4.1', sqliteDir, outDir: s.outDir, workDir: s.workDir, abi: 150, arch: 'x64' });

  it('uses the published prebuild when it can be fetched, and never compiles then', () => {
    const s = scratch();
    let compiled = false;
    const r = buildForElectron({ ...args(s), fetch: produces(withAbi(150)), build: () => (compiled = true) });
    expect(r).toEqual({ ok: true, how: 'fetched', line: `native: better-sqlite3 ${sqliteVersion} for Electron 45.4.1 x64 (ABI 150): fetched the published prebuild` });
    expect(compiled).toBe(false);
    expect(readFileSync(join(s.outDir, 'STAMP'), 'utf8')).toBe(stampFor('45.4.1', sqliteVersion));
    expect(moduleAbi(join(s.outDir, 'better_sqlite3.node')).abi).toBe(150);
    expect(existsSync(s.workDir)).toBe(false);
  });

  it('compiles only when no prebuild can be fetched, and says why in its one line', () => {
    const s = scratch();
    const r = buildForElectron({ ...args(s), fetch: fails('getaddrinfo ENOTFOUND'), build: produces(withAbi(150)) });
    expect(r.ok).toBe(true);
    expect(r.how).toBe('compiled');
    expect(r.line).toMatch(/: compiled from source \(no prebuild: prebuild-install warn install getaddrinfo ENOTFOUND\)$/);
    expect(r.line.split('\n')).toHaveLength(1);
  });

  it('refuses to stamp a Node-ABI module (the better-sqlite3 built for Node in node_modules)', () => {
    const s = scratch();
    const before = readFileSync(nodeBuild);
    const r = buildForElectron({ ...args(s), fetch: fails('ENOTFOUND'), build: produces(nodeBuild) });
    expect(r.ok).toBe(false);
    expect(r.line).toMatch(/^native: REFUSED better-sqlite3 .* x64 \(ABI 150\): compiled from source .* but got ABI 115 \(Node v20\.[0-9.]+\); not stamped$/);
    expect(existsSync(join(s.outDir, 'STAMP'))).toBe(false);
    expect(existsSync(join(s.outDir, 'better_sqlite3.node'))).toBe(false);
    // node_modules' own build is what `npm test` loads: left byte for byte as it was.
    expect(readFileSync(nodeBuild).equals(before)).toBe(true);
  });

  it('refuses a build for another CPU architecture (macOS packs x64 and arm64 on one runner)', () => {
    const s = scratch();
    const r = buildForElectron({ ...args(s), fetch: produces(fakeAddon(150, 'arm64')) });
    expect(r.line).toMatch(/x64 \(ABI 150\): fetched the published prebuild but it holds code for \[arm64\]; not stamped$/);
    expect(existsSync(join(s.outDir, 'STAMP'))).toBe(false);
  });

  it('passes the arch to both strategies and names one folder per arch', () => {
    const s = scratch();
    const seen: string[] = [];
    buildForElectron({ ...args(s), arch: 'arm64', fetch: (_w: string, _v: string, a: string) => { seen.push(`fetch ${a}`); throw new Error('ENOTFOUND'); }, build: (w: string, _v: string, a: string) => { seen.push(`build ${a}`); produces(fakeAddon(150, 'arm64'))(w); } });
    expect(seen).toEqual(['fetch arm64', 'build arm64']);
    expect(nativeDirName('45.4.1', 'arm64')).toBe('electron-45.4.1-arm64');
    expect(archesFrom([])).toEqual([process.arch]);
    expect(archesFrom(['--arch', 'x64', '--arch', 'arm64', '--arch', 'x64'])).toEqual(['x64', 'arm64']);
  });

  it('refuses a fetched prebuild of the wrong ABI too, and reports when both strategies fail', () => {
    const s = scratch();
    expect(buildForElectron({ ...args(s), fetch: produces(withAbi(143)), build: produces(withAbi(150)) }).line).toMatch(/fetched the published prebuild but got ABI 143; not stamped$/);
    const r = buildForElectron({ ...args(s), fetch: fails('ENOTFOUND'), build: fails('gyp ERR! network') });
    expect(r).toMatchObject({ ok: false, how: null });
    expect(r.line).toMatch(/^native: FAILED .*no prebuild .*ENOTFOUND.*source build failed .*gyp ERR! network/);
  });

  it('works in a copy: the package sources are there, its build/ is not', () => {
    const s = scratch();
    let seen: string[] = [];
    buildForElectron({
      ...args(s),
      fetch: (work: string) => {
        seen = ['package.json', 'binding.gyp', 'src', 'deps', 'lib', 'build'].filter((f) => existsSync(join(work, f)));
        produces(withAbi(150))(work);
      },
    });
    expect(seen).toEqual(['package.json', 'binding.gyp', 'src', 'deps', 'lib']);
  });
});

describe('electron native build stamp', () => {
  it('is up to date only with the binary, a matching stamp and the target ABI', () => {
    const s = scratch();
    const dir = s.outDir;
    const stamp = stampFor('45.4.1', '12.11.1') as string;
    expect(stamp).toBe('electron=45.4.1;better-sqlite3=12.11.1');
    expect(upToDate(dir, stamp)).toBe(false);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), withAbi(150));
    expect(upToDate(dir, stamp)).toBe(false);
    writeFileSync(join(dir, 'STAMP'), stampFor('45.4.0', '12.11.1'));
    expect(upToDate(dir, stamp)).toBe(false);
    writeFileSync(join(dir, 'STAMP'), stamp);
    expect(upToDate(dir, stamp)).toBe(true);
    expect(upToDate(dir, stamp, 150)).toBe(true);
    expect(upToDate(dir, stamp, 150, 'x64')).toBe(true);
    expect(upToDate(dir, stamp, 150, 'arm64')).toBe(false);
    copyFileSync(nodeBuild, join(dir, 'better_sqlite3.node'));
    expect(upToDate(dir, stamp, 150)).toBe(false);
  });
});
