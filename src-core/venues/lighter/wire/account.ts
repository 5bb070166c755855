// Lighter account payloads: orders (every canceled-* status is terminal, none is "open"),
// trades with fees in integer micro-USDC, position funding with an unsigned rate and a side.
import { z } from 'zod';
import type { Fill, FundingPayment, OrderState, OrderStatus } from '../../port';
import { toMs } from './funding';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const orderSchema = z.object({
  order_index: z.number().int(),
  client_order_index: z.number().int(),
  market_index: z.number().int(),
  initial_base_amount: decimal,
  filled_base_amount: decimal,
  filled_quote_amount: decimal,
  price: decimal,
  is_ask: z.boolean(),
  status: z.string(),
  reduce_only: z.boolean(),
  timestamp: z.number().int(),
});
export const ordersResponse = z.object({ code: z.literal(200), orders: z.array(orderSchema), next_cursor: z.string().optional() });

export const tradeSchema = z.object({
  trade_id: z.number().int(),
  market_id: z.number().int(),
  size: decimal,
  price: decimal,
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
export const tradesResponse = z.object({ code: z.literal(200), trades: z.array(tradeSchema), next_cursor: z.string().optional() });

export const positionFundingSchema = z.object({
  timestamp: z.number().int(),
  market_id: z.number().int(),
  funding_id: z.number().int(),
  change: decimal,
  rate: decimal,
  position_size: decimal,
  position_side: z.enum(['long', 'short']),
});
export const positionFundingResponse = z.object({ code: z.literal(200), position_fundings: z.array(positionFundingSchema), next_cursor: z.string().optional() });

/** Lighter statuses → port statuses. Unknown statuses stay "pending" (in flight), never "open". */
export function orderStatusOf(status: string): OrderStatus {
  if (status === 'open') return 'open';
  if (status === 'filled') return 'filled';
  if (status === 'canceled-expired') return 'expired';
  if (status.startsWith('canceled')) return 'canceled';
  return 'pending';
}

export function toOrderState(o: z.infer<typeof orderSchema>, symbol: string, clientOrderId: string): OrderState {
  const filled = Number(o.filled_base_amount);
  return {
    venue: 'lighter',
    symbol,
    clientOrderId,
    venueOrderId: String(o.order_index),
    side: o.is_ask ? 'sell' : 'buy',
    status: orderStatusOf(o.status),
    reason: o.status === 'open' || o.status === 'filled' ? null : o.status,
    price: o.price,
    size: o.initial_base_amount,
    filledSize: o.filled_base_amount,
    avgFillPrice: filled > 0 ? Number(o.filled_quote_amount) / filled : null,
    reduceOnly: o.reduce_only,
    updatedAtMs: toMs(o.timestamp),
  };
}

export function toFill(t: z.infer<typeof tradeSchema>, symbol: string, accountIndex: number, clientIds: ReadonlyMap<number, string>): Fill {
  const isAsk = t.ask_account_id === accountIndex;
  const isMaker = isAsk === t.is_maker_ask;
  const feeMicro = (isMaker ? t.maker_fee : t.taker_fee) ?? 0; // omitted when zero
  const clientIndex = isAsk ? t.ask_client_id : t.bid_client_id;
  return {
    venue: 'lighter',
    symbol,
    venueFillId: String(t.trade_id),
    venueOrderId: String(isAsk ? t.ask_id : t.bid_id),
    clientOrderId: clientIndex === undefined ? null : (clientIds.get(clientIndex) ?? String(clientIndex)),
    side: isAsk ? 'sell' : 'buy',
    size: t.size,
    price: t.price,
    feeUsd: feeMicro / 1e6,
    isMaker,
    timeMs: toMs(t.timestamp),
  };
}

export function toFundingPayment(p: z.infer<typeof positionFundingSchema>, symbol: string): FundingPayment {
  const rate = Number(p.rate);
  return {
    venue: 'lighter',
    symbol,
    venuePaymentId: String(p.funding_id),
    settlementTimeMs: toMs(p.timestamp),
    cashUsd: Number(p.change),
    // Unsigned rate: a long that received cash was paid by a negative rate.
    hourlyRate: Number(p.change) > 0 === (p.position_side === 'long') ? -rate : rate,
    positionSide: p.position_side,
    positionSize: Number(p.position_size),
  };
}

export const accountPositionSchema = z.object({
  sign: z.number().int(),
  position: decimal,
  avg_entry_price: decimal,
  position_value: decimal,
  unrealized_pnl: decimal,
  liquidation_price: decimal,
  initial_margin_fraction: decimal,
});

/** account_all/{a}: maps keyed by market id string; every subscribe re-sends a full snapshot. */
export const accountAllMessage = z.object({
  account: z.number().int(),
  type: z.enum(['subscribed/account_all', 'update/account_all']),
  positions: z.record(z.string(), z.unknown()).optional(),
  trades: z.record(z.string(), z.array(z.unknown())).optional(),
  funding_histories: z.record(z.string(), z.array(z.unknown())).optional(),
});

export const accountOrdersMessage = z.object({
  type: z.enum(['subscribed/account_orders', 'update/account_orders']),
  orders: z.record(z.string(), z.array(z.unknown())),
});
