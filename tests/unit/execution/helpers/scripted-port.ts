// A scripted venue trading port for the LiveOrderTracker's unit tests (order-tracker.test.ts):
// the TradingPort contract with every answer set by the test (place, cancel, readback, fills,
// positions) and every call recorded, plus `emit` for account-stream events. The tracker under
// test, its ledger (a real SQLite file) and its order FSM are the real ones; the simulator over
// sockets is the integration tests' job (tests/integration/execution/order-tracker.test.ts).
import { join } from 'node:path';
import type { VenueId } from '../../../../src-core/domain/venue';
import type { InFlightConfig } from '../../../../src-core/execution/in-flight';
import { LiveOrderTracker } from '../../../../src-core/execution/order-tracker';
import type { SubmitRequest, TrackedFill, TrackedOrder } from '../../../../src-core/execution/tracker-types';
import { LedgerRepo } from '../../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../../src-core/store/db';
import { createLogger } from '../../../../src-core/telemetry/log';
import type { AccountEvent, ActionOutcome, Fill, OrderState, PlaceOrder, Position, Readback, TradingPort } from '../../../../src-core/venues/port';
import { tempDir } from '../../../helpers/tmp';
import { manualClock, type ManualClock } from './scripted-tracker';

export const ACCEPTED_LIVE: ActionOutcome = { kind: 'accepted', stage: 'live', venueOrderId: 'v1', txHash: null, ackAtMs: 0 };
export const ACCEPTED_QUEUED: ActionOutcome = { kind: 'accepted', stage: 'queued', venueOrderId: 'v1', txHash: null, ackAtMs: 0 };

export interface PortCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

export class ScriptedPort implements TradingPort {
  readonly calls: PortCall[] = [];
  readonly capabilities;
  private readonly listeners = new Set<(e: AccountEvent) => void>();
  placeAnswer: (o: PlaceOrder) => Promise<ActionOutcome> = async () => ACCEPTED_LIVE;
  cancelAnswer: () => Promise<ActionOutcome> = async () => ACCEPTED_LIVE;
  readback: (clientOrderId: string) => Promise<Readback> = async () => ({ kind: 'not-found', queriedAtMs: 0 });
  fillList: () => Promise<readonly Fill[]> = async () => [];
  positionList: () => Promise<readonly Position[]> = async () => [];

  constructor(
    readonly venue: VenueId,
    notFoundGraceMs = 500,
  ) {
    this.capabilities = { cancel: 'queued', symbolCancelAll: true, notFoundGraceMs, modify: 'none', deadManSwitch: null } as const;
  }

  /** Listeners currently subscribed (the tracker unsubscribes on stop). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(e: AccountEvent): void {
    for (const cb of [...this.listeners]) cb(e);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  onAccount(cb: (event: AccountEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  place(o: PlaceOrder): Promise<ActionOutcome> {
    this.calls.push({ method: 'place', args: [o] });
    return this.placeAnswer(o);
  }
  cancel(symbol: string, clientOrderId: string): Promise<ActionOutcome> {
    this.calls.push({ method: 'cancel', args: [symbol, clientOrderId] });
    return this.cancelAnswer();
  }
  cancelAll(): Promise<ActionOutcome> {
    throw new Error('not used by the tracker');
  }
  setLeverage(): Promise<ActionOutcome> {
    throw new Error('not used by the tracker');
  }
  deadManSwitch(): Promise<ActionOutcome> {
    throw new Error('not used by the tracker');
  }
  orderByClientId(symbol: string, clientOrderId: string, txHash?: string | null): Promise<Readback> {
    this.calls.push({ method: 'orderByClientId', args: [symbol, clientOrderId, txHash] });
    return this.readback(clientOrderId);
  }
  openOrders(): Promise<readonly OrderState[]> {
    throw new Error('not used by the tracker');
  }
  fills(symbol: string | null, sinceMs: number): Promise<readonly Fill[]> {
    this.calls.push({ method: 'fills', args: [symbol, sinceMs] });
    return this.fillList();
  }
  fundingPayments(): Promise<readonly never[]> {
    throw new Error('not used by the tracker');
  }
  positions(): Promise<readonly Position[]> {
    this.calls.push({ method: 'positions', args: [] });
    return this.positionList();
  }
  balance(): never {
    throw new Error('not used by the tracker');
  }
}

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [k: string]: unknown;
}

export const TEST_IN_FLIGHT: InFlightConfig = { checkIntervalMs: 1_000, thresholdMs: 2_000, maxRetries: 3 };

/** A LiveOrderTracker over a real ledger file, a manual clock and one scripted port per venue. */
export function trackerBench(opts: { inFlight?: InFlightConfig; graceMs?: number } = {}) {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const file = join(t.dir, 'sim.db');
  const dbs = [openLedgerDatabase(file)];
  const ledger = new LedgerRepo(dbs[0]!);
  const clock: ManualClock = manualClock();
  const ports = { lighter: new ScriptedPort('lighter', opts.graceMs), extended: new ScriptedPort('extended', opts.graceMs) };
  const logs: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as LogLine) });
  const fills: TrackedFill[] = [];
  const orders: TrackedOrder[] = [];
  const trackers: LiveOrderTracker[] = [];
  const make = (repo: LedgerRepo) => {
    const tr = new LiveOrderTracker({ ledger: repo, ports, clock, inFlight: opts.inFlight ?? TEST_IN_FLIGHT, log });
    tr.onFill((f) => fills.push(f));
    tr.onOrder((o) => orders.push(o));
    trackers.push(tr);
    return tr;
  };
  const bench = {
    ledger,
    clock,
    ports,
    logs,
    fills,
    orders,
    tracker: make(ledger),
    /** A second tracker over the same ledger file (a restart). */
    restart(): LiveOrderTracker {
      bench.tracker.stop();
      const db = openLedgerDatabase(file);
      dbs.push(db);
      bench.tracker = make(new LedgerRepo(db));
      return bench.tracker;
    },
    request(over: Partial<SubmitRequest['intent']> = {}, expiryMs?: number): SubmitRequest {
      const venue = over.venue ?? 'lighter';
      const other: VenueId = venue === 'lighter' ? 'extended' : 'lighter';
      const pairSeq = ledger.allocatePairSeq();
      return {
        pair: { pairSeq, symbol: 'ETH', longVenue: venue, shortVenue: other, targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: clock.now() },
        intent: { leg: 0, venue, purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'gtt', reduceOnly: false, ...over },
        type: 'limit',
        ...(expiryMs === undefined ? {} : { expiryMs }),
      };
    },
    /** The ledger's state log of an intent: the FSM event each change was written with. */
    stateLog(intentId: number): string[] {
      return (dbs[0]!.prepare('SELECT event FROM order_state_log WHERE intent_id = ? ORDER BY rowid').all(intentId) as { event: string }[]).map((r) => r.event);
    },
    logged(level: string): string[] {
      return logs.filter((l) => l.level === level).map((l) => l.msg);
    },
    close(): void {
      for (const tr of trackers) tr.stop();
      for (const db of dbs) db.close();
      main.close();
      t.cleanup();
    },
  };
  return bench;
}

export type TrackerBench = ReturnType<typeof trackerBench>;

/** The venue's view of an order, for stream events and readbacks. */
export function venueOrder(o: TrackedOrder, over: Partial<OrderState> = {}): OrderState {
  return {
    venue: o.intent.venue,
    symbol: o.intent.symbol,
    clientOrderId: o.intent.clientOrderId,
    venueOrderId: 'v1',
    side: o.intent.side,
    status: 'open',
    endReason: null,
    venueReason: null,
    price: o.intent.price,
    size: o.intent.size,
    filledSize: '0',
    avgFillPrice: null,
    reduceOnly: o.intent.reduceOnly,
    updatedAtMs: 0,
    ...over,
  };
}

/** A venue fill of the order (by our client id). */
export function venueFill(o: TrackedOrder, venueFillId: string, size: string, over: Partial<Fill> = {}): Fill {
  return { venue: o.intent.venue, symbol: o.intent.symbol, venueFillId, venueOrderId: 'v1', clientOrderId: o.intent.clientOrderId, side: o.intent.side, size, price: o.intent.price, feeUsd: '0.01', isMaker: false, timeMs: 0, ...over };
}
