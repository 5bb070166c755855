// Spike protection at entry (issue 12), against the simulator through the real adapters, the
// real funding history in SQLite and the contract: a funding spike injected on LINK is seen live
// at once, yet the screener row does not pass until the spike has been settled for the configured
// hours (3 by default). The spike goes in through the simulator's control endpoint
// (POST /faults/fundingSpike). The simulator runs on a ManualClock: each step advances it past the next
// hourly settlement, the history store is brought up to date the way the backfill loop does
// every ten minutes, and the test reads `screener.list` as the client does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { ScreenerRow } from '../../../src-core/api/channels/screener';
import { screenerDefaults } from '../../../src-core/config/screener';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const H = 3_600_000;
let core: Core;
let clock: ManualClock;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  // Real time at the start, so the adapters' own clocks (auth-token deadlines) stay within the
  // few hours the test advances. Books and stats are pushed every simulated minute; streams are
  // never judged stalled on wall-clock silence (the simulated clock only moves when told).
  clock = new ManualClock(Date.now());
  core = await createCore({
    dataDir: t.dir, mode: 'sim', trading: false, log: silentLogger, simSeed: 3, now: () => clock.nowMs(), streamStallMs: 600_000, extendedFundingPollMs: 5_000,
    simulator: { clock, txDelayMs: 0, stepMs: 60_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 60_000 } },
  });
  // A book is at most a simulated minute old after each jump; the default 60 s limit would make
  // the stale-book gate, not the spike gates, decide the row at the edge of that minute.
  // Likewise the entry-spread gate: the simulated LINK book's spread at a given hour depends on
  // where the random walk stands (CI once saw 0.341 % against the 0.300 % cap), and this test is
  // about the spike gates, so the spread cap is opened to the schema's maximum (10 %). The EV-to-
  // spread gate rests on the same spread (CI once saw EV $2.47 against 3.5 × a $1.03 spread cost)
  // and is turned off here for the same reason, as is the break-even limit beyond the hold (a
  // positive EV over the 48 h hold then implies break-even inside it); their own cases are in
  // tests/unit/strategy.
  const r = await core.dispatcher.call('command', 'settings.update', { screener: { staleBookMs: 300_000, maxSpreadFraction: 0.1, maxSpreadCapFraction: 0.1, minEvToSpreadRatio: 0, maxBreakevenHours: 48 } });
  expect(r.ok).toBe(true);
});

afterAll(async () => {
  await core?.close();
  cleanup?.();
});

const row = async (symbol: string): Promise<ScreenerRow | undefined> => {
  const r = await core.dispatcher.call('query', 'screener.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { rows: ScreenerRow[] }).rows.find((x) => x.symbol === symbol);
};

/** Polls the LINK row until `until` holds; a timeout names the gate that refused it and why (a
 *  failure under a very busy machine once gave no more than "did not hold"). */
async function untilRow(what: string, until: (r: ScreenerRow | undefined) => boolean): Promise<ScreenerRow | undefined> {
  return pollUntil(() => row('LINK'), { until, what, timeoutMs: 60_000 }).catch(async (e: unknown) => {
    const x = await row('LINK');
    throw new Error(`${String(e)}; rejected by ${x?.rejectGate}: ${x?.rejectReason}`);
  });
}

/** POST /faults/fundingSpike on the embedded simulator's loopback control endpoint. */
async function spike(venue: 'lighter' | 'extended', hourlyRate: number): Promise<void> {
  const control = core.runtime()!.sim!.control!;
  const res = await fetch(`${control.url}/faults/fundingSpike`, { method: 'POST', headers: control.headers, body: JSON.stringify({ venue, symbol: 'LINK', hourlyRate }) });
  expect(res.status).toBe(200);
}

/** What the backfill loop does on its ten-minute tick, for the one symbol watched. */
async function backfillNow(): Promise<void> {
  const rt = core.runtime()!;
  await rt.history.backfill(rt.ports, ['LINK'], core.settings().screener.historyDays, clock.nowMs());
}

/** Moves the simulator just past its next hourly settlement, then stores what settled. */
async function settleOneHour(): Promise<void> {
  const now = clock.nowMs();
  clock.advance(Math.ceil((now + 1) / H) * H - now + 1_000);
  await backfillNow();
  await core.runtime()!.market.refreshSymbolFunding('LINK');
}

// Long Lighter at −0.06 %/h, short Extended at +0.06 %/h: net 0.0012 /h = 1 051 % APY, the size of
// the issue's +837 % spike. Large on purpose: after three settled hours the EV credits the window's
// mean (three spike hours in 24) plus the decaying excess, ≈ $3 gross at $350, which clears the
// $0.80 gate whatever the simulated books cost that hour; at 0.0006 /h it sometimes did not.
const SPIKE_NET = 0.0012;

describe('a funding spike against the simulator', () => {
  it('ranks as a passing row only after it has settled for the configured hours', { timeout: 180_000 }, async () => {
    expect(screenerDefaults.minSpreadOpenHours).toBe(3);
    // Pin five minutes into an hour, so the minute of stats below stays inside it.
    const now = clock.nowMs();
    clock.advance(Math.ceil((now + 1) / H) * H - now + 5 * 60_000);
    await backfillNow();
    // Injected through the simulator's control endpoint, as the CLI or a trader's script would.
    await spike('lighter', -0.0006);
    await spike('extended', 0.0006);
    await core.runtime()!.market.refreshSymbolFunding('LINK');
    // Lighter's rate comes with its stats push, once a simulated minute.
    clock.advance(61_000);

    // Seen live at once, refused: no settlement has paid it yet.
    const fresh = await untilRow('the fresh spike refused on open hours', (r) => r?.rejectGate === 'spread-open-hours' && Math.abs(r.netHourlyRate - SPIKE_NET) < 1e-9);
    expect(fresh).toMatchObject({ passed: false, longVenue: 'lighter', spreadOpenHours: 0, evRateSource: 'decaying' });
    expect(fresh!.rejectReason).toBe('spread open 0 settled hours in this direction (needs 3 settled hours in a row at or above 35.0 % APY)');
    expect(fresh!.spreadZ!).toBeGreaterThan(screenerDefaults.maxSpreadZSigma!);
    // The EV does not credit the spike for the whole 48 h hold: the blend's rate is far below it.
    expect(fresh!.evHourlyRate).toBeLessThan(SPIKE_NET / 4);
    expect(fresh!.expectedValueUsd).toBeLessThan(350 * SPIKE_NET * 48 / 4);

    for (const hours of [1, 2]) {
      await settleOneHour();
      const r = await untilRow(`the spike refused after ${hours} settled hour(s)`, (x) => x?.spreadOpenHours === hours && x.rejectGate === 'spread-open-hours');
      expect(r!.passed).toBe(false);
      expect(r!.rejectReason).toContain(`spread open ${hours} settled hour`);
    }

    await settleOneHour();
    const passing = await untilRow('LINK to pass after 3 settled hours', (x) => x?.passed === true);
    expect(passing).toMatchObject({ spreadOpenHours: 3, rejectGate: null, evRateSource: 'decaying' });
    // Three spike hours in the 24 h window: z ≈ √(21/3) = 2.6, under the 5 σ limit.
    expect(passing!.spreadZ!).toBeLessThan(5);
    expect(passing!.evSettledMeanHourlyRate!).toBeLessThan(SPIKE_NET);

    // The explanation through the contract carries both gates and the EV's rate source.
    const ex = await core.dispatcher.call('query', 'screener.explain', { symbol: 'LINK' });
    expect(ex.ok).toBe(true);
    if (!ex.ok) return;
    const best = (ex.value as { best: { evRateSource: string; gates: { gate: string; passed: boolean; observed: unknown }[] } }).best;
    expect(best.evRateSource).toBe('decaying');
    expect(best.gates.find((g) => g.gate === 'spread-open-hours')).toMatchObject({ passed: true, observed: 3 });
    expect(best.gates.find((g) => g.gate === 'spread-z')?.passed).toBe(true);
  });
});
