// The trader's whole round trip in real Chromium over the WebSocket transport, with the real core,
// its trading core and the simulator behind it (issue 14, acceptance 1): a pair opened from a
// screener row through the preview and its confirm; the pair in Positions with its live delta; a
// settlement arriving on the injectable simulator clock and its funding in the row; the close from
// the pair detail; the pair in History with a PnL split equal to the ledger's; the CSV export
// downloaded and parsed back to the same totals. Every wait polls with the suite's deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { EventPayload } from '../../src-core/api/contract';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pinFundingNow, spikeProtectionOff } from '../helpers/funding';
import { DEADLINE_MS, pollUntil } from '../helpers/wait';
import { csvRecords, exportTotals } from '../helpers/csv-parse';
import { normalizeDecimal } from '../../src-core/domain/decimal';
import { ManualClock } from '../../src-core/venues/sim/engine/clock';
import { manualTrackerClock } from '../integration/execution/tracker-harness';
import { pumpClock } from '../helpers/clock-pump';

const HOUR_MS = 3_600_000;
type PairRow = EventPayload<'pairs.update'>;
type Detail = { pair: PairRow; fills: unknown[]; funding: unknown[] };

describe.skipIf(!runE2e)(`the trader's round trip in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };
  // Five minutes past an hour: the pair opens well before the settlement.
  const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000);
  let stopPump = pumpClock(clock);
  let pairSeq = -1;

  async function call<T>(kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
    const r = await host.core.dispatcher.call(kind, name as never, input as never);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  const text = (testId: string) => page.getByTestId(testId).textContent().then((t) => t ?? '');
  const positionRow = () => page.locator(`[data-testid="position-${pairSeq}"]`);

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    host = await startHost(data.dir, {
      startVenues: true,
      trading: true,
      simSeed: 11,
      now: () => clock.nowMs(),
      clock: manualTrackerClock(clock),
      streamStallMs: 0,
      simulator: { clock, txDelayMs: 0, stepMs: 1_800_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 300_000 }, extendedWs: { snapshotEveryMs: 1_800_000 } },
    });
    await call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false, closeMakerTimeoutMs: 0 }, risk: { rateLimitSaturationFraction: 1 } });
    // The pinned rates are a spike no settlement has paid: spike protection off, as in ui-screens.
    await spikeProtectionOff(host.core);
    await host.core.trading()!.reconciled();
    await pinFundingNow(host.core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    await page.goto(host.server.url);
  }, 120_000);

  afterAll(async () => {
    stopPump();
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  it('opens ETH from its screener row through the preview', { timeout: 120_000 }, async () => {
    await pollUntil(() => text('status-ETH'), { until: (t) => t.includes('PASS'), what: 'ETH to pass', timeoutMs: 60_000 });
    await page.getByTestId('row-ETH').click();
    await page.getByTestId('symbol-detail').waitFor({ timeout: DEADLINE_MS });
    const button = page.getByTestId('open-pair-button');
    await pollUntil(() => button.isEnabled(), { until: (e) => e, what: 'the Open pair button' });
    await button.click();
    await page.getByTestId('open-preview').waitFor({ timeout: DEADLINE_MS });
    const size = await text('open-size-long');
    expect(size).toMatch(/^\d+(\.\d+)?$/);
    expect(await text('open-size-short')).toBe(size);
    await pollUntil(() => page.getByTestId('open-confirm').isEnabled(), { until: (e) => e, what: 'the confirm button' });
    await page.getByTestId('open-confirm').click();
    const opened = await pollUntil(() => call<{ pairs: PairRow[] }>('query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the entry to finish', timeoutMs: 60_000 });
    expect(opened.pairs[0]).toMatchObject({ symbol: 'ETH', state: 'open', longVenue: 'lighter', shortVenue: 'extended' });
    pairSeq = opened.pairs[0]!.pairSeq;
    // The preview's size is what both legs hold.
    expect(opened.pairs[0]!.legs.map((l) => normalizeDecimal(l.positionSize.replace('-', '')))).toEqual([normalizeDecimal(size), normalizeDecimal(size)]);
    await page.keyboard.press('Escape');
  });

  it('shows the pair in Positions with its live delta, then the settlement’s funding', { timeout: 120_000 }, async () => {
    await page.keyboard.press('2');
    await pollUntil(() => positionRow().getByTestId('cell-delta').textContent(), { until: (t) => (t ?? '').startsWith('0 ETH'), what: 'the live delta of the hedged pair' });
    expect(await positionRow().getByTestId('cell-funding').textContent()).toBe('$0.0000');
    stopPump();
    const settlementMs = Math.ceil(clock.nowMs() / HOUR_MS) * HOUR_MS;
    clock.advance(settlementMs + 1_000 - clock.nowMs());
    stopPump = pumpClock(clock);
    const ledger = host.core.trading()!.fundingLedger;
    const detail = await pollUntil(
      async () => {
        await ledger.readVenue('extended');
        await ledger.readVenue('lighter');
        await ledger.idle();
        return call<Detail>('query', 'pairs.detail', { pairSeq });
      },
      { until: (d) => d.funding.length === 2, what: 'both legs’ settlement in the ledger' },
    );
    const fundingUsd = Number(detail.pair.pnl.fundingReceivedUsd) - Number(detail.pair.pnl.fundingPaidUsd);
    expect(fundingUsd).toBeGreaterThan(0);
    await pollUntil(() => positionRow().getByTestId('cell-funding').textContent(), { until: (t) => t === `+$${fundingUsd.toFixed(4)}`, what: `the row's funding to read +$${fundingUsd.toFixed(4)}` });
    await page.screenshot({ path: screenshotPath('flow-positions') });
  });

  it('closes the pair from its detail, and History shows the ledger’s PnL split', { timeout: 120_000 }, async () => {
    await positionRow().click();
    await page.getByTestId('pair-detail').waitFor({ timeout: DEADLINE_MS });
    await page.getByTestId('pair-close').click();
    await pollUntil(() => positionRow().count(), { until: (n) => n === 0, what: 'the closed pair to leave Positions', timeoutMs: 60_000 });
    stopPump();
    stopPump = () => undefined;
    await page.getByTestId('nav-history').click();
    const row = page.getByTestId(`history-row-${pairSeq}`);
    await pollUntil(() => row.count(), { until: (n) => n === 1, what: 'the closed pair in History' });
    const detail = await call<Detail>('query', 'pairs.detail', { pairSeq });
    expect(detail.pair.state).toBe('closed');
    for (const [field, testId] of [['realizedPnlUsd', 'realized'], ['fundingReceivedUsd', 'funding-received'], ['fundingPaidUsd', 'funding-paid'], ['feesUsd', 'fees'], ['netUsd', 'net']] as const) {
      expect(await row.getByTestId(testId).getAttribute('data-value'), field).toBe(detail.pair.pnl[field]);
    }
    await page.screenshot({ path: screenshotPath('flow-history') });
  });

  it('exports the ledger as CSV, parsed back to the same totals', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
    const path = await download.path();
    const detail = await call<Detail>('query', 'pairs.detail', { pairSeq });
    const ours = csvRecords(readFileSync(path, 'utf8')).filter((r) => r.pair_seq === String(pairSeq));
    expect(ours.filter((r) => r.type === 'trade')).toHaveLength(detail.fills.length);
    expect(ours.filter((r) => r.type === 'funding')).toHaveLength(detail.funding.length);
    expect(exportTotals(ours)).toEqual(detail.pair.pnl);
  });
});
