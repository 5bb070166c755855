// The exit loop inside the real core, through the contract, on the simulator with both real
// adapters: an open pair's exit-rule table answers from memory, the risk feed's position read
// finds a hedged pair balanced (it once negated the short leg and found every pair broken), and a
// catastrophic funding flip fires its rule once as pairs.exitFired. The loops are ticked by hand.
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

async function openPair(): Promise<{ core: Core; pair: PairRow; fired: EventPayload<'pairs.exitFired'>[] }> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, extendedFundingPollMs: 5_000, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
  cleanups.push(t.cleanup, () => core.close());
  expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000 } })).ok).toBe(true);
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

    const table = await call<ExitTable>(core, 'query', 'pairs.exits', { pairSeq: pair.pairSeq });
    expect(table.pairSeq).toBe(pair.pairSeq);
    expect(table.rules.map((r) => r.rule)[0]).toBe('broken-hedge');
    expect(table.rules.find((r) => r.rule === 'broken-hedge')!.fired).toBe(false);
    expect(table.rules.find((r) => r.rule === 'delta-bound')!.fired).toBe(false);
    // Net 0.0004 /h in the pair's direction, what the venues now predict.
    expect(table.currentNetHourlyRate).toBeCloseTo(0.0004, 9);
    expect(table.decision.urgency).toBe('none');
    trading.exitLoop.tick();
    expect(fired).toEqual([]);

    // Both venues flip: the pair now pays 0.1 %/h (−876 % APY), far below the catastrophic floor.
    await pinFundingNow(core, [['lighter', 'ETH', 0.0005], ['extended', 'ETH', -0.0005]]);
    const flipped = await call<ExitTable>(core, 'query', 'pairs.exits', { pairSeq: pair.pairSeq });
    expect(flipped.decision).toMatchObject({ urgency: 'emergency', rule: 'catastrophic-flip' });
    trading.exitLoop.tick();
    trading.exitLoop.tick();
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ pairSeq: pair.pairSeq, symbol: 'ETH', rule: 'catastrophic-flip', urgency: 'emergency', unit: 'apy' });
    expect(fired[0]!.observed).toBeCloseTo(-0.001 * 8_760, 6);
  });

  it('refuses the exit table of a pair that does not exist', { timeout: 60_000 }, async () => {
    const t = tempDir();
    const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, tradingTicker: handTicker });
    cleanups.push(t.cleanup, () => core.close());
    const r = await core.dispatcher.call('query', 'pairs.exits', { pairSeq: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
