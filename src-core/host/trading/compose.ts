// The trading core, composed: the ledger on its own synchronous=FULL connection, the order
// tracker (the one sender of orders), a dead-man keeper per venue, the breaker board and its
// feed, the pair executor, the funding ledger, the auto-entry loop and the pairs commands, with
// the ledger's changes projected onto the contract's events. Typed against the venue port only.
//
// Startup order matters: the tracker first restores every intent the ledger holds as unresolved
// and resolves it by readback; then the reconcile loop compares both venues with the ledger
// (reconcile-loop.ts); only after a complete run is the gate told the venues are reconciled, and
// until then it allows cancels only.
import { haltOnLedgerSyncError } from './ledger-sync-guard';
import type { EventHub } from '../../api/events';
import type { ScreenerRow } from '../../api/channels/screener';
import type { Settings } from '../../config/schema';
import type { Clock } from '../../domain/clock';
import type { VenueId } from '../../domain/venue';
import { DeadManKeeper } from '../../execution/dead-man';
import { LiveOrderTracker } from '../../execution/order-tracker';
import { PairExecutor } from '../../execution/pair-executor';
import { PairRebalancer } from '../../execution/rebalance';
import { PairCloser } from '../../execution/close';
import type { AlarmBoard } from '../../risk/alarms';
import { closeFailureHook } from '../../risk/breakers/close-failed';
import { evaluateDirection } from '../../strategy/evaluate';
import { screenerParams } from '../../config/screener-params';
import { FundingAttributor } from '../../ledger/funding-attribution';
import { LedgerQueries } from '../../ledger/ledger-queries';
import { LedgerRepo } from '../../ledger/ledger-repo';
import type { AccountView, HistoryView, SymbolView } from '../../market/types';
import { BreakerBoard } from '../../risk/breaker-board';
import { ConsecutiveFailuresBreaker } from '../../risk/breakers/consecutive-failures';
import { openLedgerDatabase, type Db } from '../../store/db';
import type { Logger } from '../../telemetry/log';
import type { Balance, VenueAdapter } from '../../venues/port';
import type { PairCommands } from '../handlers/pairs';
import { startFundingLedger, type FundingLedger } from '../loops/funding-ledger';
import { startPredictedFunding } from '../loops/predicted-funding';
import { PredictedFundingRepo } from '../../store/predicted-funding-repo';
import type { PairState } from '../../domain/enums';
import { emitPairUpdate, fillNewEvent, orderUpdateEvent } from '../projections/pair-events';
import type { Ticker } from '../screener-emitter';
import type { TradingStateControl } from '../trading-state-control';
import { startEntryLoop, type EntryLoop } from './entry-loop';
import { createPairCommands } from './pair-commands';
import { createPairStarter } from './pair-starter';
import { startRiskFeed, type RiskFeed } from './risk-feed';
import { startExitWiring, type CommandFailure, type ExitWiring } from './exit-wiring';
import type { ExitControls } from '../handlers/exits';
import { isClosed } from '../../execution/order-fsm';
import { buildLedgerView } from '../../reconcile/build-ledger-view';
import type { LedgerView } from '../../reconcile/ledger-view';
import { readVenueSnapshot } from '../../reconcile/read-snapshot';
import { applyPlan } from './reconcile-apply';
import { applyVenueFix } from './reconcile-fix';
import { startReconcileLoop, type ReconcileLoop } from './reconcile-loop';
import { startPositionsWiring } from './positions-wiring';
import type { PositionsFeed } from './positions-feed';
import { markInterruptedEntries } from './interrupted-entries';
import { cancelInterruptedOrders } from './interrupted-orders';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];
/** Pairs that hold (or are about to hold) a position: their markets' predictions are sampled. */
const HOLDING_STATES: ReadonlySet<PairState> = new Set(['opening', 'open', 'closing', 'broken', 'close-failed']);

export interface TradingCoreOptions {
  /** The mode's database file (store/db.ts dbFileName): the ledger opens its own connection. */
  readonly dbFile: string;
  readonly nativeBinding?: string;
  readonly ports: Readonly<Record<VenueId, VenueAdapter>>;
  readonly market: { view(symbol: string): SymbolView | undefined; refreshSymbolFunding(symbol: string): Promise<void> };
  readonly history: HistoryView;
  readonly account: () => AccountView;
  readonly balances: () => Readonly<Record<VenueId, Balance | null>>;
  readonly rows: () => readonly ScreenerRow[];
  readonly settings: () => Settings;
  readonly tradingState: TradingStateControl;
  /** The runtime's alarm board (a failed close raises one per venue left open). */
  readonly alarms: Pick<AlarmBoard, 'raise'>;
  readonly events: EventHub;
  readonly log: Logger;
  readonly clock: Clock;
  /** Drives the loops (risk feed, auto-entry, funding reads); tests tick by hand. */
  readonly ticker?: Ticker;
  /** A close or rebalance failed after its command was accepted (exit-wiring.ts). */
  readonly onCommandFailed?: (failure: CommandFailure) => void;
}

export interface TradingCore {
  readonly ledger: LedgerRepo;
  readonly queries: LedgerQueries;
  readonly tracker: LiveOrderTracker;
  readonly executor: PairExecutor;
  readonly closer: PairCloser;
  readonly board: BreakerBoard;
  readonly commands: PairCommands;
  readonly entryLoop: EntryLoop;
  readonly riskFeed: RiskFeed;
  readonly fundingLedger: FundingLedger;
  readonly exitLoop: ExitWiring['loop'];
  /** The exit channels' commands and queries (host/handlers/exits.ts). */
  readonly exits: ExitControls;
  /** The reconcile loop (reconcile.pending / reconcile.run). */
  readonly reconcile: ReconcileLoop;
  /** positions.overview and the positions.update feed. */
  readonly positions: PositionsFeed;
  /** Resolves when the first reconciliation of both venues completed (the gate opens). */
  reconciled(): Promise<void>;
  stop(): Promise<void>;
}

export function startTradingCore(o: TradingCoreOptions): TradingCore {
  const log = o.log.child({ part: 'trading' });
  const ledgerDb: Db = openLedgerDatabase(o.dbFile, o.nativeBinding);
  const ledger = new LedgerRepo(ledgerDb, { onSyncError: haltOnLedgerSyncError({ tradingState: o.tradingState, log, now: () => o.clock.now() }) });
  const queries = new LedgerQueries(ledgerDb);
  // No executor runs yet: an 'opening' pair in the ledger is one a restart interrupted, and no
  // broken pair (marked now or before) has anything managing its orders.
  const interrupted = new Set(markInterruptedEntries({ pairs: () => queries.listPairs(), setPairState: (seq, state, at, reason) => ledger.setPairState(seq, state, at, reason), now: () => o.clock.now(), log }));
  const trading = () => o.settings().trading;
  const tracker = new LiveOrderTracker({
    ledger,
    ports: o.ports,
    clock: o.clock,
    inFlight: { checkIntervalMs: trading().inFlightCheckIntervalMs, thresholdMs: trading().inFlightThresholdMs, maxRetries: trading().inFlightMaxRetryCount },
    log,
  });
  // Before the restore (the reconcile loop's startup): its first readbacks are seen here.
  const interruptedOrders = cancelInterruptedOrders({ tracker, interrupted, log });
  const keepers = VENUE_IDS.map((venue) => new DeadManKeeper({ port: o.ports[venue], clock: o.clock, countdownMs: trading().deadManCountdownMs, log }));
  const board = new BreakerBoard(o.tradingState);

  const offs = [
    tracker.onOrder((t) => {
      for (const k of keepers) k.observe(t);
      const state = ledger.orderState(t.intent.intentId);
      if (state !== null) o.events.emit('orders.update', orderUpdateEvent(t.intent, state, o.clock.now()));
    }),
    tracker.onFill((f) => {
      exitWiring.fillSeen(f.intent.pairSeq);
      o.events.emit('fills.new', fillNewEvent(f.fill, f.intent));
      emitPairUpdate(o.events, queries, f.intent.pairSeq);
    }),
  ];

  // The one gate every order of the core asks (risk/breaker-board.ts).
  const gate = (check: Parameters<typeof board.checkOrder>[0]) => {
    const v = board.checkOrder(check);
    return v.allowed ? { allowed: true as const } : { allowed: false as const, reason: v.detail };
  };
  const executor = new PairExecutor({
    tracker,
    ledger,
    venues: o.ports,
    clock: o.clock,
    gate,
    settings: trading,
    log,
  });

  const failures = new ConsecutiveFailuresBreaker({ get maxConsecutiveFailedEntryCount() { return o.settings().risk.maxConsecutiveFailedEntryCount; } });
  const starter = createPairStarter({
    executor,
    board,
    market: o.market,
    history: o.history,
    account: o.account,
    pairs: () => queries.listPairs(),
    settings: o.settings,
    log,
    now: () => o.clock.now(),
    onResult: (r) => {
      if (r.pairSeq !== null) emitPairUpdate(o.events, queries, r.pairSeq);
      board.apply('consecutive-failures', failures.record(r.outcome), o.clock.now());
    },
  });
  const commands = createPairCommands({
    starter,
    executor,
    settings: o.settings,
    costs: (req, notionalUsd) => {
      const view = o.market.view(req.symbol);
      if (view === undefined) return null;
      const d = evaluateDirection(view, req.longVenue, { ...screenerParams(o.settings()), notionalUsd }, o.account(), o.history, o.clock.now());
      return { entryCostBps: d.entryCostBps, entryCostUsd: d.entryCostUsd, exitCostUsd: d.exitCostUsd };
    },
    now: () => o.clock.now(),
    tradingState: () => o.tradingState.current(),
  });

  const rebalancer = new PairRebalancer({
    tracker,
    ledger,
    venues: o.ports,
    clock: o.clock,
    gate,
    settings: () => ({ ...o.settings().exits, ...o.settings().trading }),
    log,
  });
  const closer = new PairCloser({
    tracker,
    ledger,
    venues: o.ports,
    clock: o.clock,
    gate,
    settings: o.settings,
    log,
    onCloseFailed: closeFailureHook(board, o.alarms),
  });
  // The close ends in a state no fill announces (closed, close-failed, or open again): whoever
  // asked for it (the exit loop, the trader, close-all), clients see the pair's row once it ends.
  const closeAndReport = closer.close.bind(closer);
  closer.close = (pairSeq, urgency, reason) => closeAndReport(pairSeq, urgency, reason).finally(() => emitPairUpdate(o.events, queries, pairSeq));
  const tick = o.ticker === undefined ? {} : { ticker: o.ticker };
  const exitWiring: ExitWiring = startExitWiring({
    ports: o.ports,
    queries,
    market: o.market,
    history: o.history,
    rows: o.rows,
    hedge: (pairSeq) => riskFeed.hedge(pairSeq),
    settings: o.settings,
    autoExit: () => o.settings().lifecycle.autoExit,
    closer,
    rebalancer,
    events: o.events,
    log,
    clock: o.clock,
    ...tick,
    ...(o.onCommandFailed === undefined ? {} : { onCommandFailed: o.onCommandFailed }),
  });
  const riskFeed = startRiskFeed({
    onPositions: (venue, positions, atMs) => exitWiring.positions.replace(venue, positions, atMs),
    board,
    ports: o.ports,
    balances: o.balances,
    peaks: ledger,
    openPairs: () => queries.listPairs().filter((p) => p.state === 'open'),
    settings: () => o.settings().risk,
    log,
    now: () => o.clock.now(),
    ...tick,
  });
  const fundingLedger = startFundingLedger({ ports: o.ports, ledger, attributor: new FundingAttributor(ledgerDb), log, now: () => o.clock.now(), ...tick });
  const predictedFunding = startPredictedFunding({
    ports: o.ports,
    repo: new PredictedFundingRepo(ledgerDb),
    heldSymbols: () => new Set(queries.listPairs().filter((p) => HOLDING_STATES.has(p.state)).map((p) => p.symbol)),
    now: () => o.clock.now(),
    log,
    ...tick,
  });
  const positions = startPositionsWiring({
    db: ledgerDb,
    queries,
    market: o.market,
    positions: exitWiring.positions,
    exits: (pairSeq) => exitWiring.loop.evaluate(pairSeq),
    balances: o.balances,
    events: o.events,
    log,
    now: () => o.clock.now(),
    ...tick,
  });
  const entryLoop = startEntryLoop({ settings: o.settings, rows: o.rows, starter, log, ...tick });

  // Reconciliation replaces the startup readback: the gate opens only after a run read both
  // venues and applied its automatic fixes (reconcile-loop.ts).
  let lastView: LedgerView | null = null;
  // A lost order is no longer the tracker's: its in-flight checks gave up and handed it to
  // reconciliation (execution/tracker-inflight.ts), and nothing in the tracker resolves it after a
  // restart (only a running entry asks for a lost IOC's verdict). Deferring it to the tracker left
  // it lost for ever, and with it every naked-leg judgement of its pair (reconcile/diff-positions.ts:
  // a lost order is a working one).
  const trackedOpen = (cid: string) => {
    const t = tracker.get(cid);
    return t !== undefined && !isClosed(t.order.state) && t.order.state !== 'lost';
  };
  const reconcile = startReconcileLoop({
    venues: VENUE_IDS,
    read: (venue, sinceMs) => readVenueSnapshot(o.ports[venue], sinceMs, () => o.clock.now()),
    view: (sinceMs, moving) => (lastView = buildLedgerView({ source: queries, epoch: ledger.epoch, sinceMs, activePairSeqs: moving.pairSeqs, movingSinceMs: moving.sinceMs })),
    activePairs: () => [...executor.active(), ...closer.active()],
    apply: (plan) =>
      applyPlan(plan, {
        ledger,
        trackedOpen,
        clientOrderIdOf: (intentId) => lastView?.orders.find((x) => x.intentId === intentId)?.clientOrderId ?? null,
        now: () => o.clock.now(),
        log,
      }),
    restore: async () => {
      const restored = await tracker.restore();
      interruptedOrders.review(restored);
      return restored;
    },
    onResubscribed: (cb) => {
      const offs = VENUE_IDS.map((v) => o.ports[v].onAccount((e) => {
        if (e.type === 'stream' && e.stream.state === 'resubscribed') cb(v);
      }));
      return () => offs.forEach((off) => off());
    },
    board,
    tradingState: o.tradingState,
    settings: () => o.settings().reconcile,
    oldestUnclosedPairCreatedAtMs: () => ledger.oldestUnclosedPairCreatedAtMs(),
    oldestUnresolvedOrderCreatedAtMs: () => ledger.unresolvedIntents().reduce<number | null>((min, i) => (min === null || i.createdAtMs < min ? i.createdAtMs : min), null),
    clock: o.clock,
    log,
    fix: (action) => applyVenueFix(action, { closer, ledger, ports: o.ports, gate, lifecycle: () => o.settings().lifecycle, clock: o.clock, log }),
    trackedOpen,
    blockEntries: (violations, atMs) =>
      board.setConditions(
        'reconcile-invariants',
        violations.map((v, i) => ({ key: `${v.kind}:${i}:${v.detail}`, venue: v.venue, reason: `reconciliation: ${v.detail}` })),
        atMs,
      ),
    onChanged: (status) => o.events.emit('reconcile.changed', status),
  });

  return {
    ledger,
    queries,
    tracker,
    executor,
    closer,
    board,
    commands,
    entryLoop,
    riskFeed,
    fundingLedger,
    exitLoop: exitWiring.loop,
    exits: exitWiring.controls,
    reconcile,
    positions,
    reconciled: () => reconcile.reconciled(),
    async stop() {
      reconcile.stop();
      positions.stop();
      entryLoop.stop();
      exitWiring.stop();
      riskFeed.stop();
      fundingLedger.stop();
      predictedFunding.stop();
      for (const active of executor.active()) executor.cancelEntry(active, 'the app is stopping');
      for (const off of offs) off();
      for (const k of keepers) k.stop();
      interruptedOrders.stop();
      tracker.stop();
      await fundingLedger.idle();
      ledgerDb.close();
    },
  };
}
