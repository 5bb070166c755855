// Extended payloads as documented (venues.md §2.2, §2.5): {status, data, pagination} envelopes,
// camelCase fields, decimal strings, epoch-ms times.
import { z } from 'zod';

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);

export const envelope = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('OK'), data, pagination: z.object({ cursor: z.number(), count: z.number() }).optional() });

export const errorEnvelope = z.object({ status: z.literal('ERROR'), error: z.object({ code: z.number(), message: z.string() }) });

export const marketStatsSchema = z.object({
  markPrice: decimal,
  indexPrice: decimal,
  fundingRate: decimal,
  nextFundingRate: z.number().int(),
});

export const marketSchema = z.object({
  name: z.string(),
  assetName: z.string(),
  active: z.boolean(),
  status: z.string().optional(),
  marketStats: marketStatsSchema,
  tradingConfig: z.object({
    minOrderSize: decimal,
    minOrderSizeChange: decimal,
    minPriceChange: decimal,
    maxLeverage: decimal,
    limitPriceCap: decimal.optional(),
    limitPriceFloor: decimal.optional(),
  }),
  l2Config: z.object({ type: z.string(), collateralId: z.string(), collateralResolution: z.number().int(), syntheticId: z.string(), syntheticResolution: z.number().int() }),
});
export type ExtendedMarket = z.infer<typeof marketSchema>;

export const fundingHistoryRow = z.object({ m: z.string(), f: decimal, T: z.number().int() });

export const feeRow = z.object({ market: z.string(), makerFeeRate: decimal, takerFeeRate: decimal });

const bookLevel = z.object({ p: decimal, q: decimal, c: decimal.optional() });
export const bookMessage = z.object({
  type: z.enum(['SNAPSHOT', 'DELTA']),
  data: z.object({ m: z.string(), b: z.array(bookLevel), a: z.array(bookLevel) }),
  ts: z.number().int(),
  seq: z.number().int(),
});
export type BookMessage = z.infer<typeof bookMessage>;

export const orderSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  market: z.string(),
  side: z.enum(['BUY', 'SELL']),
  status: z.string(),
  statusReason: z.string().optional(),
  price: decimal,
  averagePrice: decimal.optional(),
  qty: decimal,
  filledQty: decimal.optional(),
  reduceOnly: z.boolean(),
  updatedTime: z.number().int(),
});

export const tradeSchema = z.object({
  id: z.number().int(),
  market: z.string(),
  orderId: z.number().int(),
  side: z.enum(['BUY', 'SELL']),
  price: decimal,
  qty: decimal,
  fee: decimal,
  isTaker: z.boolean(),
  createdTime: z.number().int(),
});

export const positionSchema = z.object({
  market: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  size: decimal,
  openPrice: decimal.optional(),
  markPrice: decimal.optional(),
  liquidationPrice: decimal.optional(),
  unrealisedPnl: decimal.optional(),
  leverage: z.string().optional(),
  status: z.string().optional(),
});

export const balanceSchema = z.object({ balance: decimal, equity: decimal, availableForTrade: decimal });

export const fundingPaymentSchema = z.object({
  id: z.number().int(),
  market: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  size: decimal,
  fundingFee: decimal,
  fundingRate: decimal.optional(),
  paidTime: z.number().int(),
});
