// Manual controls in real Chromium over the WebSocket transport, with the real core, its trading
// core and the simulator behind it: a pair opened from a screener row through the preview dialog;
// a command refused by the core shown as a toast with its typed error (a flatten confirmed on a
// list that changed since); flatten all with its two-step confirm leaving both venues flat; and a
// halt that blocks a manual open with its reason shown. Waits poll with the suite's deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { EventPayload } from '../../src-core/api/contract';
import { compareDecimal } from '../../src-core/domain/decimal';
import type { Ticker } from '../../src-core/host/screener-emitter';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pinFundingNow, spikeProtectionOff } from '../helpers/funding';
import { DEADLINE_MS, pollUntil } from '../helpers/wait';

/** The trading loops (exits, rebalance) never fire on their own: entries and closes run anyway. */
const handTicker: Ticker = { every: () => () => undefined };

type PairRow = EventPayload<'pairs.update'>;

describe.skipIf(!runE2e)(`manual controls in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };

  const core = () => host.core;
  async function pairs(): Promise<PairRow[]> {
    const r = await core().dispatcher.call('query', 'pairs.list', {});
    if (!r.ok) throw new Error(`pairs.list: ${r.error.message}`);
    return (r.value as { pairs: PairRow[] }).pairs;
  }
  async function venueSize(venue: 'lighter' | 'extended', symbol: string): Promise<string> {
    return (await core().runtime()!.ports[venue].positions()).find((p) => p.symbol === symbol)?.size ?? '0';
  }
  const text = (testId: string) => page.getByTestId(testId).textContent().then((t) => t ?? '');

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    host = await startHost(data.dir, { startVenues: true, trading: true, simSeed: 11, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
    // By hand only, two pairs at most, and a short maker budget: the entry escalates to a taker
    // IOC instead of waiting for a maker fill (as in tests/integration/trading).
    const s = await core().dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000, maxOpenPairs: 2 } });
    expect(s.ok).toBe(true);
    // The pinned rates are a spike no settlement has paid: spike protection off, as in ui-screens.
    await spikeProtectionOff(core());
    await core().trading()!.reconciled();
    await pinFundingNow(core(), [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002], ['lighter', 'BTC', -0.0002], ['extended', 'BTC', 0.0002]]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(host.server.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  it('opens a pair from a screener row through the preview, and the pair appears in pairs.list', { timeout: 120_000 }, async () => {
    await pollUntil(() => text('status-ETH'), { until: (t) => t.includes('PASS'), what: 'ETH to pass', timeoutMs: 60_000 });
    await page.getByTestId('row-ETH').click();
    await page.getByTestId('symbol-detail').waitFor({ timeout: DEADLINE_MS });
    const button = page.getByTestId('open-pair-button');
    await pollUntil(() => button.isEnabled(), { until: (e) => e, what: 'the Open pair button' });
    await button.click();
    await page.getByTestId('open-preview').waitFor({ timeout: DEADLINE_MS });
    // Both legs carry the one size on the common step; the row's direction is the dialog's.
    const long = await text('open-size-long');
    expect(long).toMatch(/^\d+(\.\d+)?$/);
    expect(await text('open-size-short')).toBe(long);
    expect(await text('open-leg-long')).toContain('Lighter');
    expect(await text('open-leg-short')).toContain('Extended');
    expect(await text('open-breakeven')).toMatch(/^(\d+(\.\d)? h|>999 h|never)$/);
    expect(await text('open-margin')).toMatch(/^\$[\d,]+\.\d{2}at 7×$/);
    // Editing the notional prices it again: the margin follows the notional (within the size
    // step's rounding, under 2 % on ETH). A refused preview shows its error instead (the poll's
    // message carries it).
    const margin = async () => {
      if ((await page.getByTestId('open-margin').count()) === 0) return `no preview: ${await page.getByTestId('open-preview-error').textContent().catch(() => '')}`;
      return Number((await text('open-margin')).replace(/at .*$/, '').replace(/[$,]/g, ''));
    };
    const before = (await margin()) as number;
    await page.getByTestId('open-notional').fill('500');
    await pollUntil(margin, { until: (m) => typeof m === 'number' && Math.abs(m / ((before * 500) / 350) - 1) < 0.02, what: 'the preview for a 500 USD notional' });
    await page.getByTestId('open-notional').fill('350');
    await pollUntil(margin, { until: (m) => m === before, what: 'the preview back at 350 USD' });
    expect(await page.getByTestId('open-confirm').isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('open-preview') });

    await page.getByTestId('open-confirm').click();
    await pollUntil(() => page.getByTestId('open-pair').count(), { until: (n) => n === 0, what: 'the dialog to close' });
    await pollUntil(() => page.getByTestId('toast-success').allTextContents(), { until: (t) => t.some((x) => x.includes('entry started')), what: 'the entry-started toast' });
    const opened = await pollUntil(pairs, { until: (l) => l.some((p) => p.symbol === 'ETH' && p.state === 'open'), what: 'the ETH pair open', timeoutMs: 60_000 });
    expect(opened.find((p) => p.symbol === 'ETH')).toMatchObject({ longVenue: 'lighter', shortVenue: 'extended' });
    await page.keyboard.press('Escape'); // the detail view
  });

  it('a command the core refuses shows a toast with its typed error (flatten on a stale list)', { timeout: 120_000 }, async () => {
    await page.getByTestId('flatten').click();
    await page.getByTestId('flatten-list').waitFor({ timeout: DEADLINE_MS });
    expect(await page.locator('[data-testid^="flatten-pair-"]').count()).toBe(1);
    // A second pair opens while the list is up: what the trader confirms is no longer the set.
    const r = await core().dispatcher.call('command', 'pairs.open', { symbol: 'BTC', longVenue: 'lighter', shortVenue: 'extended' });
    expect(r.ok).toBe(true);
    await pollUntil(pairs, { until: (l) => l.some((p) => p.symbol === 'BTC' && p.state === 'open'), what: 'the BTC pair open', timeoutMs: 60_000 });
    const confirm = page.getByTestId('flatten-confirm');
    expect(await confirm.isEnabled()).toBe(false);
    await page.getByTestId('flatten-word').fill('FLATTEN');
    await confirm.click();
    const toast = page.getByTestId('toast-error');
    await toast.waitFor({ timeout: DEADLINE_MS });
    expect(await toast.locator('.toast-code').textContent()).toBe('CONFLICT');
    expect(await toast.textContent()).toContain('the open pairs changed since the list you confirmed');
    expect((await pairs()).filter((p) => p.state === 'open')).toHaveLength(2);
    // The dialog read the list again: both pairs, and the word cleared.
    await pollUntil(() => page.locator('[data-testid^="flatten-pair-"]').count(), { until: (n) => n === 2, what: 'the list read again' });
    expect(await page.getByTestId('flatten-word').inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('toast-error') });
    await toast.getByTestId('toast-dismiss').click();
  });

  it('flattens all with the two-step confirm: every pair closed, both venues flat', { timeout: 180_000 }, async () => {
    const confirm = page.getByTestId('flatten-confirm');
    await page.getByTestId('flatten-word').fill('FLATTE');
    expect(await confirm.isEnabled()).toBe(false);
    await page.getByTestId('flatten-word').fill('FLATTEN');
    expect(await confirm.textContent()).toBe('Flatten 2 pairs');
    expect(await confirm.isEnabled()).toBe(true);
    await page.screenshot({ path: screenshotPath('flatten-confirm') });
    await confirm.click();
    await pollUntil(() => page.getByTestId('flatten-dialog').count(), { until: (n) => n === 0, what: 'the dialog to close' });
    // Success toasts leave after a few seconds (TOAST_INFO_TTL_MS): read it before the closes run.
    await pollUntil(() => page.getByTestId('toast-success').allTextContents(), { until: (t) => t.some((x) => x.includes('closing 2 pairs')), what: 'the flatten toast' });
    await pollUntil(() => text('trading-state'), { until: (t) => t === 'REDUCING', what: 'REDUCING in the top bar' });
    const closed = await pollUntil(pairs, { until: (l) => l.length === 2 && l.every((p) => p.state === 'closed'), what: 'every pair closed', timeoutMs: 120_000 });
    expect(closed.map((p) => p.symbol).sort()).toEqual(['BTC', 'ETH']);
    for (const s of ['ETH', 'BTC']) for (const v of ['lighter', 'extended'] as const) expect(compareDecimal(await venueSize(v, s), '0'), `${v} ${s}`).toBe(0);
  });

  it('halt blocks a manual open with the reason shown and Confirm disabled', { timeout: 120_000 }, async () => {
    const attemptCount = async () => {
      const r = await core().dispatcher.call('query', 'pairs.attempts', {});
      return r.ok ? (r.value as { attempts: unknown[] }).attempts.length : -1;
    };
    const attemptsBefore = await attemptCount();
    await page.getByTestId('halt').click();
    await pollUntil(() => text('trading-state'), { until: (t) => t === 'HALTED', what: 'HALTED in the top bar' });
    await page.getByTestId('row-BTC').click();
    await page.getByTestId('symbol-detail').waitFor({ timeout: DEADLINE_MS });
    await page.locator('body').press('o');
    await page.getByTestId('open-pair').waitFor({ timeout: DEADLINE_MS });
    expect(await text('open-blocked')).toBe('Trading is HALTED: ui: halt. No new pair opens until you resume trading.');
    // The core refuses the preview too (the gate allows cancels only): its typed error is shown.
    await pollUntil(() => page.getByTestId('open-preview-error').count(), { until: (n) => n === 1, what: 'the refused preview' });
    expect(await text('open-preview-error')).toMatch(/^CONFLICT .*trading is HALTED/);
    expect(await page.getByTestId('open-confirm').isEnabled()).toBe(false);
    await page.screenshot({ path: screenshotPath('halted-open-refused') });
    expect(await attemptCount()).toBe(attemptsBefore);
    await page.keyboard.press('Escape');
    await pollUntil(() => page.getByTestId('open-pair').count(), { until: (n) => n === 0, what: 'the dialog to close on Escape' });
    // Escape closed the dialog only: the detail view under it stays.
    expect(await page.getByTestId('symbol-detail').count()).toBe(1);
  });
});
