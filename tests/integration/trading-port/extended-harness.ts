// The Extended harness: the simulator on a manual clock and an ExtendedAdapter with the demo
// Stark account, on the SDK's wire path by default (q-only book deltas, funding rows without id).
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startSimulator, type SimulatorOptions } from '../../../src-core/venues/sim/server';
import { ExtendedAdapter, type ExtendedAdapterOptions } from '../../../src-core/venues/extended/adapter';
import { toIncrements } from '../../../src-core/domain/decimal';
import type { AccountEvent } from '../../../src-core/venues/port';
import { bookPrices, ClientIds, priceOf, type Harness } from './harness';

export interface ExtendedHarness extends Harness {
  readonly adapter: ExtendedAdapter;
  restart(): Promise<ExtendedAdapter>;
  /** Another adapter on the same simulator (caller stops it). */
  makeAdapter(over?: Partial<ExtendedAdapterOptions>): ExtendedAdapter;
}

export async function extendedHarness(opts: { sim?: SimulatorOptions; adapter?: Partial<ExtendedAdapterOptions>; epoch?: number } = {}): Promise<ExtendedHarness> {
  const clock = new ManualClock(Date.now());
  const sim = await startSimulator({ seed: 11, clock, controlPort: null, txDelayMs: 0, stepMs: 60_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 60_000 }, extendedWire: { omitAbsoluteSize: true, omitFundingPaymentId: true }, ...opts.sim });
  const d = sim.demo.extended;
  const ids = new ClientIds(opts.epoch ?? 8);
  const make = (over: Partial<ExtendedAdapterOptions> = {}) =>
    new ExtendedAdapter({
      restUrl: sim.extended.restUrl,
      wsUrls: [sim.extended.wsUrl],
      network: 'testnet',
      credentials: { apiKey: d.apiKey, vault: d.vault, starkPrivateKey: d.starkPrivateKey, starkPublicKey: d.starkPublicKey },
      orderTimeoutMs: 2_000,
      // Manual-clock jumps are not stalls.
      stallMs: 0,
      now: () => clock.nowMs(),
      scheduler: clock,
      ...opts.adapter,
      ...over,
    });
  let adapter = make();
  const events: AccountEvent[] = [];
  let off = adapter.onAccount((e) => events.push(e));
  await adapter.start();
  const counterparty = sim.engine.createAccount('extended', '999002', 10_000_000);
  const h: ExtendedHarness = {
    venue: 'extended',
    sim,
    clock,
    get adapter() {
      return adapter;
    },
    events,
    nextClientId: () => ids.next(),
    restingPrice(symbol, side, ticksAway) {
      const b = bookPrices(sim, 'extended', symbol);
      // 1 % behind the touch by default: inside the price band, out of reach of the model's drift.
      ticksAway ??= Math.max(5, Math.round(b.bidTicks * 0.01));
      return priceOf(side === 'buy' ? b.bidTicks - ticksAway : b.askTicks + ticksAway, b.tickSize);
    },
    touchPrice(symbol, side) {
      const b = bookPrices(sim, 'extended', symbol);
      return priceOf(side === 'buy' ? b.bidTicks : b.askTicks, b.tickSize);
    },
    crossingPrice(symbol, side) {
      const b = bookPrices(sim, 'extended', symbol);
      const through = Math.max(3, Math.round(b.askTicks * 0.002));
      return priceOf(side === 'buy' ? b.askTicks + through : b.bidTicks - through, b.tickSize);
    },
    size(symbol, _price, multiple = 1) {
      const m = sim.engine.market('extended', symbol)!;
      const steps = toIncrements(m.minSize, m.stepSize, 'ceil') * 2n * BigInt(multiple);
      return priceOf(Number(steps), m.stepSize);
    },
    counterpartyTake(symbol, ourSide, price, steps) {
      const m = sim.engine.market('extended', symbol)!;
      const r = sim.engine.place('extended', { accountId: counterparty.id, symbol, isAsk: ourSide === 'buy', priceTicks: Number(toIncrements(price, m.tickSize, 'exact')), sizeSteps: steps, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: `cp-${Math.random()}`, expiryMs: null });
      if (!r.ok) throw new Error(`counterparty order refused: ${r.message}`);
    },
    advance: (ms) => clock.advance(ms),
    setDown: (down) => sim.faults.setDown('extended', down),
    disconnect: () => sim.faults.disconnect('extended'),
    async restart() {
      off();
      await adapter.stop();
      events.length = 0;
      adapter = make();
      off = adapter.onAccount((e) => events.push(e));
      await adapter.start();
      return adapter;
    },
    makeAdapter: make,
    simAccount: () => sim.engine.account('extended', String(d.accountId))!,
    async close() {
      off();
      await adapter.stop();
      await sim.close();
    },
  };
  return h;
}
