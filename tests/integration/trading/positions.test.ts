// The Positions overview (positions.overview / positions.update) inside the real core on the
// simulator, both real adapters, one ManualClock: an open pair's row shows the live venue
// positions (delta from what the venues hold, not from the ledger), and after an hourly
// settlement its funding equals, to the digit, what the venues report having paid. A malformed
// query is refused with a typed error; without the trading core the overview is UNAVAILABLE, never
// an empty list. What is asserted is what a client of the contract sees.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-core/api/contract';
import type { PositionsOverview } from '../../../src-core/api/channels/positions';
import { addDecimal, negDecimal, normalizeDecimal, sumDecimals } from '../../../src-core/domain/decimal';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { pinFundingNow } from '../../helpers/funding';
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

describe('positions overview in the core', () => {
  it('shows an open pair with its live delta, and the settled funding the venues paid', { timeout: 180_000 }, async () => {
    const t = tempDir();
    // Five minutes past an hour: the pair opens well before the next settlement.
    const clock = new ManualClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000);
    const stopPump = pumpClock(clock);
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
    const trading = core.trading()!;
    expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit: false } })).ok).toBe(true);
    await trading.reconciled();
    const updates: PositionsOverview[] = [];
    core.events.subscribe('positions.update', (e) => updates.push(e));

    // Nothing open: no rows, and the totals still answer.
    const empty = await call<PositionsOverview>(core, 'query', 'positions.overview', {});
    expect(empty.rows).toEqual([]);
    expect(empty.totals.fundingTodayUsd).toBe('0');

    // Long Lighter is paid 0.02 %/h, short Extended receives 0.02 %/h.
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    await call(core, 'command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
    const opened = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the entry to finish' });
    const pair = opened.pairs[0]!;
    expect(pair.state).toBe('open');
    stopPump();

    // The risk feed's full read fills the position book: the delta is what the venues hold.
    await trading.riskFeed.tick();
    const rt = core.runtime()!;
    const venueSize = async (venue: 'lighter' | 'extended') => (await rt.ports[venue].positions()).find((p) => p.symbol === 'ETH')?.size ?? '0';
    const lighterSize = await venueSize('lighter');
    const extendedSize = await venueSize('extended');
    const ov = await call<PositionsOverview>(core, 'query', 'positions.overview', {});
    expect(ov.rows).toHaveLength(1);
    const row = ov.rows[0]!;
    expect(row).toMatchObject({ pairSeq: pair.pairSeq, symbol: 'ETH', state: 'open', longVenue: 'lighter', shortVenue: 'extended' });
    const ledgerLong = pair.legs.find((l) => l.positionSide === 'long')!.positionSize;
    expect(row.sizeBase).toBe(normalizeDecimal(ledgerLong));
    expect(row.long.liveSizeBase).toBe(normalizeDecimal(lighterSize));
    expect(row.short.liveSizeBase).toBe(normalizeDecimal(extendedSize));
    expect(row.short.liveSizeBase).toBe(normalizeDecimal(negDecimal(row.sizeBase)));
    expect(row.deltaBase).toBe(normalizeDecimal(addDecimal(lighterSize, extendedSize)));
    expect(row.deltaBase).toBe('0');
    expect(row.deltaUsd).toBe(0);
    expect(row.long.entryPrice).not.toBeNull();
    expect(row.long.markPrice).toBeGreaterThan(0);
    expect(row.sizeUsd).toBeGreaterThan(0);
    expect(row.fundingUsd).toBe('0');
    // The current APY and the nearest rule come from the same evaluation as pairs.exits.
    const exits = await call<{ currentNetHourlyRate: number | null; rules: { rule: string; fired: boolean }[] }>(core, 'query', 'pairs.exits', { pairSeq: pair.pairSeq });
    expect(row.currentNetApy).toBeCloseTo(exits.currentNetHourlyRate! * 8_760, 9);
    expect(row.entryNetApy).toBeCloseTo(pair.entryApy!, 12);
    expect(exits.rules.map((r) => r.rule)).toContain(row.nearestExit!.rule);
    expect(row.hoursHeld).toBeGreaterThanOrEqual(0);
    // Both venues' equity is known (the balance loop has read them), so the sum is exact.
    expect(ov.totals.venues.map((v) => v.venue)).toEqual(['lighter', 'extended']);

    // The feed sends the row once, and nothing while nothing changes.
    trading.positions.tick();
    trading.positions.tick();
    expect(updates).toHaveLength(1);
    expect(updates[0]!.rows.map((r) => r.pairSeq)).toEqual([pair.pairSeq]);

    // One second past the next settlement; Lighter pushes its payment on the account stream,
    // Extended's is read from its history (what the loop's timer does).
    const settlementMs = Math.ceil(clock.nowMs() / HOUR_MS) * HOUR_MS;
    clock.advance(settlementMs + 1_000 - clock.nowMs());
    const venuePaid = async () => {
      const out: string[] = [];
      for (const v of ['lighter', 'extended'] as const) for (const p of await rt.ports[v].fundingPayments(null, settlementMs)) if (p.symbol === 'ETH' && p.settlementTimeMs === settlementMs) out.push(p.cashUsd);
      return out;
    };
    const paid = await pollUntil(venuePaid, { until: (p) => p.length === 2, what: 'both venues to report the settlement' });
    const expected = normalizeDecimal(sumDecimals(paid));
    const after = await pollUntil(
      async () => {
        await trading.fundingLedger.readVenue('lighter');
        await trading.fundingLedger.readVenue('extended');
        await trading.fundingLedger.idle();
        return call<PositionsOverview>(core, 'query', 'positions.overview', {});
      },
      { until: (o) => o.rows[0]!.fundingUsd === expected, what: `the row's funding to read ${expected}` },
    );
    expect(expected).not.toBe('0');
    // The pair receives on both legs at these rates.
    expect(Number(expected)).toBeGreaterThan(0);
    expect(after.totals.fundingTodayUsd).toBe(expected);
    expect(after.rows[0]!.breakEven.paidBackFraction).toBeCloseTo(Number(expected) / Number(after.rows[0]!.feesUsd), 9);
    trading.positions.tick();
    expect(updates.at(-1)!.rows[0]!.fundingUsd).toBe(expected);
  });

  it('refuses a malformed query with a typed error, and answers UNAVAILABLE without the trading core', { timeout: 60_000 }, async () => {
    const t = tempDir();
    const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false, trading: false });
    cleanups.push(t.cleanup, () => core.close());
    expect(await core.dispatcher.call('query', 'positions.overview', { pairSeq: 1 } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await core.dispatcher.call('query', 'positions.overview', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
