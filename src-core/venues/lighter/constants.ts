// Lighter protocol numbers, defined once for the signer, the adapter and the simulator.
// Source: lighter-go HEAD 17f2d60, types/txtypes/constants.go (tx types lines 37-43, order
// types 77-83, time in force 94-96, cancel-all time in force 109-111, margin modes 134-135,
// market index bounds 159-164, NbAttributesPerTx 198, self-trade modes 255-261) and
// types/txtypes/tx_attributes.go (attribute keys 31-37, their ranges and nil values 50-100).
// venues.md §1.3 and §7.2 say the same.

/** Chain ids the tx hash starts with. */
export const CHAIN_ID = { mainnet: 304, testnet: 300 } as const;

/** `tx_type` of sendTx and the second element of every tx hash. */
export const TX_TYPE = { createOrder: 14, cancelOrder: 15, cancelAll: 16, modifyOrder: 17, updateLeverage: 20 } as const;
export type TxType = (typeof TX_TYPE)[keyof typeof TX_TYPE];

/** CreateOrder `Type`. Only LIMIT and MARKET are used by this app. */
export const ORDER_TYPE = { limit: 0, market: 1, stopLoss: 2, stopLossLimit: 3, takeProfit: 4, takeProfitLimit: 5, twap: 6 } as const;
export const MAX_API_ORDER_TYPE = ORDER_TYPE.twap;

/** CreateOrder `TimeInForce`. */
export const TIME_IN_FORCE = { ioc: 0, gtt: 1, postOnly: 2 } as const;

/** CancelAll `TimeInForce`: now, at `Time` (dead-man switch), or abort the scheduled one. */
export const CANCEL_ALL_TIF = { immediate: 0, scheduled: 1, abort: 2 } as const;

/** UpdateLeverage `MarginMode`. */
export const MARGIN_MODE = { cross: 0, isolated: 1 } as const;

/** Perps markets are 0..254; 255 is the "no market" value (NilMarketIndex). */
export const MAX_PERPS_MARKET_INDEX = 254;
export const NIL_MARKET_INDEX = 255;

/** Keys of the L2TxAttributes map every tx carries in lighter-go HEAD. */
export const TX_ATTRIBUTE = {
  integratorAccountIndex: 1,
  integratorTakerFee: 2,
  integratorMakerFee: 3,
  skipNonce: 4,
  /** Scopes an immediate CancelAll to one market; without it CancelAll covers every market. */
  cancelAllMarketIndex: 5,
  selfTradeBehaviorMode: 6,
  selfTradeEqualityMode: 7,
} as const;

/** At most this many attributes in one tx; the attribute hash always has this many (type, value) slots. */
export const MAX_ATTRIBUTES_PER_TX = 4;

export const SELF_TRADE_BEHAVIOR = { expireMaker: 0, expireTaker: 1, cancelBoth: 2, reduce: 3 } as const;
export const SELF_TRADE_EQUALITY = { accountIndex: 0, masterAccountIndex: 1 } as const;

/** FeeTick: integrator fees are in millionths. */
const FEE_TICK = 1_000_000;
const MAX_ACCOUNT_INDEX = 2 ** 48 - 2;

export interface AttributeSpec {
  readonly min: number;
  readonly max: number;
  /** The value that means "not set": it leaves the hash as if the attribute were absent. */
  readonly nil: number;
}

/** Allowed range and nil value per attribute key (tx_attributes.go lines 50-100). */
export const ATTRIBUTE_SPEC: Readonly<Record<number, AttributeSpec>> = {
  [TX_ATTRIBUTE.integratorAccountIndex]: { min: 0, max: MAX_ACCOUNT_INDEX, nil: 0 },
  [TX_ATTRIBUTE.integratorTakerFee]: { min: 0, max: FEE_TICK, nil: 0 },
  [TX_ATTRIBUTE.integratorMakerFee]: { min: 0, max: FEE_TICK, nil: 0 },
  // Only 1 is valid; 0 is its nil value yet out of range, so a tx must leave it out instead.
  [TX_ATTRIBUTE.skipNonce]: { min: 1, max: 1, nil: 0 },
  [TX_ATTRIBUTE.cancelAllMarketIndex]: { min: 0, max: NIL_MARKET_INDEX, nil: NIL_MARKET_INDEX },
  [TX_ATTRIBUTE.selfTradeBehaviorMode]: { min: SELF_TRADE_BEHAVIOR.expireMaker, max: SELF_TRADE_BEHAVIOR.reduce, nil: SELF_TRADE_BEHAVIOR.expireMaker },
  [TX_ATTRIBUTE.selfTradeEqualityMode]: { min: SELF_TRADE_EQUALITY.accountIndex, max: SELF_TRADE_EQUALITY.masterAccountIndex, nil: SELF_TRADE_EQUALITY.accountIndex },
};
