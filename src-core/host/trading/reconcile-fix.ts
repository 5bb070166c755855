// Runs a destructive reconciliation fix on a venue: one the trader opted in to (config/reconcile.ts)
// or approved with reconcile.decide. Each asks the trading gate first, as every order of the core
// does (a close is 'reduce', a cancel 'cancel').
// - A naked leg of a pair: the pair closer closes the pair (execution/close.ts: every order through
//   the tracker, intent durable before the send, reduce-only IOCs at the emergency slippage; the
//   leg that never filled holds nothing and sends nothing). A pair still 'opening' after a crash
//   between legs is marked 'broken' first, the state a close starts from.
// - A position not ours: no pair or intent of ours holds it, so neither the tracker nor the closer
//   can: one reduce-only IOC at the emergency slippage against the book's touch, sent through the
//   port with a client id of epoch 0, which no database ever has (domain/client-order-id.ts draws
//   epochs from 1..4095), so the fills read back as not ours, like the position they reduce, and
//   the ledger stays out of it. Reduce-only, so a repeat after a crash can never open exposure.
// - An order not ours, or one of ours the ledger holds as done: the port's cancel by its client id
//   (no intent of ours drives it; a cancel never adds exposure).
// - A zombie pair: closed in the ledger with its PnL kept (no venue call).
import { compareDecimal } from '../../domain/decimal';
import type { VenueId } from '../../domain/enums';
import { takerTouch, touchTicks } from '../../execution/book-touch';
import { CLOSABLE, type PairCloser } from '../../execution/close';
import { onStep } from '../../execution/close-leg';
import { closeLimitPrice } from '../../execution/close-price';
import type { LifecycleSettings } from '../../config/lifecycle';
import type { Clock } from '../../domain/clock';
import type { LedgerRepo } from '../../ledger/ledger-repo';
import type { ProposedAction } from '../../reconcile/discrepancy';
import type { OrderCheck } from '../../risk/trading-gate';
import type { Logger } from '../../telemetry/log';
import type { VenueAdapter } from '../../venues/port';

export type VenueFixAction = Extract<ProposedAction, { kind: 'close-position' | 'cancel-order' | 'close-zombie-pair' }>;

export type FixOutcome = { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly why: string };

export interface FixDeps {
  readonly closer: Pick<PairCloser, 'close'>;
  readonly ledger: Pick<LedgerRepo, 'pairRecord' | 'setPairState'>;
  readonly ports: Readonly<Record<VenueId, Pick<VenueAdapter, 'place' | 'cancel' | 'book' | 'onBook' | 'market'>>>;
  readonly gate: (check: OrderCheck) => { allowed: true } | { allowed: false; reason: string };
  readonly lifecycle: () => LifecycleSettings;
  readonly clock: Clock;
  readonly log: Logger;
}

/** A close is priced from a fresh book; right after startup the books' streams may not have sent
 *  their first snapshot yet, so a close waits this long for one before it fails. */
export const FIX_BOOK_WAIT_MS = 10_000;

/** Resolves true once the venue's book of `symbol` is fresh, false after FIX_BOOK_WAIT_MS. */
function freshBook(port: FixDeps['ports'][VenueId], symbol: string, clock: Clock): Promise<boolean> {
  if (port.book(symbol)?.fresh === true) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      off();
      cancel();
      resolve(ok);
    };
    const off = port.onBook((b) => {
      if (b.symbol === symbol && b.fresh) done(true);
    });
    const cancel = clock.after(FIX_BOOK_WAIT_MS, () => done(port.book(symbol)?.fresh === true));
  });
}

export function isVenueFix(a: ProposedAction): a is VenueFixAction {
  return a.kind === 'close-position' || a.kind === 'cancel-order' || a.kind === 'close-zombie-pair';
}

/** A Lighter client_order_index is unique per account and at most 2^48 − 1; ids below 2^36 have
 *  epoch 0 and so are never ours. The wall clock in ms spreads them (one close per ms at most). */
export function foreignCloseClientId(nowMs: number): string {
  return String((Math.floor(nowMs) % (2 ** 36 - 1)) + 1);
}

async function closeNakedLeg(pairSeq: number, d: FixDeps): Promise<FixOutcome> {
  const rec = d.ledger.pairRecord(pairSeq);
  if (rec === null) return { ok: false, why: `no pair ${pairSeq}` };
  for (const venue of rec.legVenues) if (venue !== null) await freshBook(d.ports[venue], rec.pair.symbol, d.clock);
  if (!CLOSABLE.has(rec.state)) d.ledger.setPairState(pairSeq, 'broken', d.clock.now(), 'reconciliation: one leg filled, the other flat');
  const report = await d.closer.close(pairSeq, 'emergency', 'reconciliation: naked leg');
  return report.outcome === 'closed' ? { ok: true, detail: `pair ${pairSeq} closed (${report.legs.map((l) => `${l.venue} ${l.closedSize}`).join(', ')})` } : { ok: false, why: `close of pair ${pairSeq} ${report.outcome}: ${report.detail}` };
}

async function closeForeign(a: Extract<VenueFixAction, { kind: 'close-position' }>, d: FixDeps): Promise<FixOutcome> {
  const port = d.ports[a.venue];
  const market = port.market(a.symbol);
  if (market === undefined) return { ok: false, why: `no ${a.venue} market for ${a.symbol}` };
  await freshBook(port, a.symbol, d.clock);
  const book = port.book(a.symbol);
  const touch = book === undefined || !book.fresh ? null : takerTouch(a.side, touchTicks(book, market.tickSize));
  if (touch === null) return { ok: false, why: `no fresh ${a.venue} ${a.symbol} book to price the close` };
  const size = onStep(a.size, market.stepSize);
  if (compareDecimal(size, market.minSize) < 0) return { ok: false, why: `${size} is below ${a.venue}'s minimum order ${market.minSize}` };
  const l = d.lifecycle();
  const price = closeLimitPrice(a.side, touch, l.emergencySlippageStartBps, l.closeSlippageCapBps, market.tickSize);
  const clientOrderId = foreignCloseClientId(d.clock.now());
  const out = await port.place({ symbol: a.symbol, side: a.side, size, price, type: 'limit', tif: 'ioc', reduceOnly: true, clientOrderId });
  if (out.kind !== 'accepted') return { ok: false, why: `${a.venue} refused the reduce-only IOC: ${JSON.stringify(out)}` };
  return { ok: true, detail: `reduce-only IOC ${a.side} ${size} ${a.symbol} at ${price} sent on ${a.venue} (client id ${clientOrderId})` };
}

export async function applyVenueFix(a: VenueFixAction, d: FixDeps): Promise<FixOutcome> {
  if (a.kind === 'close-zombie-pair') {
    d.ledger.setPairState(a.pairSeq, a.toState, d.clock.now(), a.reason);
    return { ok: true, detail: `pair ${a.pairSeq} ${a.toState} in the ledger, its PnL kept` };
  }
  const v = d.gate({ effect: a.kind === 'cancel-order' ? 'cancel' : 'reduce', venue: a.venue, symbol: a.symbol });
  if (!v.allowed) return { ok: false, why: v.reason };
  try {
    if (a.kind === 'cancel-order') {
      const out = await d.ports[a.venue].cancel(a.symbol, a.clientOrderId);
      return out.kind === 'accepted' ? { ok: true, detail: `cancel of ${a.venue} order ${a.venueOrderId} accepted` } : { ok: false, why: `${a.venue} refused the cancel: ${JSON.stringify(out)}` };
    }
    if (a.why === 'naked-leg' && a.pairSeq !== null) return await closeNakedLeg(a.pairSeq, d);
    return await closeForeign(a, d);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    d.log.warn('reconcile venue fix failed', { action: a.kind, venue: a.venue, symbol: a.symbol, error: msg });
    return { ok: false, why: msg };
  }
}
