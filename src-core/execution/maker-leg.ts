// Leg 0: the post-only maker order, repriced by cancel-and-replace when the book moves away, at
// most settings.makerMaxRepriceCount times and within settings.makerTimeoutMs on the monotonic
// clock (I/O time included). A post-only refusal (the venue's would-cross) uses up a reprice too,
// so a rejection storm ends. When time or reprices run out: 'escalate-taker' sends one IOC
// within maxSlippageBps for the remainder (upstream's escalation could never fire with its
// defaults, reference-upstream §13 B1); 'abort' just ends. Fills are hedged as they arrive by
// the hedger, not here.
import { compareDecimal, mulDecimal, subDecimal } from '../domain/decimal';
import { takerTouch, touchTicks } from './book-touch';
import type { EntryRun } from './entry-run';
import { slippageLimitPrice } from './hedge-ladder';
import { makerPrice, repriceDecision } from './maker-price';
import { isClosed } from './order-fsm';
import type { TrackedOrder } from './tracker-types';

/** Lighter accepts a resting order's expiry 5 min..30 days ahead (venues.md, CreateOrder
 *  OrderExpiry); our cancel and the venue's dead-man switch end it long before. */
const RESTING_EXPIRY_MIN_MS = 10 * 60_000;

export interface MakerLegOptions {
  /** Ticks our resting price may sit behind the touch before it counts as "moved away". */
  readonly repriceToleranceTicks: number;
  /** Ticks inside the spread the maker price improves on our side's touch (0 = join it). */
  readonly improveTicks: number;
}

export type MakerLegEnd =
  | { readonly kind: 'filled' }
  /** Budget spent; what filled stays (hedged by the hedger); escalated says whether an IOC ran. */
  | { readonly kind: 'exhausted'; readonly escalated: boolean; readonly reason: string }
  | { readonly kind: 'stopped'; readonly reason: string }
  /** A maker order did not settle before the entry deadline: its fills are not known yet. */
  | { readonly kind: 'unresolved'; readonly clientOrderId: string };

function remaining(run: EntryRun): string {
  return subDecimal(run.pair.targetSize, run.filledOf(0, 'entry'));
}

/** Below what the venue accepts: a smaller order would only be refused. */
export function belowMinimum(size: string, price: string, minSize: string, minNotionalUsd: string): boolean {
  return compareDecimal(size, minSize) < 0 || compareDecimal(mulDecimal(size, price), minNotionalUsd) < 0;
}

function isPostOnlyRefusal(o: TrackedOrder): boolean {
  return o.order.rejectReason === 'post-only-would-cross' || o.order.endReason === 'post-only-would-cross';
}

export async function runMakerLeg(run: EntryRun, opts: MakerLegOptions): Promise<MakerLegEnd> {
  const s = run.settings;
  const leg = run.plan.maker;
  const venue = run.deps.venues[leg.venue];
  const tick = run.markets.maker.tickSize;
  const budgetEnd = Math.min(run.monoNow() + s.makerTimeoutMs, run.deadlineMono);
  let reprices = 0;
  let current: TrackedOrder | null = null;
  let exhausted: string | null = null;

  while (exhausted === null) {
    if (run.stopReason !== null) break;
    if (compareDecimal(remaining(run), '0') <= 0 && current === null) return { kind: 'filled' };
    if (current !== null) {
      const o = run.latest(current.intent.clientOrderId) ?? current;
      if (isClosed(o.order.state)) {
        const done = await run.settle(o.intent.clientOrderId, run.deadlineMono);
        if (!isClosed(done.order.state)) return { kind: 'unresolved', clientOrderId: done.intent.clientOrderId };
        current = null;
        if (compareDecimal(remaining(run), '0') <= 0) return { kind: 'filled' };
        // Refused as would-cross, or ended by the venue: the next order is a reprice.
        if (reprices >= s.makerMaxRepriceCount) {
          exhausted = isPostOnlyRefusal(done) ? 'post-only refused, no reprices left' : 'maker order ended, no reprices left';
          break;
        }
        reprices += 1;
        continue;
      }
      if (run.monoNow() >= budgetEnd) {
        exhausted = 'maker time budget spent';
        break;
      }
      const book = venue.book(run.plan.symbol);
      if (book !== undefined && book.fresh && o.order.acceptedStage !== null) {
        const d = repriceDecision(leg.side, o.intent.price, touchTicks(book, tick), tick, opts.repriceToleranceTicks, opts.improveTicks);
        if (d.kind === 'reprice') {
          if (reprices >= s.makerMaxRepriceCount) {
            exhausted = 'book moved away, no reprices left';
            break;
          }
          await run.cancel(o.intent.clientOrderId);
          const done = await run.settle(o.intent.clientOrderId, run.deadlineMono);
          if (!isClosed(done.order.state)) return { kind: 'unresolved', clientOrderId: done.intent.clientOrderId };
          current = null;
          if (compareDecimal(remaining(run), '0') <= 0) return { kind: 'filled' };
          reprices += 1;
          continue;
        }
      }
      await run.wake.wait(budgetEnd);
      continue;
    }
    // No working order: place the next one (first, or a replacement).
    if (run.monoNow() >= budgetEnd) {
      exhausted = 'maker time budget spent';
      break;
    }
    const book = venue.book(run.plan.symbol);
    const price = book === undefined || !book.fresh ? null : makerPrice(leg.side, touchTicks(book, tick), tick, opts.improveTicks);
    if (price === null) {
      await run.wake.wait(budgetEnd);
      continue;
    }
    if (belowMinimum(remaining(run), price, run.markets.maker.minSize, run.markets.maker.minNotionalUsd)) {
      return { kind: 'exhausted', escalated: false, reason: `remainder ${remaining(run)} is below the maker venue's minimum` };
    }
    const expiryMs = run.deps.clock.now() + Math.max(RESTING_EXPIRY_MIN_MS, s.entryDeadlineMs);
    const sent = await run.send({ leg, purpose: 'entry', side: leg.side, size: remaining(run), price, tif: 'post_only', reduceOnly: false, effect: 'open', expiryMs });
    if (sent.kind === 'refused') return { kind: 'stopped', reason: sent.reason };
    current = sent.order;
  }

  // Out of budget or stopped: cancel what rests, learn its final fills.
  if (current !== null) {
    await run.cancel(current.intent.clientOrderId);
    const done = await run.settle(current.intent.clientOrderId, run.deadlineMono);
    if (!isClosed(done.order.state)) return { kind: 'unresolved', clientOrderId: done.intent.clientOrderId };
  }
  if (run.stopReason !== null) return { kind: 'stopped', reason: run.stopReason };
  if (compareDecimal(remaining(run), '0') <= 0) return { kind: 'filled' };
  const why = exhausted ?? 'maker budget spent';
  if (s.makerBudgetExhausted === 'abort') return { kind: 'exhausted', escalated: false, reason: why };
  return escalate(run, why);
}

/** One taker IOC on the maker venue for the remainder, within maxSlippageBps of the touch. */
async function escalate(run: EntryRun, why: string): Promise<MakerLegEnd> {
  const leg = run.plan.maker;
  const tick = run.markets.maker.tickSize;
  const book = run.deps.venues[leg.venue].book(run.plan.symbol);
  const touch = book === undefined || !book.fresh ? null : takerTouch(leg.side, touchTicks(book, tick));
  if (touch === null) return { kind: 'exhausted', escalated: false, reason: `${why}; no book to escalate against` };
  const price = slippageLimitPrice(leg.side, touch, run.settings.maxSlippageBps, tick);
  if (belowMinimum(remaining(run), price, run.markets.maker.minSize, run.markets.maker.minNotionalUsd)) {
    return { kind: 'exhausted', escalated: false, reason: `${why}; remainder ${remaining(run)} is below the venue's minimum` };
  }
  const sent = await run.send({ leg, purpose: 'entry', side: leg.side, size: remaining(run), price, tif: 'ioc', reduceOnly: false, effect: 'open' });
  if (sent.kind === 'refused') return { kind: 'exhausted', escalated: false, reason: `${why}; escalation ${sent.reason}` };
  const done = await run.settleIoc(sent.order.intent.clientOrderId, run.deadlineMono);
  if (!isClosed(done.order.state)) return { kind: 'unresolved', clientOrderId: done.intent.clientOrderId };
  if (compareDecimal(remaining(run), '0') <= 0) return { kind: 'filled' };
  return { kind: 'exhausted', escalated: true, reason: `${why}; taker escalation filled ${run.filledOf(0, 'entry')} of ${run.pair.targetSize}` };
}
