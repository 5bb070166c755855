// Manual controls through the contract against the simulator: the preview's break-even and
// margin, pairs.open refused with the trading state's reason while REDUCING or HALTED (no attempt
// recorded), and pairs.closeAll's server-side two-step confirm (confirm: true and the listed
// pairs; a stale list closes nothing) ending with every pair closed and both venues flat.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload, QueryOutput } from '../../../src-core/api/contract';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { FLATTEN_REASON } from '../../../src-core/host/handlers/flatten';
import { compareDecimal, addDecimal } from '../../../src-core/domain/decimal';
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

async function pairs(core: Core): Promise<PairRow[]> {
  return (await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.list', {})).pairs;
}

async function startCore(): Promise<Core> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, extendedFundingPollMs: 5_000, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
  cleanups.push(t.cleanup, () => core.close());
  expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000, maxOpenPairs: 2 } })).ok).toBe(true);
  await core.trading()!.reconciled();
  return core;
}

async function openPair(core: Core, symbol: string): Promise<void> {
  await pinFundingNow(core, [['lighter', symbol, -0.0002], ['extended', symbol, 0.0002]]);
  await call(core, 'command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' });
  await pollUntil(() => pairs(core), { until: (l) => l.some((p) => p.symbol === symbol && p.state !== 'opening'), what: `the ${symbol} entry to finish` });
}

async function venueSize(core: Core, venue: 'lighter' | 'extended', symbol: string): Promise<string> {
  return (await core.runtime()!.ports[venue].positions()).find((p) => p.symbol === symbol)?.size ?? '0';
}

/** Lighter's pinned rate arrives on its market_stats stream (once a second): poll the preview
 *  until it sees the net rate the pins make. */
function previewWhen(core: Core, notionalUsd: string | undefined, netHourlyRate: number): Promise<QueryOutput<'pairs.preview'>> {
  const req = { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', ...(notionalUsd === undefined ? {} : { notionalUsd }) };
  return pollUntil(() => call<QueryOutput<'pairs.preview'>>(core, 'query', 'pairs.preview', req), {
    until: (x) => Math.abs(x.netHourlyRate - netHourlyRate) < 1e-12,
    what: `the preview to see a net rate of ${netHourlyRate}`,
  });
}

describe('manual controls through the contract', () => {
  it('the preview states break-even hours and margin at the leverage', { timeout: 120_000 }, async () => {
    const core = await startCore();
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    expect((await core.dispatcher.call('command', 'settings.update', { trading: { leverageMultiple: 5 } })).ok).toBe(true);
    const p = await previewWhen(core, '500', 0.0004);
    expect(p.leverage).toBe(5);
    for (const leg of [p.long, p.short]) {
      // notional / 5, rounded up to the cent: within a cent above the exact fifth.
      const fifth = Number(leg.notionalUsd) / 5;
      expect(Number(leg.marginUsd)).toBeGreaterThanOrEqual(fifth);
      expect(Number(leg.marginUsd) - fifth).toBeLessThan(0.01);
    }
    expect(p.marginUsedUsd).toBe(addDecimal(p.long.marginUsd, p.short.marginUsd));
    const costUsd = Number(p.entryCostUsd) + Number(p.exitCostUsd);
    expect(p.breakevenHours).not.toBeNull();
    expect(p.breakevenHours!).toBeCloseTo(costUsd / (0.0004 * 500), 6);
    // A spread that pays nothing: break-even never.
    await pinFundingNow(core, [['lighter', 'ETH', 0.0002], ['extended', 'ETH', 0.0002]]);
    const flat = await previewWhen(core, undefined, 0);
    expect(flat.breakevenHours).toBeNull();
  });

  it('refuses pairs.open while REDUCING or HALTED with the state and its reason, recording no attempt', { timeout: 120_000 }, async () => {
    const core = await startCore();
    await pinFundingNow(core, [['lighter', 'ETH', -0.0002], ['extended', 'ETH', 0.0002]]);
    const attemptsBefore = (await call<{ attempts: unknown[] }>(core, 'query', 'pairs.attempts', {})).attempts.length;
    for (const [state, reason] of [['REDUCING', 'pausing for the FOMC'], ['HALTED', 'venue incident']] as const) {
      await call(core, 'command', 'trading.state.set', { state, reason });
      const r = await core.dispatcher.call('command', 'pairs.open', { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toEqual({ code: 'CONFLICT', message: `trading is ${state} (${reason}): no new pair opens until the trader resumes` });
    }
    expect((await call<{ attempts: unknown[] }>(core, 'query', 'pairs.attempts', {})).attempts).toHaveLength(attemptsBefore);
    expect(await pairs(core)).toEqual([]);
  });

  it('flattens every pair only with confirm: true and the list shown; a stale list closes nothing', { timeout: 180_000 }, async () => {
    const core = await startCore();
    await openPair(core, 'ETH');
    const listed = (await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.closeAllPreview', {})).pairs;
    expect(listed.map((p) => p.symbol)).toEqual(['ETH']);
    await openPair(core, 'BTC');
    expect((await pairs(core)).map((p) => p.state)).toEqual(['open', 'open']);

    // No confirm: a validation error naming it, nothing closed.
    const unconfirmed = await core.dispatcher.call('command', 'pairs.closeAll', { pairSeqs: listed.map((p) => p.pairSeq) } as never);
    expect(!unconfirmed.ok && unconfirmed.error.code).toBe('VALIDATION');
    expect(!unconfirmed.ok && JSON.stringify(unconfirmed.error)).toContain('confirm: true');
    // The list the trader saw before BTC opened: refused, nothing closed, state untouched.
    const stale = await core.dispatcher.call('command', 'pairs.closeAll', { confirm: true, pairSeqs: listed.map((p) => p.pairSeq) });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    expect(!stale.ok && stale.error.message).toMatch(/^the open pairs changed since the list you confirmed \(now #\d+ ETH, #\d+ BTC\): nothing was closed/);
    expect((await pairs(core)).map((p) => p.state)).toEqual(['open', 'open']);
    expect(core.tradingState().state).toBe('ACTIVE');

    // HALTED allows cancels only: the confirmed flatten moves it to REDUCING so the closes trade.
    await call(core, 'command', 'trading.state.set', { state: 'HALTED', reason: 'drawdown' });
    const now = (await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.closeAllPreview', {})).pairs;
    const answer = await call<QueryOutput<'pairs.closeAllPreview'> & { closing: { pairSeq: number; symbol: string }[]; tradingState: string }>(core, 'command', 'pairs.closeAll', { confirm: true, pairSeqs: now.map((p) => p.pairSeq).reverse() });
    expect(answer.closing.map((p) => p.symbol)).toEqual(['ETH', 'BTC']);
    expect(answer.tradingState).toBe('REDUCING');
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: FLATTEN_REASON });

    const closed = await pollUntil(() => pairs(core), { until: (l) => l.every((p) => p.state === 'closed'), what: 'every pair closed', timeoutMs: 120_000 });
    expect(closed.every((p) => p.closeReason?.includes(FLATTEN_REASON) === true)).toBe(true);
    for (const s of ['ETH', 'BTC']) for (const v of ['lighter', 'extended'] as const) expect(compareDecimal(await venueSize(core, v, s), '0'), `${v} ${s}`).toBe(0);
    expect((await call<{ pairs: PairRow[] }>(core, 'query', 'pairs.closeAllPreview', {})).pairs).toEqual([]);
  });

  it('answers UNAVAILABLE without the trading core, and lists from the ledger', async () => {
    const t = tempDir();
    const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, startVenues: false });
    cleanups.push(t.cleanup, () => core.close());
    expect(await call(core, 'query', 'pairs.closeAllPreview', undefined)).toEqual({ pairs: [] });
    const r = await core.dispatcher.call('command', 'pairs.closeAll', { confirm: true, pairSeqs: [] });
    expect(!r.ok && r.error.code).toBe('UNAVAILABLE');
  });
});
