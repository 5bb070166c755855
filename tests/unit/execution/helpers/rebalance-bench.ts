// The pair rebalancer's unit-test bench: the scripted tracker over the real FSM and ledger
// (helpers/scripted-tracker.ts), venues whose live position is the ledger's net fills plus what
// the test says the venue did on its own (a partial liquidation), or a failed read, and a
// logger whose lines the test reads.
import { exitDefaults } from '../../../../src-core/config/exits';
import { tradingDefaults } from '../../../../src-core/config/trading';
import { addDecimal } from '../../../../src-core/domain/decimal';
import type { VenueId } from '../../../../src-core/domain/venue';
import type { EntryGate } from '../../../../src-core/execution/entry-types';
import { PairRebalancer, type RebalanceSettings } from '../../../../src-core/execution/rebalance';
import { createLogger } from '../../../../src-core/telemetry/log';
import type { MarketMeta, Position } from '../../../../src-core/venues/port';
import type { LogLine } from './scripted-port';
import { bench, StaticVenue, type Bench } from './scripted-tracker';

/** A StaticVenue with a positions query: the ledger's net plus `offset`, or a failure. */
export class HeldVenue extends StaticVenue {
  reads = 0;
  /** Added to the ledger's net (a liquidation the venue did: negative on a long). */
  offset = '0';
  /** When set, every read rejects with it. */
  failWith: unknown = null;
  /** When set, the venue lists only these positions. */
  listed: Position[] | null = null;
  /** market() answers undefined from this call on (1-based; null: never). */
  marketGoneAfter: number | null = null;
  private marketCalls = 0;
  ledgerNet: () => string = () => '0';

  override market(symbol: string): MarketMeta | undefined {
    this.marketCalls += 1;
    if (this.marketGoneAfter !== null && this.marketCalls > this.marketGoneAfter) return undefined;
    return super.market(symbol);
  }

  async positions(): Promise<readonly Position[]> {
    this.reads += 1;
    if (this.failWith !== null) throw this.failWith;
    if (this.listed !== null) return this.listed;
    return [position(this.meta.venue, this.meta.symbol, addDecimal(this.ledgerNet(), this.offset))];
  }
}

export function position(venue: VenueId, symbol: string, size: string, markPrice = 2000): Position {
  return { venue, symbol, size, entryPrice: 2000, markPrice, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: null };
}

export interface RebalanceBench extends Omit<Bench, 'venues'> {
  readonly venues: { lighter: HeldVenue; extended: HeldVenue };
  readonly logs: LogLine[];
  readonly gateCalls: Parameters<EntryGate>[0][];
  rebalancer(over?: Partial<RebalanceSettings>, gate?: EntryGate): PairRebalancer;
  logged(level: string): string[];
}

export function rebalanceBench(): RebalanceBench {
  const b = bench();
  const mk = (venue: VenueId) => {
    const v = new HeldVenue(b.venues[venue].meta, 2000, 2000.1);
    v.ledgerNet = () => b.ledger.netFilledSize(venue, 'ETH');
    return v;
  };
  const venues = { lighter: mk('lighter'), extended: mk('extended') };
  const logs: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as LogLine) });
  const gateCalls: Parameters<EntryGate>[0][] = [];
  return {
    ...b,
    venues,
    logs,
    gateCalls,
    rebalancer: (over = {}, gate = () => ({ allowed: true })) =>
      new PairRebalancer({
        tracker: b.tracker,
        ledger: b.ledger,
        venues,
        clock: b.clock,
        gate: (c) => {
          gateCalls.push(c);
          return gate(c);
        },
        settings: () => ({ ...exitDefaults, ...tradingDefaults, ...over }),
        log,
      }),
    logged: (level) => logs.filter((l) => l.level === level).map((l) => l.msg),
  };
}

/** An open pair of `size` ETH: long on Lighter (leg 0), short on Extended (leg 1), both filled at
 *  2000.00, as the entry leaves it in the ledger. */
export async function openPair(x: Omit<Bench, 'venues'>, size = '0.2'): Promise<number> {
  const pairSeq = x.ledger.allocatePairSeq();
  const pair = { pairSeq, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: size, entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: x.clock.now() };
  const script = x.tracker.script;
  x.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
  await x.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size, price: '2000.00', tif: 'ioc', reduceOnly: false }, type: 'limit' });
  await x.tracker.submit({ pair, intent: { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size, price: '2000.00', tif: 'ioc', reduceOnly: false }, type: 'limit' });
  x.tracker.script = script;
  x.ledger.setPairState(pairSeq, 'open', x.clock.now());
  x.tracker.submitted.length = 0;
  return pairSeq;
}
