// The verdict on a lost IOC: "never arrived" (rejected, nothing filled) or no verdict. A lost
// order is one the in-flight checks could not find (not found past the venue's grace window,
// inFlight.maxRetries times: in-flight.ts); the FSM keeps it lost because a slow query and a
// dropped order look the same from the readback alone. An entry cannot wait for reconciliation
// with one leg open, so for an IOC (the hedges and rollbacks) it asks for this verdict, which
// needs two more pieces of evidence, both read fresh from the venue:
// - the venue's fill history since the order was created holds no fill of it, and
// - the venue's position in the market equals the net of every fill the ledger holds there
//   (so no fill of any order, this one included, is missing from what we know).
// An IOC lives only at its matching instant (it never rests: Lighter's IOC carries no order
// expiry, lighter-go types/txtypes; Extended's IOC is cancelled by the matching engine if not
// filled, Extended API docs "Time in force"), so absent from the book, the fills and the
// position well past the grace window, it did not trade. A query that fails, a fill found, a
// position that differs, or an order that is not an IOC: no verdict (reconciliation decides).
import { compareDecimal } from '../domain/decimal';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { TradingPort } from '../venues/port';
import type { Entry } from './tracker-entry';
import { FILL_FETCH_SKEW_MS, fillsOfOrder } from './tracker-fills';

export type LostVerdict = { readonly kind: 'never-arrived'; readonly evidence: string } | { readonly kind: 'none'; readonly why: string };

export async function judgeLostIoc(port: Pick<TradingPort, 'fills' | 'positions'>, ledger: Pick<LedgerRepo, 'netFilledSize'>, e: Entry): Promise<LostVerdict> {
  const { intent } = e;
  if (intent.tif !== 'ioc') return { kind: 'none', why: `a ${intent.tif} order may rest: reconciliation decides` };
  if (e.order.state !== 'lost') return { kind: 'none', why: `the order is ${e.order.state}, not lost` };
  let fills;
  let positions;
  try {
    fills = await port.fills(intent.symbol, intent.createdAtMs - FILL_FETCH_SKEW_MS);
    positions = await port.positions();
  } catch (err) {
    return { kind: 'none', why: `evidence not read: ${err instanceof Error ? err.message : String(err)}` };
  }
  const own = fillsOfOrder(e, fills);
  if (own.length > 0) return { kind: 'none', why: `the venue reports ${own.length} fill(s) of it` };
  // Read after the venue's answers: a fill that reached the ledger meanwhile is counted.
  const expected = ledger.netFilledSize(intent.venue, intent.symbol);
  const held = positions.find((p) => p.venue === intent.venue && p.symbol === intent.symbol)?.size ?? '0';
  if (compareDecimal(held, expected) !== 0) return { kind: 'none', why: `venue position ${held} differs from the ledger's fills ${expected}` };
  if (e.order.state !== 'lost') return { kind: 'none', why: `the order became ${e.order.state} meanwhile` };
  return { kind: 'never-arrived', evidence: `no fill of it on ${intent.venue} since ${intent.createdAtMs - FILL_FETCH_SKEW_MS}, position ${held} = ledger fills` };
}
