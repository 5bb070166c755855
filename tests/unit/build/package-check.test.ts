// The package rules fail on each kind of bad package, so a green smoke test means something.
import { describe, expect, it } from 'vitest';
import { lockKeyOf, packageProblems, type PackageListing } from '../../helpers/package-check';

const NATIVE = '/.native/electron-45.4.1/better_sqlite3.node';
const KEYRING = '/node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node';
const good: PackageListing = {
  asarFiles: ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html', NATIVE, KEYRING, '/node_modules/ws/index.js', '/node_modules/@napi-rs/keyring-linux-x64-gnu/package.json'],
  unpackedFiles: [NATIVE, KEYRING],
  installed: new Map([
    ['node_modules/ws', { dev: false }],
    ['node_modules/@napi-rs/keyring-linux-x64-gnu', { dev: false }],
    ['node_modules/vite', { dev: true }],
  ]),
  requiredNatives: [NATIVE, KEYRING],
};
const withAsar = (...extra: string[]) => ({ ...good, asarFiles: [...good.asarFiles, ...extra] });

describe('package rules', () => {
  it('accept a correct listing', () => {
    expect(packageProblems(good)).toEqual([]);
  });
  it('flag a devDependency, a source map, a TS source, a WASM oracle and a source tree', () => {
    expect(packageProblems(withAsar('/node_modules/vite/index.js'))).toEqual(['devDependency packaged: node_modules/vite (/node_modules/vite/index.js)']);
    expect(packageProblems(withAsar('/out/main/index.js.map'))).toEqual(['dev file packaged: /out/main/index.js.map']);
    expect(packageProblems(withAsar('/node_modules/ws/lib/x.ts'))).toEqual(['dev file packaged: /node_modules/ws/lib/x.ts']);
    expect(packageProblems(withAsar('/node_modules/ws/signer.wasm'))).toEqual(['dev file packaged: /node_modules/ws/signer.wasm']);
    expect(packageProblems(withAsar('/src-core/host/core.js'))).toEqual(['source or build file packaged: /src-core/host/core.js']);
    expect(packageProblems(withAsar('/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toContain(
      'Node-ABI better-sqlite3 build packaged: /node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
  });
  it('flag a missing production dependency, entry file or unpacked native', () => {
    expect(packageProblems({ ...good, installed: new Map([...good.installed, ['node_modules/@noble/curves', { dev: false }]]) })).toEqual([
      'production dependency missing: node_modules/@noble/curves',
    ]);
    expect(packageProblems({ ...good, asarFiles: good.asarFiles.filter((f) => f !== '/out/preload/index.js') })).toEqual(['missing /out/preload/index.js']);
    expect(packageProblems({ ...good, unpackedFiles: [KEYRING] })).toEqual([`native module inside the asar, not unpacked: ${NATIVE}`, `required native not unpacked: ${NATIVE}`]);
  });
  it('maps nested and scoped paths to their lock keys', () => {
    expect(lockKeyOf('/node_modules/@s/p/lib/x.js')).toBe('node_modules/@s/p');
    expect(lockKeyOf('/node_modules/a/node_modules/@s/q/index.js')).toBe('node_modules/a/node_modules/@s/q');
    expect(lockKeyOf('/node_modules/a/node_modules/b/x.js')).toBe('node_modules/a/node_modules/b');
    expect(lockKeyOf('/out/main/index.js')).toBeNull();
  });
});
