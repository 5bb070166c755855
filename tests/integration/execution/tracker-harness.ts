// The order tracker over the real thing: a venue harness (simulator on a ManualClock, the real
// adapter on the demo credentials, loopback sockets), a real SQLite ledger file opened the way the
// app opens it (openStore for the schema, openLedgerDatabase for the FULL-sync connection), and a
// LiveOrderTracker whose clock (wall, monotonic and timers) is the simulator's ManualClock, so
// every in-flight check is driven by moving that clock, never by sleeping.
import { join } from 'node:path';
import type { Clock } from '../../../src-core/domain/clock';
import type { VenueId } from '../../../src-core/domain/venue';
import type { TimeInForce } from '../../../src-core/domain/enums';
import type { Side } from '../../../src-core/domain/venue';
import type { InFlightConfig } from '../../../src-core/execution/in-flight';
import { LiveOrderTracker } from '../../../src-core/execution/order-tracker';
import type { SubmitRequest, TrackedFill, TrackedOrder } from '../../../src-core/execution/tracker-types';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { createLogger, type Logger } from '../../../src-core/telemetry/log';
import type { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { TradingPort } from '../../../src-core/venues/port';
import { pollUntil } from '../../helpers/wait';
import { tempDir } from '../../helpers/tmp';
import { extendedHarness, type ExtendedHarness } from '../trading-port/extended-harness';
import { lighterHarness, type LighterHarness } from '../trading-port/lighter-harness';

export const SYMBOL = 'ETH';
/** Short enough that a test walks through every check in a few clock moves. */
export const TEST_IN_FLIGHT: InFlightConfig = { checkIntervalMs: 1_000, thresholdMs: 2_000, maxRetries: 3 };

export type VenueHarness = LighterHarness | ExtendedHarness;

export function manualTrackerClock(mc: ManualClock): Clock {
  // The ManualClock never goes back, so it serves as the monotonic clock too.
  return { now: () => mc.nowMs(), monoNow: () => mc.nowMs(), after: (ms, fn) => mc.after(Math.max(0, ms), fn) };
}

/** Log records kept for assertions (anomalies are logged, never thrown). */
export interface LogRecord {
  readonly level: string;
  readonly msg: string;
  readonly [k: string]: unknown;
}

export interface TrackerRig {
  readonly h: VenueHarness;
  readonly venue: VenueId;
  readonly ledger: LedgerRepo;
  readonly ledgerFile: string;
  tracker: LiveOrderTracker;
  readonly fills: TrackedFill[];
  readonly orders: TrackedOrder[];
  readonly logs: LogRecord[];
  readonly log: Logger;
  /** A new tracker over the same ledger file (a fresh connection) and the harness's current port. */
  newTracker(inFlight?: InFlightConfig): LiveOrderTracker;
  request(o: { side: Side; price: string; size: string; tif: TimeInForce; type?: 'limit' | 'market'; expiryMs?: number }): SubmitRequest;
  /** Moves the clock by `stepMs` between polls until `ok` holds (20 s of real time at most). */
  advanceUntil<T>(probe: () => T, ok: (v: T) => boolean, what: string, stepMs?: number): Promise<T>;
  /** Every call the tracker made on the port: method and client order id (place, cancel,
   *  orderByClientId) or null. */
  readonly calls: { readonly method: string; readonly clientOrderId: string | null }[];
  /** How often `method` was called for this client order id. */
  callCount(method: string, clientOrderId: string | null): number;
  /** Orders the simulator holds for our account under this client id. */
  venueOrders(clientOrderId: string): number;
  close(): Promise<void>;
}

export async function trackerRig(venue: VenueId, opts: { adapter?: { orderTimeoutMs?: number }; inFlight?: InFlightConfig } = {}): Promise<TrackerRig> {
  const h: VenueHarness = venue === 'lighter' ? await lighterHarness({ adapter: opts.adapter }) : await extendedHarness({ adapter: opts.adapter });
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const ledgerFile = join(t.dir, 'sim.db');
  const dbs = [openLedgerDatabase(ledgerFile)];
  const ledger = new LedgerRepo(dbs[0]!);
  const logs: LogRecord[] = [];
  const log = createLogger({ level: 'debug', sink: (line) => logs.push(JSON.parse(line) as LogRecord) });
  const fills: TrackedFill[] = [];
  const orders: TrackedOrder[] = [];
  const trackers: LiveOrderTracker[] = [];
  const calls: { method: string; clientOrderId: string | null }[] = [];
  const make = (inFlight: InFlightConfig, repo: LedgerRepo): LiveOrderTracker => {
    const tr = new LiveOrderTracker({ ledger: repo, ports: { [venue]: counted(h.adapter, calls) } as Record<VenueId, TradingPort>, clock: manualTrackerClock(h.clock), inFlight, log });
    tr.onFill((f) => fills.push(f));
    tr.onOrder((o) => orders.push(o));
    trackers.push(tr);
    return tr;
  };
  const other: VenueId = venue === 'lighter' ? 'extended' : 'lighter';
  const rig: TrackerRig = {
    h,
    venue,
    ledger,
    ledgerFile,
    tracker: make(opts.inFlight ?? TEST_IN_FLIGHT, ledger),
    fills,
    orders,
    logs,
    log,
    newTracker(inFlight = opts.inFlight ?? TEST_IN_FLIGHT) {
      const db = openLedgerDatabase(ledgerFile);
      dbs.push(db);
      rig.tracker = make(inFlight, new LedgerRepo(db));
      return rig.tracker;
    },
    request(o) {
      const pairSeq = ledger.allocatePairSeq();
      return {
        pair: { pairSeq, symbol: SYMBOL, longVenue: o.side === 'buy' ? venue : other, shortVenue: o.side === 'buy' ? other : venue, targetSize: o.size, entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: h.clock.nowMs() },
        intent: { leg: 0, venue, purpose: 'entry', attempt: 0, side: o.side, size: o.size, price: o.price, tif: o.tif, reduceOnly: false },
        type: o.type ?? 'limit',
        ...(o.expiryMs === undefined ? {} : { expiryMs: o.expiryMs }),
      };
    },
    advanceUntil(probe, ok, what, stepMs = 200) {
      return pollUntil(
        () => {
          const v = probe();
          if (!ok(v)) h.advance(stepMs);
          return v;
        },
        { until: ok, what },
      );
    },
    calls,
    callCount: (method, id) => calls.filter((c) => c.method === method && c.clientOrderId === id).length,
    venueOrders(clientOrderId) {
      return [...h.simAccount().orders.values()].filter((o) => o.clientId === clientOrderId).length;
    },
    async close() {
      for (const tr of trackers) tr.stop();
      await h.close();
      for (const db of dbs) db.close();
      main.close();
      t.cleanup();
    },
  };
  return rig;
}

/** The real adapter, with each trading call noted on the way through (nothing else changes). */
function counted(adapter: TradingPort, calls: { method: string; clientOrderId: string | null }[]): TradingPort {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const first = args[0];
        const id = prop === 'place' && typeof first === 'object' && first !== null ? (first as { clientOrderId: string }).clientOrderId : prop === 'cancel' || prop === 'orderByClientId' ? (args[1] as string) : null;
        calls.push({ method: String(prop), clientOrderId: id });
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

export const VENUES_UNDER_TEST: readonly VenueId[] = ['lighter', 'extended'];
