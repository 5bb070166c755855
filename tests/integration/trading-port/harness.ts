// The trading-port contract harness: a started simulator on a manual clock and an adapter with
// credentials, venue-parametrised so the same scenarios run against both venues. A venue supplies
// a HarnessSpec (how to build its adapter on a simulator); everything else is venue-neutral and
// speaks only through the port (plus the simulator's clock and a second "market" account that
// trades against our resting orders).
import { expect } from 'vitest';
import { encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import { fromIncrements, toIncrements } from '../../../src-core/domain/decimal';
import type { Side, VenueId } from '../../../src-core/domain/venue';
import type { AccountEvent, OrderState, VenueAdapter } from '../../../src-core/venues/port';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src-core/venues/sim/server';

export const T0 = Date.UTC(2026, 10, 24, 10, 20);
export const POLL = { timeout: 10_000, interval: 20 } as const;

export interface HarnessSpec {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly otherSymbol: string;
  /** Extra simulator options for this venue (wire variations, network). */
  readonly simOptions?: Partial<SimulatorOptions>;
  readonly makeAdapter: (sim: Simulator, clock: ManualClock) => VenueAdapter;
}

export interface Harness {
  readonly venue: VenueId;
  readonly sim: Simulator;
  readonly clock: ManualClock;
  readonly adapter: VenueAdapter;
  readonly symbol: string;
  readonly otherSymbol: string;
  /** Every account event the adapter emitted, in order. */
  readonly events: AccountEvent[];
  clientId(): string;
  /** The market's minimum size times `multiple`, on the step grid. */
  size(symbol?: string, multiple?: number): string;
  /** A price that rests (1 % behind the touch) / crosses (0.2 % through it). */
  restingPrice(side: Side, symbol?: string): string;
  crossingPrice(side: Side, symbol?: string): string;
  /** The best price on our side of the book, where a resting order is first in line. */
  touchPrice(side: Side, symbol?: string): string;
  /** Another account takes `size` against our resting order at `price` (taker on the other side). */
  marketTakes(side: Side, price: string, size: string, symbol?: string): void;
  advance(ms: number): void;
  /** A fresh adapter instance on the same simulator (a restart: no memory of this one). */
  restart(): Promise<VenueAdapter>;
  lastOrder(clientOrderId: string): OrderState | undefined;
  waitOrder(clientOrderId: string, pred: (o: OrderState) => boolean): Promise<OrderState>;
  close(): Promise<void>;
}

let nextPair = 1;

export async function startHarness(spec: HarnessSpec): Promise<Harness> {
  const clock = new ManualClock(T0);
  const sim = await startSimulator({ seed: 11, clock, controlPort: null, txDelayMs: 0, stepMs: 60_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 60_000 }, ...spec.simOptions });
  const adapters: VenueAdapter[] = [];
  const start = async () => {
    const a = spec.makeAdapter(sim, clock);
    adapters.push(a);
    await a.start();
    return a;
  };
  const adapter = await start();
  const events: AccountEvent[] = [];
  adapter.onAccount((e) => events.push(e));
  const venue = spec.venue;
  const marketOf = (symbol: string) => {
    const m = sim.engine.market(venue, symbol);
    if (m === undefined) throw new Error(`no ${venue} market ${symbol}`);
    return m;
  };
  const price = (symbol: string, ticks: number) => fromIncrements(BigInt(ticks), marketOf(symbol).tickSize);
  const best = (symbol: string, side: Side) => {
    const b = sim.engine.book(venue, symbol);
    const t = side === 'buy' ? b.bestBid() : b.bestAsk();
    if (t === null) throw new Error('empty book side');
    return t;
  };
  const taker = sim.engine.createAccount(venue, `harness-taker-${venue}`, 10_000_000);
  const lastOrder = (id: string) => {
    let found: OrderState | undefined;
    for (const e of events) if (e.type === 'order' && e.order.clientOrderId === id) found = e.order;
    return found;
  };
  return {
    venue,
    sim,
    clock,
    adapter,
    symbol: spec.symbol,
    otherSymbol: spec.otherSymbol,
    events,
    clientId: () => encodeClientOrderId({ epoch: 7, pairSeq: nextPair++, leg: 0, purpose: 'entry', attempt: 0 }),
    size(symbol = spec.symbol, multiple = 1) {
      const m = marketOf(symbol);
      const steps = toIncrements(m.minSize, m.stepSize, 'ceil') * BigInt(multiple);
      return fromIncrements(steps, m.stepSize);
    },
    restingPrice(side, symbol = spec.symbol) {
      const t = best(symbol, side);
      return price(symbol, side === 'buy' ? Math.floor(t * 0.99) : Math.ceil(t * 1.01));
    },
    crossingPrice(side, symbol = spec.symbol) {
      const t = best(symbol, side === 'buy' ? 'sell' : 'buy');
      return price(symbol, side === 'buy' ? Math.ceil(t * 1.002) : Math.floor(t * 0.998));
    },
    touchPrice(side, symbol = spec.symbol) {
      return price(symbol, best(symbol, side));
    },
    marketTakes(side, px, size, symbol = spec.symbol) {
      const m = marketOf(symbol);
      const r = sim.engine.place(venue, {
        accountId: taker.id,
        symbol,
        isAsk: side === 'buy', // taking a resting buy means selling into it
        priceTicks: Number(toIncrements(px, m.tickSize, 'exact')),
        sizeSteps: Number(toIncrements(size, m.stepSize, 'exact')),
        type: 'limit',
        tif: 'ioc',
        reduceOnly: false,
        clientId: `taker-${Math.random()}`,
        expiryMs: null,
      });
      if (!r.ok) throw new Error(`taker order refused: ${r.message}`);
    },
    advance: (ms) => clock.advance(ms),
    restart: start,
    lastOrder,
    async waitOrder(id, pred) {
      await expect.poll(() => {
        const o = lastOrder(id);
        return o !== undefined && pred(o);
      }, POLL).toBe(true);
      return lastOrder(id)!;
    },
    async close() {
      for (const a of adapters) await a.stop();
      await sim.close();
    },
  };
}
