// Settings edited in the UI change what the screener computes, in real Chromium over the
// WebSocket transport against the real core and the simulator: a pair notional of $5,000 set on
// the Settings screen shows as a larger expected value on a screener row, and a wider slippage
// budget as a larger capacity. (Capacity is the largest notional that fits the slippage budget on
// both books, so it moves with the budget, not with the notional.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pinFundingNow, spikeProtectionOff } from '../helpers/funding';

/** "$1,234.56", "−$3.10", "$12k", "$1.2M" → number; NaN for a dash. */
function parseUsd(text: string | null): number {
  const m = /^(−|-)?\$([\d,.]+)([kM]?)$/.exec((text ?? '').trim());
  if (m === null) return Number.NaN;
  const v = Number(m[2]!.replace(/,/g, '')) * (m[3] === 'M' ? 1e6 : m[3] === 'k' ? 1e3 : 1);
  return m[1] === undefined ? v : -v;
}

describe.skipIf(!runE2e)(`settings drive the screener in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
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

  const ev = async () => parseUsd(await page.getByTestId('ev-LINK').textContent());
  const capacity = async () => parseUsd(await page.getByTestId('capacity-LINK').textContent());

  async function saveTrading(key: string, value: string): Promise<void> {
    await page.getByTestId('nav-settings').click();
    const input = page.getByTestId(`setting-${key}`);
    await expect.poll(async () => input.inputValue(), { timeout: 30_000 }).not.toBe('');
    await input.fill(value);
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings-saved').waitFor({ timeout: 30_000 });
    await page.getByTestId('nav-screener').click();
  }

  it('a $5,000 pair notional set in Settings raises a row\'s expected value', async () => {
    // 0.06 %/h of carry on LINK (long Lighter is paid 0.03 %/h, short Extended another 0.03 %/h).
    // The carry over the whole hold (spike blend off): the case is about the notional.
    await spikeProtectionOff(host.core);
    await pinFundingNow(host.core, [['lighter', 'LINK', -0.0003], ['extended', 'LINK', 0.0003]]);
    // At $350: 350 × 0.0006 × 48 h = $10.08 of carry, less fees and spread.
    await expect.poll(ev, { timeout: 30_000 }).toBeGreaterThan(5);
    const before = await ev();
    expect(before).toBeLessThan(10.08);
    expect(host.core.settings().trading.notionalPerPairUsd).toBe(350);

    await saveTrading('notionalPerPairUsd', '5000');
    expect(host.core.settings().trading.notionalPerPairUsd).toBe(5_000);
    // At $5,000 the same carry is $144 before costs: the row must show it, not the old size.
    await expect.poll(ev, { timeout: 30_000 }).toBeGreaterThan(100);
    expect(await ev()).toBeLessThan(144);
    await page.screenshot({ path: screenshotPath('screener-notional-5000') });
  });

  it('a wider slippage budget set in Settings raises a row\'s capacity', async () => {
    await expect.poll(capacity, { timeout: 30_000 }).toBeGreaterThan(0);
    const before = await capacity();
    await saveTrading('maxSlippageBps', '100');
    expect(host.core.settings().trading.maxSlippageBps).toBe(100);
    await expect.poll(capacity, { timeout: 30_000 }).toBeGreaterThan(before * 1.5);
  });
});
