// The trading core inside the real core, through the contract: the simulator on loopback, both
// real adapters, the ledger on the mode's SQLite file. A trader previews and opens a pair by
// hand; with auto-entry on, the best passing opportunity opens by itself. Each ends with both
// legs equal, the ledger's legs equal to the positions the venues report, and the events the UI
// subscribes to (fills, orders, pairs) delivered. The loops are ticked by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import type { EventPayload } from '../../../src-core/api/contract';
import { compareDecimal } from '../../../src-core/domain/decimal';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { pinFundingNow, spikeProtectionOff } from '../../helpers/funding';

/** Never fires on its own: the test drives the trading loops through their tick(). */
const handTicker: Ticker = { every: () => () => undefined };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(autoEntry: boolean): Promise<{ core: Core; fills: EventPayload<'fills.new'>[]; pairs: EventPayload<'pairs.update'>[] }> {
  const t = tempDir();
  // The market model steps once a minute: books hold still between a fill and its hedge, as in
  // tests/integration/execution (a moving thin book can leave a remainder no venue minimum allows
  // to close, which is the rebalance's job, not this scenario's).
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 7, extendedFundingPollMs: 5_000, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
  cleanups.push(t.cleanup, () => core.close());
  // A short maker budget: the entry escalates to a taker IOC instead of waiting for a fill.
  const r = await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry, makerTimeoutMs: 1_000 } });
  expect(r.ok).toBe(true);
  // The pinned LINK rate is a spike no settlement has paid: this suite is about the entry path.
  await spikeProtectionOff(core);
  const fills: EventPayload<'fills.new'>[] = [];
  const pairs: EventPayload<'pairs.update'>[] = [];
  core.events.subscribe('fills.new', (f) => fills.push(f));
  core.events.subscribe('pairs.update', (p) => pairs.push(p));
  await core.trading()!.reconciled();
  return { core, fills, pairs };
}

async function call<T>(core: Core, kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

type PairRow = EventPayload<'pairs.update'>;

/** Both legs equal, and each equal to the position the venue reports for the symbol. */
async function expectHedgedAndTrue(core: Core, pair: PairRow): Promise<void> {
  const [a, b] = pair.legs;
  expect(compareDecimal(a!.filledSize, b!.filledSize)).toBe(0);
  expect(compareDecimal(a!.filledSize, '0')).toBe(1);
  for (const leg of pair.legs) {
    const positions = await core.runtime()!.ports[leg.venue].positions();
    const venueSize = positions.find((p) => p.symbol === pair.symbol)?.size ?? '0';
    expect(compareDecimal(venueSize, leg.positionSize)).toBe(0);
  }
}

describe('trading core through the contract', () => {
  it('previews then opens a pair by hand: one attempt, both legs equal to the venues, events delivered', { timeout: 120_000 }, async () => {
    const { core, fills, pairs } = await start(false);
    const req = { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' };
    const preview = await call<EventPayload<'pairs.update'> & Record<string, never>>(core, 'query', 'pairs.preview', req);
    expect(preview).toMatchObject({ symbol: 'ETH', long: { venue: 'lighter', side: 'buy', role: 'maker' }, short: { venue: 'extended', side: 'sell', role: 'taker' } });
    const { attemptId } = await call<{ attemptId: number }>(core, 'command', 'pairs.open', req);
    expect(Number.isInteger(attemptId)).toBe(true);
    // Nothing else may start while it runs.
    const second = await core.dispatcher.call('command', 'pairs.open', { symbol: 'BTC', longVenue: 'lighter', shortVenue: 'extended' });
    expect(second.ok === false && second.error.code).toBe('CONFLICT');

    const list = await pollUntil(() => call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {}), { until: (l) => l.pairs.length === 1 && l.pairs[0]!.state !== 'opening', what: 'the pair to finish its entry' });
    const pair = list.pairs[0]!;
    expect(pair.state).toBe('open');
    await expectHedgedAndTrue(core, pair);
    expect(fills.filter((f) => f.pairSeq === pair.pairSeq).length).toBeGreaterThanOrEqual(2);
    expect(pairs.at(-1)).toMatchObject({ pairSeq: pair.pairSeq, state: 'open' });
    const { attempts } = await call<{ attempts: { id: number; outcome: string; triggeredBy: string }[] }>(core, 'query', 'pairs.attempts', {});
    expect(attempts).toEqual([expect.objectContaining({ outcome: 'opened', triggeredBy: 'manual' })]);
  });

  it('auto-entry opens the best passing opportunity after re-validating it', { timeout: 120_000 }, async () => {
    const { core } = await start(true);
    // A wide carry on LINK (long Lighter is paid 0.05 %/h, short Extended another 0.05 %/h).
    await pinFundingNow(core, [['lighter', 'LINK', -0.0005], ['extended', 'LINK', 0.0005]]);
    await pollUntil(() => core.runtime()!.rows().find((r) => r.symbol === 'LINK')?.passed === true, { what: 'LINK to pass the screener' });
    const result = await core.trading()!.entryLoop.tick();
    expect(result, JSON.stringify(result)).toMatchObject({ outcome: 'opened' });
    const { pairs } = await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {});
    const pair = pairs.find((p) => p.pairSeq === result!.pairSeq)!;
    expect(pair.state).toBe('open');
    await expectHedgedAndTrue(core, pair);
    // The screener now counts the open pair: with one pair allowed, nothing else passes.
    await pollUntil(() => core.runtime()!.rows().every((r) => !r.passed || r.symbol === pair.symbol), { what: 'the max-open-pairs gate to count the pair' });
  });
});
