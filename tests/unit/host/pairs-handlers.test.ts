// The pairs handlers behind the real dispatcher, over a real SQLite ledger: queries answer from
// the ledger, bad payloads are VALIDATION and never reach the trading loop, preview / open /
// cancelEntry are UNAVAILABLE while no trading loop runs, and a cancel is checked against the
// ledger (NOT_FOUND, CONFLICT) before it is handed over.
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-core/api/dispatcher';
import { ApiFailure, type Result } from '../../../src-core/api/envelope';
import type { PairPreview } from '../../../src-core/api/channels/pairs';
import { defaultSettings } from '../../../src-core/config/schema';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import { pairsHandlers, TRADING_NOT_RUNNING, type PairCommands, type PairRequest, type PairsHandlerDeps } from '../../../src-core/host/handlers/pairs';
import { stubHandlers } from '../../helpers/handler-stubs';
import { openLedgerFixture, seedLedger, type LedgerFixture } from '../../helpers/ledger-fixture';
import { PredictedFundingRepo } from '../../../src-core/store/predicted-funding-repo';

let fx: LedgerFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

/** The other channels answer UNAVAILABLE: only the pairs handlers are under test. */
function dispatcherOf(deps: PairsHandlerDeps) {
  const pairs = pairsHandlers(deps);
  const handlers = stubHandlers({ queries: { 'settings.get': () => defaultSettings, ...pairs.queries }, commands: pairs.commands });
  return createDispatcher(handlers);
}

const preview: PairPreview = {
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  notionalUsd: '350',
  size: '0.116',
  long: { venue: 'lighter', side: 'buy', role: 'maker', price: '3000.10', notionalUsd: '348.0116', feeBps: 0, feeUsd: '0', marginUsd: '49.72' },
  short: { venue: 'extended', side: 'sell', role: 'taker', price: '2999.90', notionalUsd: '347.9884', feeBps: 2.5, feeUsd: '0.0869971', marginUsd: '49.71' },
  entryCostBps: 3.1,
  entryCostUsd: '0.1078',
  exitCostBps: 3.1,
  exitCostUsd: '0.1078',
  netHourlyRate: 0.0004,
  breakevenHours: 1.54,
  leverage: 7,
  marginUsedUsd: '99.43',
  computedAtMs: 42,
};

/** A trading loop stand-in that records what reached it. */
function recordingCommands() {
  const calls: [string, unknown][] = [];
  const commands: PairCommands = {
    preview: (r: PairRequest) => (calls.push(['preview', r]), preview),
    open: async (r: PairRequest) => (calls.push(['open', r]), { attemptId: 0 }),
    cancelEntry: (pairSeq: number) => (calls.push(['cancelEntry', pairSeq]), { pairSeq, state: 'opening' as const }),
  };
  return { calls, commands };
}

function setup(commands: PairCommands | null) {
  fx = openLedgerFixture();
  const seeded = seedLedger(fx.repo);
  const queries = new LedgerQueries(fx.main);
  return { seeded, queries, repo: fx.repo, d: dispatcherOf({ queries, commands }) };
}

const codeOf = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const request = { symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' } as const;

describe('pairs queries over the dispatcher', () => {
  it('pairs.list and pairs.detail answer what the ledger holds', async () => {
    const { d, queries, seeded } = setup(null);
    expect(await d.call('query', 'pairs.list', {})).toEqual({ ok: true, value: { pairs: queries.listPairs() } });
    expect(await d.call('query', 'pairs.list', undefined)).toEqual({ ok: true, value: { pairs: queries.listPairs() } });
    const detail = await d.call('query', 'pairs.detail', { pairSeq: seeded.closed });
    expect(detail).toEqual({ ok: true, value: queries.pairDetail(seeded.closed) });
    expect(detail.ok && (detail.value as { pair: { pnl: { netUsd: string } } }).pair.pnl.netUsd).toBe('0.329025');
  });

  it('pairs.detail of a missing pair is NOT_FOUND; pair 0 is found', async () => {
    const { d, seeded } = setup(null);
    expect(seeded.closed).toBe(0);
    expect(codeOf(await d.call('query', 'pairs.detail', { pairSeq: 0 }))).toBe('ok');
    expect(await d.call('query', 'pairs.detail', { pairSeq: 99 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no pair 99' } });
  });

  it('pairs.funding: the seeded pair’s payments with the predictions recorded for them; a missing pair is NOT_FOUND', async () => {
    const { d, seeded } = setup(null);
    new PredictedFundingRepo(fx!.main).observe('extended', 'ETH', 3_600_000, 0.00003, 1);
    const r = await d.call('query', 'pairs.funding', { pairSeq: seeded.closed });
    if (!r.ok) throw new Error(r.error.message);
    const a = r.value as { rows: { venue: string; settlementTimeMs: number; hourBeforeHourlyRate: number | null; paymentUsd: string }[]; realizedCarryUsd: string };
    // −0.15 + 0.1 + 0.2 (the seeded payments of pair `closed`).
    expect(a.realizedCarryUsd).toBe('0.15');
    expect(a.rows.map((x) => [x.settlementTimeMs, x.venue, x.paymentUsd, x.hourBeforeHourlyRate])).toEqual([
      [3_600_000, 'extended', '0.1', 0.00003],
      [3_600_000, 'lighter', '-0.15', null],
      [7_200_000, 'extended', '0.2', null],
    ]);
    expect(await d.call('query', 'pairs.funding', { pairSeq: 99 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no pair 99' } });
    expect(codeOf(await d.call('query', 'pairs.funding', { pairSeq: -1 }))).toBe('VALIDATION');
  });

  it('pairs.attempts: newest first, default and explicit limits', async () => {
    const { d, repo } = setup(null);
    const ids = Array.from({ length: 60 }, (_, i) => repo.startAttempt({ triggeredBy: 'auto', symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', startedAtMs: i }));
    const all = await d.call('query', 'pairs.attempts', {});
    expect(all.ok && (all.value as { attempts: { attemptId: number }[] }).attempts.map((a) => a.attemptId)).toEqual(ids.slice(10).reverse());
    const three = await d.call('query', 'pairs.attempts', { limit: 3 });
    expect(three.ok && (three.value as { attempts: { attemptId: number }[] }).attempts.map((a) => a.attemptId)).toEqual(ids.slice(57).reverse());
  });

  it('refuses bad payloads with VALIDATION naming the field', async () => {
    const { d } = setup(null);
    const cases: [kind: 'query' | 'command', channel: string, payload: unknown, path: string][] = [
      ['query', 'pairs.detail', { pairSeq: -1 }, 'pairSeq'],
      ['query', 'pairs.detail', { pairSeq: '0' }, 'pairSeq'],
      ['query', 'pairs.attempts', { limit: 501 }, 'limit'],
      ['query', 'pairs.preview', { ...request, symbol: 'eth' }, 'symbol'],
      ['command', 'pairs.open', { ...request, shortVenue: 'lighter' }, 'shortVenue'],
      ['command', 'pairs.open', { ...request, notionalUsd: '1e3' }, 'notionalUsd'],
      ['command', 'pairs.open', { ...request, notionalUsd: 350 }, 'notionalUsd'],
      ['command', 'pairs.cancelEntry', { pairSeq: 1.5 }, 'pairSeq'],
    ];
    for (const [kind, channel, payload, path] of cases) {
      const r = await d.call(kind, channel, payload);
      expect(r.ok ? 'ok' : [r.error.code, r.error.issues?.map((i) => i.path)]).toEqual(['VALIDATION', [path]]);
    }
    const extra = await d.call('command', 'pairs.open', { ...request, force: true });
    expect(extra.ok ? 'ok' : extra.error.issues).toEqual([{ path: '', message: 'unknown key "force"' }]);
  });
});

describe('pairs commands', () => {
  it('are UNAVAILABLE while the trading core is not running (preview too)', async () => {
    const { d, seeded } = setup(null);
    const unavailable = { ok: false, error: { code: 'UNAVAILABLE', message: TRADING_NOT_RUNNING } };
    expect(TRADING_NOT_RUNNING).toBe('trading core is not running');
    expect(await d.call('query', 'pairs.preview', request)).toEqual(unavailable);
    expect(await d.call('command', 'pairs.open', request)).toEqual(unavailable);
    expect(await d.call('command', 'pairs.cancelEntry', { pairSeq: seeded.opening })).toEqual(unavailable);
  });

  it('hand valid requests to the trading loop and return its answers', async () => {
    const { calls, commands } = recordingCommands();
    const { d, seeded } = setup(commands);
    expect(await d.call('query', 'pairs.preview', { ...request, notionalUsd: '350' })).toEqual({ ok: true, value: preview });
    expect(await d.call('command', 'pairs.open', request)).toEqual({ ok: true, value: { attemptId: 0 } });
    expect(await d.call('command', 'pairs.cancelEntry', { pairSeq: seeded.opening })).toEqual({ ok: true, value: { pairSeq: seeded.opening, state: 'opening' } });
    expect(calls).toEqual([
      ['preview', { ...request, notionalUsd: '350' }],
      ['open', request],
      ['cancelEntry', seeded.opening],
    ]);
  });

  it('check a cancel against the ledger first: NOT_FOUND for no pair, CONFLICT for one not opening', async () => {
    const { calls, commands } = recordingCommands();
    const { d, seeded } = setup(commands);
    expect(await d.call('command', 'pairs.cancelEntry', { pairSeq: 99 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no pair 99' } });
    expect(await d.call('command', 'pairs.cancelEntry', { pairSeq: seeded.closed })).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'pair 0 is closed, not opening' } });
    expect(calls).toEqual([]);
  });

  it('never pass a refused payload to the trading loop', async () => {
    const { calls, commands } = recordingCommands();
    const { d } = setup(commands);
    for (const p of [{ ...request, longVenue: 'extended', shortVenue: 'extended' }, { ...request, symbol: 'ETH\u202E' }, { ...request, notionalUsd: '0' }, {}, null]) {
      expect(codeOf(await d.call('command', 'pairs.open', p))).toBe('VALIDATION');
      expect(codeOf(await d.call('query', 'pairs.preview', p))).toBe('VALIDATION');
    }
    expect(calls).toEqual([]);
  });

  it('read the trading loop on each call, and pass its typed refusals through', async () => {
    const { commands } = recordingCommands();
    fx = openLedgerFixture();
    let current: PairCommands | null = null;
    const d = dispatcherOf({ queries: new LedgerQueries(fx.main), get commands() { return current; } });
    expect(codeOf(await d.call('command', 'pairs.open', request))).toBe('UNAVAILABLE');
    current = commands;
    expect(codeOf(await d.call('command', 'pairs.open', request))).toBe('ok');
    current = { ...commands, open: () => { throw new ApiFailure('CONFLICT', 'an entry is running'); } };
    expect(await d.call('command', 'pairs.open', request)).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'an entry is running' } });
  });

  it('refuse a preview of the wrong shape from the trading loop (INTERNAL, nothing leaks)', async () => {
    const { commands } = recordingCommands();
    let answer: unknown = { ...preview, size: 0.116 };
    const { d } = setup({ ...commands, preview: () => answer as PairPreview });
    expect(codeOf(await d.call('query', 'pairs.preview', request))).toBe('INTERNAL');
    answer = { ...preview, secret: 'x' };
    expect(codeOf(await d.call('query', 'pairs.preview', request))).toBe('INTERNAL');
    answer = { ...preview, long: { ...preview.long, feeUsd: '1e-3' } };
    expect(codeOf(await d.call('query', 'pairs.preview', request))).toBe('INTERNAL');
    answer = preview;
    expect(codeOf(await d.call('query', 'pairs.preview', request))).toBe('ok');
  });
});
