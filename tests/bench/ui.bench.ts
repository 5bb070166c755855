// ui.screener_frame_ms_p95: frame time in Chromium while every screener row updates 10 times a
// second (the core's batching ceiling). The host feeds synthetic rows for all common symbols;
// the page records requestAnimationFrame deltas for 5 s. Target < 16 ms.
import { existsSync } from 'node:fs';
import type { ScreenerRow } from '../../src-core/api/channels/screener';
import { commonSymbols } from '../../src-core/venues/sim/universe/universe';
import { startHost } from '../helpers/host';
import { tempDir } from '../helpers/tmp';
import { CHROMIUM_PATH, ensureRendererBuilt, launchBrowser } from '../e2e/browser';
import { quantile, round, type BenchResult } from './harness';

export const name = 'ui';

function row(symbol: string, i: number, tick: number): ScreenerRow {
  const wave = Math.sin(tick / 3 + i);
  return {
    symbol, longVenue: wave > 0 ? 'lighter' : 'extended', shortVenue: wave > 0 ? 'extended' : 'lighter',
    lighterHourlyRate: wave * 0.0002, extendedHourlyRate: -wave * 0.0001, lighterSettledHourlyRate: 0.00001, extendedSettledHourlyRate: -0.00002,
    netHourlyRate: Math.abs(wave) * 0.0003, netApy: Math.abs(wave) * 2.6, lighterNextFundingMs: Date.now() + 1_800_000, extendedNextFundingMs: Date.now() + 1_800_000,
    lighterFundingRejectedSinceMs: null, extendedFundingRejectedSinceMs: null, lighterFundingRejectedReason: null, extendedFundingRejectedReason: null,
    entryCostBps: 4 + wave, exitCostUsd: 0.2, expectedValueUsd: wave * 3, evHourlyRate: Math.abs(wave) * 0.0001, evRateSource: 'decaying', evSettledMeanHourlyRate: 0.00003, breakevenHours: 10 + wave, capacityUsd: 500_000 + i, stabilityZ: wave, stabilityStdHourly: 0.00002,
    spreadOpenHours: i % 9, spreadZ: wave * 2, catchesNextPayment: true, passed: wave > 0.3, rejectGate: wave > 0.3 ? null : 'min-apy', rejectReason: wave > 0.3 ? null : 'net APY too low', updatedAtMs: Date.now(),
  };
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}`);
  ensureRendererBuilt();
  const t = tempDir('fundingbot-bench-');
  const host = await startHost(t.dir);
  const symbols = commonSymbols();
  let tick = 0;
  const feed = setInterval(() => {
    tick += 1;
    host.core.events.emit('screener.update', { rows: symbols.map((s, i) => row(s, i, tick)), computedAtMs: Date.now() });
  }, 100);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(host.server.url);
  await page.waitForSelector('[data-testid^="row-"]', { timeout: 10_000 });
  await page.waitForTimeout(1_000);
  // Frame time = main-thread work per frame, sampled every 100 ms: Chromium's cumulative
  // TaskDuration (CDP Performance metrics) divided by the frames drawn in the window. (rAF
  // deltas would only measure vsync: 16.7 ms on an idle page.)
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.evaluate('window.__frames = 0; (function f() { window.__frames++; requestAnimationFrame(f); })()');
  const sample = async () => {
    const m = (await cdp.send('Performance.getMetrics')).metrics;
    const task = m.find((x) => x.name === 'TaskDuration')?.value ?? 0;
    return { taskMs: task * 1000, frames: (await page.evaluate('window.__frames')) as number };
  };
  const frames: number[] = [];
  let prev = await sample();
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const cur = await sample();
    const n = cur.frames - prev.frames;
    if (n > 0) frames.push((cur.taskMs - prev.taskMs) / n);
    prev = cur;
  }
  clearInterval(feed);
  await browser.close();
  await host.stop();
  t.cleanup();
  return [{ bench: 'ui.screener_frame_ms_p95', value: round(quantile(frames, 0.95), 2), unit: 'ms', target: 16, better: 'lower' }];
}
