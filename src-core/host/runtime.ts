// The venue runtime: adapters for both venues (pointed at the embedded simulator in sim mode,
// at configured URLs otherwise), the market data service, funding history and the screener
// loop that feeds the contract's screener and health events.
import type Database from 'better-sqlite3';
import type { EventHub } from '../api/events';
import type { ScreenerRow } from '../api/channels/screener';
import type { HealthSnapshot } from '../api/channels/health';
import type { Settings } from '../config/schema';
import { screenerParams } from '../config/screener-params';
import type { Mode, VenueId } from '../domain/venue';
import { FundingHistoryStore } from '../market/funding-history';
import { MarketDataService } from '../market/service';
import type { AccountView } from '../market/types';
import { screenSymbol, type SymbolReport } from '../strategy/screener';
import type { Logger } from '../telemetry/log';
import { ExtendedAdapter } from '../venues/extended/adapter';
import { LighterAdapter } from '../venues/lighter/adapter';
import type { VenueAdapter } from '../venues/port';
import { startSimulator, type Simulator, type SimulatorOptions } from '../venues/sim/server';
import { ScreenerEmitter, type Ticker } from './screener-emitter';
import { toRow } from './screener-rows';
import { AlarmBoard } from '../risk/alarms';

export interface VenueRuntime {
  readonly sim: Simulator | null;
  readonly market: MarketDataService;
  readonly history: FundingHistoryStore;
  readonly lighter: LighterAdapter;
  readonly extended: ExtendedAdapter;
  /** Both adapters through the port only (the funding tripwire and other loops). */
  readonly ports: Readonly<Record<VenueId, VenueAdapter>>;
  readonly alarms: AlarmBoard;
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
  readonly simulator?: Omit<SimulatorOptions, 'seed' | 'controlPort'>;
}

export async function startVenueRuntime(options: RuntimeOptions): Promise<VenueRuntime> {
  const now = options.now ?? Date.now;
  const { log, events } = options;
  const settings = options.settings();
  let sim: Simulator | null = null;
  const stall = options.streamStallMs === undefined ? {} : { stallMs: options.streamStallMs };
  const extendedPoll = options.extendedFundingPollMs === undefined ? {} : { fundingPollPerMarketMs: options.extendedFundingPollMs };
  let lighter: LighterAdapter;
  let extended: ExtendedAdapter;
  if (options.mode === 'sim') {
    sim = await startSimulator({ seed: options.simSeed ?? 1, controlPort: 0, ...options.simulator });
    const d = sim.demo;
    lighter = new LighterAdapter({ restUrl: sim.lighter.restUrl, wsUrls: [sim.lighter.wsUrl], tier: settings.venues.lighter.accountTier, ...stall, credentials: { privateKeyHex: d.lighter.apiPrivateKeyHex, accountIndex: d.lighter.accountIndex, apiKeyIndex: d.lighter.apiKeyIndex, chainId: 300 } });
    extended = new ExtendedAdapter({ restUrl: sim.extended.restUrl, wsUrls: [sim.extended.wsUrl], network: 'testnet', ...stall, ...extendedPoll, credentials: { apiKey: d.extended.apiKey, vault: d.extended.vault, starkPrivateKey: d.extended.starkPrivateKey, starkPublicKey: d.extended.starkPublicKey } });
    log.info('embedded simulator started', { lighter: sim.lighter.restUrl, extended: sim.extended.restUrl, control: sim.control?.url });
  } else {
    const l = settings.venues.lighter;
    const e = settings.venues.extended;
    if (l.restUrl === null || l.wsUrl === null || e.restUrl === null || e.wsUrl === null) throw new Error(`${options.mode} mode needs venue URLs in settings.venues`);
    lighter = new LighterAdapter({ restUrl: l.restUrl, wsUrls: [l.wsUrl], tier: l.accountTier, ...stall });
    extended = new ExtendedAdapter({ restUrl: e.restUrl, wsUrls: [e.wsUrl], network: 'mainnet', ...stall });
  }
  const ports: Record<VenueId, VenueAdapter> = { lighter, extended };
  await Promise.all([lighter.start(), extended.start()]);
  const market = new MarketDataService(ports, { log });
  const alarms = new AlarmBoard();
  await market.start();
  const history = new FundingHistoryStore(options.db);

  const available: Record<VenueId, number | null> = { lighter: null, extended: null };
  const account = (): AccountView => ({ availableUsd: available, openPairs: 0, openSymbols: new Set(), lastCloseMs: new Map() });
  const pollBalances = async (): Promise<void> => {
    for (const v of ['lighter', 'extended'] as const) {
      try {
        // Read-only analytics (the screener's margin gate): a number is enough here.
        available[v] = Number((await ports[v].balance()).availableUsd);
      } catch {
        available[v] = null; // unknown is never guessed: the margin gate fails closed
      }
    }
  };
  await pollBalances();

  let stopped = false;
  const reports = new Map<string, SymbolReport>();
  const rows = new Map<string, ScreenerRow>();
  const recompute = (symbols: readonly string[]): ScreenerRow[] => {
    const s = screenerParams(options.settings());
    const t = now();
    const acc = account();
    const changed: ScreenerRow[] = [];
    for (const symbol of symbols) {
      const view = market.view(symbol);
      if (view === undefined) continue;
      const report = screenSymbol(view, s, acc, history, t);
      reports.set(symbol, report);
      const row = toRow(report, view, t);
      rows.set(symbol, row);
      changed.push(row);
    }
    return changed;
  };
  recompute(market.symbols());
  const emitter = new ScreenerEmitter({
    symbols: () => market.symbols(),
    recompute,
    emit: (changed) => events.emit('screener.update', { rows: changed, computedAtMs: now() }),
    ...(options.screenerTicker === undefined ? {} : { ticker: options.screenerTicker }),
  });
  const offUpdate = market.onUpdate((symbols) => emitter.markDirty(symbols));
  // New sizes or thresholds change every row: recompute all on the next flush, not in a second.
  const offSettings = events.subscribe('settings.changed', () => emitter.markAllDirty());
  emitter.start();

  const health = (): HealthSnapshot => {
    const latency = [lighter, extended].flatMap((p) => Object.entries(p.diagnostics.latency()).map(([operation, s]) => ({ operation, count: s.count, p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms, maxMs: s.maxMs })));
    const t = now();
    const freshness = (['lighter', 'extended'] as const).map((venue) => {
      let fresh = 0;
      let stale = 0;
      let oldest: number | null = null;
      for (const v of market.allViews()) {
        const vv = v[venue];
        if (vv.bookFresh) fresh += 1;
        else stale += 1;
        if (vv.bookVenueTimeMs > 0) oldest = Math.max(oldest ?? 0, t - vv.bookVenueTimeMs);
      }
      return { venue, freshBooks: fresh, staleBooks: stale, oldestBookAgeMs: oldest };
    });
    return {
      streams: [...lighter.health(), ...extended.health()].map((h) => ({ ...h })),
      rateLimits: [{ venue: 'lighter' as const, ...lighter.diagnostics.rateLimit() }, { venue: 'extended' as const, ...extended.diagnostics.rateLimit() }],
      latency,
      pools: [{ venue: 'lighter' as const, ...lighter.diagnostics.pool() }, { venue: 'extended' as const, ...extended.diagnostics.pool() }],
      freshness,
      alarms: alarms.list(),
      fundingRejections: market.fundingRejections(),
      sampledAtMs: t,
    };
  };

  const timers = [
    setInterval(() => events.emit('health.update', health()), 1_000),
    setInterval(() => void pollBalances(), 5_000),
    setInterval(() => void market.refreshFunding().catch(() => undefined), 5_000),
    // Keep the history current: the backfill resumes from the newest stored settlement, so a
    // re-run fetches only the hours settled since.
    setInterval(() => void backfill(), 10 * 60_000),
  ];
  for (const t of timers) t.unref?.();

  let backfilling = false;
  const backfill = async (): Promise<void> => {
    if (backfilling) return;
    backfilling = true;
    try {
      const p = await history.backfill(ports, market.symbols(), options.settings().screener.historyDays, now(), undefined, () => stopped);
      log.info('funding history up to date', { ...p });
    } catch (e) {
      log.warn('funding history backfill stopped', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      backfilling = false;
    }
  };
  void backfill();

  return {
    sim,
    market,
    history,
    lighter,
    extended,
    ports,
    alarms,
    rows: () => [...rows.values()],
    report: (symbol) => reports.get(symbol),
    health,
    async close() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      emitter.stop();
      offUpdate();
      offSettings();
      market.stop();
      await Promise.all([lighter.stop(), extended.stop()]);
      await sim?.close();
    },
  };
}
