// The order tracker's in-flight checks (NautilusTrader's in-flight check, peers.md §A2): an order
// whose venue state is not known (unknown send outcome, queued ack, pending cancel, restored after
// a restart) is queried by client id (and Lighter's tx hash) on the schedule decideInFlight gives
// (in-flight.ts). Timers only through clock.after, so nothing queries faster than the config.
// A query that throws is a 'failed' check (never "not found"); exhausted not-found checks make the
// order lost (reconciliation owns it), never rejected; and nothing here can send an order.
import type { Clock } from '../domain/clock';
import type { Logger } from '../telemetry/log';
import type { TradingPort } from '../venues/port';
import { decideInFlight, type InFlightCheck, type InFlightConfig } from './in-flight';
import { missingFillSize, type OrderEvent } from './order-fsm';
import { readbackEvent } from './port-events';
import { wantedFlight, type Entry, type Flight } from './tracker-entry';
import { signDecimal } from '../domain/decimal';

export interface FlightHost {
  readonly clock: Clock;
  readonly config: InFlightConfig;
  readonly log: Logger;
  port(e: Entry): TradingPort;
  /** Applies an FSM event, persists and notifies; false when the FSM refused it. */
  apply(e: Entry, event: OrderEvent, source: string): boolean;
  /** Fetches fills the venue reports that we have not applied (ghost and missed fills). */
  fetchMissingFills(e: Entry): void;
  /** Sends the cancel of a pending-cancel order once more (a stuck cancel). */
  recancel(e: Entry): void;
  isStopped(): boolean;
}

export class FlightRunner {
  constructor(private readonly host: FlightHost) {}

  /** After any change of the order: starts, keeps, restarts or ends its checks. */
  review(e: Entry): void {
    const want = wantedFlight(e);
    if (want === null) {
      this.end(e);
      return;
    }
    if (e.flight !== null && e.flight.kind === want) return;
    this.end(e);
    const now = this.host.clock.monoNow();
    e.flight = want === 'cancel' ? newFlight('cancel', now, null) : newFlight('send', e.sentAtMono, e.ackAtMono);
    this.step(e);
  }

  end(e: Entry): void {
    e.flight?.cancelTimer?.();
    e.flight = null;
  }

  /** Decides what the order's checks do next and does it. */
  step(e: Entry): void {
    const f = e.flight;
    if (f === null || e.query !== null || this.host.isStopped()) return;
    f.cancelTimer?.();
    f.cancelTimer = null;
    const now = this.host.clock.monoNow();
    const d = decideInFlight({ sinceMs: f.sinceMono, ackAtMs: f.ackAtMono, notFoundGraceMs: this.host.port(e).capabilities.notFoundGraceMs, checks: f.checks, nowMs: now }, this.host.config);
    switch (d.kind) {
      case 'wait':
      case 'in-flight':
        f.cancelTimer = this.host.clock.after(d.untilMs - now, () => {
          f.cancelTimer = null;
          if (e.flight === f) this.step(e);
        });
        return;
      case 'query':
        void this.query(e);
        return;
      case 'lost':
        this.host.log.warn('order lost: in-flight checks exhausted, handed to reconciliation', { clientOrderId: e.intent.clientOrderId, venue: e.intent.venue, notFoundChecks: d.notFoundChecks });
        e.recheckLost = false;
        this.end(e);
        this.host.apply(e, { kind: 'lost' }, 'in-flight');
        return;
      case 'stuck':
        this.onStuck(e, f, d.foundChecks);
        return;
    }
  }

  /** One readback of the order, shared by concurrent callers; its result is applied to the FSM
   *  and counted as a check of the flight it was made for. */
  query(e: Entry): Promise<void> {
    if (e.query !== null) return e.query;
    const f = e.flight;
    f?.cancelTimer?.();
    if (f !== null) f.cancelTimer = null;
    const run = async (): Promise<void> => {
      const port = this.host.port(e);
      let check: InFlightCheck;
      let event: OrderEvent | null = null;
      try {
        const rb = await port.orderByClientId(e.intent.symbol, e.intent.clientOrderId, e.intent.txHash);
        check = { kind: rb.kind, atMs: this.host.clock.monoNow() };
        event = readbackEvent(rb);
      } catch (err) {
        // Unknown, not absent: only schedules the next query.
        check = { kind: 'failed', atMs: this.host.clock.monoNow(), error: err instanceof Error ? err.message : String(err) };
        this.host.log.warn('order readback failed', { clientOrderId: e.intent.clientOrderId, venue: e.intent.venue, error: check.error });
      }
      if (this.host.isStopped()) return;
      if (f !== null) f.checks = pruned([...f.checks, check]);
      if (event !== null) {
        this.host.apply(e, event, 'readback');
        if (signDecimal(missingFillSize(e.order)) > 0) this.host.fetchMissingFills(e);
      }
    };
    e.query = run().finally(() => {
      e.query = null;
      if (e.flight !== null && !this.host.isStopped()) this.step(e);
    });
    return e.query;
  }

  private onStuck(e: Entry, f: Flight, foundChecks: number): void {
    if (f.stuck) return;
    f.stuck = true;
    if (f.kind === 'cancel' && e.cancelsSent < 2) {
      this.host.log.warn('cancel not applied after the in-flight checks: requesting it once more', { clientOrderId: e.intent.clientOrderId, venue: e.intent.venue, foundChecks });
      this.end(e);
      this.host.recancel(e);
      return;
    }
    // Found every time yet still not resolved: reconciliation decides; never guessed done.
    this.host.log.error('order stuck in flight, handed to reconciliation', { clientOrderId: e.intent.clientOrderId, venue: e.intent.venue, state: e.order.state, foundChecks });
  }
}

function newFlight(kind: Flight['kind'], sinceMono: number, ackAtMono: number | null): Flight {
  return { kind, sinceMono, ackAtMono, checks: [], cancelTimer: null, stuck: false };
}

/** Keeps the answers that can count and only the latest failure (a venue down for hours must
 *  not grow the list; decideInFlight needs the counts and the latest check). */
export function pruned(checks: InFlightCheck[]): InFlightCheck[] {
  let lastFailed = -1;
  for (let i = 0; i < checks.length; i++) if (checks[i]!.kind === 'failed') lastFailed = i;
  return checks.filter((c, i) => c.kind !== 'failed' || i === lastFailed);
}
