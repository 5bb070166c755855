// The Lighter harness: the simulator on a manual clock and a LighterAdapter with the demo API key.
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startSimulator, type SimulatorOptions } from '../../../src-core/venues/sim/server';
import { LighterAdapter, type LighterAdapterOptions } from '../../../src-core/venues/lighter/adapter';
import { toIncrements } from '../../../src-core/domain/decimal';
import type { AccountEvent } from '../../../src-core/venues/port';
import { bookPrices, ClientIds, priceOf, type Harness } from './harness';

/** Tx execution delay on the simulator clock (the speed bump). */
export const LIGHTER_TX_DELAY_MS = 100;

export interface LighterHarness extends Harness {
  readonly adapter: LighterAdapter;
  restart(): Promise<LighterAdapter>;
}

export async function lighterHarness(opts: { sim?: SimulatorOptions; adapter?: Partial<LighterAdapterOptions>; epoch?: number } = {}): Promise<LighterHarness> {
  const clock = new ManualClock(Date.now());
  const sim = await startSimulator({ seed: 11, clock, controlPort: null, txDelayMs: LIGHTER_TX_DELAY_MS, stepMs: 60_000, lighterWs: { bookIntervalMs: 1_000, statsIntervalMs: 60_000 }, ...opts.sim });
  const d = sim.demo.lighter;
  const ids = new ClientIds(opts.epoch ?? 7);
  const make = () =>
    new LighterAdapter({
      restUrl: sim.lighter.restUrl,
      wsUrls: [sim.lighter.wsUrl],
      credentials: { privateKeyHex: d.apiPrivateKeyHex, accountIndex: d.accountIndex, apiKeyIndex: d.apiKeyIndex, chainId: 300 },
      orderTimeoutMs: 2_000,
      // Manual-clock jumps are not stalls.
      stallMs: 0,
      now: () => clock.nowMs(),
      ...opts.adapter,
    });
  let adapter = make();
  const events: AccountEvent[] = [];
  let off = adapter.onAccount((e) => events.push(e));
  await adapter.start();
  const counterparty = sim.engine.createAccount('lighter', '999001', 10_000_000);
  const h: LighterHarness = {
    venue: 'lighter',
    sim,
    clock,
    get adapter() {
      return adapter;
    },
    events,
    nextClientId: () => ids.next(),
    restingPrice(symbol, side, ticksAway) {
      const b = bookPrices(sim, 'lighter', symbol);
      // 2 % behind the touch by default: inside the price band, out of reach of the model's drift.
      ticksAway ??= Math.max(5, Math.round(b.bidTicks * 0.02));
      return priceOf(side === 'buy' ? b.bidTicks - ticksAway : b.askTicks + ticksAway, b.tickSize);
    },
    touchPrice(symbol, side) {
      const b = bookPrices(sim, 'lighter', symbol);
      return priceOf(side === 'buy' ? b.bidTicks : b.askTicks, b.tickSize);
    },
    crossingPrice(symbol, side) {
      const b = bookPrices(sim, 'lighter', symbol);
      const through = Math.max(3, Math.round(b.askTicks * 0.002));
      return priceOf(side === 'buy' ? b.askTicks + through : b.bidTicks - through, b.tickSize);
    },
    size(symbol, price, multiple = 1) {
      const m = sim.engine.market('lighter', symbol)!;
      const minByNotional = toIncrements(Number(m.minNotionalUsd) / Number(price), m.stepSize, 'ceil');
      const minBySize = toIncrements(m.minSize, m.stepSize, 'ceil');
      const steps = (minByNotional > minBySize ? minByNotional : minBySize) * 2n * BigInt(multiple);
      return priceOf(Number(steps), m.stepSize);
    },
    counterpartyTake(symbol, ourSide, price, steps) {
      const m = sim.engine.market('lighter', symbol)!;
      const r = sim.engine.place('lighter', { accountId: counterparty.id, symbol, isAsk: ourSide === 'buy', priceTicks: Number(toIncrements(price, m.tickSize, 'exact')), sizeSteps: steps, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: `cp-${Math.random()}`, expiryMs: null });
      if (!r.ok) throw new Error(`counterparty order refused: ${r.message}`);
    },
    advance: (ms) => clock.advance(ms),
    setDown: (down) => sim.faults.setDown('lighter', down),
    disconnect: () => sim.faults.disconnect('lighter'),
    async restart() {
      off();
      await adapter.stop();
      events.length = 0;
      adapter = make();
      off = adapter.onAccount((e) => events.push(e));
      await adapter.start();
      return adapter;
    },
    simAccount: () => sim.engine.account('lighter', String(d.accountIndex))!,
    async close() {
      off();
      await adapter.stop();
      await sim.close();
    },
  };
  return h;
}
