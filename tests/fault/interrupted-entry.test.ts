// A crash between the legs of an entry (issue 13, crash suite; found by it): the core is SIGKILLed
// as its hedge reaches the venue, before the venue books it, so the first leg is left alone on
// Lighter. After the restart the pair is 'broken' (not 'opening' for ever: nothing runs its entry
// any more), reconciliation asks the trader about the naked leg, the trader's pairs.close closes
// it, and the venue ends flat with nothing left to ask. Before host/trading/interrupted-entries.ts
// the pair stayed 'opening': pairs.close refused it and its symbol took no entry again.
// A crash right after the maker leg reached the book leaves that order resting with nothing to
// hedge its fills: the restart cancels it (host/trading/interrupted-orders.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileStatus } from '../../src-core/api/channels/reconcile';
import type { PairRow } from '../../src-core/api/channels/pairs';
import { INTERRUPTED_ENTRY_REASON } from '../../src-core/host/trading/interrupted-entries';
import { tempDir } from '../helpers/tmp';
import { pollUntil } from '../helpers/wait';
import { connectClient, type TestClient } from '../helpers/ws-client';
import { startCoreChild, startSimChild, type Child, type CoreChild } from './children';
import { CRASH_SETTINGS } from './crash-run';
import type { SimInspection, SimTrap } from './sim-protocol';

const DEADLINE_MS = 60_000;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function call<T>(ws: TestClient, kind: 'query' | 'command', channel: string, payload: unknown = {}): Promise<T> {
  const r = await ws.call(kind, channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** The simulator and a core that starts on one data directory (again after a kill). */
async function harness() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const { child: sim, endpoints } = await startSimChild(7);
  cleanups.push(() => {
    sim.proc.disconnect();
    return sim.exited;
  });
  const start = async () => {
    const core = await startCoreChild(t.dir, endpoints);
    cleanups.push(() => core.child.kill());
    const ws = await connectClient(core.wsUrl);
    cleanups.push(() => ws.close());
    await core.reconciled;
    return { core, ws };
  };
  return { sim, start };
}

/** Arms the venue's trap on the core, pins a wide ETH carry so auto-entry opens it, and returns
 *  once the trap killed the core (the pin lifted again). The core may die before it answers the
 *  funding refresh: that is the trap firing, not a failure. */
async function enterIntoTrap(sim: Child, core: CoreChild, trap: SimTrap): Promise<void> {
  await sim.request({ op: 'arm', pid: core.child.pid, trap });
  const killed = sim.next('killed');
  await sim.request({ op: 'pin', pins: [['lighter', 'ETH', -0.0005], ['extended', 'ETH', 0.0005]] });
  await core.child.request({ op: 'refreshFunding', symbol: 'ETH' }).catch((e: unknown) => {
    if (core.child.proc.exitCode === null && core.child.proc.signalCode === null) throw e;
  });
  await killed;
  await core.child.exited;
  await sim.request({ op: 'pin', pins: [['lighter', 'ETH', null], ['extended', 'ETH', null]] });
}

describe('an entry interrupted by a crash between its legs', () => {
  it('restarts as a broken pair: the naked leg is asked about, and the trader can close it', { timeout: 300_000 }, async () => {
    const { sim, start } = await harness();
    const first = await start();
    await call(first.ws, 'command', 'settings.update', CRASH_SETTINGS);
    await enterIntoTrap(sim, first.core, { on: 'place', purpose: 'hedge', nth: 1, when: 'before' });
    const naked = await sim.request<SimInspection>({ op: 'inspect' });
    expect(naked.lighter.positions['ETH'], JSON.stringify(naked.lighter.positions)).toBeDefined();
    expect(naked.extended.positions['ETH']).toBeUndefined();

    const { ws } = await start();
    const pairs = async () => (await call<{ pairs: PairRow[] }>(ws, 'query', 'pairs.list')).pairs;
    const pair = (await pairs()).find((p) => p.symbol === 'ETH')!;
    expect(pair).toMatchObject({ state: 'broken', closeReason: INTERRUPTED_ENTRY_REASON });
    // Asked once the hedge the crash left unanswered is resolved (the tracker's readbacks).
    const asked = await pollUntil(() => call<ReconcileStatus>(ws, 'command', 'reconcile.run'), {
      until: (s) => s.pending.some((p) => p.kind === 'naked-leg' && p.symbol === 'ETH' && p.pairSeq === pair.pairSeq),
      timeoutMs: DEADLINE_MS,
      intervalMs: 500,
      what: 'the naked leg to be asked about',
    });
    expect(asked.reconciled).toBe(true);

    // Auto-entry off from here: once the broken pair is closed, ETH is free again and (its
    // Lighter rate still the pinned one until the venue's next market_stats) would be entered
    // anew, which the checks below would read as this pair's leftovers.
    await call(ws, 'command', 'settings.update', { trading: { autoEntry: false } });
    // The trader's decision: close it.
    expect(await call(ws, 'command', 'pairs.close', { pairSeq: pair.pairSeq, urgency: 'emergency' })).toMatchObject({ pairSeq: pair.pairSeq });
    await pollUntil(async () => (await pairs()).find((p) => p.pairSeq === pair.pairSeq)?.state, { until: (s) => s === 'closed', timeoutMs: DEADLINE_MS, what: 'the broken pair to close' });
    const flat = await sim.request<SimInspection>({ op: 'inspect' });
    expect(flat.lighter.positions['ETH']).toBeUndefined();
    expect(flat.extended.positions['ETH']).toBeUndefined();
    // No second ETH pair beside the broken one: its orders would have landed on the same venue
    // positions as the naked leg (before risk/trading-gate.ts refused a symbol whose pair is
    // broken, the restart's auto-entry opened ETH again while the trader was being asked).
    expect((await pairs()).filter((p) => p.symbol === 'ETH').map((p) => p.pairSeq)).toEqual([pair.pairSeq]);
    const after = await call<ReconcileStatus>(ws, 'command', 'reconcile.run');
    expect(after.pending.filter((p) => p.symbol === 'ETH')).toEqual([]);
  });
  it('a maker leg left resting on the book by the crash is cancelled at the restart', { timeout: 300_000 }, async () => {
    const { sim, start } = await harness();
    const first = await start();
    // A maker that rests: no taker escalation within the test, and the simulated books hold
    // still between model steps (sim-child.ts), so the post-only order stays on the book.
    await call(first.ws, 'command', 'settings.update', { ...CRASH_SETTINGS, trading: { ...CRASH_SETTINGS.trading, makerTimeoutMs: 600_000, entryDeadlineMs: 900_000 } });
    await enterIntoTrap(sim, first.core, { on: 'place', purpose: 'entry', nth: 1, when: 'after' });
    const resting = (await sim.request<SimInspection>({ op: 'inspect' })).lighter.orders.filter((o) => o.symbol === 'ETH' && o.status === 'open');
    expect(resting, 'the maker leg rests on the venue after the kill').toHaveLength(1);

    const { ws } = await start();
    const pair = (await call<{ pairs: PairRow[] }>(ws, 'query', 'pairs.list')).pairs.find((p) => p.symbol === 'ETH')!;
    expect(pair).toMatchObject({ state: 'broken', closeReason: INTERRUPTED_ENTRY_REASON });
    // The venue's own book: the order is cancelled, not left to fill with nothing to hedge it.
    const gone = await pollUntil(async () => (await sim.request<SimInspection>({ op: 'inspect' })).lighter.orders.find((o) => o.clientId === resting[0]!.clientId)!, {
      until: (o) => o.status !== 'open',
      timeoutMs: DEADLINE_MS,
      what: 'the resting maker order to be cancelled',
    });
    expect(gone.status).toBe('canceled');
  });
});
