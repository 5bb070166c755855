// OS sleep and wake (host/power-resume.ts) on the real simulator, through the real adapters, the
// trading core's reconcile loop and the SQLite trading state: a resume holds entries (REDUCING,
// 'resumed from sleep: reconciling') at once, reopens every venue stream, reconciles both venues
// and only then puts ACTIVE back; a trader's change during the reconciliation stands; a venue
// that cannot be read after the wake keeps entries held. The loops are ticked by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TradingStateRecord } from '../../../src-core/domain/trading-state';
import { createCore, type Core } from '../../../src-core/host/core';
import { RESUME_DONE_REASON, RESUME_HOLD_REASON } from '../../../src-core/host/power-resume';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const handTicker: Ticker = { every: () => () => undefined };
const SEED = 12;

let sim: Simulator;
let core: Core;
let data: { dir: string; cleanup: () => void };
const states: TradingStateRecord[] = [];

beforeAll(async () => {
  data = tempDir('fundingbot-resume-');
  sim = await startSimulator({ seed: SEED, controlPort: null, stepMs: 60_000 });
  core = await createCore({
    dataDir: data.dir,
    mode: 'sim',
    log: silentLogger,
    externalSimulator: { seed: SEED, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } },
    tradingTicker: handTicker,
  });
  expect((await core.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false } })).ok).toBe(true);
  await core.trading()!.reconciled();
  core.events.subscribe('trading.state.changed', (s) => states.push(s));
}, 120_000);

afterAll(async () => {
  await core?.close();
  await sim?.close();
  data?.cleanup();
});

const reconnects = () => Object.values(core.runtime()!.ports).flatMap((p) => p.health()).reduce((n, h) => n + h.reconnects, 0);

describe('resume from sleep', () => {
  it('holds entries, reconnects every stream, reconciles, then restores ACTIVE', async () => {
    expect(core.tradingState().state).toBe('ACTIVE');
    const before = reconnects();
    const streams = Object.values(core.runtime()!.ports).flatMap((p) => p.health()).length;
    core.power.suspend();
    const done = core.power.resume();
    // The hold is in place before anything is awaited: no entry can slip in.
    expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: RESUME_HOLD_REASON });
    expect(await done).toBe('restored');
    expect(core.tradingState()).toMatchObject({ state: 'ACTIVE', reason: RESUME_DONE_REASON });
    expect(states.map((s) => [s.state, s.reason])).toEqual([
      ['REDUCING', RESUME_HOLD_REASON],
      ['ACTIVE', RESUME_DONE_REASON],
    ]);
    // Every public and private stream dropped and came back.
    expect(reconnects()).toBeGreaterThanOrEqual(before + streams);
    await pollUntil(() => Object.values(core.runtime()!.ports).flatMap((p) => p.health()), { until: (hs) => hs.every((h) => h.state === 'open'), what: 'every stream open again' });
    // The reconciliation that ran is the resume's (or one it coalesced into) and it completed.
    const status = core.trading()!.reconcile.status();
    expect(status.skippedVenues).toEqual([]);
    expect(status.reconciled).toBe(true);
  });

  it("a trader's change during the reconciliation stands", async () => {
    states.length = 0;
    const done = core.power.resume();
    expect((await core.dispatcher.call('command', 'trading.state.set', { state: 'HALTED', reason: 'trader looked' })).ok).toBe(true);
    expect(await done).toBe('changed-meanwhile');
    expect(core.tradingState()).toMatchObject({ state: 'HALTED', reason: 'trader looked' });
    expect(states.map((s) => s.state)).toEqual(['REDUCING', 'HALTED']);
  });

  it('from REDUCING or HALTED nothing is held and nothing restored', async () => {
    states.length = 0;
    expect(await core.power.resume()).toBe('not-held');
    expect(core.tradingState().state).toBe('HALTED');
    expect(states).toEqual([]);
  });

  it('a venue that cannot be read after the wake keeps entries held', async () => {
    expect((await core.dispatcher.call('command', 'trading.state.set', { state: 'ACTIVE', reason: 'trader resumes' })).ok).toBe(true);
    sim.faults.failHttp('extended', 100_000, 503, false, '/api/v1/user/positions');
    try {
      expect(await core.power.resume()).toBe('kept-incomplete');
      expect(core.tradingState()).toMatchObject({ state: 'REDUCING', reason: RESUME_HOLD_REASON });
      expect(core.trading()!.reconcile.status().skippedVenues.map((s) => s.venue)).toEqual(['extended']);
    } finally {
      sim.faults.reset('extended');
    }
  });
});
