// The first screens in real Chromium over the WebSocket transport, with the real core and the
// simulator behind it: live screener rows, a funding flip visible within 2 s, keyboard sorting
// and filtering, the detail view, and a disconnect visible in Health that clears after recovery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';

describe.skipIf(!runE2e)(`trading screens in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    host = await startHost(data.dir, { startVenues: true, simSeed: 3 });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  const sim = () => host.core.runtime()!.sim!;
  const rowCount = () => page.locator('[data-testid^="row-"]').count();
  const symbolsInOrder = () => page.locator('[data-testid^="row-"] td.sym').allTextContents();

  it('shows live screener rows for every common symbol', async () => {
    await expect.poll(rowCount, { timeout: 15_000 }).toBeGreaterThanOrEqual(60);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: screenshotPath('screener') });
  });

  it('a funding flip injected in the simulator changes a row status within 2 s', async () => {
    const engine = sim().engine;
    engine.model.pinFunding('lighter', 'LINK', -0.0003);
    engine.model.pinFunding('extended', 'LINK', 0.0003);
    const status = page.getByTestId('status-LINK');
    await expect.poll(async () => status.textContent(), { timeout: 5_000 }).toContain('PASS');
    // Flip Lighter's sign: both venues now pay the same, the spread is gone. The poll's
    // timeout is the requirement: the row changes within 2 s.
    engine.model.flipFunding('lighter', 'LINK');
    await expect.poll(async () => status.textContent(), { timeout: 2_000, interval: 50 }).toContain('min-apy');
  });

  it('sorts and filters from the keyboard', async () => {
    await page.getByTestId('sort-symbol').focus();
    await page.keyboard.press('Enter'); // symbol, descending
    await page.keyboard.press(' '); // symbol, ascending
    await expect.poll(async () => page.getByTestId('sort-symbol').getAttribute('aria-sort')).toBe('ascending');
    const asc = await symbolsInOrder();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId('sort-netApy').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('sort-netApy').getAttribute('aria-sort')).toBe('descending');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('screener-filter');
    await page.keyboard.type('eth');
    await expect.poll(async () => (await symbolsInOrder()).length, { timeout: 3_000 }).toBeLessThan(5);
    const filtered = await symbolsInOrder();
    expect(filtered.every((s) => s.includes('ETH'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('screener-filter').fill('');
    await page.keyboard.press('Escape'); // leave the filter box: arrows and digits drive the table again
    await expect.poll(rowCount).toBeGreaterThanOrEqual(60);
  });

  it('opens the detail view with a funding chart and the gate-by-gate explanation', async () => {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('symbol-detail').waitFor({ timeout: 5_000 });
    await expect.poll(async () => page.locator('[data-testid="funding-chart"] canvas').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="gate-list"] tbody tr').count()).toBe(14);
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('screener-detail') });
    await page.keyboard.press('Escape');
    await expect.poll(async () => page.getByTestId('symbol-detail').count()).toBe(0);
  });

  it('shows a disconnect in the health view and clears it after recovery', async () => {
    await page.keyboard.press('3');
    await page.getByTestId('health').waitFor({ timeout: 5_000 });
    const reconnects = page.locator('[data-testid="stream-extended-orderbooks"] [data-testid="stream-reconnects"]');
    const before = Number(await reconnects.textContent());
    sim().faults.setDown('extended', true);
    await expect.poll(async () => Number(await page.getByTestId('stale-extended').textContent()), { timeout: 5_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('health-disconnected') });
    sim().faults.setDown('extended', false);
    await expect.poll(async () => Number(await page.getByTestId('stale-extended').textContent()), { timeout: 15_000 }).toBe(0);
    expect(Number(await reconnects.textContent())).toBeGreaterThan(before);
    await expect.poll(async () => page.locator('[data-testid="stream-extended-orderbooks"] [data-testid="stream-state"]').textContent(), { timeout: 5_000 }).toBe('open');
    await page.screenshot({ path: screenshotPath('health') });
  }, 40_000);

  it('changes the trading state from the top bar and shows it', async () => {
    await page.getByTestId('pause').click();
    await expect.poll(async () => page.getByTestId('trading-state').textContent()).toBe('REDUCING');
    expect(host.core.tradingState().state).toBe('REDUCING');
    await page.getByTestId('resume').click();
    await expect.poll(async () => page.getByTestId('trading-state').textContent()).toBe('ACTIVE');
  });
});
