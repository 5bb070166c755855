// prestart: makes sure better-sqlite3 has a binary for Electron's ABI beside the Node one, so
// `npm test` (Node ABI) and `npm start` (Electron ABI) both work in either order without a
// manual rebuild. The Electron build lives in .native/electron-<version>/ and main/ passes it to
// better-sqlite3 through its `nativeBinding` option; the Node build in node_modules is untouched.
// Skipped when the stamp says it is up to date. See build/NATIVE.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function stampFor(electronVersion, sqliteVersion) {
  return `electron=${electronVersion};better-sqlite3=${sqliteVersion}`;
}

/** True when the Electron build exists and was made for these exact versions. */
export function upToDate(dir, stamp) {
  const file = join(dir, 'better_sqlite3.node');
  const stampFile = join(dir, 'STAMP');
  return existsSync(file) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
}

function main() {
  const electronVersion = require('electron/package.json').version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const outDir = join(root, '.native', `electron-${electronVersion}`);
  const stamp = stampFor(electronVersion, sqliteVersion);
  if (upToDate(outDir, stamp)) {
    console.log(`native: better-sqlite3 for Electron ${electronVersion} is up to date`);
    return;
  }
  console.log(`native: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (needs Electron headers from the network)`);
  const work = join(root, '.native', 'build');
  try {
    execFileSync('npx', ['--yes', 'node-gyp', 'rebuild', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', '--release', '--nodedir='], { cwd: sqliteDir, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } });
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(sqliteDir, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
    writeFileSync(join(outDir, 'STAMP'), stamp);
    // Restore the Node-ABI build that `npm test` uses.
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
    console.log(`native: wrote ${outDir}`);
  } catch {
    console.error(
      [
        'native: could not build better-sqlite3 for Electron.',
        '  This needs the Electron headers from the network (and a C++ toolchain). On a machine',
        '  without that network access the desktop app cannot open its database; use the headless',
        '  host instead: `npm run serve` (same core, UI in your browser).',
        `  Work dir: ${work}`,
      ].join('\n'),
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
