// Issue 13, acceptance 3: a restart with one venue unreachable starts REDUCING, says which venue
// and why (trading state and the user's notice), builds no venue runtime (so no order can go to
// either venue), keeps retrying, and once the venue is back reconciles both venues and only then
// leaves REDUCING. The real simulator on loopback sockets; the venue is "down" through the
// simulator's own fault switch (its REST answers 503 and its WebSocket upgrade is refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { VENUE_BACK_REASON } from '../../../src-core/host/venue-down-start';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

const handTicker: Ticker = { every: () => () => undefined };
const SEED = 13;

let sim: Simulator;
let core: Core;
let data: { dir: string; cleanup: () => void };

beforeAll(async () => {
  data = tempDir('fundingbot-venue-down-');
  sim = await startSimulator({ seed: SEED, controlPort: null, stepMs: 60_000 });
  sim.faults.setDown('lighter', true);
  core = await createCore({
    dataDir: data.dir,
    mode: 'sim',
    log: silentLogger,
    externalSimulator: { seed: SEED, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } },
    tradingTicker: handTicker,
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await sim?.close();
  data?.cleanup();
});

const state = async () => {
  const r = await core.dispatcher.call('query', 'trading.state.get', {});
  if (!r.ok) throw new Error('trading.state.get failed');
  return r.value as { state: string; reason: string };
};

describe('start with one venue unreachable', () => {
  it('starts REDUCING, names the venue, and sends nothing', async () => {
    expect(await state()).toMatchObject({ state: 'REDUCING', reason: expect.stringContaining('lighter') });
    const notices = await core.dispatcher.call('query', 'notices.recent', {});
    expect(notices.ok).toBe(true);
    const list = (notices.ok ? notices.value : { notices: [] }) as { notices: { kind: string; body: string }[] };
    expect(list.notices.some((n) => n.kind === 'breakerTrip' && n.body.includes('lighter'))).toBe(true);
    // No runtime, no trading core: nothing exists that could place an order on either venue.
    expect(core.runtime()).toBeNull();
    expect(core.trading()).toBeNull();
  });

  it('reconciles both venues once the venue is back, then leaves REDUCING', async () => {
    // Whether both venues were reconciled at the very moment the state left REDUCING: entries
    // (orders) may resume only after that, never on a reconciliation still under way.
    const atChange: { state: string; reconciled: boolean | null }[] = [];
    core.events.subscribe('trading.state.changed', (s) => atChange.push({ state: s.state, reconciled: core.trading()?.reconcile.status().reconciled ?? null }));
    sim.faults.setDown('lighter', false);
    await pollUntil(() => core.trading(), { what: 'the trading core started after the venue came back', timeoutMs: 60_000 });
    await pollUntil(state, { until: (s) => s.state !== 'REDUCING', what: 'the state left REDUCING', timeoutMs: 60_000 });
    expect(await state()).toEqual(expect.objectContaining({ state: 'ACTIVE', reason: VENUE_BACK_REASON }));
    const status = core.trading()!.reconcile.status();
    expect(status.reconciled).toBe(true);
    expect(status.skippedVenues).toEqual([]);
    expect(atChange).toEqual([{ state: 'ACTIVE', reconciled: true }]);
  });
});
