// The pair-entry harness: one simulator (both venue faces on loopback, real time, a market model
// that barely moves so books stay where the test put them), the real Lighter and Extended
// adapters on the demo credentials, a real SQLite ledger (synchronous = FULL), the real
// LiveOrderTracker and the PairExecutor under test. A counterparty account per venue trades
// against our resting orders on command.
import { join } from 'node:path';
import { tradingDefaults } from '../../../src-core/config/trading';
import { systemClock } from '../../../src-core/domain/clock';
import { toIncrements } from '../../../src-core/domain/decimal';
import type { Side, VenueId } from '../../../src-core/domain/venue';
import type { EntryGate, EntryRequest, EntrySettings } from '../../../src-core/execution/entry-types';
import type { InFlightConfig } from '../../../src-core/execution/in-flight';
import { LiveOrderTracker } from '../../../src-core/execution/order-tracker';
import { PairExecutor } from '../../../src-core/execution/pair-executor';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import type { VenueAdapter } from '../../../src-core/venues/port';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import type { SimFill } from '../../../src-core/venues/sim/engine/types';
import { tempDir } from '../../helpers/tmp';
import { pollUntil } from '../../helpers/wait';

export const SYMBOL = 'ETH';

/** Settings for a test: generous budgets, so a loaded machine never runs into one by accident (a test
 *  about a budget sets it itself); the ladder and the policies stay default. */
export function testSettings(over: Partial<EntrySettings> = {}): EntrySettings {
  return { ...tradingDefaults, notionalPerPairUsd: 350, makerTimeoutMs: 60_000, entryDeadlineMs: 180_000, hedgeAttemptTimeoutMs: 8_000, ...over };
}

/** The trading side of the harness, whichever process the simulator runs in: the real adapters on
 *  the demo credentials, the ledger, the tracker and the executor. */
export interface PairCore {
  readonly adapters: Readonly<Record<VenueId, VenueAdapter>>;
  readonly ledger: LedgerRepo;
  readonly tracker: LiveOrderTracker;
  readonly executor: PairExecutor;
  settings: EntrySettings;
  gate: EntryGate;
  request(over?: Partial<EntryRequest>): EntryRequest;
  /** The execution_attempts rows, oldest first. */
  pairState(pairSeq: number): string | undefined;
  attempts(): readonly { outcome: string; reason: string | null; pair_id: number | null; finished_at_ms: number | null }[];
  /** Stops the adapters and closes the ledger (not the simulator). */
  close(): Promise<void>;
}

export interface PairHarness extends PairCore {
  readonly sim: Simulator;
  /** Another account takes `steps` steps at `price` against our resting order of side `ourSide`. */
  counterpartyTake(venue: VenueId, ourSide: Side, price: string, steps: number): void;
  /** The simulator's own signed position of our account, in steps, and its fees paid (micro-USD). */
  simPositionSteps(venue: VenueId): number;
  /** Our account's fills as the simulator booked them (fees in integer micro-USD). */
  simFills(venue: VenueId): readonly SimFill[];
  /** Our account's id as the simulator's engine knows it. */
  ourAccountId(venue: VenueId): string;
  /** Stops everything, the simulator too. */
  close(): Promise<void>;
}

/** Where the simulator serves, and its demo accounts (Simulator has them; a simulator in another
 *  process sends them). */
export interface SimEndpoints {
  readonly lighter: { readonly restUrl: string; readonly wsUrl: string };
  readonly extended: { readonly restUrl: string; readonly wsUrl: string };
  readonly demo: Simulator['demo'];
}

/** The simulator options the harness runs with. stepMs 60 s: the model steps once a minute, so
 *  books and mids hold still during a test. */
export const HARNESS_SIM_OPTIONS = { seed: 5, txDelayMs: 20, stepMs: 60_000, lighterWs: { bookIntervalMs: 50 } } as const;

export interface PairHarnessOptions {
  /** The tracker's in-flight checks (default: the settings' defaults, NautilusTrader's). A test
   *  about a lost order shortens them so its verdict comes sooner; the rule is the same. */
  readonly inFlight?: Partial<InFlightConfig>;
  /** Also serve the simulator's HTTP control endpoint (sim.control), for tests that drive a
   *  fault the way the app and the CLI do. */
  readonly control?: boolean;
}

export async function pairHarness(opts: PairHarnessOptions = {}): Promise<PairHarness> {
  const sim = await startSimulator({ ...HARNESS_SIM_OPTIONS, controlPort: opts.control === true ? 0 : null });
  const core = await startPairCore({ lighter: sim.lighter, extended: sim.extended, demo: sim.demo }, opts);
  const dl = sim.demo.lighter;
  const de = sim.demo.extended;
  const ourId = (venue: VenueId) => (venue === 'lighter' ? String(dl.accountIndex) : String(de.accountId));
  const counterparties = { lighter: sim.engine.createAccount('lighter', '999001', 10_000_000), extended: sim.engine.createAccount('extended', '999002', 10_000_000) };
  const closeCore = core.close;
  return Object.assign(core, {
    sim,
    counterpartyTake(venue: VenueId, ourSide: Side, price: string, steps: number) {
      counterpartyTakeOn(sim, counterparties[venue].id, venue, ourSide, price, steps);
    },
    simPositionSteps(venue: VenueId) {
      return sim.engine.account(venue, ourId(venue))!.position(SYMBOL).steps;
    },
    simFills: (venue: VenueId) => sim.engine.account(venue, ourId(venue))!.fills,
    ourAccountId: ourId,
    async close() {
      await closeCore();
      await sim.close();
    },
  });
}

/** Another account takes `steps` at `price` against our resting order of side `ourSide`, on the
 *  simulator's engine (an IOC that crosses our order). */
export function counterpartyTakeOn(sim: Pick<Simulator, 'engine'>, accountId: string, venue: VenueId, ourSide: Side, price: string, steps: number): void {
  const m = sim.engine.market(venue, SYMBOL)!;
  const r = sim.engine.place(venue, { accountId, symbol: SYMBOL, isAsk: ourSide === 'buy', priceTicks: Number(toIncrements(price, m.tickSize, 'exact')), sizeSteps: steps, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: `cp-${Math.random()}`, expiryMs: null });
  if (!r.ok) throw new Error(`counterparty order refused: ${r.message}`);
}

/** The trading side against a simulator at `at` (in this process or another). */
export async function startPairCore(at: SimEndpoints, opts: Pick<PairHarnessOptions, 'inFlight'> = {}): Promise<PairCore> {
  const dl = at.demo.lighter;
  const de = at.demo.extended;
  const lighter = new LighterAdapter({
    restUrl: at.lighter.restUrl,
    wsUrls: [at.lighter.wsUrl],
    credentials: { privateKeyHex: dl.apiPrivateKeyHex, accountIndex: dl.accountIndex, apiKeyIndex: dl.apiKeyIndex, chainId: 300 },
    orderTimeoutMs: 5_000,
  });
  const extended = new ExtendedAdapter({
    restUrl: at.extended.restUrl,
    wsUrls: [at.extended.wsUrl],
    network: 'testnet',
    credentials: { apiKey: de.apiKey, vault: de.vault, starkPrivateKey: de.starkPrivateKey, starkPublicKey: de.starkPublicKey },
    orderTimeoutMs: 5_000,
  });
  const adapters = { lighter, extended } as const;
  for (const a of [lighter, extended]) {
    await a.start();
    await a.loadMarkets();
    a.watchBooks([SYMBOL]);
  }
  for (const a of [lighter, extended]) await pollUntil(() => a.book(SYMBOL)?.fresh === true && a.book(SYMBOL)!.bids.length > 0 && a.book(SYMBOL)!.asks.length > 0, { what: `${a.venue} ${SYMBOL} book` });

  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const ledgerDb = openLedgerDatabase(join(t.dir, 'sim.db'));
  const ledger = new LedgerRepo(ledgerDb);
  const tracker = new LiveOrderTracker({
    ledger,
    ports: adapters,
    clock: systemClock,
    inFlight: { checkIntervalMs: tradingDefaults.inFlightCheckIntervalMs, thresholdMs: tradingDefaults.inFlightThresholdMs, maxRetries: tradingDefaults.inFlightMaxRetryCount, ...opts.inFlight },
    log: silentLogger,
  });
  const h: PairCore = {
    adapters,
    ledger,
    tracker,
    settings: testSettings(),
    gate: () => ({ allowed: true }),
    executor: undefined as unknown as PairExecutor,
    request: (over = {}) => ({
      symbol: SYMBOL,
      longVenue: 'lighter',
      shortVenue: 'extended',
      capacityBase: '1000',
      triggeredBy: 'manual',
      entryLongHourlyRate: 0.00001,
      entryShortHourlyRate: 0.00005,
      entryApy: 0.35,
      openNotionalUsd: { lighter: '0', extended: '0' },
      openSymbolNotionalUsd: '0',
      ...over,
    }),
    pairState: (pairSeq) => (ledgerDb.prepare('SELECT state FROM pairs WHERE id = ?').get(pairSeq) as { state: string } | undefined)?.state,
    attempts: () => ledgerDb.prepare('SELECT outcome, reason, pair_id, finished_at_ms FROM execution_attempts ORDER BY id').all() as ReturnType<PairCore['attempts']>,
    async close() {
      tracker.stop();
      await Promise.all([lighter.stop(), extended.stop()]);
      ledgerDb.close();
      main.close();
      t.cleanup();
    },
  };
  (h as { executor: PairExecutor }).executor = new PairExecutor({
    tracker,
    ledger,
    venues: adapters,
    clock: systemClock,
    gate: (e) => h.gate(e),
    settings: () => h.settings,
    log: silentLogger,
  });
  return h;
}

/** pollUntil for a value that may be missing: resolves with it once present (0 counts). */
export async function eventually<T>(probe: () => T | undefined, what: string): Promise<T> {
  const v = await pollUntil(probe, { what });
  if (v === undefined) throw new Error(`${what}: still missing`);
  return v;
}
