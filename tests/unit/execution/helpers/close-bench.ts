// The pair closer's unit-test bench: the scripted tracker over the real FSM and ledger
// (helpers/scripted-tracker.ts), venues whose position is the ledger's own net fills (the
// scripted venue's truth) unless a test breaks the read, the real breaker board and alarm board
// behind the closer's risk hook, and a driver that moves the manual clock until the close ends.
import { lifecycleDefaults, type LifecycleSettings } from '../../../../src-core/config/lifecycle';
import { tradingDefaults } from '../../../../src-core/config/trading';
import { PairCloser } from '../../../../src-core/execution/close';
import type { CloseReport, CloseVenue } from '../../../../src-core/execution/close-types';
import type { EntryGate } from '../../../../src-core/execution/entry-types';
import type { TrackedOrder } from '../../../../src-core/execution/tracker-types';
import type { VenueId } from '../../../../src-core/domain/venue';
import { AlarmBoard } from '../../../../src-core/risk/alarms';
import { BreakerBoard } from '../../../../src-core/risk/breaker-board';
import { closeFailureHook, type CloseFailure } from '../../../../src-core/risk/breakers/close-failed';
import { decideTransition, type TradingStateRecord } from '../../../../src-core/risk/trading-state';
import { createLogger } from '../../../../src-core/telemetry/log';
import type { Position } from '../../../../src-core/venues/port';
import type { LogLine } from './scripted-port';
import { bench, flush, StaticVenue, type Bench } from './scripted-tracker';

/** A StaticVenue that answers positions from the ledger's net fills (or fails when told). */
export class PositionVenue extends StaticVenue implements CloseVenue {
  positionReads = 0;
  /** Reads that fail from now on (a number counts down; Infinity = all). */
  failReads = 0;
  ledgerNet: () => string = () => '0';

  async positions(): Promise<readonly Position[]> {
    this.positionReads += 1;
    if (this.failReads > 0) {
      this.failReads -= 1;
      throw new Error('HTTP 503');
    }
    return [{ venue: this.meta.venue, symbol: this.meta.symbol, size: this.ledgerNet(), entryPrice: 2000, markPrice: 2000, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: null }];
  }
}

export interface CloseBench extends Omit<Bench, 'venues'> {
  readonly venues: { lighter: PositionVenue; extended: PositionVenue };
  readonly failures: CloseFailure[];
  readonly board: BreakerBoard;
  readonly alarms: AlarmBoard;
  /** The closer's log lines (what an operator reads). */
  readonly logs: LogLine[];
  tradingState(): TradingStateRecord;
  closer(over?: Partial<LifecycleSettings>, gate?: EntryGate): PairCloser;
}

export function closeBench(): CloseBench {
  const b = bench();
  const mk = (venue: VenueId) => {
    const old = b.venues[venue];
    const v = new PositionVenue(old.meta, 2000, 2000.1);
    v.ledgerNet = () => b.ledger.netFilledSize(venue, 'ETH');
    return v;
  };
  const venues = { lighter: mk('lighter'), extended: mk('extended') };
  let state: TradingStateRecord = { state: 'ACTIVE', reason: 'start', changedAtMs: 0 };
  const board = new BreakerBoard({
    current: () => state,
    request: (r) => {
      const d = decideTransition(state, r);
      if (d.kind === 'unchanged') return null;
      state = d.next;
      return state;
    },
  });
  const alarms = new AlarmBoard();
  const failures: CloseFailure[] = [];
  const hook = closeFailureHook(board, alarms);
  const logs: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as LogLine) });
  return {
    ...b,
    venues,
    failures,
    board,
    alarms,
    logs,
    tradingState: () => state,
    closer: (over = {}, gate = () => ({ allowed: true })) =>
      new PairCloser({
        tracker: b.tracker,
        ledger: b.ledger,
        venues,
        clock: b.clock,
        gate,
        settings: () => ({ lifecycle: { ...lifecycleDefaults, ...over }, trading: tradingDefaults }),
        log,
        onCloseFailed: (f) => {
          failures.push(f);
          hook(f);
        },
      }),
  };
}

/** An open pair of `size` ETH: long on Lighter (leg 0, bought at 2000.00), short on Extended
 *  (leg 1, sold at 2000.00), as the entry leaves it in the ledger. */
export async function openPair(x: CloseBench, size = '0.17'): Promise<number> {
  const pairSeq = x.ledger.allocatePairSeq();
  const pair = { pairSeq, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: size, entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: x.clock.now() };
  const script = x.tracker.script;
  x.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
  await x.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size, price: '2000.00', tif: 'ioc', reduceOnly: false }, type: 'limit' });
  await x.tracker.submit({ pair, intent: { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size, price: '2000.00', tif: 'ioc', reduceOnly: false }, type: 'limit' });
  x.tracker.script = script;
  x.ledger.setPairState(pairSeq, 'open', x.clock.now());
  x.tracker.submitted.length = 0;
  return pairSeq;
}

/** Moves the manual clock in `stepMs` steps (letting every continuation run between) until the
 *  close resolves; fails the test past `maxMs`. */
export async function drive(x: CloseBench, p: Promise<CloseReport>, stepMs = 50, maxMs = 600_000): Promise<CloseReport> {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  for (let t = 0; t <= maxMs && !done; t += stepMs) {
    await flush();
    if (!done) x.clock.advance(stepMs);
  }
  await flush();
  if (!done) throw new Error(`close did not end within ${maxMs} ms of the manual clock`);
  return p;
}

export const exits = (x: CloseBench) => x.tracker.ordersOf((o) => o.intent.purpose === 'exit');
export const isMaker = (o: TrackedOrder) => o.intent.tif === 'post_only';
export const isIoc = (o: TrackedOrder) => o.intent.tif === 'ioc';
export const pairState = (x: CloseBench, pairSeq: number) => x.ledger.pairRecord(pairSeq)?.state;
