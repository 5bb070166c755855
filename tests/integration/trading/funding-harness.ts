// The funding harness: the simulator on a ManualClock, the real Lighter and Extended adapters on the
// demo credentials (their clock is the simulator's, so auth tokens and order expiries stay valid
// across a 24 h jump), a real SQLite ledger file, the real tracker and PairExecutor (on the same
// clock) to open pairs, and the real funding-ledger loop whose timer is the same clock too.
// While pairs are being opened a pump moves the clock with real time (Lighter executes a tx on
// the clock, books publish on it); afterwards the test owns the clock and jumps it hour by hour.
import { join } from 'node:path';
import { tradingDefaults } from '../../../src-core/config/trading';
import { toIncrements } from '../../../src-core/domain/decimal';
import type { Side, VenueId } from '../../../src-core/domain/venue';
import type { EntryRequest, EntryResult } from '../../../src-core/execution/entry-types';
import { LiveOrderTracker } from '../../../src-core/execution/order-tracker';
import { PairExecutor } from '../../../src-core/execution/pair-executor';
import { startFundingLedger, type FundingLedger } from '../../../src-core/host/loops/funding-ledger';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { FundingAttributor } from '../../../src-core/ledger/funding-attribution';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { toFunding, type FundingRow } from '../../../src-core/ledger/rows';
import type { FundingOutcome, LedgerFundingPayment } from '../../../src-core/ledger/types';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { createLogger, silentLogger, type Logger } from '../../../src-core/telemetry/log';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import type { VenueAdapter } from '../../../src-core/venues/port';
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';
import { manualTrackerClock } from '../execution/tracker-harness';
import { testSettings } from '../execution/pair-harness';

export const HOUR_MS = 3_600_000;

/** Log records of the funding loop, kept for assertions (anomalies are logged, never thrown). */
export interface LogRecord {
  readonly level: string;
  readonly msg: string;
  readonly [k: string]: unknown;
}

export interface FundingHarness {
  readonly sim: Simulator;
  readonly clock: ManualClock;
  readonly adapters: Readonly<Record<VenueId, VenueAdapter>>;
  readonly ledgerFile: string;
  readonly logs: LogRecord[];
  /** Every outcome the ledger returned to the funding loop (all loop instances). */
  readonly outcomes: { readonly key: string; readonly outcome: FundingOutcome }[];
  /** The funding loop now running, or null between stop and start. */
  readonly loop: FundingLedger | null;
  /** Opens a hedged pair through the executor: the maker is filled by a counterparty. */
  openPair(symbol: string, longVenue: VenueId, shortVenue: VenueId): Promise<EntryResult>;
  /** Stops the pump: from now on only the test moves the clock. */
  stopPump(): void;
  /** Starts a funding loop over a fresh connection to the ledger file (a restart of the host). */
  startLoop(): FundingLedger;
  /** Fires the running loop's read timer once. */
  tickLoop(): void;
  /** Stops the running loop after everything it received is recorded. */
  stopLoop(): Promise<void>;
  /** Every funding row in the ledger file, read on the main (NORMAL) connection. */
  fundingRows(): readonly (LedgerFundingPayment & { readonly pairSeq: number | null })[];
  queries(): LedgerQueries;
  close(): Promise<void>;
}

/** Settings for opening: generous deadlines (the pump runs the clock with real time). */
const settings = testSettings({ notionalPerPairUsd: 400 });

export async function fundingHarness(symbols: readonly string[]): Promise<FundingHarness> {
  // Five minutes past an hour, so every pair is open well before the first settlement.
  const startMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS + 5 * 60_000;
  const clock = new ManualClock(startMs);
  // The model steps every 30 min (two funding samples an hour besides the pinned one), Lighter
  // flushes books each minute and Extended re-sends full snapshots every 30 min: each jumped hour
  // then costs ~0.1-0.3 s (at a 60 s step, with snapshots of all 79 Extended markets each minute,
  // it was 2-3 s), and the books hold still while a pair opens.
  const sim = await startSimulator({ seed: 5, clock, controlPort: null, txDelayMs: 0, stepMs: 1_800_000, lighterWs: { bookIntervalMs: 60_000, statsIntervalMs: 1_800_000 }, extendedWs: { snapshotEveryMs: 1_800_000 }, extendedWire: { omitFundingPaymentId: true } });
  const now = () => clock.nowMs();
  // The pump: the clock follows real time until the pairs are open.
  let last = performance.now();
  const pump = setInterval(() => {
    const t = performance.now();
    clock.advance(Math.max(0, Math.round(t - last)));
    last = t;
  }, 10);
  let pumping = true;
  const stopPump = () => {
    if (pumping) clearInterval(pump);
    pumping = false;
  };

  const dl = sim.demo.lighter;
  const de = sim.demo.extended;
  const lighter = new LighterAdapter({
    restUrl: sim.lighter.restUrl,
    wsUrls: [sim.lighter.wsUrl],
    credentials: { privateKeyHex: dl.apiPrivateKeyHex, accountIndex: dl.accountIndex, apiKeyIndex: dl.apiKeyIndex, chainId: 300 },
    orderTimeoutMs: 5_000,
    // A jump of the manual clock is not a stalled stream.
    stallMs: 0,
    now,
  });
  const extended = new ExtendedAdapter({
    restUrl: sim.extended.restUrl,
    wsUrls: [sim.extended.wsUrl],
    network: 'testnet',
    credentials: { apiKey: de.apiKey, vault: de.vault, starkPrivateKey: de.starkPrivateKey, starkPublicKey: de.starkPublicKey },
    orderTimeoutMs: 5_000,
    stallMs: 0,
    now,
  });
  const adapters = { lighter, extended } as const;
  for (const a of [lighter, extended]) {
    await a.start();
    await a.loadMarkets();
    a.watchBooks(symbols);
  }
  for (const a of [lighter, extended]) {
    for (const s of symbols) await pollUntil(() => a.book(s)?.fresh === true && a.book(s)!.bids.length > 0 && a.book(s)!.asks.length > 0, { what: `${a.venue} ${s} book` });
  }

  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const ledgerFile = join(t.dir, 'sim.db');
  const dbs = [openLedgerDatabase(ledgerFile)];
  const ledger = new LedgerRepo(dbs[0]!);
  const trackerClock = manualTrackerClock(clock);
  const tracker = new LiveOrderTracker({
    ledger,
    ports: adapters,
    clock: trackerClock,
    inFlight: { checkIntervalMs: tradingDefaults.inFlightCheckIntervalMs, thresholdMs: tradingDefaults.inFlightThresholdMs, maxRetries: tradingDefaults.inFlightMaxRetryCount },
    log: silentLogger,
  });
  const executor = new PairExecutor({ tracker, ledger, venues: adapters, clock: trackerClock, gate: () => ({ allowed: true }), settings: () => settings, log: silentLogger });
  const counterparty = { lighter: sim.engine.createAccount('lighter', '999001', 10_000_000), extended: sim.engine.createAccount('extended', '999002', 10_000_000) };
  const take = (venue: VenueId, symbol: string, ourSide: Side, price: string, size: string) => {
    const m = sim.engine.market(venue, symbol)!;
    const r = sim.engine.place(venue, { accountId: counterparty[venue].id, symbol, isAsk: ourSide === 'buy', priceTicks: Number(toIncrements(price, m.tickSize, 'exact')), sizeSteps: Number(toIncrements(size, m.stepSize, 'exact')), type: 'limit', tif: 'ioc', reduceOnly: false, clientId: `cp-${symbol}-${clock.nowMs()}`, expiryMs: null });
    if (!r.ok) throw new Error(`counterparty order refused: ${r.message}`);
  };

  const logs: LogRecord[] = [];
  const log: Logger = createLogger({ level: 'debug', sink: (line) => logs.push(JSON.parse(line) as LogRecord) });
  const outcomes: { key: string; outcome: FundingOutcome }[] = [];
  let loop: FundingLedger | null = null;
  // The loop's read timer, fired by the test: once per simulated hour, as the 10-minute timer
  // would fire between two settlements. (Tied to the jumping clock it would fire six times per
  // jumped hour at the same instant, and Lighter's read weight, 300 of 24 000 a minute, would
  // make the test wait on the client-side rate limiter instead of testing anything.)
  const timers = new Set<() => void>();
  const ticker: Ticker = {
    every(_ms, fn) {
      timers.add(fn);
      return () => timers.delete(fn);
    },
  };

  const h: FundingHarness = {
    sim,
    clock,
    adapters,
    ledgerFile,
    logs,
    outcomes,
    get loop() {
      return loop;
    },
    async openPair(symbol, longVenue, shortVenue) {
      const request: EntryRequest = {
        symbol,
        longVenue,
        shortVenue,
        capacityBase: '1000000',
        triggeredBy: 'manual',
        entryLongHourlyRate: 0.00001,
        entryShortHourlyRate: 0.00005,
        entryApy: 0.35,
        openNotionalUsd: { lighter: '0', extended: '0' },
        openSymbolNotionalUsd: '0',
      };
      const entry = executor.enter(request);
      const maker = await pollUntil(
        () => {
          const pairSeq = executor.active()[0];
          if (pairSeq === undefined) return undefined;
          for (const i of ledger.intentsOfPair(pairSeq)) {
            if (i.leg !== 0 || i.tif !== 'post_only') continue;
            const o = tracker.get(i.clientOrderId);
            if (o !== undefined && o.order.state === 'accepted' && o.order.acceptedStage === 'live') return o.intent;
          }
          return undefined;
        },
        { what: `${symbol} maker live` },
      );
      if (maker === undefined) throw new Error(`${symbol}: no maker order`);
      take(maker.venue, symbol, maker.side, maker.price, maker.size);
      return entry;
    },
    stopPump,
    startLoop() {
      if (loop !== null) throw new Error('a funding loop is already running');
      const db = openLedgerDatabase(ledgerFile);
      dbs.push(db);
      const repo = new LedgerRepo(db);
      // The loop's ledger, observed: what each record call returned.
      const observed = {
        oldestUnclosedPairCreatedAtMs: () => repo.oldestUnclosedPairCreatedAtMs(),
        recordFundingPayment(p: LedgerFundingPayment, pairSeq: number | null, atMs: number): FundingOutcome {
          const outcome = repo.recordFundingPayment(p, pairSeq, atMs);
          outcomes.push({ key: `${p.venue}:${p.symbol}:${p.settlementTimeMs}`, outcome });
          return outcome;
        },
      };
      loop = startFundingLedger({ ports: adapters, ledger: observed, attributor: new FundingAttributor(db), log, now, ticker });
      return loop;
    },
    tickLoop() {
      for (const fn of timers) fn();
    },
    async stopLoop() {
      const l = loop;
      if (l === null) return;
      loop = null;
      await l.idle();
      l.stop();
    },
    fundingRows() {
      const rows = main.prepare('SELECT * FROM funding_payments ORDER BY settlement_time_ms, venue, symbol').all() as (FundingRow & { pair_id: number | null })[];
      return rows.map((r) => ({ ...toFunding(r), pairSeq: r.pair_id }));
    },
    queries: () => new LedgerQueries(main),
    async close() {
      stopPump();
      await h.stopLoop();
      tracker.stop();
      await Promise.all([lighter.stop(), extended.stop()]);
      await sim.close();
      for (const db of dbs) db.close();
      main.close();
      t.cleanup();
    },
  };
  return h;
}
