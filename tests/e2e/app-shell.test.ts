// Acceptance: the headless host serves the real renderer to real Chromium, which shows a live
// heartbeat; a setting changed in the page persists across a host restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { DEADLINE_MS, pollUntil } from '../helpers/wait';

describe.skipIf(!runE2e)(`app shell in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let data: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchBrowser();
    data = tempDir();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    data?.cleanup();
  });

  it('shows a live heartbeat and the SIM badge', async () => {
    const host = await startHost(data.dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(host.server.url);
      const seq = async () => Number(await page.getByTestId('heartbeat-seq').textContent());
      const first = await pollUntil(seq, { until: (n) => n > 0, what: 'a first heartbeat' });
      await pollUntil(seq, { until: (n) => n > first, what: 'a later heartbeat' });
      expect(await page.getByTestId('mode-badge').textContent()).toBe('SIM');
      await page.screenshot({ path: screenshotPath('app-shell') });
      // The token left the address bar on load; a reload authenticates with the cookie alone.
      expect(page.url()).not.toContain('token');
      await page.reload();
      const afterReload = await pollUntil(seq, { until: (n) => n > 0, what: 'a heartbeat after a reload without ?token' });
      await pollUntil(seq, { until: (n) => n > afterReload, what: 'a later heartbeat after the reload' });
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it('persists a setting across a host restart and shows validation errors', async () => {
    const host1 = await startHost(data.dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(host1.server.url);
      await page.getByTestId('nav-settings').click();
      const input = page.getByTestId('setting-maxOpenPairs');
      await pollUntil(() => input.inputValue(), { until: (v) => v !== '', what: 'the loaded setting' });
      await input.fill('-3');
      await page.getByTestId('settings-save').click();
      await pollUntil(() => page.getByTestId('settings-error').textContent(), { until: (t) => (t ?? '').includes('maxOpenPairs'), what: 'the validation error' });
      await input.fill('7');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor({ timeout: DEADLINE_MS });
      await page.screenshot({ path: screenshotPath('settings') });
    } finally {
      await page.close();
      await host1.stop();
    }

    const host2 = await startHost(data.dir);
    const page2 = await browser.newPage();
    try {
      await page2.goto(host2.server.url);
      await page2.getByTestId('nav-settings').click();
      await pollUntil(() => page2.getByTestId('setting-maxOpenPairs').inputValue(), { until: (v) => v === '7', what: 'the persisted setting' });
    } finally {
      await page2.close();
      await host2.stop();
    }
  });
});
