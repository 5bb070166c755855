// Issue 13: destructive reconciliation fixes wait for the trader unless opted in. On the real
// simulator (kept running across the restart) through the real adapters and the real SQLite
// ledger: a first core leaves a crash between legs (the entry's intent durable, its IOC filled on
// Lighter, the hedge never sent) and a position that is not ours (a BTC sell on Extended under a
// client id of no epoch of ours); a new core on the same data directory reconciles at startup.
// - Without the opt-ins: both are pending with ids, no order at all reaches either venue, and
//   reconcile.decide 'apply' closes each (the naked leg through the pair closer, the foreign
//   position by a reduce-only IOC); each decision is announced by reconcile.changed, and the same
//   id again is NOT_FOUND.
// - With the opt-ins: the startup run closes both itself and nothing is left pending.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileStatus } from '../../../src-core/api/channels/reconcile';
import { createCore, type Core } from '../../../src-core/host/core';
import type { ExternalSimulator } from '../../../src-core/host/venues';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import type { VenueId } from '../../../src-core/domain/venue';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { held, leaveCrashAndForeign, orderCount } from './crash-fixture';

const handTicker: Ticker = { every: () => () => undefined };
const SEED = 13;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function call<T>(core: Core, kind: 'query' | 'command', name: string, input: unknown): Promise<T> {
  const r = await core.dispatcher.call(kind, name as never, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

function endpoints(sim: Simulator, seed: number): ExternalSimulator {
  return { seed, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } };
}

async function startCore(dir: string, sim: Simulator, seed: number): Promise<Core> {
  const core = await createCore({ dataDir: dir, mode: 'sim', log: silentLogger, externalSimulator: endpoints(sim, seed), extendedFundingPollMs: 5_000, tradingTicker: handTicker });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await core.close();
  });
  const close = core.close.bind(core);
  (core as { close: () => Promise<void> }).close = async () => {
    closed = true;
    await close();
  };
  return core;
}

async function firstRun(dir: string, sim: Simulator, seed: number, reconcile: object) {
  const first = await startCore(dir, sim, seed);
  expect((await first.dispatcher.call('command', 'settings.update', { trading: { autoEntry: false }, reconcile })).ok).toBe(true);
  await first.trading()!.reconciled();
  const left = await leaveCrashAndForeign(first.runtime()!.ports, first.trading()!.ledger);
  await first.close();
  return left;
}

const venuesOf = (s: ReconcileStatus, kind: string): VenueId[] => s.pending.filter((p) => p.kind === kind).map((p) => p.venue!);

describe('reconciliation: destructive fixes and the trader', () => {
  it('without the opt-ins sends nothing and asks; the trader applies each fix', { timeout: 180_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const sim = await startSimulator({ seed: SEED, controlPort: null, stepMs: 60_000 });
    cleanups.push(() => sim.close());
    const left = await firstRun(t.dir, sim, SEED, {});

    const ordersBefore = orderCount(sim);
    const core = await startCore(t.dir, sim, SEED);
    const changed: ReconcileStatus[] = [];
    core.events.subscribe('reconcile.changed', (s) => changed.push(s));
    await core.trading()!.reconciled();
    const status = await call<ReconcileStatus>(core, 'query', 'reconcile.pending', {});
    expect(venuesOf(status, 'naked-leg')).toEqual(['lighter']);
    expect(venuesOf(status, 'position-not-ours')).toEqual(['extended']);
    const naked = status.pending.find((p) => p.kind === 'naked-leg')!;
    const foreign = status.pending.find((p) => p.kind === 'position-not-ours')!;
    expect(naked).toMatchObject({ action: 'close-position', symbol: 'ETH', pairSeq: left.pairSeq, why: 'autoCloseNakedLegs is off: the trader decides' });
    expect(foreign).toMatchObject({ action: 'close-position', symbol: 'BTC', pairSeq: null, why: 'autoCloseForeignPositions is off: the trader decides' });
    // Not one order reached a venue, and both positions are as the crash left them.
    expect(orderCount(sim)).toBe(ordersBefore);
    const ports = core.runtime()!.ports;
    expect(Number(await held(ports.lighter, 'ETH'))).toBe(Number(left.legSize));
    expect(Number(await held(ports.extended, 'BTC'))).toBe(-Number(left.foreignSize));
    // A later run asks again, under the same ids.
    const again = await call<ReconcileStatus>(core, 'command', 'reconcile.run', {});
    expect(again.pending.map((p) => p.id).sort()).toEqual(status.pending.map((p) => p.id).sort());
    expect(orderCount(sim)).toBe(ordersBefore);

    const afterNaked = await call<ReconcileStatus>(core, 'command', 'reconcile.decide', { id: naked.id, decision: 'apply' });
    expect(afterNaked.pending.map((p) => p.id)).not.toContain(naked.id);
    expect(changed.at(-1)).toEqual(afterNaked);
    expect(Number(await held(ports.lighter, 'ETH'))).toBe(0);
    expect(core.trading()!.ledger.pairRecord(left.pairSeq)!.state).toBe('closed');
    await call(core, 'command', 'reconcile.decide', { id: foreign.id, decision: 'apply' });
    await pollUntil(() => held(ports.extended, 'BTC'), { until: (s) => Number(s) === 0, what: 'the foreign position to be closed' });
    expect(await core.dispatcher.call('command', 'reconcile.decide', { id: foreign.id, decision: 'apply' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The next run finds nothing left of either.
    const clean = await call<ReconcileStatus>(core, 'command', 'reconcile.run', {});
    expect(clean.pending).toEqual([]);
    expect(clean.invariantViolations).toEqual([]);
    expect(clean.reconciled).toBe(true);
  });

  it('with the opt-ins the startup run closes both itself', { timeout: 180_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const sim = await startSimulator({ seed: SEED + 1, controlPort: null, stepMs: 60_000 });
    cleanups.push(() => sim.close());
    const left = await firstRun(t.dir, sim, SEED + 1, { autoCloseNakedLegs: true, autoCloseForeignPositions: true });

    const core = await startCore(t.dir, sim, SEED + 1);
    await core.trading()!.reconciled();
    const status = await pollUntil(() => call<ReconcileStatus>(core, 'query', 'reconcile.pending', {}), { until: (s) => s.lastRunAtMs !== null && !s.running, what: 'the startup run' });
    expect(status.pending).toEqual([]);
    expect(status.appliedCount).toBeGreaterThanOrEqual(2);
    const ports = core.runtime()!.ports;
    expect(Number(await held(ports.lighter, 'ETH'))).toBe(0);
    await pollUntil(() => held(ports.extended, 'BTC'), { until: (s) => Number(s) === 0, what: 'the foreign position to be closed' });
    expect(core.trading()!.ledger.pairRecord(left.pairSeq)!.state).toBe('closed');
  });
});
