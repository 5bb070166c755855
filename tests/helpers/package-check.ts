// What a packaged app must and must not contain, as one function over a listing so the rules are
// unit-tested on listings built to break each one (tests/unit/build/package-check.test.ts) and
// applied to a real electron-builder output (tests/integration/build/package-linux.test.ts).

export interface PackageListing {
  /** Every path in app.asar, '/'-separated and starting with '/', unpacked entries included. */
  readonly asarFiles: readonly string[];
  /** Paths present under app.asar.unpacked, same form. */
  readonly unpackedFiles: readonly string[];
  /** package-lock.json `packages` keys ("node_modules/x", "node_modules/x/node_modules/y") → dev
   *  flag, for the packages actually installed on this machine. */
  readonly installed: ReadonlyMap<string, { readonly dev: boolean }>;
  /** Natives that must be unpacked, asar-relative ('/.native/...'). */
  readonly requiredNatives: readonly string[];
}

const REQUIRED_FILES = ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html'];
// Source trees, build inputs and test material: none of it runs in the app.
const FORBIDDEN_PREFIXES = ['/src-core/', '/main/', '/preload/', '/renderer/', '/tests/', '/scripts/', '/build/', '/docs/', '/.github/', '/.ci/'];
const FORBIDDEN_FILE = /\.(map|ts|mts|cts|tsx|wasm)$/;

/** The package-lock key a path inside node_modules belongs to ('node_modules/@s/p/node_modules/q'). */
export function lockKeyOf(path: string): string | null {
  const parts = path.replace(/^\//, '').split('/');
  let key: string[] = [];
  for (let i = 0; i < parts.length; ) {
    if (parts[i] !== 'node_modules' || i + 1 >= parts.length) break;
    const name = parts[i + 1]!.startsWith('@') ? parts.slice(i + 1, i + 3) : [parts[i + 1]!];
    key = [...key, 'node_modules', ...name];
    i += 1 + name.length;
  }
  return key.length === 0 ? null : key.join('/');
}

export function packageProblems(p: PackageListing): string[] {
  const problems: string[] = [];
  const asar = new Set(p.asarFiles);
  const unpacked = new Set(p.unpackedFiles);
  for (const f of REQUIRED_FILES) if (!asar.has(f)) problems.push(`missing ${f}`);
  const packagesInAsar = new Set<string>();
  for (const f of p.asarFiles) {
    if (FORBIDDEN_PREFIXES.some((d) => f.startsWith(d))) problems.push(`source or build file packaged: ${f}`);
    if (FORBIDDEN_FILE.test(f)) problems.push(`dev file packaged: ${f}`);
    if (f.startsWith('/node_modules/better-sqlite3/build/')) problems.push(`Node-ABI better-sqlite3 build packaged: ${f}`);
    const key = lockKeyOf(f);
    if (key !== null) {
      packagesInAsar.add(key);
      if (p.installed.get(key)?.dev === true) problems.push(`devDependency packaged: ${key} (${f})`);
    }
    if (f.endsWith('.node') && !unpacked.has(f)) problems.push(`native module inside the asar, not unpacked: ${f}`);
  }
  for (const [key, { dev }] of p.installed) {
    if (!dev && !packagesInAsar.has(key)) problems.push(`production dependency missing: ${key}`);
  }
  for (const n of p.requiredNatives) if (!unpacked.has(n)) problems.push(`required native not unpacked: ${n}`);
  return problems;
}
