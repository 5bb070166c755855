// The venue runtime: the venues (venues.ts), the market data service, funding history and the
// loops that feed the contract's screener and health events (loops/). It composes; each part
// lives in its own file and sees the venue port only.
import type { AccountView } from '../market/types';
import type Database from 'better-sqlite3';
import type { EventHub } from '../api/events';
import type { ScreenerRow } from '../api/channels/screener';
import type { HealthSnapshot } from '../api/channels/health';
import type { Settings } from '../config/schema';
import type { Mode, VenueId } from '../domain/venue';
import { FundingHistoryStore } from '../market/funding-history';
import { MarketDataService } from '../market/service';
import { AlarmBoard } from '../risk/alarms';
import type { SymbolReport } from '../strategy/screener';
import type { Logger } from '../telemetry/log';
import type { Balance, VenueAdapter } from '../venues/port';
import type { Simulator, SimulatorOptions } from '../venues/sim/server';
import { startBackfillLoop } from './loops/backfill';
import { startBalanceLoop } from './loops/balances';
import { startFundingRefresh } from './loops/funding-refresh';
import { startHealthLoop } from './loops/health';
import { startScreenerLoop } from './loops/screener';
import { healthSnapshot } from './projections/health-snapshot';
import type { Ticker } from './screener-emitter';
import { createVenues, type ExternalSimulator } from './venues';
import { VenueUnreachableError } from './venue-retry';

export type PairsAccountView = Pick<AccountView, 'openPairs' | 'openSymbols' | 'lastCloseMs'>;
const NO_PAIRS: PairsAccountView = { openPairs: 0, openSymbols: new Set(), lastCloseMs: new Map() };

export interface VenueRuntime {
  readonly sim: Simulator | null;
  readonly market: MarketDataService;
  readonly history: FundingHistoryStore;
  /** Both adapters through the port only (the funding tripwire and other loops). */
  readonly ports: Readonly<Record<VenueId, VenueAdapter>>;
  readonly alarms: AlarmBoard;
  /** The balance poll's latest exact balances; null where the last read failed (unknown). */
  balances(): Readonly<Record<VenueId, Balance | null>>;
  /** The account as the screener sees it: available margin, open pairs, last closes. */
  account(): AccountView;
  /** The trading core hands over its view of open pairs and closes. */
  setPairsView(fn: () => PairsAccountView): void;
  /** Reads both balances now (joining a poll in flight); resolves when balances() has them. */
  refreshBalances(): Promise<void>;
  rows(): ScreenerRow[];
  report(symbol: string): SymbolReport | undefined;
  health(): HealthSnapshot;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  readonly mode: Mode;
  readonly settings: () => Settings;
  readonly db: Database.Database;
  readonly events: EventHub;
  readonly log: Logger;
  readonly now?: () => number;
  readonly simSeed?: number;
  /** Drives the screener emitter (tests inject one to count events without sleeping). */
  readonly screenerTicker?: Ticker;
  /** A venue stream silent this long counts as stalled: its books go stale and it reconnects
   *  (adapters' default 15 s). Tests of the stale-book path shorten it instead of waiting. */
  readonly streamStallMs?: number;
  /** Sim mode only: each Extended market's funding poll interval (default once a minute, the
   *  request budget's rule). Tests of funding changes shorten it instead of waiting a minute. */
  readonly extendedFundingPollMs?: number;
  readonly simulator?: Omit<SimulatorOptions, 'seed'>;
  /** Sim mode on a simulator running in another process (host/venues.ts ExternalSimulator). */
  readonly externalSimulator?: ExternalSimulator;
}

export async function startVenueRuntime(options: RuntimeOptions): Promise<VenueRuntime> {
  const now = options.now ?? Date.now;
  const { log, events, settings } = options;
  const { sim, ports } = await createVenues({
    mode: options.mode,
    settings: settings(),
    log,
    ...(options.simSeed === undefined ? {} : { simSeed: options.simSeed }),
    ...(options.streamStallMs === undefined ? {} : { streamStallMs: options.streamStallMs }),
    ...(options.extendedFundingPollMs === undefined ? {} : { extendedFundingPollMs: options.extendedFundingPollMs }),
    ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
    ...(options.externalSimulator === undefined ? {} : { externalSimulator: options.externalSimulator }),
  });
  const market = new MarketDataService(ports, { log });
  try {
    // A venue that cannot start is named (the core starts REDUCING and retries it: core.ts).
    await Promise.all((['lighter', 'extended'] as const).map((v) => ports[v].start().catch((e: unknown) => {
      throw new VenueUnreachableError(v, e);
    })));
    await market.start();
  } catch (e) {
    // A start that fails half way leaves no socket, timer or simulator behind.
    market.stop();
    await Promise.allSettled([ports.lighter.stop(), ports.extended.stop()]);
    await sim?.close();
    throw e;
  }
  const alarms = new AlarmBoard();
  const history = new FundingHistoryStore(options.db);
  const balances = await startBalanceLoop({ ports, log });
  // The trading core, once it runs, says which pairs are open and when each symbol closed (the
  // screener previews the max-open-pairs and cooldown gates with it).
  let pairsView: () => PairsAccountView = () => NO_PAIRS;
  const account = (): AccountView => ({ availableUsd: balances.availableUsd(), ...pairsView() });
  const screener = startScreenerLoop({
    market,
    history,
    settings,
    account,
    events,
    now,
    ...(options.screenerTicker === undefined ? {} : { ticker: options.screenerTicker }),
  });
  const health = (): HealthSnapshot => healthSnapshot({ ports, views: () => market.allViews(), alarms: () => alarms.list(), fundingRejections: () => market.fundingRejections() }, now());
  const loops = [
    startHealthLoop({ sample: health, events, log }),
    startFundingRefresh({ market, log }),
    startBackfillLoop({ history, ports, symbols: () => market.symbols(), settings, log, now }),
  ];

  return {
    sim,
    market,
    history,
    ports,
    alarms,
    balances: () => balances.balances(),
    account,
    setPairsView: (fn) => {
      pairsView = fn;
    },
    refreshBalances: () => balances.poll(),
    rows: () => screener.rows(),
    report: (symbol) => screener.report(symbol),
    health,
    async close() {
      for (const loop of loops) loop.stop();
      balances.stop();
      screener.stop();
      market.stop();
      await Promise.all([ports.lighter.stop(), ports.extended.stop()]);
      await sim?.close();
    },
  };
}
