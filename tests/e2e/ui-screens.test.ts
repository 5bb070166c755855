// The first screens in real Chromium over the WebSocket transport, with the real core and the
// simulator behind it: live screener rows, a funding flip reaching the row, keyboard sorting
// and filtering, the detail view, and a disconnect visible in Health that clears after recovery.
// Every wait polls with the suite's deadline (tests/helpers/wait.ts): Chromium, the host and
// the simulator share a busy 2-core machine, so no assert rests on a wall-clock margin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { flipFundingNow, pinFundingNow, spikeProtectionOff } from '../helpers/funding';
import { DEADLINE_MS, pollUntil } from '../helpers/wait';
import { GATE_NAMES } from '../../src-core/strategy/gates';

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
    await pollUntil(rowCount, { until: (n) => n >= 60, what: '60 screener rows' });
    await pollUntil(() => page.getByTestId('status-BTC').textContent(), { until: (t) => (t ?? '') !== '', what: 'a status in the BTC row' });
    await page.screenshot({ path: screenshotPath('screener') });
  });

  it('a funding flip injected in the simulator changes a row status', async () => {
    // The pin is a spike no settlement has paid: the spike gates off, this case is the row status.
    await spikeProtectionOff(host.core);
    await pinFundingNow(host.core, [['lighter', 'LINK', -0.0003], ['extended', 'LINK', 0.0003]]);
    const status = page.getByTestId('status-LINK');
    await pollUntil(() => status.textContent(), { until: (t) => (t ?? '').includes('PASS'), what: 'LINK to pass', timeoutMs: 60_000 });
    // Flip Lighter's sign: both venues now pay the same, the spread is gone.
    await flipFundingNow(host.core, 'lighter', 'LINK');
    await pollUntil(() => status.textContent(), { until: (t) => (t ?? '').includes('min-apy'), what: 'the min-apy rejection', intervalMs: 50 });
  });

  it('sorts and filters from the keyboard', async () => {
    await page.getByTestId('sort-symbol').focus();
    await page.keyboard.press('Enter'); // symbol, descending
    await page.keyboard.press(' '); // symbol, ascending
    await pollUntil(() => page.getByTestId('sort-symbol').getAttribute('aria-sort'), { until: (v) => v === 'ascending', what: 'ascending sort' });
    const asc = await symbolsInOrder();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    await page.getByTestId('sort-netApy').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('sort-netApy').getAttribute('aria-sort')).toBe('descending');

    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('screener-filter');
    await page.keyboard.type('eth');
    await pollUntil(async () => (await symbolsInOrder()).length, { until: (n) => n < 5, what: 'the filtered rows' });
    const filtered = await symbolsInOrder();
    expect(filtered.every((s) => s.includes('ETH'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('screener-filter').fill('');
    await page.keyboard.press('Escape'); // leave the filter box: arrows and digits drive the table again
    await pollUntil(rowCount, { until: (n) => n >= 60, what: 'all rows back' });
  });

  it('opens the detail view with a funding chart and the gate-by-gate explanation', async () => {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('symbol-detail').waitFor({ timeout: DEADLINE_MS });
    await pollUntil(() => page.locator('[data-testid="funding-chart"] canvas').count(), { until: (n) => n > 0, what: 'the funding chart' });
    await pollUntil(() => page.locator('[data-testid="gate-list"] tbody tr').count(), { until: (n) => n > 0, what: 'the gate list' });
    expect(await page.locator('[data-testid="gate-list"] tbody tr').count()).toBe(GATE_NAMES.length);
    // The panel says which rate the EV used, as the core reports it for the symbol shown.
    const shown = (await page.locator('[data-testid="symbol-detail"] h2').textContent()) ?? '';
    const ex = await host.core.dispatcher.call('query', 'screener.explain', { symbol: shown });
    expect(ex.ok).toBe(true);
    const source = ex.ok ? (ex.value as { best: { evRateSource: string } }).best.evRateSource : '';
    await pollUntil(() => page.getByTestId('ev-rate-source').getAttribute('data-source'), { until: (v) => v === source, what: `the EV rate source ${source}` });
    expect(await page.getByTestId('ev-rate-source').textContent()).toMatch(/^EV rate [+-]?\d+\.\d{4} %\/h: the /);
    // Spike protection back on (the flip case above turned it off): the panel follows the core's
    // source for the symbol, in words (which source depends on where the live rate sits against
    // the simulated history's mean at that moment).
    const on = await host.core.dispatcher.call('command', 'settings.update', { screener: { minSpreadOpenHours: 3, maxSpreadZSigma: 5, evSpikeHalfLifeHours: 2 } });
    expect(on.ok).toBe(true);
    const PHRASE = { predicted: 'the predicted rate over the whole hold', decaying: 'the predicted rate for the next settlement, decaying toward the settled mean', 'next-settlement-only': 'the next settlement only' } as const;
    const followed = await pollUntil(async () => {
      const r = await host.core.dispatcher.call('query', 'screener.explain', { symbol: shown });
      const want = r.ok ? (r.value as { best: { evRateSource: keyof typeof PHRASE } }).best.evRateSource : null;
      const text = (await page.getByTestId('ev-rate-source').textContent()) ?? '';
      return want !== null && text.includes(PHRASE[want]) && (await page.getByTestId('ev-rate-source').getAttribute('data-source')) === want ? text : null;
    }, { what: 'the panel to show the EV rate source with spike protection on', timeoutMs: 30_000 });
    expect(followed).toMatch(/^EV rate [+-]?\d+\.\d{4} %\/h: the /);
    await page.screenshot({ path: screenshotPath('screener-detail') });
    await page.keyboard.press('Escape');
    await pollUntil(() => page.getByTestId('symbol-detail').count(), { until: (n) => n === 0, what: 'the detail view to close' });
  });

  it('shows a disconnect in the health view and clears it after recovery', async () => {
    await page.keyboard.press('4');
    await page.getByTestId('health').waitFor({ timeout: DEADLINE_MS });
    const reconnects = page.locator('[data-testid="stream-extended-orderbooks"] [data-testid="stream-reconnects"]');
    const before = Number(await reconnects.textContent());
    sim().faults.setDown('extended', true);
    const staleExtended = async () => Number(await page.getByTestId('stale-extended').textContent());
    await pollUntil(staleExtended, { until: (n) => n > 0, what: 'stale Extended books' });
    await page.screenshot({ path: screenshotPath('health-disconnected') });
    sim().faults.setDown('extended', false);
    await pollUntil(staleExtended, { until: (n) => n === 0, what: 'fresh Extended books again' });
    expect(Number(await reconnects.textContent())).toBeGreaterThan(before);
    await pollUntil(() => page.locator('[data-testid="stream-extended-orderbooks"] [data-testid="stream-state"]').textContent(), { until: (t) => t === 'open', what: 'the open stream' });
    await page.screenshot({ path: screenshotPath('health') });
  });

  it('changes the trading state from the top bar and shows it', async () => {
    await page.getByTestId('pause').click();
    await pollUntil(() => page.getByTestId('trading-state').textContent(), { until: (t) => t === 'REDUCING', what: 'REDUCING' });
    expect(host.core.tradingState().state).toBe('REDUCING');
    await page.getByTestId('resume').click();
    await pollUntil(() => page.getByTestId('trading-state').textContent(), { until: (t) => t === 'ACTIVE', what: 'ACTIVE' });
  });
});
