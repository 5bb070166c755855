// End-to-end in the real Electron (run by vitest.electron.config.mts where the Electron binary
// exists; .github/workflows/ci.yml): the app starts, shows its window, and the renderer is as
// locked down as main/window-options.ts and main/security.ts say: no Node, no require, isolated
// and sandboxed (main/window-options.ts, unit-tested), new windows and navigation refused, permissions denied. The Debian build
// machines cannot download Electron, so this file is outside the default suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { tempDir } from '../helpers/tmp';
import { pollUntil } from '../helpers/wait';

const root = join(__dirname, '../..');

let app: ElectronApplication;
let win: Page;
let data: { dir: string; cleanup: () => void };

beforeAll(async () => {
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('run `npm run build` first');
  data = tempDir('fundingbot-electron-');
  app = await electron.launch({ args: [root], cwd: root, env: { ...process.env, FUNDINGBOT_DATA_DIR: data.dir } });
  win = await app.firstWindow();
  await win.waitForLoadState('domcontentloaded');
});

afterAll(async () => {
  await app?.close();
  data?.cleanup();
});

describe('the packaged-to-be app in Electron', () => {
  it('opens its one window on our page', async () => {
    expect(await win.title()).toBe('Fundingbot');
    expect(win.url()).toMatch(/^app:\/\/fundingbot\/index\.html/);
    // The bundle ran: React rendered into #root (module scripts load over app://).
    await pollUntil(() => win.evaluate(() => document.querySelector('#root')?.childElementCount ?? 0), { until: (n) => n > 0, what: 'the React root rendered' });
  });

  it('gives the renderer window.api and nothing of Node or Electron', async () => {
    const seen = await win.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { api: typeof (w.api as { call?: unknown } | undefined)?.call, require: typeof w.require, process: typeof w.process, module: typeof w.module, Buffer: typeof w.Buffer };
    });
    expect(seen).toEqual({ api: 'function', require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
  });

  it('has no <webview> tag (webviewTag off)', async () => {
    expect(await win.evaluate(() => document.createElement('webview') instanceof HTMLUnknownElement)).toBe(true);
  });

  it('refuses new windows and navigation away from the app', async () => {
    const before = win.url();
    expect(await win.evaluate(() => window.open('https://evil.example/') === null)).toBe(true);
    await win.evaluate(() => {
      location.href = 'file:///';
    });
    // A refused navigation leaves the page in place: the app keeps answering on its own URL.
    await pollUntil(() => win.evaluate(() => typeof (window as unknown as { api?: unknown }).api), { until: (t) => t === 'object', what: 'window.api after a refused navigation' });
    expect(win.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it('denies permission requests', async () => {
    const state = await win.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state);
    expect(state).toBe('denied');
  });
});
