// docs/SECURITY-CHECKLIST.md cross-checked against the tests that exist: every item of Electron's
// official checklist is there, in order, done or N/A; a done row names at least one test that
// runs in the default suite; every named test exists in the file it names; the security test
// files are all accounted for.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const doc = readFileSync(join(root, 'docs/SECURITY-CHECKLIST.md'), 'utf8');

/** Electron's checklist, items 1-20 (docs "Security", Checklist: Security recommendations). */
const OFFICIAL = [
  'Only load secure content',
  'Do not enable Node.js integration for remote content',
  'Enable context isolation',
  'Enable process sandboxing',
  'Handle session permission requests from remote content',
  'Do not disable webSecurity',
  'Define a Content-Security-Policy',
  'Do not enable allowRunningInsecureContent',
  'Do not enable experimental features',
  'Do not use enableBlinkFeatures',
  '`<webview>`: Do not use allowpopups',
  '`<webview>`: Verify options and params',
  'Disable or limit navigation',
  'Disable or limit creation of new windows',
  'Do not use shell.openExternal with untrusted content',
  'Use a current version of Electron',
  'Validate the sender of all IPC messages',
  'Avoid usage of the file:// protocol and prefer usage of custom protocols',
  'Check which fuses you can change',
  'Do not expose Electron APIs to untrusted web content',
];

interface Row { id: string; item: string; status: string; what: string; tests: { file: string; name: string }[] }
function rows(): Row[] {
  return doc
    .split('\n')
    .filter((l) => /^\| (\d+|E\d+) \|/.test(l))
    .map((l) => {
      // Split on cell bars, not on the `|` a backtick span may hold (none do today).
      const cells = l.slice(1, -1).split(' | ').map((c) => c.trim());
      const [id, item, status, what, tests = ''] = cells as [string, string, string, string, string?];
      const refs = [...tests.matchAll(/`([^`]+)` › "([^"]+)"/g)].map((m) => ({ file: m[1]!, name: m[2]! }));
      return { id, item, status, what, tests: refs };
    });
}

/** Whether `file` declares a test or suite named exactly `name` (any quote style). */
function declares(file: string, name: string): boolean {
  const src = readFileSync(join(root, file), 'utf8');
  return [`'${name}'`, `"${name}"`, `\`${name}\``].some((q) => src.includes(`it(${q}`) || src.includes(`describe(${q}`) || src.includes(`test(${q}`));
}

describe('security checklist document', () => {
  const all = rows();

  it('lists every official item, numbered 1-20 in order, then the project rows', () => {
    expect(all.slice(0, 20).map((r) => [r.id, r.item])).toEqual(OFFICIAL.map((t, i) => [String(i + 1), t]));
    for (const r of all.slice(20)) expect(r.id).toMatch(/^E\d+$/);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it('marks each row done (with a test that runs in the default suite) or N/A (with a reason and no test)', () => {
    for (const r of all) {
      expect([r.id, r.status]).toEqual([r.id, expect.stringMatching(/^(done|N\/A)$/)]);
      expect([r.id, r.what.length > 30]).toEqual([r.id, true]);
      if (r.status === 'done') {
        expect([r.id, r.tests.filter((t) => !t.file.startsWith('tests/electron/')).length > 0]).toEqual([r.id, true]);
      } else {
        expect([r.id, r.tests]).toEqual([r.id, []]);
      }
    }
  });

  it('names only tests that exist, in the files named', () => {
    const missing = all.flatMap((r) => r.tests.filter((t) => !existsSync(join(root, t.file)) || !declares(t.file, t.name)).map((t) => `${r.id}: ${t.file} › ${t.name}`));
    expect(missing).toEqual([]);
  });

  it('accounts for every security test file', () => {
    const named = new Set(all.flatMap((r) => r.tests.map((t) => t.file)));
    for (const f of [
      'tests/unit/main/security.test.ts',
      'tests/unit/main/security-source-scan.test.ts',
      'tests/unit/main/app-protocol.test.ts',
      'tests/unit/main/ipc-sender.test.ts',
      'tests/unit/main/preload-bridge.test.ts',
      'tests/unit/main/main-wiring.test.ts',
      'tests/unit/main/window-security.test.ts',
      'tests/unit/build/fuses.test.ts',
      'tests/integration/build/package-linux.test.ts',
      'tests/electron/app.test.ts',
    ]) {
      expect([f, named.has(f)]).toEqual([f, true]);
    }
  });

  it('would catch a renamed test (the check itself can fail)', () => {
    expect(declares('tests/unit/main/security.test.ts', 'takes https on the listed hosts only, exactly')).toBe(true);
    expect(declares('tests/unit/main/security.test.ts', 'takes https on the listed hosts only')).toBe(false);
  });
});
