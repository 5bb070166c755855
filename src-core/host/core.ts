// Composition root: wires the store, settings, trading state and (per mode) the venue runtime
// from one set of options. Both the Electron main process (IPC) and the headless host
// (WebSocket) create exactly one Core and put a transport in front of its dispatcher.
import { createDispatcher, type Dispatcher } from '../api/dispatcher';
import { EventHub } from '../api/events';
import { ApiFailure } from '../api/envelope';
import { mergeSettings, ConfigError, type Settings } from '../config/schema';
import { openStore, type Db } from '../store/db';
import { SettingsRepo } from '../store/settings-repo';
import { TradingStateRepo, type TradingStateRecord } from '../store/trading-state-repo';
import { createLogger, type Logger } from '../telemetry/log';
import type { Mode } from '../domain/venue';
import type { SimulatorOptions } from '../venues/sim/server';
import { APP_NAME, APP_VERSION } from './app-meta';
import { startFundingTripwire, type FundingTripwire } from './loops/funding-tripwire';
import { startVenueRuntime, type VenueRuntime } from './runtime';
import type { Ticker } from './screener-emitter';
import { createTradingStateControl } from './trading-state-control';

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
  readonly simulator?: Omit<SimulatorOptions, 'seed' | 'controlPort'>;
}

export interface Core {
  readonly dispatcher: Dispatcher;
  readonly events: EventHub;
  readonly db: Db;
  readonly log: Logger;
  readonly mode: Mode;
  settings(): Settings;
  tradingState(): TradingStateRecord;
  runtime(): VenueRuntime | null;
  close(): Promise<void>;
}

/** JSON has no Infinity or NaN: such gate values are reported as null ("not applicable"). */
function finiteOr(v: number | string | null): number | string | null {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  const log = options.log ?? createLogger({ level: 'info' });
  const startedAtMs = now();
  const mode: Mode = options.mode;
  const db = openStore({ dataDir: options.dataDir, mode, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
  const events = new EventHub(log);
  const settingsRepo = new SettingsRepo(db, now);
  const stateRepo = new TradingStateRepo(db);
  let settings: Settings;
  try {
    settings = settingsRepo.load();
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
  const needRuntime = (): VenueRuntime => {
    if (runtime === null) throw new ApiFailure('UNAVAILABLE', 'market data is not running');
    return runtime;
  };

  const dispatcher = createDispatcher(
    {
      queries: {
        'app.info': () => ({
          name: APP_NAME,
          version: APP_VERSION,
          mode,
          dataDir: options.dataDir,
          startedAtMs,
          transport: options.transport ?? 'in-process',
        }),
        'settings.get': () => settings,
        'trading.state.get': () => tradingState.current(),
        'screener.list': () => ({ rows: needRuntime().rows(), notionalUsd: settings.trading.notionalPerPairUsd, computedAtMs: now() }),
        'screener.explain': ({ symbol }) => {
          const rt = needRuntime();
          const r = rt.report(symbol);
          if (r === undefined) throw new ApiFailure('NOT_FOUND', `no screener report for ${symbol}`);
          const dir = (d: typeof r.best) => ({
            longVenue: d.longVenue,
            shortVenue: d.shortVenue,
            netApy: Number.isFinite(d.netApy) ? d.netApy : 0,
            expectedValueUsd: Number.isFinite(d.expectedValueUsd) ? d.expectedValueUsd : -1e9,
            entryCostBps: Number.isFinite(d.entryCostBps) ? d.entryCostBps : null,
            breakevenHours: Number.isFinite(d.breakevenHours) ? d.breakevenHours : null,
            passed: d.passed,
            gates: d.gates.map((g) => ({ ...g, observed: finiteOr(g.observed), threshold: finiteOr(g.threshold) })),
          });
          const since = now() - settings.screener.historyDays * 86_400_000;
          return { symbol, best: dir(r.best), other: dir(r.other), history: { lighter: [...rt.history.venueHourly(symbol, 'lighter', since)], extended: [...rt.history.venueHourly(symbol, 'extended', since)] } };
        },
        'health.snapshot': () => needRuntime().health(),
      },
      commands: {
        'settings.update': (patch) => {
          let next: Settings;
          try {
            next = mergeSettings(settings, patch);
          } catch (e) {
            if (e instanceof ConfigError) throw new ApiFailure('VALIDATION', e.message, e.issues);
            throw e;
          }
          settingsRepo.save(next, now());
          settings = next;
          events.emit('settings.changed', settings);
          return settings;
        },
        // The trader may move either way; the rule records every command of theirs.
        'trading.state.set': ({ state, reason }) => tradingState.request({ state, reason, source: 'trader', atMs: now() }) ?? tradingState.current(),
      },
    },
    log,
  );

  let seq = 0;
  const heartbeat = setInterval(() => {
    seq += 1;
    const t = now();
    events.emit('app.heartbeat', { seq, nowMs: t, uptimeMs: t - startedAtMs });
  }, settings.app.heartbeatIntervalMs);
  heartbeat.unref();

  let tripwire: FundingTripwire | null = null;
  if (options.startVenues ?? mode === 'sim') {
    runtime = await startVenueRuntime({
      mode,
      settings: () => settings,
      db,
      events,
      log,
      now,
      ...(options.simSeed === undefined ? {} : { simSeed: options.simSeed }),
      ...(options.screenerTicker === undefined ? {} : { screenerTicker: options.screenerTicker }),
      ...(options.streamStallMs === undefined ? {} : { streamStallMs: options.streamStallMs }),
      ...(options.extendedFundingPollMs === undefined ? {} : { extendedFundingPollMs: options.extendedFundingPollMs }),
      ...(options.simulator === undefined ? {} : { simulator: options.simulator }),
    });
    const rt = runtime;
    tripwire = startFundingTripwire({ trading: rt.ports, marketData: rt.ports, market: rt.market, history: rt.history, alarms: rt.alarms, tradingState, log, now });
  }

  return {
    dispatcher,
    events,
    db,
    log,
    mode,
    settings: () => settings,
    tradingState: () => tradingState.current(),
    runtime: () => runtime,
    async close() {
      clearInterval(heartbeat);
      tripwire?.stop();
      await runtime?.close();
      db.close();
    },
  };
}
