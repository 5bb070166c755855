// The shell when the core goes away (issue 14): a full-width banner, the screens dimmed and inert,
// a hint for a restarted core, and the page coming back by itself when a core restarts on the same
// --port for the same data dir (host-token.ts keeps the token). Real Chromium, real core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pollUntil } from '../helpers/wait';
import { persistentHostToken } from '../../src-core/host/host-token';

describe.skipIf(!runE2e)(`shell in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost | null = null;
  let page: Page;
  let data: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    host = await startHost(data.dir, {}, { token: persistentHostToken(data.dir) });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(host.server.url);
    await pollUntil(() => page.getByTestId('heartbeat-seq').textContent(), { until: (t) => Number(t) > 0, what: 'a heartbeat' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  it('never shows a negative heartbeat age', async () => {
    // The age is drawn on every beat and every 500 ms tick; sample both kinds of render.
    const ages = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const t = setInterval(() => {
            seen.push(document.querySelector('[data-testid="heartbeat"] .num')?.textContent ?? '');
            if (seen.length >= 60) {
              clearInterval(t);
              resolve(seen);
            }
          }, 50);
        }),
    );
    expect(ages.filter((a) => a.startsWith('-') || a.startsWith('−'))).toEqual([]);
    expect(ages.every((a) => /^\d+\.\d s$/.test(a))).toBe(true);
  }, 60_000);

  it('shows the lost core unmistakably when the core stops, and recovers when it restarts on the same port', async () => {
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
    const { port, token } = host!.server;
    await host!.stop();
    host = null;
    const banner = page.getByTestId('connection-banner');
    await pollUntil(() => banner.count(), { until: (n) => n === 1, what: 'the connection banner' });
    // The detection threshold is a product property (≤ 3 s); a closed socket shows at once.
    expect(Number(await banner.getAttribute('data-threshold-ms'))).toBeLessThanOrEqual(3_000);
    expect(await banner.getAttribute('data-why')).toBe('socket-closed');
    expect(await banner.textContent()).toContain('Connection to the core lost');
    expect(await page.getByTestId('connection-hint').textContent()).toContain('--port');
    // Full width, data dimmed, controls inert.
    const widths = await page.evaluate(() => [document.querySelector('[data-testid="connection-banner"]')!.getBoundingClientRect().width, window.innerWidth]);
    expect(widths[0]).toBeGreaterThanOrEqual(widths[1]! - 1);
    expect(Number(await page.evaluate(() => getComputedStyle(document.querySelector('.app > .body')!).opacity))).toBeLessThan(1);
    expect(await page.evaluate(() => document.querySelector('[data-testid="pause"]')!.closest('[inert]') !== null)).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[data-testid="screen-screener"]')!.closest('[inert]') !== null)).toBe(true);
    await page.screenshot({ path: screenshotPath('disconnected-banner') });

    // The same data dir on the same port: the token is the same, the open page reconnects.
    expect(persistentHostToken(data.dir)).toBe(token);
    host = await startHost(data.dir, {}, { port, token: persistentHostToken(data.dir) });
    await pollUntil(() => banner.count(), { until: (n) => n === 0, what: 'the banner to clear after the restart', timeoutMs: 40_000 });
    expect(await page.evaluate(() => document.querySelector('[inert]') === null)).toBe(true);
  }, 120_000);
});
