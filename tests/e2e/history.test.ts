// History and the CSV export in real Chromium over the WebSocket transport, with the real core,
// the trading loop and the simulator behind it (one ManualClock for all: a pump moves it with
// real time while orders run, the test jumps it over an hourly settlement). A pair opened, paid
// and closed through the contract shows up in History with the ledger's split (pairs.detail) and
// totals; Export CSV downloads a file whose rows add up to the same. Screenshots: history-empty,
// history. Every wait polls with the suite's deadline (tests/helpers/wait.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pinFundingNow } from '../helpers/funding';
import { pollUntil } from '../helpers/wait';
import { csvRecords, exportTotals } from '../helpers/csv-parse';
import type { EventPayload } from '../../src-core/api/contract';
import type { Core } from '../../src-core/host/core';
import type { Ticker } from '../../src-core/host/screener-emitter';
import { ManualClock } from '../../src-core/venues/sim/engine/clock';
import { manualTrackerClock } from '../integration/execution/tracker-harness';
import { pumpClock } from '../helpers/clock-pump';

const HOUR_MS = 3_600_000;
const handTicker: Ticker = { every: () => () => undefined };
type PairRow = EventPayload<'pairs.update'>;
type Pnl = PairRow['pnl'];

async function call<T>(core: Core, kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const PNL_CELLS: readonly [keyof Pnl, string][] = [
  ['realizedPnlUsd', 'realized'],
  ['fundingReceivedUsd', 'funding-received'],
  ['fundingPaidUsd', 'funding-paid'],
  ['feesUsd', 'fees'],
  ['netUsd', 'net'],
];

describe.skipIf(!runE2e)(`History and export in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };
  let stopPump = (): void => undefined;
  // Five minutes past an hour: the pair opens well before the settlement.
  const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000);
  let pairSeq = -1;

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    stopPump = pumpClock(clock);
    host = await startHost(data.dir, {
      startVenues: true,
      trading: true,
      simSeed: 11,
      now: () => clock.nowMs(),
      clock: manualTrackerClock(clock),
      tradingTicker: handTicker,
      screenerTicker: handTicker,
      streamStallMs: 0,
      simulator: { clock, txDelayMs: 0, stepMs: 1_800_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 300_000 }, extendedWs: { snapshotEveryMs: 1_800_000 } },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
    await page.goto(host.server.url);
  }, 120_000);

  afterAll(async () => {
    stopPump();
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  it('shows the empty state before any pair is over', async () => {
    await page.getByTestId('nav-history').click();
    await pollUntil(() => page.getByTestId('history-empty').textContent(), { until: (t) => (t ?? '').includes('No closed pairs yet'), what: 'the empty state' });
    await page.screenshot({ path: screenshotPath('history-empty') });
  });

  it('a pair opened, paid and closed on the simulator appears with the ledger\'s PnL split and totals', { timeout: 180_000 }, async () => {
    const core = host.core;
    expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false, closeMakerTimeoutMs: 0 } })).ok).toBe(true);
    const trading = core.trading()!;
    await trading.reconciled();
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    await call(core, 'command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
    const opened = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the entry to finish' });
    expect(opened.pairs[0]!.state).toBe('open');
    pairSeq = opened.pairs[0]!.pairSeq;
    stopPump();
    // One second past the next hour: both venues settle; the funding loop reads the payments.
    const now = clock.nowMs();
    clock.advance(Math.ceil((now + 1) / HOUR_MS) * HOUR_MS - now + 1_000);
    await pollUntil(
      async () => {
        await trading.fundingLedger.readVenue('lighter');
        await trading.fundingLedger.readVenue('extended');
        await trading.fundingLedger.idle();
        return call<{ funding: unknown[] }>(core, 'query', 'pairs.detail', { pairSeq });
      },
      { until: (d) => d.funding.length === 2, what: 'both legs\' settlement in the ledger' },
    );
    stopPump = pumpClock(clock);
    await call(core, 'command', 'pairs.close', { pairSeq });
    await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs[0]!.state === 'closed', what: 'the pair to close', timeoutMs: 60_000 });
    stopPump();
    stopPump = () => undefined;

    // The closing pairs.update reloads History: the row arrives without a click.
    const row = page.getByTestId(`history-row-${pairSeq}`);
    await pollUntil(() => row.count(), { until: (n) => n === 1, what: 'the closed pair in History' });
    const detail = await call<{ pair: PairRow }>(core, 'query', 'pairs.detail', { pairSeq });
    for (const [field, testId] of PNL_CELLS) {
      expect(await row.getByTestId(testId).getAttribute('data-value'), field).toBe(detail.pair.pnl[field]);
      expect(await page.getByTestId(`total-${testId}`).getAttribute('data-value'), `total ${field}`).toBe(detail.pair.pnl[field]);
    }
    expect(detail.pair.pnl.fundingReceivedUsd).not.toBe('0');
    expect(await row.getByTestId('hold').textContent()).toMatch(/^\d+ min$|^\d+\.\d h$/);
    expect(await page.getByTestId('history-totals').textContent()).toContain('1 pair');
    await page.screenshot({ path: screenshotPath('history') });

    // A click selects the row and opens that pair's detail with the ledger's figures; ✕ closes it.
    await row.click();
    await pollUntil(() => row.getAttribute('class'), { until: (c) => (c ?? '').includes('selected'), what: 'the row selected' });
    const pane = page.getByTestId('pair-detail');
    expect(await pane.getAttribute('aria-label')).toBe(`pair ${pairSeq} details`);
    await pollUntil(() => page.getByTestId('pair-detail-summary').textContent(), { until: (t) => (t ?? '').includes('closed'), what: 'the pair detail\'s summary' });
    await page.screenshot({ path: screenshotPath('history-pair-detail') });
    await page.getByTestId('pair-detail-close').click();
    await pollUntil(() => pane.count(), { until: (n) => n === 0, what: 'the detail to close' });
  });

  it('Export CSV downloads the ledger; parsed back it adds up to the same totals', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()]);
    expect(download.suggestedFilename()).toBe('fundingbot-ledger.csv');
    const path = await download.path();
    const records = csvRecords(readFileSync(path, 'utf8'));
    const ours = records.filter((r) => r.pair_seq === String(pairSeq));
    const detail = await call<{ pair: PairRow; fills: unknown[]; funding: unknown[] }>(host.core, 'query', 'pairs.detail', { pairSeq });
    expect(ours.filter((r) => r.type === 'trade')).toHaveLength(detail.fills.length);
    expect(ours.filter((r) => r.type === 'funding')).toHaveLength(detail.funding.length);
    expect(exportTotals(ours)).toEqual(detail.pair.pnl);
    await pollUntil(() => page.locator('.toast-success').textContent(), { until: (t) => (t ?? '').includes('fundingbot-ledger.csv'), what: 'the export confirmation' });
  });

  it('filters by symbol, and a bad symbol shows the core\'s typed error', async () => {
    await page.getByTestId('history-symbol').fill('BTC');
    await pollUntil(() => page.getByTestId('history-empty').textContent(), { until: (t) => (t ?? '').includes('No closed pairs match'), what: 'no BTC pairs' });
    await page.getByTestId('history-symbol').fill('eth');
    await pollUntil(() => page.getByTestId(`history-row-${pairSeq}`).count(), { until: (n) => n === 1, what: 'the ETH pair again' });
    await page.getByTestId('history-symbol').fill('ET-H');
    await pollUntil(() => page.getByTestId('history-error').textContent(), { until: (t) => (t ?? '').includes('symbol'), what: 'the validation error' });
    await page.getByTestId('history-clear').click();
    await pollUntil(() => page.getByTestId(`history-row-${pairSeq}`).count(), { until: (n) => n === 1, what: 'the pair after clearing' });
  });
});
