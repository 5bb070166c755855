// The reconciliation decision queue in real Chromium over the WebSocket transport (issue 14,
// "reconciliation decisions appear as a queue the trader answers"): a first core leaves a crash
// between legs (Lighter's leg filled, the hedge never sent) and a position that is not ours on
// Extended, on a simulator that outlives it; the host started on the same data directory asks
// about both (no order sent), the top bar counts the decisions, and the trader's Apply closes the
// foreign position on the venue while Dismiss leaves the naked leg recorded as dismissed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt, launchBrowser, runE2e, screenshotPath, skipReason } from './browser';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { DEADLINE_MS, pollUntil } from '../helpers/wait';
import { createCore } from '../../src-core/host/core';
import type { ExternalSimulator } from '../../src-core/host/venues';
import type { Ticker } from '../../src-core/host/screener-emitter';
import { startSimulator, type Simulator } from '../../src-core/venues/sim/server';
import { silentLogger } from '../../src-core/telemetry/log';
import { held, leaveCrashAndForeign, orderCount } from '../integration/reconcile/crash-fixture';

const handTicker: Ticker = { every: () => () => undefined };
const SEED = 31;

describe.skipIf(!runE2e)(`the reconciliation decision queue in Chromium${runE2e ? '' : ` (skipped: ${skipReason})`}`, () => {
  let browser: Browser;
  let sim: Simulator;
  let host: RunningHost;
  let page: Page;
  let data: { dir: string; cleanup: () => void };
  let ordersAtStart = -1;

  beforeAll(async () => {
    ensureRendererBuilt();
    data = tempDir();
    sim = await startSimulator({ seed: SEED, controlPort: null, stepMs: 60_000 });
    const external: ExternalSimulator = { seed: SEED, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } };
    const first = await createCore({ dataDir: data.dir, mode: 'sim', log: silentLogger, externalSimulator: external, extendedFundingPollMs: 5_000, tradingTicker: handTicker });
    expect((await first.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false } })).ok).toBe(true);
    await first.trading()!.reconciled();
    await leaveCrashAndForeign(first.runtime()!.ports, first.trading()!.ledger);
    await first.close();
    ordersAtStart = orderCount(sim);
    host = await startHost(data.dir, { startVenues: true, trading: true, externalSimulator: external, tradingTicker: handTicker });
    await host.core.trading()!.reconciled();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(host.server.url);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await sim?.close();
    data?.cleanup();
  });

  it('counts the decisions in the top bar and lists both findings, with nothing sent', async () => {
    await pollUntil(() => page.getByTestId('decisions-badge').textContent(), { until: (t) => (t ?? '') === '2 decisions waiting', what: 'the decisions badge' });
    await page.getByTestId('decisions-badge').click();
    const queue = page.getByTestId('reconcile-queue');
    await queue.waitFor({ timeout: DEADLINE_MS });
    expect(await queue.getByTestId('reconcile-item-naked-leg').textContent()).toContain('ETH');
    expect(await queue.getByTestId('reconcile-item-position-not-ours').textContent()).toContain('BTC');
    expect(await queue.getByTestId('reconcile-item-position-not-ours').textContent()).toContain('autoCloseForeignPositions is off');
    expect(orderCount(sim)).toBe(ordersAtStart);
    await page.screenshot({ path: screenshotPath('reconcile-queue') });
  });

  it('Apply closes the foreign position on the venue; Dismiss records the other; the badge goes', { timeout: 120_000 }, async () => {
    const queue = page.getByTestId('reconcile-queue');
    await queue.getByTestId('reconcile-item-position-not-ours').getByTestId('reconcile-apply').click();
    await pollUntil(() => queue.getByTestId('reconcile-item-position-not-ours').count(), { until: (n) => n === 0, what: 'the applied item to leave the queue' });
    await pollUntil(() => held(host.core.runtime()!.ports.extended, 'BTC'), { until: (s) => Number(s) === 0, what: 'the foreign position closed on Extended' });
    const lighterBefore = await held(host.core.runtime()!.ports.lighter, 'ETH');
    await queue.getByTestId('reconcile-item-naked-leg').getByTestId('reconcile-dismiss').click();
    await pollUntil(() => page.getByTestId('reconcile-pending').count(), { until: (n) => n === 0, what: 'the queue to empty' });
    // Dismissed, not fixed: the leg stays on the venue as it was.
    expect(await held(host.core.runtime()!.ports.lighter, 'ETH')).toBe(lighterBefore);
    await pollUntil(() => page.getByTestId('decisions-badge').count(), { until: (n) => n === 0, what: 'the badge to go' });
    expect(await page.getByTestId('toast-error').count()).toBe(0);
  });
});
