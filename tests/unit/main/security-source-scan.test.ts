// A static scan of main/, preload/ and renderer/ for the settings and calls Electron's security
// checklist warns about, so that reintroducing one fails here even though no Electron binary
// runs in this suite (the runtime behaviour is unit-tested in security.test.ts and, where
// Electron exists, tests/electron/). Comments are stripped first: they may name what they forbid.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../..');
function sources(dir: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|html|mjs|cjs)$/.test(name)) {
        const text = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');
        out.push({ path: relative(root, p), text });
      }
    }
  };
  walk(join(root, dir));
  return out;
}
const shell = [...sources('main'), ...sources('preload')];
const all = [...shell, ...sources('renderer')];
const hits = (files: { path: string; text: string }[], re: RegExp) => files.filter((f) => re.test(f.text)).map((f) => f.path);

describe('security source scan', () => {
  it('never weakens a webPreference', () => {
    const weak = [/nodeIntegration\w*\s*:\s*true/, /contextIsolation\s*:\s*false/, /sandbox\s*:\s*false/, /webSecurity\s*:\s*false/, /allowRunningInsecureContent\s*:\s*true/, /experimentalFeatures\s*:\s*true/, /webviewTag\s*:\s*true/];
    for (const re of weak) expect([String(re), hits(all, re)]).toEqual([String(re), []]);
  });
  it('uses no enableBlinkFeatures, no <webview> and no allowpopups', () => {
    expect(hits(all, /enableBlinkFeatures/)).toEqual([]);
    expect(hits(all, /<webview|allowpopups/i)).toEqual([]);
  });
  it('loads only its own app:// page into a window, never a remote URL or a file:// path', () => {
    expect(hits(shell, /\.loadFile\(/)).toEqual([]);
    const loads = shell.flatMap((f) => [...f.text.matchAll(/\.loadURL\(([^)]*)\)/g)].map((m) => [f.path, m[1]]));
    expect(loads).toEqual([['main/index.ts', 'APP_ENTRY_URL']]);
    expect(hits(shell, /https?:\/\/(?!electronjs\.org)/)).toEqual([]);
  });
  it('creates windows only from windowOptions()', () => {
    const made = shell.flatMap((f) => [...f.text.matchAll(/new BrowserWindow\(([^(]*)\(/g)].map((m) => [f.path, m[1]]));
    expect(made).toEqual([['main/index.ts', 'windowOptions']]);
  });
  it('calls shell.openExternal in one place, behind the allowlist', () => {
    const calls = shell.flatMap((f) => [...f.text.matchAll(/shell\.openExternal\(/g)].map(() => f.path));
    expect(calls).toEqual(['main/index.ts']);
    expect(readFileSync(join(root, 'main/security.ts'), 'utf8')).toMatch(/if \(isAllowedExternalUrl\(url\)\) \{\s*deps\.openExternal\(url\)/);
  });
  it('answers IPC only in main/ipc.ts (where the sender is checked) and exposes one bridge global', () => {
    expect(hits(shell, /ipcMain\.(handle|on|once|handleOnce)\(/)).toEqual(['main/ipc.ts']);
    const exposes = shell.flatMap((f) => [...f.text.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => [f.path, m[1]]));
    expect(exposes).toEqual([['preload/index.ts', 'api']]);
    expect(hits(shell, /ipcRenderer\.(send|sendSync|sendTo|postMessage)\(/)).toEqual([]);
  });
  it('pins a current Electron exactly (45 is the release this checklist was reviewed against)', () => {
    const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });
  it('keeps the renderer page CSP strict: own scripts only, no eval, no objects, sockets to loopback only', () => {
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const d = Object.fromEntries(csp.split(';').map((s) => s.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);
    const tokens = Object.values(d).flat() as string[];
    expect(tokens.filter((t) => t === '*' || t.includes('unsafe-eval') || /^https?:/.test(t))).toEqual([]);
    // The page loads nothing from elsewhere.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
