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
  /** venues.md §2.2/§7.3: ACTIVE | REDUCE_ONLY | DELISTED | PRELISTED (docs also show DISABLED). */
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
  timeInForce: z.string().optional(),
  updatedTime: z.number().int(),
});
export type ExtendedOrder = z.infer<typeof orderSchema>;

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
export type ExtendedTrade = z.infer<typeof tradeSchema>;

/** The full position model (venues.md §2.2); a CLOSED position on the account stream carries it
 *  too (§7.3), with size "0". */
export const positionSchema = z.object({
  market: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  size: decimal,
  openPrice: decimal.optional(),
  markPrice: decimal.optional(),
  liquidationPrice: decimal.optional(),
  unrealisedPnl: decimal.optional(),
  leverage: decimal.optional(),
  status: z.enum(['OPENED', 'CLOSED']).optional(),
  id: z.number().int().optional(),
  accountId: z.number().int().optional(),
  value: decimal.optional(),
  realisedPnl: decimal.optional(),
  createdAt: z.number().int().optional(),
  updatedAt: z.number().int().optional(),
});
export type ExtendedPosition = z.infer<typeof positionSchema>;

export const balanceSchema = z.object({ balance: decimal, equity: decimal, availableForTrade: decimal });
export type ExtendedBalance = z.infer<typeof balanceSchema>;

/** No id is documented (venues.md §7.3): rows are keyed by market and paid time. */
export const fundingPaymentSchema = z.object({
  id: z.number().int().optional(),
  market: z.string(),
  side: z.enum(['LONG', 'SHORT']),
  size: decimal,
  fundingFee: decimal,
  fundingRate: decimal.optional(),
  markPrice: decimal.optional(),
  paidTime: z.number().int(),
});
export type ExtendedFundingPayment = z.infer<typeof fundingPaymentSchema>;

export const feeRows = z.array(feeRow);
export const placeAck = z.object({ id: z.number().int(), externalId: z.string().optional() });

/** An account-stream frame (venues.md §2.5): every list is checked to be a list before anyone
 *  iterates it; each element is validated on its own so one bad row does not hide the rest. */
export const accountFrame = z.object({
  type: z.string(),
  data: z
    .object({
      orders: z.array(z.unknown()).optional(),
      trades: z.array(z.unknown()).optional(),
      positions: z.array(z.unknown()).optional(),
      balance: z.unknown().optional(),
    })
    .nullish(),
  seq: z.number().int().optional(),
});

export const fundingStreamFrame = z.object({ data: z.object({ m: z.string(), f: decimal, T: z.number().int() }) });
