// The installer configuration (build/electron-builder.yml) read as data: targets per OS, signing
// and notarization settings, icons that exist in the format each target needs, and the files
// rules that keep sources, maps and natives right. What a real package contains is asserted by
// tests/integration/build/package-linux.test.ts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
// @ts-expect-error: a CommonJS electron-builder hook without type declarations
import notarizeHook from '../../../build/notarize.cjs';

const root = join(__dirname, '../../..');
interface Target { target: string; arch: string[] }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document, checked field by field below
const config = load(readFileSync(join(root, 'build/electron-builder.yml'), 'utf8')) as any;
const targets = (list: Target[]) => Object.fromEntries(list.map((t) => [t.target, [...t.arch].sort()]));

describe('electron-builder config: identity and targets', () => {
  it('names the product and app id', () => {
    expect(config.appId).toBe('dev.fundingbot.desktop');
    expect(config.productName).toBe('Fundingbot');
  });
  it('builds macOS dmg + zip for x64 and arm64 with the hardened runtime and our entitlements', () => {
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    const plist = readFileSync(join(root, config.mac.entitlements), 'utf8');
    // V8's JIT needs allow-jit under the hardened runtime; nothing broader is granted.
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(plist).not.toContain('<key>com.apple.security.cs.disable-library-validation</key>');
    expect(plist).not.toContain('<key>com.apple.security.cs.allow-unsigned-executable-memory</key>');
  });
  it('builds a per-user NSIS installer for Windows x64', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['x64'] });
    expect(config.nsis.oneClick).toBe(true);
    expect(config.nsis.perMachine).toBe(false);
  });
  it('builds AppImage and deb for Linux', () => {
    expect(targets(config.linux.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
  });
  it('flips fuses after pack and notarizes after sign, through our hooks only', () => {
    expect(config.afterPack).toBe('build/after-pack.cjs');
    expect(config.afterSign).toBe('build/notarize.cjs');
    expect(config.mac.notarize).toBe(false);
    // electron-builder's own fuse step would flip a second, unreviewed list.
    expect(config.electronFuses).toBeUndefined();
    for (const hook of [config.afterPack, config.afterSign]) expect(existsSync(join(root, hook))).toBe(true);
  });
});

describe('electron-builder config: files', () => {
  it('unpacks every native module from the asar and does not rebuild them for the wrong ABI', () => {
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.npmRebuild).toBe(false);
  });
  it('ships the bundles and the Electron-ABI sqlite build, and drops maps, sources, tests and WASM', () => {
    const files: string[] = config.files;
    expect(files).toContain('out/**');
    expect(files).toContain('package.json');
    expect(files).toContain('.native/electron-*-${arch}/better_sqlite3.node');
    expect(files).toContain('!out/**/*.map');
    expect(files.some((f) => f.startsWith('!') && f.includes('wasm'))).toBe(true);
    expect(files.some((f) => f.startsWith('!') && f.includes('tests'))).toBe(true);
    expect(files).toContain('!**/node_modules/better-sqlite3/{deps,src,build}/**');
    // No source tree is listed: the app runs from the electron-vite bundles only.
    for (const dir of ['src-core', 'main', 'preload', 'renderer', 'tests', 'scripts']) {
      expect(files.some((f) => f.startsWith(dir))).toBe(false);
    }
  });
});

describe('icons for every target', () => {
  const png = (buf: Buffer) => ({ sig: buf.subarray(1, 4).toString('latin1'), width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) });
  it('Linux: a PNG of at least 512 px', () => {
    const p = png(readFileSync(join(root, config.linux.icon)));
    expect(p).toEqual({ sig: 'PNG', width: 512, height: 512 });
  });
  it('Windows: an ICO holding a 256 px PNG entry', () => {
    const ico = readFileSync(join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] === 0 ? 256 : ico[e]!;
      const data = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(png(data)).toEqual({ sig: 'PNG', width: size, height: size });
      sizes.push(size);
    }
    expect(sizes).toContain(256);
  });
  it('macOS: an ICNS whose declared length is the file and whose entries are PNGs up to 1024 px', () => {
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      const type = icns.subarray(at, at + 4).toString('latin1');
      const p = png(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
      expect(p.sig).toBe('PNG');
      found[type] = p.width;
    }
    expect(found).toEqual({ ic07: 128, ic08: 256, ic09: 512, ic10: 1024 });
  });
});

describe('notarization credentials come from the environment', () => {
  const creds = notarizeHook.notarizeCredentials as (env: Record<string, string | undefined>) => unknown;
  it('prefers an App Store Connect API key, then an Apple ID, then a keychain profile', () => {
    const api = { APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'KID', APPLE_API_ISSUER: 'ISS' };
    const id = { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'pw', APPLE_TEAM_ID: 'T' };
    expect(creds({ ...id, ...api })).toEqual({ appleApiKey: '/k.p8', appleApiKeyId: 'KID', appleApiIssuer: 'ISS' });
    expect(creds(id)).toEqual({ appleId: 'a@b.c', appleIdPassword: 'pw', teamId: 'T' });
    expect(creds({ APPLE_KEYCHAIN_PROFILE: 'fb' })).toEqual({ keychainProfile: 'fb' });
    expect(creds({ APPLE_KEYCHAIN_PROFILE: 'fb', APPLE_KEYCHAIN: 'ci.keychain' })).toEqual({ keychainProfile: 'fb', keychain: 'ci.keychain' });
  });
  it('treats an incomplete or empty set as none (the build then skips notarization)', () => {
    expect(creds({})).toBeNull();
    expect(creds({ APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'KID' })).toBeNull();
    expect(creds({ APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: '', APPLE_TEAM_ID: 'T' })).toBeNull();
  });
  it('does nothing off macOS', async () => {
    await expect(notarizeHook({ electronPlatformName: 'linux' })).resolves.toBeUndefined();
  });
});
