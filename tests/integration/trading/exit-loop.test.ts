// The exit loop inside the real core, through the contract, on the simulator with both real
// adapters: an open pair's exit-rule table answers from memory, the risk feed's position read
// finds a hedged pair balanced (it once negated the short leg and found every pair broken), and a
// catastrophic funding flip fires its rule once as pairs.exitFired and closes both legs: the
// venues flat, the ledger's legs flat, the pair closed with its reason. The loops are ticked by hand.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-core/api/contract';
import type { ExitTable } from '../../../src-core/api/channels/exits';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import { pinFundingNow } from '../../helpers/funding';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const handTicker: Ticker = { every: () => () => undefined };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type PairRow = EventPayload<'pairs.update'>;

async function call<T>(core: Core, kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** Lighter's rate arrives on its stream (market_stats each second), Extended's by the on-demand
 *  read: wait until the market view the rules read has both. */
async function exitsAt(core: Core, pairSeq: number, netHourlyRate: number): Promise<ExitTable> {
  return pollUntil(() => call<ExitTable>(core, 'query', 'pairs.exits', { pairSeq }), {
    until: (t) => t.currentNetHourlyRate !== null && Math.abs(t.currentNetHourlyRate - netHourlyRate) < 1e-12,
    what: `the pair's net rate to read ${netHourlyRate}`,
  });
}

async function openPair(autoExit = true): Promise<{ core: Core; pair: PairRow; fired: EventPayload<'pairs.exitFired'>[] }> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, extendedFundingPollMs: 5_000, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
  cleanups.push(t.cleanup, () => core.close());
  expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 }, lifecycle: { autoExit } })).ok).toBe(true);
  const fired: EventPayload<'pairs.exitFired'>[] = [];
  core.events.subscribe('pairs.exitFired', (e) => fired.push(e));
  await core.trading()!.reconciled();
  // The pair earns: long Lighter is paid 0.02 %/h, short Extended receives 0.02 %/h.
  await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
  await call(core, 'command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
  const list = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the entry to finish' });
  expect(list.pairs[0]!.state).toBe('open');
  return { core, pair: list.pairs[0]!, fired };
}

describe('exit loop in the core', () => {
  it('answers the exit-rule table of an open pair, finds it balanced, and fires a catastrophic flip once', { timeout: 120_000 }, async () => {
    const { core, pair, fired } = await openPair();
    const trading = core.trading()!;
    // The risk feed's full read: a hedged pair is balanced, and the position book is filled.
    await trading.riskFeed.tick();
    expect(trading.riskFeed.hedge(pair.pairSeq).broken).toBe(false);
    expect(trading.riskFeed.hedge(pair.pairSeq).detail).toMatch(/^balanced/);

    const table = await exitsAt(core, pair.pairSeq, 0.0004);
    expect(table.pairSeq).toBe(pair.pairSeq);
    expect(table.rules.map((r) => r.rule)[0]).toBe('broken-hedge');
    expect(table.rules.find((r) => r.rule === 'broken-hedge')!.fired).toBe(false);
    expect(table.rules.find((r) => r.rule === 'delta-bound')!.fired).toBe(false);
    expect(table.decision.urgency).toBe('none');
    trading.exitLoop.tick();
    expect(fired).toEqual([]);

    // Both venues flip: the pair now pays 0.1 %/h (−876 % APY), far below the catastrophic floor.
    await pinFundingNow(core, [['lighter', 'ETH', 0.0005], ['extended', 'ETH', -0.0005]]);
    const flipped = await exitsAt(core, pair.pairSeq, -0.001);
    expect(flipped.decision).toMatchObject({ urgency: 'emergency', rule: 'catastrophic-flip' });
    trading.exitLoop.tick();
    trading.exitLoop.tick();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ pairSeq: pair.pairSeq, symbol: 'ETH', rule: 'catastrophic-flip', urgency: 'emergency', unit: 'apy' });
    expect(fired[0]!.observed).toBeCloseTo(-0.001 * 8_760, 6);
    expect(fired[0]!.action).toBe('closing');

    // The emergency close takes both legs at once: the pair ends closed, flat everywhere.
    const closed = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs[0]!.state === 'closed', what: 'the pair to close' });
    const row = closed.pairs[0]!;
    expect(row.closeReason).toMatch(/catastrophic-flip/);
    for (const leg of row.legs) {
      expect(leg.positionSize).toBe('0');
      const venueSize = (await core.runtime()!.ports[leg.venue].positions()).find((p) => p.symbol === 'ETH')?.size ?? '0';
      expect(Number(venueSize)).toBe(0);
    }
    // Every close order was reduce-only and marked an exit.
    const detail = await call<{ orders: { purpose: string; reduceOnly: boolean }[] }>(core, 'query', 'pairs.detail', { pairSeq: pair.pairSeq });
    const exits = detail.orders.filter((o) => o.purpose === 'exit');
    expect(exits.length).toBeGreaterThanOrEqual(2);
    expect(exits.every((o) => o.reduceOnly)).toBe(true);
    expect(core.tradingState().state).toBe('ACTIVE');
  });

  it('with auto-exit off a fired rule is only announced, and the trader closes by command', { timeout: 120_000 }, async () => {
    const { core, pair, fired } = await openPair(false);
    await pinFundingNow(core, [['lighter', 'ETH', 0.0005], ['extended', 'ETH', -0.0005]]);
    await exitsAt(core, pair.pairSeq, -0.001);
    core.trading()!.exitLoop.tick();
    expect(fired).toMatchObject([{ rule: 'catastrophic-flip', action: 'advised' }]);
    expect((await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {})).pairs[0]!.state).toBe('open');
    expect(await call(core, 'command', 'pairs.close', { pairSeq: pair.pairSeq })).toEqual({ pairSeq: pair.pairSeq, state: 'open' });
    const closed = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs[0]!.state === 'closed', what: 'the pair to close' });
    expect(closed.pairs[0]!.legs.map((l) => l.positionSize)).toEqual(['0', '0']);
    // A closed pair has nothing to close.
    expect(await core.dispatcher.call('command', 'pairs.close', { pairSeq: pair.pairSeq })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses the exit table of a pair that does not exist', { timeout: 60_000 }, async () => {
    const t = tempDir();
    const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, tradingTicker: handTicker });
    cleanups.push(t.cleanup, () => core.close());
    const r = await core.dispatcher.call('query', 'pairs.exits', { pairSeq: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
