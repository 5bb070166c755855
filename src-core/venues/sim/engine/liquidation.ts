// A simulator fault: the venue liquidates part of an account's position in one market. The
// position is reduced at the mark (rounded to the market's tick) by a trade the account did not
// order, booked like any fill (position, realised PnL, fee, the account's fill history, the fill /
// position / balance events the faces turn into stream messages), and labelled the way each
// venue labels a liquidation in its trade history: Lighter's trade `type: "liquidation"` (the
// `type` filter of GET /api/v1/trades: trade | liquidation | deleverage, venues.md §1.2), Extended's
// `tradeType: LIQUIDATION` (GET /user/trades `type` filter, §2.2).
//
// Not known from any source (venues.md has nothing on it), chosen as the least surprising:
// - the price is the mark, not a bankruptcy or "zero" price;
// - the fee is the market's taker fee (the account is the taker of the venue's liquidation
//   order); Lighter publishes a `liquidation_fee` but nothing says how it is charged;
// - the account's own resting orders in the market are left alone (Lighter has a
//   `canceled-liquidation` status, but nothing says a partial liquidation uses it);
// - the venue order behind the trade is the venue's, not the account's: on Lighter a system
//   order index (≥ 2^48) and client id 0, on Extended an order id the account cannot read back
//   (GET /user/orders/{id} answers 404), so a client sees a fill that is not one of its orders.
import type { VenueId } from '../../../domain/venue';
import type { SimMarket } from '../universe/universe';
import { applyFill, MICRO, type SimAccount } from './accounts';
import type { EngineEvents, SimFill } from './types';

export interface LiquidationRequest {
  readonly venue: VenueId;
  readonly accountId: string;
  readonly symbol: string;
  /** Share of the position to liquidate, in (0, 1]; rounded down to whole steps, at least one. */
  readonly fraction?: number;
  /** Or an exact size in steps (1 .. the position's size). */
  readonly sizeSteps?: number;
}

export type LiquidationCode = 'unknown-account' | 'unknown-market' | 'flat' | 'invalid-size';
export type LiquidationResult = { readonly ok: true; readonly fill: SimFill } | { readonly ok: false; readonly code: LiquidationCode; readonly message: string };

export interface LiquidationContext {
  market(venue: VenueId, symbol: string): SimMarket | undefined;
  account(venue: VenueId, id: string): SimAccount | undefined;
  quote(venue: VenueId, symbol: string): { readonly mark: number };
  nowMs(): number;
  /** A fresh trade id and a fresh venue order id (the venue's liquidation order). */
  takeIds(venue: VenueId): { readonly tradeId: number; readonly orderId: number };
  emit<K extends keyof EngineEvents>(event: K, payload: EngineEvents[K]): void;
}

function fail(code: LiquidationCode, message: string): LiquidationResult {
  return { ok: false, code, message };
}

/** The size in steps a request asks for, or an error message. */
function sizeOf(req: LiquidationRequest, heldSteps: number): number | string {
  if ((req.fraction === undefined) === (req.sizeSteps === undefined)) return 'give exactly one of fraction and sizeSteps';
  if (req.fraction !== undefined) {
    if (!(req.fraction > 0 && req.fraction <= 1)) return `fraction must be in (0, 1], got ${req.fraction}`;
    return Math.max(1, Math.floor(heldSteps * req.fraction));
  }
  const s = req.sizeSteps!;
  if (!Number.isSafeInteger(s) || s < 1 || s > heldSteps) return `sizeSteps must be a whole number in 1..${heldSteps}, got ${s}`;
  return s;
}

export function liquidatePartially(ctx: LiquidationContext, req: LiquidationRequest): LiquidationResult {
  const account = ctx.account(req.venue, req.accountId);
  if (account === undefined) return fail('unknown-account', `no account ${req.accountId} on ${req.venue}`);
  const m = ctx.market(req.venue, req.symbol);
  if (m === undefined) return fail('unknown-market', `no market ${req.symbol} on ${req.venue}`);
  const pos = account.position(req.symbol);
  if (pos.steps === 0) return fail('flat', `account ${req.accountId} holds no ${req.symbol} on ${req.venue}`);
  const steps = sizeOf(req, Math.abs(pos.steps));
  if (typeof steps === 'string') return fail('invalid-size', steps);

  const tick = Number(m.tickSize);
  const priceTicks = Math.max(1, Math.round(ctx.quote(req.venue, req.symbol).mark / tick));
  const price = priceTicks * tick;
  const size = steps * Number(m.stepSize);
  // A long is liquidated by a sell, a short by a buy.
  const isAsk = pos.steps > 0;
  const feeMicro = Math.round(price * size * m.takerFeeRate * MICRO);
  const realized = applyFill(pos, !isAsk, steps, price, Number(m.stepSize));
  account.collateralMicro += realized - feeMicro;
  const { tradeId, orderId } = ctx.takeIds(req.venue);
  const fill: SimFill = {
    tradeId,
    venue: req.venue,
    accountId: req.accountId,
    symbol: req.symbol,
    orderId,
    clientId: '0',
    isAsk,
    priceTicks,
    sizeSteps: steps,
    price,
    size,
    feeMicro,
    isMaker: false,
    timeMs: ctx.nowMs(),
    tradeType: 'liquidation',
  };
  account.fills.push(fill);
  ctx.emit('fill', fill);
  ctx.emit('position', { venue: req.venue, accountId: req.accountId, symbol: req.symbol });
  ctx.emit('balance', { venue: req.venue, accountId: req.accountId });
  return { ok: true, fill };
}
