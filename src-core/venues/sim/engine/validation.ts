// The checks a venue makes synchronously before it accepts an order: account, market, grid,
// minimum size and notional, price band, expiry, duplicate client id.
import type { VenueId } from '../../../domain/venue';
import type { SimAccount } from './accounts';
import type { MarketLookup } from './margin';
import type { OrderRequest, RejectCode } from './types';

export interface ValidationContext extends MarketLookup {
  account(venue: VenueId, id: string): SimAccount | undefined;
  readonly clock: { nowMs(): number };
}

export type Refusal = { code: RejectCode; message: string } | null;

export function validateSizePrice(ctx: MarketLookup, venue: VenueId, symbol: string, sizeSteps: number, priceTicks: number): Refusal {
  const m = ctx.market(venue, symbol);
  if (m === undefined) return { code: 'unknown-market', message: `unknown market ${symbol}` };
  if (!Number.isSafeInteger(sizeSteps) || sizeSteps <= 0) return { code: 'invalid-size', message: 'size is not a positive multiple of the step' };
  if (!Number.isSafeInteger(priceTicks) || priceTicks <= 0) return { code: 'invalid-price', message: 'price is not a positive multiple of the tick' };
  const size = sizeSteps * Number(m.stepSize);
  const price = priceTicks * Number(m.tickSize);
  if (size + 1e-12 < Number(m.minSize)) return { code: 'below-min-size', message: `size below minimum ${m.minSize}` };
  if (size * price + 1e-9 < Number(m.minNotionalUsd)) return { code: 'below-min-notional', message: `notional below minimum ${m.minNotionalUsd}` };
  const mark = ctx.quote(venue, symbol).mark;
  if (Math.abs(price - mark) / mark > m.priceBandFraction) return { code: 'price-band', message: `price ${price} is too far from mark ${mark.toPrecision(6)}` };
  return null;
}

export function validateOrder(ctx: ValidationContext, venue: VenueId, req: OrderRequest): Refusal {
  const account = ctx.account(venue, req.accountId);
  if (account === undefined) return { code: 'unknown-account', message: 'unknown account' };
  const invalid = validateSizePrice(ctx, venue, req.symbol, req.sizeSteps, req.priceTicks);
  if (invalid !== null) return invalid;
  if (req.expiryMs !== null && req.expiryMs <= ctx.clock.nowMs()) return { code: 'invalid-expiry', message: 'expiry is in the past' };
  const existing = account.findByClientId(req.clientId);
  if (existing !== undefined && (venue === 'extended' || existing.status === 'open')) return { code: 'duplicate-client-id', message: `client order id ${req.clientId} exists` };
  return null;
}
