// Acceptance: the headless host serves the real renderer to real Chromium, which shows a live
// heartbeat; a setting changed in the page persists across a host restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';

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
      await expect.poll(async () => Number(await page.getByTestId('heartbeat-seq').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
      const first = Number(await page.getByTestId('heartbeat-seq').textContent());
      await expect.poll(async () => Number(await page.getByTestId('heartbeat-seq').textContent()), { timeout: 10_000 }).toBeGreaterThan(first);
      expect(await page.getByTestId('mode-badge').textContent()).toBe('SIM');
      await page.screenshot({ path: screenshotPath('app-shell') });
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
      await expect.poll(async () => input.inputValue(), { timeout: 10_000 }).not.toBe('');
      await input.fill('-3');
      await page.getByTestId('settings-save').click();
      await expect.poll(async () => page.getByTestId('settings-error').textContent(), { timeout: 5_000 }).toContain('maxOpenPairs');
      await input.fill('7');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor({ timeout: 5_000 });
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
      await expect.poll(async () => page2.getByTestId('setting-maxOpenPairs').inputValue(), { timeout: 10_000 }).toBe('7');
    } finally {
      await page2.close();
      await host2.stop();
    }
  });
});
