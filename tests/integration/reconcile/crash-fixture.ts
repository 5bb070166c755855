// A crash between legs and a position not ours, left on the simulator's venues and in a core's
// ledger for the next start to reconcile (tests/integration/reconcile, cli-reconcile): the entry's
// intent is durable (as the tracker writes it before a send), its IOC filled on Lighter, and the
// hedge's intent never written; a BTC sell on Extended under a client id of epoch 0, which no
// database has (domain/client-order-id.ts), so it is not ours.
import { expect } from 'vitest';
import type { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { takerTouch, touchTicks } from '../../../src-core/execution/book-touch';
import { onStep } from '../../../src-core/execution/close-leg';
import { closeLimitPrice } from '../../../src-core/execution/close-price';
import { numberToDecimal } from '../../../src-core/domain/decimal';
import type { Side, VenueId } from '../../../src-core/domain/venue';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { VenueAdapter } from '../../../src-core/venues/port';
import { pollUntil } from '../../helpers/wait';

export const FOREIGN_CLIENT_ID = '424242';

/** Every order either venue's account ever received. */
export function orderCount(sim: Simulator): number {
  return sim.engine.account('lighter', String(sim.demo.lighter.accountIndex))!.orders.size + sim.engine.account('extended', String(sim.demo.extended.accountId))!.orders.size;
}

export async function held(port: VenueAdapter, symbol: string): Promise<string> {
  return (await port.positions()).find((p) => p.symbol === symbol)?.size ?? '0';
}

/** A crossing IOC for about `usd` of `symbol`, priced 50 bps through the touch. */
async function crossing(port: VenueAdapter, symbol: string, side: Side, usd: number): Promise<{ size: string; price: string }> {
  const m = port.market(symbol)!;
  const book = await pollUntil(() => port.book(symbol), { until: (b) => b !== undefined && b.fresh && b.bids.length > 0 && b.asks.length > 0, what: `a fresh ${port.venue} ${symbol} book` });
  const size = onStep(numberToDecimal(usd / book!.asks[0]!.price), m.stepSize);
  const price = closeLimitPrice(side, takerTouch(side, touchTicks(book!, m.tickSize))!, 50, 100, m.tickSize);
  return { size, price };
}

/** Leaves, in `ledger` and on the venues behind `ports`, a crash between legs and a foreign position. */
export async function leaveCrashAndForeign(ports: Readonly<Record<VenueId, VenueAdapter>>, ledger: Pick<LedgerRepo, 'allocatePairSeq' | 'recordIntent'>): Promise<{ pairSeq: number; legSize: string; foreignSize: string }> {
  const pairSeq = ledger.allocatePairSeq();
  const leg = await crossing(ports.lighter, 'ETH', 'buy', 150);
  const now = Date.now();
  // The entry's intent is durable before its send (execution/order-tracker.ts); the crash comes
  // after the send, before the hedge leg's intent.
  const intent = ledger.recordIntent(
    { pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: leg.size, entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: now },
    { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: leg.size, price: leg.price, tif: 'ioc', reduceOnly: false, createdAtMs: now, txHash: null },
    'submitted',
  );
  expect((await ports.lighter.place({ symbol: 'ETH', side: 'buy', size: leg.size, price: leg.price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: intent.clientOrderId })).kind).toBe('accepted');
  const foreign = await crossing(ports.extended, 'BTC', 'sell', 150);
  expect((await ports.extended.place({ symbol: 'BTC', side: 'sell', size: foreign.size, price: foreign.price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: FOREIGN_CLIENT_ID })).kind).toBe('accepted');
  await pollUntil(() => held(ports.lighter, 'ETH'), { until: (s) => Number(s) === Number(leg.size), what: 'the entry IOC to fill on Lighter' });
  await pollUntil(() => held(ports.extended, 'BTC'), { until: (s) => Number(s) === -Number(foreign.size), what: 'the foreign sell to fill on Extended' });
  return { pairSeq, legSize: leg.size, foreignSize: foreign.size };
}
