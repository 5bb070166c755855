// Packaging smoke test: electron-builder 26 packs a real Linux `--dir` build of this repository
// (the electron-vite bundles, production node_modules, build/electron-builder.yml and its hooks)
// against a stand-in Electron distribution (`electronDist`), since the Electron binary cannot be
// downloaded here. Asserted: what app.asar holds and lacks, which natives are unpacked, the fuse
// wire of the packaged binary, and that a broken config fails the build. It proves the package's
// layout, not that it runs (no real Electron; better-sqlite3's Electron build is a stand-in file
// carrying the Electron ABI's symbol).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../../helpers/tmp';
import { writeElectronStub } from '../../helpers/electron-stub';
import { packageProblems } from '../../helpers/package-check';
import { fakeAddon } from '../../helpers/fake-addon';
// @ts-expect-error: CommonJS build module without type declarations
import fuses from '../../../build/fuses.cjs';
// @ts-expect-error: a plain ESM script without type declarations
import { moduleAbi } from '../../../scripts/native-abi.mjs';

const run = promisify(execFile);
const root = join(__dirname, '../../..');
const ELECTRON_VERSION: string = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// `--linux dir` packs for this machine's arch; the .native folder is named per arch.
const NATIVE = `/.native/electron-${ELECTRON_VERSION}-${process.arch}/better_sqlite3.node`;
// Electron 45's NODE_MODULE_VERSION (node-abi 3.104 table); the stand-in addon names it.
const ELECTRON_ABI = 150;

/** A hard-linked copy of node_modules (seconds, no extra disk; a plain copy across volumes): electron-builder reads the
 *  dependency tree with `npm list`, which needs a real folder, not a symlink to one. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.name === '.bin' || e.name === '.vite' || e.name === '.cache') continue;
    const src = join(from, e.name);
    const dst = join(to, e.name);
    const s = statSync(src);
    if (s.isDirectory()) linkTree(src, dst);
    else if (s.isFile()) {
      try {
        linkSync(src, dst);
      } catch (e) {
        // The temp dir may sit on another volume than the checkout (CI runners): copy instead.
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        copyFileSync(src, dst);
      }
    }
  }
}

let work: { dir: string; cleanup: () => void };
let project: string;
let electronDist: string;

/** Runs electron-builder on the scratch project with the given config file; its log on failure. */
async function pack(configFile: string, outDir: string): Promise<{ ok: boolean; log: string }> {
  const cli = join(project, 'node_modules/electron-builder/cli.js');
  const args = [cli, '--linux', 'dir', '--projectDir', project, '--config', configFile, `-c.electronDist=${electronDist}`, `-c.electronVersion=${ELECTRON_VERSION}`, `-c.directories.output=${outDir}`];
  try {
    const r = await run(process.execPath, args, { cwd: project, env: { ...process.env, CI: 'true' }, maxBuffer: 64 << 20 });
    return { ok: true, log: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, log: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push('/' + relative(dir, join(d, e.name)).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  work = tempDir('fundingbot-pack-');
  project = join(work.dir, 'project');
  electronDist = join(work.dir, 'electron-dist');
  writeElectronStub(electronDist, ELECTRON_VERSION);
  mkdirSync(project);
  for (const f of ['package.json', 'package-lock.json']) cpSync(join(root, f), join(project, f));
  cpSync(join(root, 'build'), join(project, 'build'), { recursive: true });
  cpSync(join(root, 'scripts/native-abi.mjs'), join(project, 'scripts/native-abi.mjs'));
  linkTree(join(root, 'node_modules'), join(project, 'node_modules'));
  // Source maps on purpose: the files filter must drop them.
  await run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--sourcemap', '--outDir', join(project, 'out')], { cwd: root });
  const nativeDir = join(project, '.native', `electron-${ELECTRON_VERSION}-${process.arch}`);
  mkdirSync(nativeDir, { recursive: true });
  writeFileSync(join(nativeDir, 'better_sqlite3.node'), fakeAddon(ELECTRON_ABI));
  // Another arch's build beside it is not packaged into this arch's app.
  const otherArch = process.arch === 'x64' ? 'arm64' : 'x64';
  mkdirSync(join(project, '.native', `electron-${ELECTRON_VERSION}-${otherArch}`), { recursive: true });
  writeFileSync(join(project, '.native', `electron-${ELECTRON_VERSION}-${otherArch}`, 'better_sqlite3.node'), fakeAddon(ELECTRON_ABI, otherArch));
  writeFileSync(join(nativeDir, 'STAMP'), `electron=${ELECTRON_VERSION}`);
  // A leftover build directory is not packaged.
  mkdirSync(join(project, '.native', 'build'), { recursive: true });
  writeFileSync(join(project, '.native', 'build', 'junk.o'), 'x');
});

afterAll(() => work?.cleanup());

describe('linux --dir package built by electron-builder with a stand-in Electron', () => {
  let appOut: string;
  beforeAll(async () => {
    const out = join(work.dir, 'dist');
    const r = await pack(join(project, 'build/electron-builder.yml'), out);
    expect(r.ok, r.log).toBe(true);
    appOut = join(out, 'linux-unpacked');
  });

  it('has the app and only the app in app.asar, with every native unpacked', () => {
    const resources = join(appOut, 'resources');
    const asarFiles = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.split(sep).join('/'));
    expect(asarFiles.length).toBeGreaterThan(50);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const installed = new Map(
      Object.entries(lock.packages)
        .filter(([key]) => key !== '' && existsSync(join(project, key, 'package.json')))
        .map(([key, v]) => [key, { dev: v.dev === true }]),
    );
    const keyring = asarFiles.filter((f) => /^\/node_modules\/@napi-rs\/keyring-[^/]+\/[^/]+\.node$/.test(f));
    expect(keyring.length, 'the platform package of @napi-rs/keyring').toBe(1);
    const problems = packageProblems({ asarFiles, unpackedFiles: filesUnder(join(resources, 'app.asar.unpacked')), installed, requiredNatives: [NATIVE, ...keyring] });
    expect(problems).toEqual([]);
    // Spot checks that the dependency walk saw the real tree: a transitive production dependency.
    expect(asarFiles).toContain('/node_modules/@noble/curves/package.json');
    if (process.env.PACK_DEBUG !== undefined) writeFileSync(process.env.PACK_DEBUG, asarFiles.join('\n'));
    // The devDependencies that would be the worst to leak, by name.
    for (const dev of ['electron', 'lighter-ts-sdk', 'vite', 'vitest', 'typescript']) expect(asarFiles.some((f) => f.startsWith(`/node_modules/${dev}/`))).toBe(false);
    expect(asarFiles.filter((f) => f.startsWith('/.native/')).sort()).toEqual([`/.native/electron-${ELECTRON_VERSION}-${process.arch}`, NATIVE, NATIVE.replace('better_sqlite3.node', 'STAMP')].sort());
    expect(moduleAbi(join(resources, 'app.asar.unpacked', NATIVE)).abi).toBe(ELECTRON_ABI);
  });

  it('carries the tray icons as extra resources', () => {
    for (const f of ['icon.png', 'tray-active.png', 'tray-reducing.png', 'tray-halted.png']) expect(existsSync(join(appOut, 'resources/build', f))).toBe(true);
  });

  it('ships the binary with the fuse list of build/fuses.cjs flipped', async () => {
    const wire = await getCurrentFuseWire(join(appOut, 'fundingbot'));
    const wanted = fuses.fuseConfig() as Record<string, boolean | string>;
    for (let i = 0; i < 8; i++) expect([i, wire[i as 0]]).toEqual([i, wanted[i] === true ? 49 : 48]);
  });
});

describe('a broken config fails the build', () => {
  it('without asarUnpack the Electron sqlite build stays in the asar and afterPack refuses', async () => {
    const broken = join(project, 'build/electron-builder.broken.yml');
    const yml = readFileSync(join(project, 'build/electron-builder.yml'), 'utf8');
    const edited = yml.replace(/\nasarUnpack:\n {2}- "\*\*\/\*\.node"\n/, '\n');
    expect(edited).not.toBe(yml);
    writeFileSync(broken, edited);
    const r = await pack(broken, join(work.dir, 'dist-broken'));
    expect(r.ok).toBe(false);
    expect(r.log).toContain('better_sqlite3.node is missing');
    expect(existsSync(dirname(broken))).toBe(true);
  });
});
