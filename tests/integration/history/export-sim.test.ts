// The ledger export against the simulator, through the real core's contract: a pair opened by
// command, one hourly settlement paid on the simulator's clock and read by the funding loop, the
// pair closed by command; History lists it with the ledger's split (pairs.detail), and the CSV
// parsed back adds up to the same totals. The core, simulator and adapters share one ManualClock:
// a pump moves it with real time while orders run; the test jumps it over the hour.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-core/api/contract';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { pinFundingNow } from '../../helpers/funding';
import { csvRecords, exportTotals } from '../../helpers/csv-parse';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { manualTrackerClock } from '../execution/tracker-harness';
import { pumpClock } from '../../helpers/clock-pump';

const HOUR_MS = 3_600_000;
const handTicker: Ticker = { every: () => () => undefined };
type PairRow = EventPayload<'pairs.update'>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function call<T>(core: Core, kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('ledger export on the simulator', () => {
  it('a pair opened, paid one settlement and closed: History and the parsed CSV equal the ledger', { timeout: 180_000 }, async () => {
    const t = tempDir();
    // Five minutes past an hour: the pair opens well before the settlement.
    const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000);
    let stopPump = pumpClock(clock);
    cleanups.push(t.cleanup, () => stopPump());
    const core = await createCore({
      dataDir: t.dir,
      mode: 'sim',
      log: silentLogger,
      simSeed: 11,
      now: () => clock.nowMs(),
      clock: manualTrackerClock(clock),
      tradingTicker: handTicker,
      screenerTicker: handTicker,
      streamStallMs: 0,
      simulator: { clock, txDelayMs: 0, stepMs: 1_800_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 300_000 }, extendedWs: { snapshotEveryMs: 1_800_000 } },
    });
    cleanups.push(() => core.close());
    expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false, closeMakerTimeoutMs: 0 } })).ok).toBe(true);
    const trading = core.trading()!;
    const updates: PairRow[] = [];
    core.events.subscribe('pairs.update', (p) => updates.push(p));
    await trading.reconciled();
    // Long Lighter is paid 0.02 %/h, short Extended receives 0.02 %/h.
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    await call(core, 'command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
    const opened = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the entry to finish' });
    const pair = opened.pairs[0]!;
    expect(pair.state).toBe('open');
    stopPump();

    // One second past the next hour: both venues settle; the funding loop reads the payments.
    const now = clock.nowMs();
    clock.advance(Math.ceil((now + 1) / HOUR_MS) * HOUR_MS - now + 1_000);
    const paid = await pollUntil(
      async () => {
        await trading.fundingLedger.readVenue('lighter');
        await trading.fundingLedger.readVenue('extended');
        await trading.fundingLedger.idle();
        return call<{ funding: unknown[] }>(core, 'query', 'pairs.detail', { pairSeq: pair.pairSeq });
      },
      { until: (d) => d.funding.length === 2, what: 'both legs\' settlement in the ledger' },
    );
    expect(paid.funding).toHaveLength(2);

    stopPump = pumpClock(clock);
    await call(core, 'command', 'pairs.close', { pairSeq: pair.pairSeq });
    await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs[0]!.state === 'closed', what: 'the pair to close', timeoutMs: 60_000 });
    stopPump();
    // The end of the close is announced (its last fill's update still said 'closing'), so a
    // screen sees the pair end without asking.
    await pollUntil(() => updates.filter((u) => u.pairSeq === pair.pairSeq && u.state === 'closed'), { until: (u) => u.length > 0, what: 'a pairs.update saying closed' });

    const detail = await call<{ pair: PairRow; fills: unknown[]; funding: unknown[] }>(core, 'query', 'pairs.detail', { pairSeq: pair.pairSeq });
    const history = await call<{ pairs: (PairRow & { holdMs: number })[]; totals: Record<string, unknown> }>(core, 'query', 'history.pairs', { symbol: 'ETH' });
    expect(history.pairs.map((p) => p.pairSeq)).toEqual([pair.pairSeq]);
    expect(history.pairs[0]!.pnl).toEqual(detail.pair.pnl);
    expect(history.pairs[0]!.holdMs).toBe(detail.pair.closedAtMs! - detail.pair.openedAtMs!);
    expect(history.pairs[0]!.holdMs).toBeGreaterThan(50 * 60_000);
    expect(history.totals).toEqual({ pairCount: 1, ...detail.pair.pnl });
    // Funding both ways was settled: a non-zero split to compare.
    expect(detail.pair.pnl.fundingReceivedUsd).not.toBe('0');

    const out = await call<{ csv: string; rowCount: number }>(core, 'query', 'ledger.export', {});
    const records = csvRecords(out.csv);
    const ours = records.filter((r) => r.pair_seq === String(pair.pairSeq));
    expect(ours.filter((r) => r.type === 'trade')).toHaveLength(detail.fills.length);
    expect(ours.filter((r) => r.type === 'funding')).toHaveLength(detail.funding.length);
    expect(exportTotals(ours)).toEqual(detail.pair.pnl);
  });
});
