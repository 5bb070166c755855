// Shared pieces of the executor's unit tests (pair-executor*.test.ts): the request, the executor
// on a bench (helpers/scripted-tracker.ts), order filters and venue scripts.
import { tradingDefaults } from '../../../../src-core/config/trading';
import type { EntryGate, EntryRequest, EntryResult, EntrySettings } from '../../../../src-core/execution/entry-types';
import { PairExecutor } from '../../../../src-core/execution/pair-executor';
import type { TrackedOrder } from '../../../../src-core/execution/tracker-types';
import { silentLogger } from '../../../../src-core/telemetry/log';
import { flush, type Bench } from './scripted-tracker';

export const request = (over: Partial<EntryRequest> = {}): EntryRequest => ({
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  capacityBase: '1000',
  triggeredBy: 'auto',
  entryLongHourlyRate: null,
  entryShortHourlyRate: null,
  entryApy: null,
  openNotionalUsd: { lighter: '0', extended: '0' },
  openSymbolNotionalUsd: '0',
  ...over,
});

export function executor(x: Bench, settings: Partial<EntrySettings> = {}, gate: EntryGate = () => ({ allowed: true }), maker = {}) {
  const s: EntrySettings = { ...tradingDefaults, ...settings };
  return new PairExecutor({ tracker: x.tracker, ledger: x.ledger, venues: x.venues, clock: x.clock, gate, settings: () => s, log: silentLogger, maker });
}

export const isPostOnly = (o: TrackedOrder) => o.intent.leg === 0 && o.intent.tif === 'post_only';
export const isHedge = (o: TrackedOrder) => o.intent.leg === 1;
export const working = (o: TrackedOrder) => o.order.state === 'accepted' || o.order.state === 'partially-filled';

/** The venue fills every IOC completely at its limit (hedges, escalations, rollbacks). */
export function fillIocs(x: Bench): void {
  x.tracker.script = (o, t) => {
    if (o.intent.tif === 'ioc') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
  };
}

export async function settle(p: Promise<EntryResult>): Promise<EntryResult> {
  await flush();
  return p;
}

/** Starts an entry with the default settings and fills its maker completely (0.17 at 2000.00);
 *  `ended` tells whether the entry has returned. */
export async function makerFilled(x: Bench) {
  const p = executor(x).enter(request());
  let ended = false;
  void p.then(() => (ended = true));
  await flush();
  x.tracker.fill(x.tracker.ordersOf(isPostOnly)[0]!.intent.clientOrderId, '0.17', '2000.00');
  await flush();
  return { p, ended: () => ended };
}
