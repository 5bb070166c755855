// Acceptance of the funding-unit tripwire against the simulator, through the real core, the real
// adapters and their account streams (RUNS ONCE THE ADAPTERS LAND: it needs them to emit
// 'fundingPayment' account events and implement onFundingRejected). A hedged 2 ETH pair is open;
// the simulator's clock drives settlements. With the payment unit deliberately inconsistent on
// Lighter (cash = 100 × size × mark × the rate the venue publishes) the tripwire fires: a
// critical alarm in the health snapshot and the trading state REDUCING. With consistent units it
// checks every settlement and stays quiet.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-core/host/core';
import { createLogger } from '../../../src-core/telemetry/log';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { HealthSnapshot } from '../../../src-core/api/channels/health';
import type { TradingStateRecord } from '../../../src-core/risk/trading-state';
import { tempDir } from '../../helpers/tmp';

const H = 3_600_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(): Promise<{ core: Core; clock: ManualClock; logs: { msg: string; venue?: string; symbol?: string; verdict?: string }[] }> {
  const t = tempDir();
  // Real time at the start, so the adapters' own clocks (auth-token deadlines) stay within the
  // few hours the test advances.
  const clock = new ManualClock(Date.now());
  const logs: { msg: string; level?: string; venue?: string; symbol?: string; verdict?: string }[] = [];
  const log = createLogger({ level: 'info', sink: (line) => logs.push(JSON.parse(line) as (typeof logs)[number]) });
  const core = await createCore({ trading: false,
    dataDir: t.dir, mode: 'sim', log, simSeed: 5, now: () => clock.nowMs(),
    simulator: { clock, txDelayMs: 0, stepMs: 60_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 60_000 } },
  });
  cleanups.push(t.cleanup, () => core.close());
  // A hedged pair on the demo accounts: long 2 ETH on Lighter, short 2 ETH on Extended.
  const sim = core.runtime()!.sim!;
  const lb = sim.engine.book('lighter', 'ETH');
  const l = sim.engine.place('lighter', { accountId: String(sim.demo.lighter.accountIndex), symbol: 'ETH', isAsk: false, priceTicks: lb.bestAsk()! + 500, sizeSteps: 20_000, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '1', expiryMs: null });
  const eb = sim.engine.book('extended', 'ETH');
  const e = sim.engine.place('extended', { accountId: String(sim.demo.extended.accountId), symbol: 'ETH', isAsk: true, priceTicks: eb.bestBid()! - 50, sizeSteps: 2_000, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '2', expiryMs: null });
  expect(l.ok && l.order.status).toBe('filled');
  expect(e.ok && e.order.status).toBe('filled');
  // 0.002 %/h on both venues: clear of the tripwire's near-zero floor (5e-6), so every payment
  // is judged rather than skipped.
  sim.engine.model.pinFunding('lighter', 'ETH', 2e-5);
  sim.engine.model.pinFunding('extended', 'ETH', 2e-5);
  return { core, clock, logs };
}

/** Moves the simulator just past its next hourly settlement. */
function settle(clock: ManualClock): void {
  const now = clock.nowMs();
  clock.advance(Math.ceil((now + 1) / H) * H - now + 1_000);
}

const state = async (core: Core): Promise<TradingStateRecord> => {
  const r = await core.dispatcher.call('query', 'trading.state.get', {});
  if (!r.ok) throw new Error('trading.state.get failed');
  return r.value as TradingStateRecord;
};
const health = async (core: Core): Promise<HealthSnapshot> => {
  const r = await core.dispatcher.call('query', 'health.snapshot', {});
  if (!r.ok) throw new Error('health.snapshot failed');
  return r.value as HealthSnapshot;
};

describe('funding-unit tripwire against the simulator', () => {
  it('fires on a ×100 payment unit: critical alarm and REDUCING', { timeout: 120_000 }, async () => {
    const { core, clock } = await start();
    const changed: string[] = [];
    core.events.subscribe('trading.state.changed', (s) => changed.push(s.state));
    expect((await state(core)).state).toBe('ACTIVE');
    core.runtime()!.sim!.faults.setFundingPaymentScale('lighter', 100);
    settle(clock);
    await expect.poll(async () => (await state(core)).state, { timeout: 60_000, interval: 50 }).toBe('REDUCING');
    expect((await state(core)).reason).toContain('funding-unit tripwire: lighter ETH funding unit mismatch ×');
    expect(changed).toEqual(['REDUCING']);
    const alarms = (await health(core)).alarms;
    expect(alarms).toEqual([expect.objectContaining({ kind: 'funding-unit', severity: 'critical', venue: 'lighter', symbol: 'ETH' })]);
    expect(alarms[0]!.message).toContain('our rate is 100× too small');
  });

  it('stays quiet over several settlements with consistent units', { timeout: 180_000 }, async () => {
    const { core, clock, logs } = await start();
    const checked = (venue: string) => logs.filter((l) => l.msg === 'funding payment consistent' && l.venue === venue && l.symbol === 'ETH').length;
    for (let n = 1; n <= 3; n++) {
      settle(clock);
      await expect.poll(() => Math.min(checked('lighter'), checked('extended')), { timeout: 60_000, interval: 50 }).toBe(n);
    }
    expect(logs.filter((l) => l.msg.startsWith('funding-unit tripwire'))).toEqual([]);
    expect((await health(core)).alarms).toEqual([]);
    expect((await state(core)).state).toBe('ACTIVE');
  });
});
