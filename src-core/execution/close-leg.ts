// One leg's round of a close: what the round must close on this leg (the ledger's net, checked
// against the venue's position by the caller), reduce-only throughout.
// - Maker first (a normal close's first round): one post-only order at our side's touch for
//   lifecycle.closeMakerTimeoutMs, then its cancel, and the cancel CONFIRMED: the order is seen
//   closed with every fill it had (a fill racing the cancel, the "ghost", counts). Nothing more is
//   sent while it may still rest (upstream escalated beside resting makers: §13 B12, B13).
// - Then reduce-only IOCs up the close ladder (close-price.ts) for what is left, each waited for
//   until it settles; one whose outcome is unknown is never re-sent (EntryRun.settleIoc). One
//   refused before it reached the book (429, not sent, never arrived) is retried on the same rung.
import { compareDecimal, fromIncrements, normalizeDecimal, subDecimal, toIncrements } from '../domain/decimal';
import type { Side } from '../domain/venue';
import type { LifecycleSettings } from '../config/lifecycle';
import type { MarketMeta } from '../venues/port';
import { takerTouch, touchTicks } from './book-touch';
import { closeLadderBps, closeLimitPrice } from './close-price';
import type { CloseUrgency } from './close-types';
import type { LegPlan } from './entry-plan';
import { settled, type EntryRun } from './entry-run';
import { pause } from './entry-wait';
import { HEDGE_RETRY_PAUSE_MAX_MS, HEDGE_RETRY_PAUSE_MS, HEDGE_UNSENT_MAX, neverReachedBook } from './hedger';
import { belowMinimum } from './maker-leg';
import { makerPrice } from './maker-price';

/** Lighter accepts a resting order's expiry 5 min..30 days ahead (venues.md, CreateOrder
 *  OrderExpiry); the cancel ends the close's maker long before. */
const RESTING_EXPIRY_MS = 10 * 60_000;

export interface LegRound {
  readonly run: EntryRun;
  readonly leg: LegPlan;
  readonly market: MarketMeta;
  /** The reduce-only side (opposite of the side that opened the leg). */
  readonly side: Side;
  /** Exact size this round closes (on the market's step). */
  readonly target: string;
  readonly makerFirst: boolean;
  /** Read at each step: an emergency may overtake a normal close while it runs (the maker is
   *  then cancelled at once and the ladder starts at the emergency slippage). */
  readonly urgency: () => CloseUrgency;
  readonly settings: LifecycleSettings;
  /** The close's deadline, read at each step (an emergency brings it forward). */
  readonly deadlineMono: () => number;
}

export type LegRoundEnd =
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly reason: string }
  /** An order of the round did not settle before the deadline: its fills are not known. */
  | { readonly kind: 'unresolved'; readonly clientOrderId: string };

export interface LegRoundResult {
  readonly end: LegRoundEnd;
  readonly orderCount: number;
}

/** `size` rounded down to the market's step (exact). */
export function onStep(size: string, stepSize: string): string {
  return normalizeDecimal(fromIncrements(toIncrements(size, stepSize, 'floor'), stepSize));
}

export async function closeLegRound(r: LegRound): Promise<LegRoundResult> {
  const startFilled = r.run.filledOf(r.leg.leg, 'exit');
  const left = () => subDecimal(r.target, subDecimal(r.run.filledOf(r.leg.leg, 'exit'), startFilled));
  let orderCount = 0;
  const send = async (size: string, price: string, tif: 'post_only' | 'ioc') => {
    const sent = await r.run.send({ leg: r.leg, purpose: 'exit', side: r.side, size, price, tif, reduceOnly: true, effect: 'reduce', ...(tif === 'post_only' ? { expiryMs: r.run.deps.clock.now() + RESTING_EXPIRY_MS } : {}) });
    if (sent.kind === 'sent') orderCount += 1;
    return sent;
  };
  const done = (end: LegRoundEnd): LegRoundResult => ({ end, orderCount });
  const venue = r.run.deps.venues[r.leg.venue];
  const symbol = r.run.pair.symbol;
  const tick = r.market.tickSize;

  if (r.makerFirst && r.urgency() === 'normal' && r.settings.closeMakerTimeoutMs > 0) {
    const book = venue.book(symbol);
    const price = book === undefined || !book.fresh ? null : makerPrice(r.side, touchTicks(book, tick), tick, 0);
    if (price !== null && !belowMinimum(left(), price, r.market.minSize, r.market.minNotionalUsd)) {
      const sent = await send(left(), price, 'post_only');
      if (sent.kind === 'refused') return done({ kind: 'failed', reason: `maker ${sent.reason}` });
      const id = sent.order.intent.clientOrderId;
      const makerEnd = Math.min(r.run.monoNow() + r.settings.closeMakerTimeoutMs, r.deadlineMono());
      // The run's wake-up fires on every change of the order, every fill and book update.
      let rested = r.run.latest(id) ?? sent.order;
      while (!settled(rested) && r.run.monoNow() < Math.min(makerEnd, r.deadlineMono()) && r.urgency() === 'normal') {
        await r.run.wake.wait(Math.min(makerEnd, r.deadlineMono()));
        rested = r.run.latest(id) ?? rested;
      }
      if (!settled(rested)) {
        await r.run.cancel(id);
        // The cancel is confirmed by the order's end with all its fills, never assumed.
        const end = await r.run.settle(id, r.deadlineMono());
        if (!settled(end)) return done({ kind: 'unresolved', clientOrderId: id });
      }
    }
  }

  let rung = 0;
  let unsent = 0;
  const ladder = () => ({ startBps: r.urgency() === 'emergency' ? r.settings.emergencySlippageStartBps : r.settings.closeSlippageStartBps, stepBps: r.settings.closeSlippageStepBps, capBps: r.settings.closeSlippageCapBps });
  while (rung < r.settings.closeIocMaxAttemptCount) {
    const size = onStep(left(), r.market.stepSize);
    if (compareDecimal(size, '0') <= 0) return done({ kind: 'closed' });
    if (r.run.monoNow() >= r.deadlineMono()) return done({ kind: 'failed', reason: 'close deadline passed with the leg open' });
    const book = venue.book(symbol);
    const touch = book === undefined || !book.fresh ? null : takerTouch(r.side, touchTicks(book, tick));
    if (touch === null) return done({ kind: 'failed', reason: `no fresh ${r.leg.venue} book to price the close` });
    const l = ladder();
    const price = closeLimitPrice(r.side, touch, closeLadderBps(rung, l), l.capBps, tick);
    if (compareDecimal(size, r.market.minSize) < 0) return done({ kind: 'failed', reason: `remainder ${size} is below ${r.leg.venue}'s minimum order ${r.market.minSize}` });
    const sent = await send(size, price, 'ioc');
    if (sent.kind === 'refused') return done({ kind: 'failed', reason: `close IOC ${sent.reason}` });
    const o = await r.run.settleIoc(sent.order.intent.clientOrderId, r.deadlineMono());
    if (!settled(o)) return done({ kind: 'unresolved', clientOrderId: o.intent.clientOrderId });
    if (compareDecimal(o.order.filledSize, size) >= 0) continue;
    if (neverReachedBook(o)) {
      unsent += 1;
      if (unsent > HEDGE_UNSENT_MAX) return done({ kind: 'failed', reason: `close IOC refused before matching ${unsent} times in a row (last: ${o.order.rejectReason})` });
      await pause(r.run.deps.clock, Math.min(HEDGE_RETRY_PAUSE_MS * 2 ** (unsent - 1), HEDGE_RETRY_PAUSE_MAX_MS), r.deadlineMono());
      continue;
    }
    rung += 1;
  }
  if (compareDecimal(onStep(left(), r.market.stepSize), '0') <= 0) return done({ kind: 'closed' });
  return done({ kind: 'failed', reason: `close ladder spent after ${rung} IOCs (cap ${r.settings.closeSlippageCapBps} bps), ${left()} left` });
}
