// Lighter account payloads → port values, money exact: trade fees are integer micro-USDC
// (`taker_fee`/`maker_fee`, omitted when zero; venues.md §1.4, verified by the upstream bot
// against the CSV export), positions are an unsigned `position` plus `sign`, balances and funding
// `change` are decimal strings passed through after validation, never through a float.
import { z } from 'zod';
import { formatScaled, signDecimal } from '../../../domain/decimal';
import { VenueParseError } from '../../common/errors';
import type { Balance, Fill, FundingPayment, OrderState, Position } from '../../port';
import { orderStatusOf } from './reasons';
import { toMs } from './funding';
import { decimal, unsignedDecimal as unsigned } from './schemas';


export const orderSchema = z.object({
  order_index: z.number().int(),
  client_order_index: z.number().int(),
  market_index: z.number().int(),
  initial_base_amount: unsigned,
  filled_base_amount: unsigned,
  filled_quote_amount: unsigned,
  price: unsigned,
  is_ask: z.boolean(),
  status: z.string(),
  time_in_force: z.string().optional(),
  reduce_only: z.boolean(),
  timestamp: z.number().int(),
});
export type WireOrder = z.infer<typeof orderSchema>;
export const ordersResponse = z.object({ code: z.literal(200), orders: z.array(orderSchema), next_cursor: z.string().optional() });

export const tradeSchema = z.object({
  trade_id: z.number().int(),
  market_id: z.number().int(),
  size: unsigned,
  price: unsigned,
  ask_id: z.number().int(),
  bid_id: z.number().int(),
  ask_account_id: z.number().int(),
  bid_account_id: z.number().int(),
  ask_client_id: z.number().int().optional(),
  bid_client_id: z.number().int().optional(),
  is_maker_ask: z.boolean(),
  timestamp: z.number().int(),
  taker_fee: z.number().int().optional(),
  maker_fee: z.number().int().optional(),
});
export type WireTrade = z.infer<typeof tradeSchema>;
export const tradesResponse = z.object({ code: z.literal(200), trades: z.array(tradeSchema), next_cursor: z.string().optional() });

export const positionFundingSchema = z.object({
  timestamp: z.number().int(),
  market_id: z.number().int(),
  funding_id: z.number().int(),
  change: decimal,
  rate: unsigned,
  position_size: unsigned,
  position_side: z.enum(['long', 'short']),
});
export type WirePositionFunding = z.infer<typeof positionFundingSchema>;
export const positionFundingResponse = z.object({ code: z.literal(200), position_fundings: z.array(positionFundingSchema), next_cursor: z.string().optional() });

export const positionSchema = z.object({
  market_id: z.number().int().optional(),
  sign: z.number().int().min(-1).max(1),
  position: unsigned,
  avg_entry_price: decimal,
  position_value: decimal,
  unrealized_pnl: decimal,
  liquidation_price: decimal,
  initial_margin_fraction: decimal,
});
export type WirePosition = z.infer<typeof positionSchema>;

/** Integer micro-USDC → exact decimal string ("1234" → "0.001234"). */
export function microToUsd(micro: number): string {
  if (!Number.isSafeInteger(micro)) throw new VenueParseError(`fee ${micro} is not an integer number of micro-USDC`);
  return formatScaled(BigInt(micro), 6);
}

/** Unsigned size and a sign → exact signed string; "0" when flat. */
export function signedSize(position: string, sign: number): string {
  if (sign === 0 || signDecimal(position) === 0) return '0';
  return sign < 0 ? `-${position}` : position;
}

export function toOrderState(o: WireOrder, symbol: string): OrderState {
  const filled = Number(o.filled_base_amount);
  const { status, endReason } = orderStatusOf({ status: o.status, timeInForce: o.time_in_force, filledPositive: filled > 0 });
  return {
    venue: 'lighter',
    symbol,
    // The client order index is our id, verbatim (domain/client-order-id.ts).
    clientOrderId: String(o.client_order_index),
    venueOrderId: String(o.order_index),
    side: o.is_ask ? 'sell' : 'buy',
    status,
    endReason,
    venueReason: o.status,
    price: o.price,
    size: o.initial_base_amount,
    filledSize: o.filled_base_amount,
    // Read-only analytics: the average is a quotient, not ledger money.
    avgFillPrice: filled > 0 ? Number(o.filled_quote_amount) / filled : null,
    reduceOnly: o.reduce_only,
    updatedAtMs: toMs(o.timestamp),
  };
}

export function toFill(t: WireTrade, symbol: string, accountIndex: number): Fill {
  const isAsk = t.ask_account_id === accountIndex;
  const isMaker = isAsk === t.is_maker_ask;
  const feeMicro = (isMaker ? t.maker_fee : t.taker_fee) ?? 0; // omitted when zero
  const clientIndex = isAsk ? t.ask_client_id : t.bid_client_id;
  return {
    venue: 'lighter',
    symbol,
    venueFillId: String(t.trade_id),
    venueOrderId: String(isAsk ? t.ask_id : t.bid_id),
    clientOrderId: clientIndex === undefined || clientIndex === 0 ? null : String(clientIndex),
    side: isAsk ? 'sell' : 'buy',
    size: t.size,
    price: t.price,
    feeUsd: microToUsd(feeMicro),
    isMaker,
    timeMs: toMs(t.timestamp),
  };
}

export function toFundingPayment(p: WirePositionFunding, symbol: string): FundingPayment {
  // `rate` is unsigned (venues.md §1.2): a long that received cash was paid by a negative rate.
  // Percent like the other Lighter funding fields (§7.4); analytics only, the cash is `change`.
  const ratePct = Number(p.rate);
  const received = signDecimal(p.change) > 0;
  const signedPct = received === (p.position_side === 'long') ? -ratePct : ratePct;
  return {
    venue: 'lighter',
    symbol,
    venuePaymentId: String(p.funding_id),
    settlementTimeMs: toMs(p.timestamp),
    cashUsd: p.change,
    hourlyRate: signedPct / 100,
    positionSide: p.position_side,
    positionSize: p.position_size,
    markPrice: null,
  };
}

export function toPosition(v: WirePosition, symbol: string): Position {
  const size = Number(v.position);
  return {
    venue: 'lighter',
    symbol,
    size: signedSize(v.position, v.sign),
    entryPrice: Number(v.avg_entry_price),
    markPrice: size > 0 ? Number(v.position_value) / size : 0,
    liquidationPrice: Number(v.liquidation_price) > 0 ? Number(v.liquidation_price) : null,
    unrealizedPnlUsd: Number(v.unrealized_pnl),
    // initial_margin_fraction is a percent on positions ("20.00" = 5x; venues.md §1.2).
    leverage: Number(v.initial_margin_fraction) > 0 ? 100 / Number(v.initial_margin_fraction) : null,
  };
}

export function toBalance(a: { collateral: string; total_asset_value: string; available_balance: string }): Balance {
  return { venue: 'lighter', collateralUsd: a.collateral, equityUsd: a.total_asset_value, availableUsd: a.available_balance };
}

/** account_all/{a}: maps keyed by market id string; every subscribe re-sends a full snapshot.
 *  Each entry is validated whole before anything is iterated. */
export const accountAllMessage = z.object({
  account: z.number().int(),
  type: z.enum(['subscribed/account_all', 'update/account_all']),
  positions: z.record(z.string().regex(/^\d+$/), positionSchema).optional(),
  trades: z.record(z.string().regex(/^\d+$/), z.array(tradeSchema)).optional(),
  funding_histories: z.record(z.string().regex(/^\d+$/), z.array(positionFundingSchema)).optional(),
});

export const accountOrdersMessage = z.object({
  type: z.enum(['subscribed/account_orders', 'update/account_orders']),
  orders: z.record(z.string().regex(/^\d+$/), z.array(orderSchema)),
});
