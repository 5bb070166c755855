// Positions and pair detail in real Chromium over the WebSocket transport, with the real core and
// the simulator behind it on one ManualClock (pumped with real time, except while the test jumps
// it to a settlement). The pair is opened through the contract (the screener's open-pair UI is
// another screen's); everything after that is what the trader sees: the row with its live delta
// and funding, the settlement's payment arriving in the row, the pair detail with orders, fills,
// timeline and funding attribution, and Close taking the pair off the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { pinFundingNow } from '../helpers/funding';
import { pollUntil } from '../helpers/wait';
import { normalizeDecimal, sumDecimals } from '../../src-core/domain/decimal';
import { ManualClock } from '../../src-core/venues/sim/engine/clock';
import { manualTrackerClock } from '../integration/execution/tracker-harness';
import { pumpClock } from '../helpers/clock-pump';

const HOUR_MS = 3_600_000;

/** What the row shows for an exact amount of funding (format/money.ts signedMoney, 4 digits). */
function fundingText(d: string): string {
  const n = Number(Number(d).toFixed(4));
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}$${Math.abs(n).toFixed(4)}`;
}

describe.skipIf(!runE2e)(`positions and pair detail in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };
  // Five minutes past an hour: the pair opens well before the next settlement.
  const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000);
  let stopPump = pumpClock(clock);
  let pairSeq = -1;

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    host = await startHost(data.dir, {
      startVenues: true,
      trading: true,
      simSeed: 11,
      now: () => clock.nowMs(),
      clock: manualTrackerClock(clock),
      // A jumped hour is not a stalled stream.
      streamStallMs: 0,
      simulator: { clock, txDelayMs: 0, stepMs: 1_800_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 300_000 }, extendedWs: { snapshotEveryMs: 1_800_000 } },
    });
    const r = await host.core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false, closeMakerTimeoutMs: 0 },
      // The start's history backfill of every market keeps Lighter's request budget near 90 % used
      // for minutes (Lighter's fundings read weighs 300 of 24 000 a minute, and its limiter runs on
      // real time); entries wait above rateLimitSaturationFraction. The entry's orders have their
      // own lane in the limiter; this test is about the Positions screen, not that breaker.
      risk: { rateLimitSaturationFraction: 1 } });
    expect(r.ok).toBe(true);
    await host.core.trading()!.reconciled();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.server.url);
  }, 120_000);

  afterAll(async () => {
    stopPump();
    await browser?.close();
    await host?.stop();
    data?.cleanup();
  });

  const row = () => page.locator(`[data-testid="position-${pairSeq}"]`);

  it('says how to open a pair when none is open', async () => {
    // A click, not the digit: the key may arrive before the app's key handler is attached.
    await page.getByTestId('nav-positions').click();
    await pollUntil(() => page.getByTestId('positions-empty').textContent(), { until: (t) => (t ?? '').includes('No open pairs. Open one from the Screener (1)'), what: 'the empty state' });
    await pollUntil(() => page.getByTestId('equity-lighter').textContent(), { until: (t) => (t ?? '').includes('$'), what: "Lighter's equity in the totals" });
    await page.screenshot({ path: screenshotPath('positions-empty') });
  });

  it('shows the opened pair with its live delta and no funding yet', async () => {
    const core = host.core;
    // Long Lighter is paid 0.02 %/h, short Extended receives 0.02 %/h.
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    const open = await core.dispatcher.call('command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
    expect(open, 'pairs.open').toMatchObject({ ok: true });
    const list = await pollUntil(async () => (await core.trading()!.queries.listPairs()), { until: (l) => l.length === 1 && l[0]!.state !== 'opening', what: 'the entry to finish' });
    expect(list[0]!.state).toBe('open');
    pairSeq = list[0]!.pairSeq;
    // The venues' positions reach the row (account stream, then the risk feed's full read): hedged.
    await pollUntil(() => row().getByTestId('cell-delta').textContent(), { until: (t) => (t ?? '').startsWith('0 ETH'), what: 'the live delta of the hedged pair' });
    const size = await row().getByTestId('cell-size').textContent();
    expect(size).toContain(`${normalizeDecimal(list[0]!.legs[0]!.positionSize.replace('-', ''))} ETH`);
    expect(await row().getByTestId('cell-funding').textContent()).toBe('$0.0000');
    expect(await row().textContent()).not.toContain('−$0.00');
  });

  it('shows the settlement’s funding in the row when the clock passes the hour', async () => {
    const core = host.core;
    const rt = core.runtime()!;
    stopPump();
    const settlementMs = Math.ceil(clock.nowMs() / HOUR_MS) * HOUR_MS;
    clock.advance(settlementMs + 1_000 - clock.nowMs());
    stopPump = pumpClock(clock);
    const paid = await pollUntil(
      async () => {
        const out: string[] = [];
        for (const v of ['lighter', 'extended'] as const) for (const p of await rt.ports[v].fundingPayments(null, settlementMs)) if (p.symbol === 'ETH' && p.settlementTimeMs === settlementMs) out.push(p.cashUsd);
        return out;
      },
      { until: (p) => p.length === 2, what: 'both venues to report the settlement' },
    );
    const expected = normalizeDecimal(sumDecimals(paid));
    expect(Number(expected)).toBeGreaterThan(0);
    // The funding loop's timer (10 min) is not waited for: read the venues' histories now, as it would.
    const ledger = core.trading()!.fundingLedger;
    await pollUntil(
      async () => {
        await ledger.readVenue('extended');
        await ledger.readVenue('lighter');
        await ledger.idle();
        return row().getByTestId('cell-funding').textContent();
      },
      { until: (t) => t === fundingText(expected), what: `the row's funding to read ${fundingText(expected)}` },
    );
    expect(await page.getByTestId('funding-today').textContent()).toContain(fundingText(expected));
    // The countdown runs on the core's clock (here an hour ahead of the browser's): the next
    // settlement is within the hour, shown as mm:ss.
    await pollUntil(() => row().getByTestId('cell-next-funding').textContent(), { until: (t) => /^[0-5]\d:[0-5]\d$/.test(t ?? ''), what: 'the next settlement within the hour' });
    await page.screenshot({ path: screenshotPath('positions') });
  });

  it('opens the pair detail with orders, fills, the timeline and the funding attribution', async () => {
    await row().click();
    const detail = page.getByTestId('pair-detail');
    await pollUntil(() => detail.getByTestId('order-row').count(), { until: (n) => n >= 2, what: 'the entry orders of both legs' });
    expect(await detail.getByTestId('fill-row').count()).toBeGreaterThanOrEqual(2);
    expect(await detail.getByTestId('orders-long').getByTestId('order-row').count()).toBeGreaterThanOrEqual(1);
    expect(await detail.getByTestId('orders-short').getByTestId('order-row').count()).toBeGreaterThanOrEqual(1);
    await pollUntil(() => detail.getByTestId('timeline-funding').count(), { until: (n) => n === 2, what: 'both legs’ payments in the timeline' });
    expect(await detail.getByTestId('timeline-intent').count()).toBe(1);
    expect(await detail.getByTestId('timeline-fill').count()).toBeGreaterThanOrEqual(2);
    await pollUntil(() => detail.getByTestId('attribution-row').count(), { until: (n) => n === 2, what: 'the attribution rows of the settlement' });
    await pollUntil(() => detail.getByTestId('exit-rule-broken-hedge').count(), { until: (n) => n === 1, what: 'the exit-rule table' });
    expect(await detail.getByTestId('pnl-chart').locator('path[data-series="fundingUsd"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('pair-detail') });
    await detail.getByTestId('exit-rules').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('pair-detail-rules') });
  });

  it('Close now asks first, and Close takes the pair off Positions', async () => {
    // The emergency close is two steps: the first click only asks.
    await page.getByTestId('pair-close-now').click();
    expect(await page.getByTestId('close-now-confirm').textContent()).toContain('Taker-close both legs now?');
    await page.getByTestId('pair-close-now-cancel').click();
    expect(await page.getByTestId('close-now-confirm').count()).toBe(0);
    expect(host.core.trading()!.queries.pair(pairSeq)!.state).toBe('open');
    await page.getByTestId('pair-close').click();
    await pollUntil(() => row().count(), { until: (n) => n === 0, what: 'the closed pair to leave Positions', timeoutMs: 60_000 });
    const pair = host.core.trading()!.queries.pair(pairSeq)!;
    expect(pair.state).toBe('closed');
    await pollUntil(() => page.getByTestId('positions-empty').count(), { until: (n) => n === 1, what: 'the empty state again' });
    expect(await page.getByTestId('toast-error').count()).toBe(0);
  });
});
