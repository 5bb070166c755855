// Composition root: wires the store, settings, trading state and (per mode) the venue runtime
// from one set of options. Both the Electron main process (IPC) and the headless host
// (WebSocket) create exactly one Core and put a transport in front of its dispatcher.
import { createDispatcher, type Dispatcher } from '../api/dispatcher';
import { EventHub } from '../api/events';
import type { Settings } from '../config/schema';
import { openStore, type Db } from '../store/db';
import { SettingsRepo } from '../store/settings-repo';
import { TradingStateRepo, type TradingStateRecord } from '../store/trading-state-repo';
import { createLogger, type Logger } from '../telemetry/log';
import type { Mode, TradingState } from '../domain/venue';
import { REASON_MAX_LENGTH } from '../risk/breaker-board';
import type { SimulatorOptions } from '../venues/sim/server';
import { appHandlers } from './handlers/app';
import { healthHandlers } from './handlers/health';
import { pairsHandlers, type PairCommands } from './handlers/pairs';
import { LedgerQueries } from '../ledger/ledger-queries';
import { screenerHandlers } from './handlers/screener';
import { settingsHandlers } from './handlers/settings';
import { tradingHandlers } from './handlers/trading';
import { startHeartbeat } from './loops/heartbeat';
import { startFundingTripwire, type FundingTripwire } from './loops/funding-tripwire';
import { startVenueRuntime, type VenueRuntime } from './runtime';
import type { Ticker } from './screener-emitter';
import { createSettingsControl } from './settings-control';
import { createTradingStateControl } from './trading-state-control';
import { startTradingCore, type TradingCore } from './trading/compose';
import type { ExternalSimulator } from './venues';
import { exitsHandlers, type ExitControls } from './handlers/exits';
import { historyHandlers } from './handlers/history';
import { ExportReader } from '../history/export-reader';
import { reconcileHandlers } from './handlers/reconcile';
import { noticesHandlers } from './handlers/notices';
import { startNoticeSource } from './notices/notice-source';
import { keysHandlers } from './handlers/keys';
import { liveHandlers } from './handlers/live';
import { composeKeys } from './keys/compose';
import { positionsHandlers, type PositionsSource } from './handlers/positions';
import { flattenHandlers, type FlattenControls } from './handlers/flatten';
import type { ReconcileLoop } from './trading/reconcile-loop';
import { pairsAccountView } from './trading/exposure';
import { systemClock, type Clock } from '../domain/clock';
import { dbFileName } from '../store/db';
import { join } from 'node:path';
import { countExposure, type Exposure } from './exposure-count';
import { createPowerResume, type PowerResume } from './power-resume';
import { VenueUnreachableError, type StartRetry } from './venue-retry';
import { startWithVenueDown } from './venue-down-start';
import { limitHeapGrowth } from './heap-growth';

export interface CoreOptions {
  readonly dataDir: string;
  /** The one source of the mode: it picks the database file (sim.db, paper.db, live.db) and is
   *  reported by app.info. Settings hold no mode, so nothing can disagree with it. */
  readonly mode: Mode;
  readonly transport?: 'ipc' | 'ws' | 'in-process';
  readonly nativeBinding?: string;
  readonly log?: Logger;
  readonly now?: () => number;
  /** Start the venue runtime (adapters, market data, screener). Off for tests of the shell. */
  readonly startVenues?: boolean;
  readonly simSeed?: number;
  readonly screenerTicker?: Ticker;
  /** Passed to the venue runtime: see RuntimeOptions.streamStallMs. */
  readonly streamStallMs?: number;
  /** Passed to the venue runtime: see RuntimeOptions.extendedFundingPollMs. */
  readonly extendedFundingPollMs?: number;
  /** Extra options for the embedded simulator (tests drive settlements with a ManualClock). */
  readonly simulator?: Omit<SimulatorOptions, 'seed'>;
  /** Sim mode on a simulator running in another process (host/venues.ts ExternalSimulator). */
  readonly externalSimulator?: ExternalSimulator;
  /** Start the trading core (ledger, tracker, executor, breakers, auto-entry) with the venues
   *  (default true). Tests of the screener or the shell turn it off so no pair opens under them. */
  readonly trading?: boolean;
  /** The trading core's clock (deadlines, timers); default the system clock. */
  readonly clock?: Clock;
  /** Drives the trading core's loops (tests tick by hand). */
  readonly tradingTicker?: Ticker;
  /** The OS keychain service the venue keys are stored under (default 'fundingbot'). */
  readonly keychainService?: string;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  readonly db: Db;
  readonly log: Logger;
  readonly mode: Mode;
  settings(): Settings;
  tradingState(): TradingStateRecord;
  /** An automatic guard's request (the shell's crash handlers, the power monitor): it can only
   *  tighten (risk/trading-state.ts); returns the new record, or null when unchanged. */
  tighten(state: TradingState, reason: string): TradingStateRecord | null;
  /** Open pairs and orders in flight, from the ledger (a quit or a restart asks first). */
  exposure(): Exposure;
  runtime(): VenueRuntime | null;
  /** OS sleep and wake (host/power-resume.ts): the shell forwards powerMonitor's events. */
  readonly power: PowerResume;
  /** The trading core, when it runs (sim mode by default). */
  trading(): TradingCore | null;
  /** Orderly and idempotent (every caller gets the one close): host/shutdown.ts says what it
   *  keeps armed on purpose. */
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  // The hosting process's old generation stays near the core's live size (host/heap-growth.ts).
  limitHeapGrowth();
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger({ level: 'info' });
  const startedAtMs = now();
  const mode: Mode = options.mode;
  const db = openStore({ dataDir: options.dataDir, mode, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
  const events = new EventHub(log);
  const settingsRepo = new SettingsRepo(db, now);
  const stateRepo = new TradingStateRepo(db);
  let loaded: Settings;
  try {
    loaded = settingsRepo.load();
  } catch (e) {
    // Unreadable or newer settings stop the start, named in the error; the file stays as it is.
    db.close();
    throw e;
  }
  // Live mode starts REDUCING until the user arms it; sim and paper start ACTIVE.
  const tradingState = createTradingStateControl(
    stateRepo,
    stateRepo.load({ state: mode === 'live' ? 'REDUCING' : 'ACTIVE', reason: 'first start', changedAtMs: startedAtMs }),
    events,
    log,
  );

  let runtime: VenueRuntime | null = null;
  let reconcileLoop: ReconcileLoop | null = null;
  // Keys (keychain) and live arming (in memory: a restart comes up disarmed): host/keys/.
  const { keys, arming } = composeKeys({ mode, settings: () => settings.current(), runtime: () => runtime, ...(options.externalSimulator === undefined ? {} : { externalSimulator: options.externalSimulator }), reconcile: () => reconcileLoop?.status() ?? null, events, log, now, ...(options.keychainService === undefined ? {} : { keychainService: options.keychainService }) });
  // Armed for live: no endpoint change then (the keys were verified against these endpoints).
  const endpointGuard = (): string | null =>
    // Armed, or ACTIVE in live mode (orders may go out): either way the endpoints stay as they are.
    mode === 'live' && (arming.armed() || tradingState.current().state === 'ACTIVE')
      ? 'venue endpoints cannot change while armed for live trading: disarm and set REDUCING or HALTED first'
      : null;
  const settings = createSettingsControl(settingsRepo, loaded, events, now, endpointGuard);

  const app = appHandlers({ mode, dataDir: options.dataDir, startedAtMs, transport: options.transport ?? 'in-process' });
  const settingsChannel = settingsHandlers(settings);
  const trading = tradingHandlers(tradingState, now);
  const screener = screenerHandlers({ runtime: () => runtime, settings: settings.current, now });
  const health = healthHandlers(() => runtime);
  // The trading loop hands its commands over once it runs; until then they answer UNAVAILABLE.
  let pairCommands: PairCommands | null = null;
  let tradingCore: TradingCore | null = null;
  let exitControls: ExitControls | null = null;
  let positionsSource: PositionsSource | null = null;
  let flattenControls: FlattenControls | null = null;
  const readQueries = new LedgerQueries(db);
  const pairs = pairsHandlers({ queries: readQueries, get commands() { return pairCommands; } });
  const exits = exitsHandlers({ queries: readQueries, get controls() { return exitControls; } });
  const reconcile = reconcileHandlers({ get loop() { return reconcileLoop; } });
  const flatten = flattenHandlers({ queries: readQueries, get controls() { return flattenControls; }, tradingState, log, now });
  const positions = positionsHandlers({ get source() { return positionsSource; } });
  const keysChannel = keysHandlers(keys);
  const live = liveHandlers(arming);
  const history = historyHandlers({ queries: readQueries, exportReader: new ExportReader(db) });
  const noticeSource = startNoticeSource({
    events,
    settings: () => settings.current().notifications,
    tradingState,
    now,
  });
  const notices = noticesHandlers(noticeSource);
  const dispatcher = createDispatcher(
    {
      queries: { ...app.queries, ...settingsChannel.queries, ...trading.queries, ...screener.queries, ...health.queries, ...pairs.queries, ...exits.queries, ...reconcile.queries, ...notices.queries, ...history.queries, ...keysChannel.queries, ...live.queries, ...positions.queries, ...flatten.queries },
      commands: { ...app.commands, ...settingsChannel.commands, ...trading.commands, ...screener.commands, ...health.commands, ...pairs.commands, ...exits.commands, ...reconcile.commands, ...notices.commands, ...keysChannel.commands, ...live.commands, ...positions.commands, ...flatten.commands },
    },
    log,
  );

  const heartbeat = startHeartbeat({ events, intervalMs: loaded.app.heartbeatIntervalMs, startedAtMs, now });
  let tripwire: FundingTripwire | null = null;
  const clock = options.clock ?? systemClock;
  const startRuntime = (): Promise<VenueRuntime> =>
    startVenueRuntime({
      mode,
      settings: settings.current,
      db,
      events,
      log,
      now,
      ...(options.simSeed === undefined ? {} : { simSeed: options.simSeed }),
      ...(options.screenerTicker === undefined ? {} : { screenerTicker: options.screenerTicker }),
      ...(options.streamStallMs === undefined ? {} : { streamStallMs: options.streamStallMs }),
      ...(options.extendedFundingPollMs === undefined ? {} : { extendedFundingPollMs: options.extendedFundingPollMs }),
      ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
      ...(options.externalSimulator === undefined ? {} : { externalSimulator: options.externalSimulator }),
    });
  // The runtime's users (tripwire, trading core and its reconcile loop) start only with it: with
  // a venue unreachable at start none of them exists, so no order can go to either venue.
  const attach = (rt: VenueRuntime): void => {
    runtime = rt;
    tripwire = startFundingTripwire({ trading: rt.ports, marketData: rt.ports, market: rt.market, history: rt.history, alarms: rt.alarms, tradingState, log, now });
    if (options.trading ?? true) {
      tradingCore = startTradingCore({
        dbFile: join(options.dataDir, dbFileName(mode)),
        ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
        ports: rt.ports,
        market: rt.market,
        history: rt.history,
        account: rt.account,
        balances: rt.balances,
        rows: rt.rows,
        settings: settings.current,
        tradingState,
        alarms: rt.alarms,
        events,
        log,
        clock,
        ...(options.tradingTicker === undefined ? {} : { ticker: options.tradingTicker }),
        onCommandFailed: (f) => noticeSource.commandFailed(f),
      });
      pairCommands = tradingCore.commands;
      exitControls = tradingCore.exits;
      reconcileLoop = tradingCore.reconcile;
      positionsSource = tradingCore.positions;
      const queries = tradingCore.queries;
      const { closer, board } = tradingCore;
      flattenControls = { closer, listPairs: () => queries.listPairs(), reconciled: () => board.gateState().reconciled };
      rt.setPairsView(() => pairsAccountView(queries.listPairs()));
    }
  };
  let venueRetry: StartRetry | null = null;
  if (options.startVenues ?? mode === 'sim') {
    try {
      attach(await startRuntime());
    } catch (e) {
      if (e instanceof VenueUnreachableError) {
        venueRetry = startWithVenueDown({ error: e, start: startRuntime, attach, trading: () => tradingCore, tradingState, clock, log, now });
      } else {
        // No core is returned, so nobody else can close what was opened.
        heartbeat.stop();
        noticeSource.stop();
        db.close();
        throw e;
      }
    }
  }

  let closing: Promise<void> | undefined;
  const power = createPowerResume({
    tradingState,
    reconnect: () => {
      if (runtime === null) return;
      for (const port of Object.values(runtime.ports)) port.reconnectStreams();
    },
    reconcile: () => reconcileLoop,
    log,
    now,
  });
  return {
    dispatcher,
    events,
    db,
    log,
    mode,
    settings: settings.current,
    tradingState: () => tradingState.current(),
    tighten: (state, reason) => tradingState.request({ state, reason: reason.slice(0, REASON_MAX_LENGTH), source: 'automatic', atMs: now() }),
    runtime: () => runtime,
    power,
    trading: () => tradingCore,
    exposure: () => countExposure(db),
    close() {
      closing ??= (async () => {
        heartbeat.stop();
        noticeSource.stop();
        tripwire?.stop();
        // A retry in flight finishes first, so its runtime is either attached (closed below) or discarded.
        await venueRetry?.stop();
        pairCommands = null;
        exitControls = null;
        reconcileLoop = null;
        positionsSource = null;
        flattenControls = null;
        // Stops renewing the dead-man switches without clearing them (host/shutdown.ts).
        await tradingCore?.stop();
        await runtime?.close();
        // The ledger's connection is closed by now: fold the WAL into the file before the last
        // connection goes, so the database is whole on its own (a copy or backup needs no -wal).
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch (e) {
          log.warn('WAL checkpoint at close failed: SQLite folds it in at the next open', { error: e instanceof Error ? e.message : String(e) });
        }
        db.close();
      })();
      return closing;
    },
  };
}
