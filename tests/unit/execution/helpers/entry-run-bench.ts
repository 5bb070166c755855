// A hand-built EntryRun on the scripted venue (helpers/scripted-tracker.ts), for the unit tests
// of the entry's parts on their own (entry-run, maker-leg, hedger, ioc-settle): the real FSM and
// ledger, a manual clock, the gate and the log recorded so a test can assert what was asked and
// said. Lighter is the maker (buy by default), Extended the hedge.
import { tradingDefaults } from '../../../../src-core/config/trading';
import type { VenueId } from '../../../../src-core/domain/venue';
import { AttemptCounter, planEntry } from '../../../../src-core/execution/entry-plan';
import { EntryRun } from '../../../../src-core/execution/entry-run';
import type { EntrySettings, GateVerdict } from '../../../../src-core/execution/entry-types';
import type { OrderCheck } from '../../../../src-core/risk/trading-gate';
import { createLogger } from '../../../../src-core/telemetry/log';
import type { MarketMeta } from '../../../../src-core/venues/port';
import { flush, type Bench } from './scripted-tracker';

export interface RunOptions {
  readonly settings?: Partial<EntrySettings>;
  /** The venue whose maker order is a buy (the long venue); default Lighter = the maker buys. */
  readonly longVenue?: VenueId;
  readonly targetSize?: string;
  readonly finalDeadlineMs?: number;
  readonly reserveMs?: number;
  readonly gate?: (c: OrderCheck) => GateVerdict;
  readonly counter?: AttemptCounter;
  readonly markets?: { readonly maker?: MarketMeta; readonly hedge?: MarketMeta };
}

export interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [k: string]: unknown;
}

/** An EntryRun over the bench; `gateAsked` and `logs` record the gate's questions and the log. */
export function entryRun(x: Bench, o: RunOptions = {}) {
  const longVenue = o.longVenue ?? 'lighter';
  const shortVenue: VenueId = longVenue === 'lighter' ? 'extended' : 'lighter';
  const plan = planEntry({ symbol: 'ETH', longVenue, shortVenue }, 'lighter');
  const pairSeq = x.ledger.allocatePairSeq();
  const pair = { pairSeq, symbol: 'ETH', longVenue, shortVenue, targetSize: o.targetSize ?? '0.2', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 };
  const gateAsked: OrderCheck[] = [];
  const logs: LogLine[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(JSON.parse(l) as LogLine) });
  const gate = (c: OrderCheck) => {
    gateAsked.push(c);
    return o.gate === undefined ? { allowed: true } : o.gate(c);
  };
  const run = new EntryRun(
    { tracker: x.tracker, ledger: x.ledger, venues: x.venues, clock: x.clock, gate, log },
    { ...tradingDefaults, ...o.settings },
    plan,
    { maker: o.markets?.maker ?? x.venues.lighter.meta, hedge: o.markets?.hedge ?? x.venues.extended.meta },
    pair,
    o.counter ?? new AttemptCounter(),
    x.clock.monoNow() + (o.finalDeadlineMs ?? 120_000),
    o.reserveMs ?? 8_000,
  );
  return { run, gateAsked, logs, logged: (level: string) => logs.filter((l) => l.level === level).map((l) => l.msg) };
}

/** A promise and whether it has settled yet (so a test can assert "not before"). */
export function watch<T>(p: Promise<T>) {
  const w = { done: false, value: undefined as T | undefined, p };
  void p.then((v) => {
    w.done = true;
    w.value = v;
  });
  return w;
}

/** Advances the manual clock by `ms` and lets the continuations run. */
export async function advance(x: Bench, ms: number): Promise<void> {
  x.clock.advance(ms);
  await flush();
}

/** A pair other than the run's, for orders that are not the run's own. */
export function otherPair(x: Bench) {
  return { pairSeq: x.ledger.allocatePairSeq(), symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: '1', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 };
}
