// The exit channels through the real dispatcher: typed refusals (no core, no pair, a pair not
// held), the table handed over, and close/rebalance taken with their urgency.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../src-core/api/dispatcher';
import { ApiFailure } from '../../../../src-core/api/envelope';
import type { ExitTable } from '../../../../src-core/api/channels/exits';
import type { PairState } from '../../../../src-core/domain/enums';
import type { PairView } from '../../../../src-core/ledger/query-types';
import { exitsHandlers, type ExitControls } from '../../../../src-core/host/handlers/exits';

const notHere = (): never => {
  throw new ApiFailure('UNAVAILABLE', 'not under test');
};

function dispatcherOf(states: Record<number, PairState>, controls: ExitControls | null) {
  const exits = exitsHandlers({
    queries: { pair: (seq) => (states[seq] === undefined ? null : ({ pairSeq: seq, state: states[seq] } as unknown as PairView)) },
    controls,
  });
  const handlers = {
    queries: { ...Object.fromEntries(['app.info', 'settings.get', 'trading.state.get', 'screener.list', 'screener.explain', 'health.snapshot', 'pairs.list', 'pairs.detail', 'pairs.attempts', 'pairs.preview', 'pairs.funding'].map((n) => [n, notHere])), ...exits.queries },
    commands: { ...Object.fromEntries(['settings.update', 'trading.state.set', 'pairs.open', 'pairs.cancelEntry'].map((n) => [n, notHere])), ...exits.commands },
  } as unknown as Handlers;
  return createDispatcher(handlers);
}

const table: ExitTable = {
  pairSeq: 0, symbol: 'ETH', evaluatedAtMs: 5, decision: { urgency: 'none', rule: null, why: 'no rule fired' },
  rules: [{ rule: 'max-hold', effect: 'normal', fired: false, observed: 3, threshold: 240, unit: 'hours', why: 'held 3 h of 240 h' }],
  rebalanceAdvised: false, ageHours: 3, currentNetHourlyRate: 0.0001, netPnlUsd: null,
};

function recorder(t: ExitTable | null = table) {
  const calls: string[] = [];
  const controls: ExitControls = {
    evaluate: () => t,
    close: (seq, urgency, reason) => { calls.push(`close ${seq} ${urgency} ${reason}`); },
    rebalance: (seq) => { calls.push(`rebalance ${seq}`); },
  };
  return { calls, controls };
}

describe('exit channels', () => {
  it('answer UNAVAILABLE without a trading core', async () => {
    const d = dispatcherOf({ 0: 'open' }, null);
    expect(await d.call('query', 'pairs.exits', { pairSeq: 0 })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await d.call('command', 'pairs.close', { pairSeq: 0 })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('hand over the rule table of pair 0 (a valid id)', async () => {
    const d = dispatcherOf({ 0: 'open' }, recorder().controls);
    expect(await d.call('query', 'pairs.exits', { pairSeq: 0 })).toEqual({ ok: true, value: table });
  });

  it('refuse an unknown pair, a pair not held, and bad input, and call nothing', async () => {
    const r = recorder();
    const d = dispatcherOf({ 1: 'closed', 2: 'closing' }, r.controls);
    expect(await d.call('query', 'pairs.exits', { pairSeq: 9 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await d.call('command', 'pairs.close', { pairSeq: 1 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await d.call('command', 'pairs.rebalance', { pairSeq: 2 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await d.call('command', 'pairs.close', { pairSeq: -1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await d.call('command', 'pairs.close', { pairSeq: 1, urgency: 'now' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.calls).toEqual([]);
  });

  it('a pair without market data yet has no table', async () => {
    const d = dispatcherOf({ 0: 'open' }, recorder(null).controls);
    expect(await d.call('query', 'pairs.exits', { pairSeq: 0 })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('take close (normal by default, or emergency) and rebalance', async () => {
    const r = recorder();
    const d = dispatcherOf({ 0: 'open', 3: 'broken' }, r.controls);
    expect(await d.call('command', 'pairs.close', { pairSeq: 0 })).toEqual({ ok: true, value: { pairSeq: 0, state: 'open' } });
    expect(await d.call('command', 'pairs.close', { pairSeq: 3, urgency: 'emergency' })).toEqual({ ok: true, value: { pairSeq: 3, state: 'broken' } });
    expect(await d.call('command', 'pairs.rebalance', { pairSeq: 0 })).toEqual({ ok: true, value: { pairSeq: 0, state: 'open' } });
    expect(r.calls).toEqual(['close 0 normal closed by the trader', 'close 3 emergency closed by the trader', 'rebalance 0']);
  });
});
