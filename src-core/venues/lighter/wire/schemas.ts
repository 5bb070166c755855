// Lighter payloads as documented (venues.md §1.2, §1.5). Every frame and body is checked against
// these before use; a mismatch is a typed parse error, never a guessed value.
import { z } from 'zod';

/** A signed decimal string as Lighter prints money and sizes ("-12.3400"); unsigned below. */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
export const unsignedDecimal = z.string().regex(/^\d+(\.\d+)?$/);

export const orderBooksResponse = z.object({
  code: z.literal(200),
  order_books: z.array(
    z.object({
      symbol: z.string(),
      market_id: z.number().int(),
      market_type: z.string().optional(),
      status: z.string(),
      taker_fee: decimal,
      maker_fee: decimal,
      min_base_amount: decimal,
      min_quote_amount: decimal,
      supported_size_decimals: z.number().int(),
      supported_price_decimals: z.number().int(),
    }),
  ),
});

export const orderBookDetailsResponse = z.object({
  code: z.literal(200),
  order_book_details: z.array(
    z.object({
      symbol: z.string(),
      market_id: z.number().int(),
      size_decimals: z.number().int(),
      price_decimals: z.number().int(),
      min_initial_margin_fraction: z.number().int(),
      taker_fee: decimal,
      maker_fee: decimal,
      min_base_amount: decimal,
      min_quote_amount: decimal,
      status: z.string(),
    }),
  ),
});

export const fundingsResponse = z.object({
  code: z.literal(200),
  fundings: z.array(z.object({ timestamp: z.number().int(), rate: decimal, direction: z.enum(['long', 'short']) })),
  resolution: z.string().optional(),
});

const level = z.object({ price: decimal, size: decimal });

export const orderBookMessage = z.object({
  channel: z.string().regex(/^order_book:\d+$/),
  offset: z.number().int(),
  timestamp: z.number().int().optional(),
  type: z.enum(['subscribed/order_book', 'update/order_book']),
  order_book: z.object({
    asks: z.array(level),
    bids: z.array(level),
    offset: z.number().int().optional(),
    nonce: z.number().int(),
    begin_nonce: z.number().int(),
    // Required by the spec's OrderBookDepthWithBeginNonce (venues.md §7.2); older payloads lack it.
    last_updated_at: z.number().int().optional(),
  }),
});
export type OrderBookMessage = z.infer<typeof orderBookMessage>;

export const marketStatsEntry = z.object({
  symbol: z.string(),
  market_id: z.number().int(),
  mark_price: decimal,
  index_price: decimal,
  current_funding_rate: decimal,
  funding_rate: decimal,
  funding_timestamp: z.number().int(),
});
export type MarketStatsEntry = z.infer<typeof marketStatsEntry>;

export const marketStatsMessage = z.object({
  channel: z.string().regex(/^market_stats:(all|\d+)$/),
  type: z.enum(['subscribed/market_stats', 'update/market_stats']),
  market_stats: z.union([marketStatsEntry, z.record(z.string(), marketStatsEntry)]),
});

export const accountResponse = z.object({
  code: z.literal(200),
  accounts: z.array(
    z.object({
      index: z.number().int(),
      collateral: decimal,
      available_balance: decimal,
      total_asset_value: decimal,
      positions: z.array(
        z.object({
          market_id: z.number().int(),
          symbol: z.string(),
          sign: z.number().int(),
          position: decimal,
          avg_entry_price: decimal,
          position_value: decimal,
          unrealized_pnl: decimal,
          liquidation_price: decimal,
          initial_margin_fraction: decimal,
        }),
      ),
    }),
  ),
});

const simpleOrder = z.object({ price: decimal, remaining_base_amount: decimal });
export const orderBookOrdersResponse = z.object({ code: z.literal(200), asks: z.array(simpleOrder), bids: z.array(simpleOrder) });

/** sendTx's acknowledgement (RespSendTx in the spec): the tx is queued, not executed. */
export const sendTxAck = z.object({ code: z.literal(200), tx_hash: z.string().min(1), predicted_execution_time_ms: z.number().optional() });
/** A refusal (ResultCode): any code other than 200, with a message. */
export const resultCode = z.object({ code: z.number().int(), message: z.string().optional() });

/** GET /api/v1/tx (EnrichedTx): status 0 failed, 1 pending, 2 executed, 3 pending-final. */
export const txResponse = z.object({ code: z.literal(200), hash: z.string(), status: z.number().int().min(0).max(3) });
export const TX_STATUS = { failed: 0, pending: 1, executed: 2, pendingFinal: 3 } as const;

/** GET /api/v1/accountLimits: fee ticks where 1e6 ticks = 100 % (the spec's FeeTick; venues.md §1.2). */
export const accountLimitsResponse = z.object({
  code: z.literal(200),
  user_tier: z.string(),
  current_maker_fee_tick: z.number().int().nonnegative().optional(),
  current_taker_fee_tick: z.number().int().nonnegative().optional(),
});

/** WS error frames carry no `type` (venues.md §7.2). */
export const wsErrorFrame = z.object({ error: z.object({ code: z.number().int(), message: z.string().optional() }) });
