// `close-all` against the simulator through the real core: a listing run closes nothing and
// prints the word; a wrong or stale word closes nothing; the right word closes every open pair
// through the PairCloser, waits for each, and both venues end flat (read from the adapters).
// The runner's own path (argv, its own core) is checked on an empty data dir.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-core/api/contract';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { CloseAllError, confirmWord, runCloseAll } from '../../../src-core/host/support/close-all';
import { runSupportCli } from '../../../src-core/host/support/run';
import { openStore } from '../../../src-core/store/db';
import { TradingStateRepo } from '../../../src-core/store/trading-state-repo';
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

/** Opens one pair per symbol through the contract and waits until each entry finished open. */
async function coreWithPairs(symbols: readonly string[]): Promise<Core> {
  const t = tempDir();
  const core = await createCore({ dataDir: t.dir, mode: 'sim', log: silentLogger, simSeed: 11, extendedFundingPollMs: 5_000, tradingTicker: handTicker, simulator: { stepMs: 60_000 } });
  cleanups.push(t.cleanup, () => core.close());
  expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false, makerTimeoutMs: 1_000, maxOpenPairs: 2 } })).ok).toBe(true);
  await core.trading()!.reconciled();
  for (const symbol of symbols) {
    await pinFundingNow(core, [['lighter', symbol, -0.0002], ['extended', symbol, 0.0002]]);
    await call(core, 'command', 'pairs.open', { symbol, longVenue: 'lighter', shortVenue: 'extended' });
    await pollUntil(() => pairs(core), { until: (l) => l.some((p) => p.symbol === symbol && p.state !== 'opening'), what: `the ${symbol} entry to finish` });
  }
  expect((await pairs(core)).map((p) => p.state)).toEqual(symbols.map(() => 'open'));
  return core;
}

async function venueSize(core: Core, venue: 'lighter' | 'extended', symbol: string): Promise<number> {
  return Number((await core.runtime()!.ports[venue].positions()).find((p) => p.symbol === symbol)?.size ?? '0');
}

describe('cli close-all', () => {
  it('lists without closing, refuses a wrong word, then closes every open pair and leaves both venues flat', { timeout: 180_000 }, async () => {
    const core = await coreWithPairs(['ETH', 'BTC']);
    const seqs = (await pairs(core)).map((p) => p.pairSeq);
    for (const s of ['ETH', 'BTC']) expect(await venueSize(core, 'lighter', s)).toBeGreaterThan(0);

    // Step one: the listing and the word, nothing closed.
    const listing: string[] = [];
    expect(await runCloseAll(core, null, listing.push.bind(listing))).toBe(0);
    const word = confirmWord(seqs);
    expect(listing[0]).toBe('2 open pairs:');
    expect(listing.slice(1, 3).join('\n')).toMatch(/pair \d+ ETH long lighter \/ short extended, open, legs lighter [\d.]+, extended -?[\d.]+/);
    expect(listing.at(-1)).toBe(`To close all of them run close-all again with: --confirm ${word}`);
    expect((await pairs(core)).every((p) => p.state === 'open')).toBe(true);

    // A word for another set of pairs (one of them only) closes nothing.
    await expect(runCloseAll(core, confirmWord(seqs.slice(0, 1)), () => undefined)).rejects.toThrow(CloseAllError);
    expect((await pairs(core)).every((p) => p.state === 'open')).toBe(true);
    expect(core.tradingState().state).toBe('ACTIVE');

    // Step two: every pair closed, each result printed, the venues flat.
    const out: string[] = [];
    expect(await runCloseAll(core, word, out.push.bind(out))).toBe(0);
    expect(out[0]).toBe('Trading is REDUCING. Closing 2 pairs:');
    expect(out.filter((l) => /^ {2}pair \d+ (ETH|BTC): closed \(both legs flat\)/.test(l))).toHaveLength(2);
    expect(out.at(-1)).toBe('All 2 pairs closed.');
    const after = await pairs(core);
    expect(after.map((p) => p.state)).toEqual(['closed', 'closed']);
    expect(after.every((p) => p.closeReason?.includes('close-all from the CLI') === true)).toBe(true);
    for (const s of ['ETH', 'BTC']) for (const v of ['lighter', 'extended'] as const) expect(await venueSize(core, v, s), `${v} ${s}`).toBe(0);
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: 'close-all from the CLI' });

    // Nothing left: a listing says so.
    const empty: string[] = [];
    expect(await runCloseAll(core, null, empty.push.bind(empty))).toBe(0);
    expect(empty).toEqual(['No open pairs: nothing to close.']);
  });

  it('exits 1 and says which pair is not closed when a venue cannot be read, and closes nothing blind', { timeout: 120_000 }, async () => {
    const core = await coreWithPairs(['ETH']);
    expect((await core.dispatcher.call('command', 'settings.update', { lifecycle: { closeRetryMaxCount: 1, closeRetryPauseMs: 100 } })).ok).toBe(true);
    const [pair] = await pairs(core);
    // Every Extended positions read answers 503: a position that cannot be read is never "flat".
    core.runtime()!.sim!.faults.failHttp('extended', 1_000, 503, false, '/api/v1/user/positions');
    const out: string[] = [];
    expect(await runCloseAll(core, confirmWord([pair!.pairSeq]), out.push.bind(out))).toBe(1);
    expect(out.find((l) => l.startsWith(`  pair ${pair!.pairSeq} ETH: `))).toMatch(/: close-failed \(.*extended position read failed/);
    expect(out.at(-1)).toBe('1 of 1 pairs are NOT closed: see the lines above.');
    core.runtime()!.sim!.faults.reset('extended');
    expect(await venueSize(core, 'lighter', 'ETH')).toBeGreaterThan(0);
    expect(await venueSize(core, 'extended', 'ETH')).toBeLessThan(0);
  });

  it('from the command line: lists an empty data dir, and a stale word changes nothing (trading state untouched)', { timeout: 60_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), log: silentLogger };
    expect(await runSupportCli(['close-all', '--data-dir', t.dir], io)).toBe(0);
    expect(lines).toEqual(['No open pairs: nothing to close.']);
    expect(await runSupportCli(['close-all', '--data-dir', t.dir, '--confirm', confirmWord([0])], io)).toBe(1);
    expect(errors).toEqual([`close-all failed: --confirm ${confirmWord([0])} does not match the open pairs now (run close-all without --confirm to list them); nothing was closed`]);
    // Paper and live: listing works from the ledger; closing is refused before anything starts.
    expect(await runSupportCli(['close-all', '--data-dir', t.dir, '--mode', 'live', '--confirm', confirmWord([])], io)).toBe(1);
    expect(errors.at(-1)).toBe('close-all failed: closing needs the trading core, which runs in sim mode only for now (not live); nothing was closed');
    // The word of no pairs starts the core, finds nothing to close, and leaves trading as it was.
    lines.length = 0;
    expect(await runSupportCli(['close-all', '--data-dir', t.dir, '--confirm', confirmWord([])], io)).toBe(0);
    expect(lines).toEqual(['No open pairs: nothing to close.']);
    const db = openStore({ dataDir: t.dir, mode: 'sim' });
    cleanups.push(() => {
      db.close();
    });
    expect(new TradingStateRepo(db).load({ state: 'HALTED', reason: 'never stored', changedAtMs: 0 }).state).not.toBe('REDUCING');
  });
});
