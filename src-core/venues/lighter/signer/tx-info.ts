// What Lighter signs for each transaction (venues.md §1.3, §1.6): the field-element list hashed
// with Poseidon2 into GF(p^5), and the tx_info JSON sent with the signature (PascalCase keys, in
// the order the reference signer writes them). Validation follows the reference signer's rules,
// so a bad order is refused here with a reason instead of by the venue. Every tx may carry
// L2TxAttributes (attributes.ts); the hash element order per type is lighter-go's
// (types/txtypes/<type>.go, Hash()).
import { CANCEL_ALL_TIF, MARGIN_MODE, MAX_PERPS_MARKET_INDEX, ORDER_TYPE, TIME_IN_FORCE, TX_TYPE } from '../constants';
import { fp5ToBytes } from '../crypto/fp5';
import { setSafeInt } from '../crypto/goldilocks';
import { hashToQuintic } from '../crypto/poseidon2';
import { aggregateHash, attributesJson, validateAttributes, type TxAttributes } from './attributes';
import { TxValidationError, uint } from './validation';

export { TxValidationError };
export type { TxAttributes };
/** The reference signer's default tx deadline: now + 10 min − 1 s. */
export const DEFAULT_TX_TTL_MS = 10 * 60_000 - 1_000;

const MAX_CLIENT_ORDER_INDEX = 2 ** 48 - 1;
const MAX_BASE_AMOUNT = 2 ** 48 - 1;
const MAX_PRICE = 2 ** 32 - 1;

export interface TxCommon {
  readonly chainId: number;
  readonly accountIndex: number;
  readonly apiKeyIndex: number;
  readonly nonce: number;
  /** Tx deadline, ms since epoch. */
  readonly expiredAt: number;
}

export interface CreateOrderFields {
  readonly marketIndex: number;
  readonly clientOrderIndex: number;
  readonly baseAmount: number;
  readonly price: number;
  readonly isAsk: boolean;
  /** 0 limit, 1 market. */
  readonly orderType: number;
  /** 0 IOC, 1 GTT, 2 post-only. */
  readonly timeInForce: number;
  readonly reduceOnly: boolean;
  readonly triggerPrice: number;
  /** ms; 0 for IOC. */
  readonly orderExpiry: number;
}

export interface ModifyOrderFields {
  readonly marketIndex: number;
  /** The client order index or the venue's order index of the resting order. */
  readonly index: number;
  /** The new size (0 is allowed by the reference signer). */
  readonly baseAmount: number;
  readonly price: number;
  readonly triggerPrice: number;
}

export interface SignableTx {
  readonly type: number;
  /** Field elements as (lo, hi) doubles, ready for the sponge. */
  readonly elements: Float64Array;
  readonly count: number;
  /** tx_info keys and values in wire order, without `Sig`. */
  readonly json: ReadonlyArray<readonly [string, number]>;
  /** Absent or empty: the hash is the plain field hash and tx_info has no L2TxAttributes key. */
  readonly attributes: TxAttributes | undefined;
}

function common(c: TxCommon): void {
  uint('ChainId', c.chainId, 2 ** 32 - 1);
  uint('AccountIndex', c.accountIndex, 2 ** 48 - 1);
  uint('ApiKeyIndex', c.apiKeyIndex, 255);
  uint('Nonce', c.nonce, Number.MAX_SAFE_INTEGER);
  uint('ExpiredAt', c.expiredAt, Number.MAX_SAFE_INTEGER, 1);
}

function build(values: readonly number[], json: ReadonlyArray<readonly [string, number]>, attributes: TxAttributes | undefined): SignableTx {
  const elements = new Float64Array(values.length * 2);
  values.forEach((v, i) => setSafeInt(elements, 2 * i, v));
  return { type: values[1]!, elements, count: values.length, json, attributes };
}

export function createOrderTx(c: TxCommon, o: CreateOrderFields, attributes?: TxAttributes): SignableTx {
  common(c);
  if (attributes !== undefined) validateAttributes(attributes);
  uint('MarketIndex', o.marketIndex, 32767);
  uint('ClientOrderIndex', o.clientOrderIndex, MAX_CLIENT_ORDER_INDEX);
  uint('BaseAmount', o.baseAmount, MAX_BASE_AMOUNT, o.reduceOnly ? 0 : 1);
  uint('Price', o.price, MAX_PRICE, 1);
  uint('Type', o.orderType, ORDER_TYPE.market);
  uint('TimeInForce', o.timeInForce, TIME_IN_FORCE.postOnly);
  uint('TriggerPrice', o.triggerPrice, MAX_PRICE);
  uint('OrderExpiry', o.orderExpiry, Number.MAX_SAFE_INTEGER);
  if (o.orderType === ORDER_TYPE.market && (o.timeInForce !== TIME_IN_FORCE.ioc || o.orderExpiry !== 0 || o.triggerPrice !== 0)) throw new TxValidationError('a market order needs IOC, OrderExpiry 0 and TriggerPrice 0');
  if (o.timeInForce === TIME_IN_FORCE.ioc && o.orderExpiry !== 0) throw new TxValidationError('an IOC order needs OrderExpiry 0');
  if (o.timeInForce !== TIME_IN_FORCE.ioc && o.orderExpiry <= 0) throw new TxValidationError('resting orders need an explicit OrderExpiry (ms)');
  const isAsk = o.isAsk ? 1 : 0;
  const reduceOnly = o.reduceOnly ? 1 : 0;
  return build(
    [c.chainId, TX_TYPE.createOrder, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, o.marketIndex, o.clientOrderIndex, o.baseAmount, o.price, isAsk, o.orderType, o.timeInForce, reduceOnly, o.triggerPrice, o.orderExpiry],
    [
      ['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', o.marketIndex], ['ClientOrderIndex', o.clientOrderIndex],
      ['BaseAmount', o.baseAmount], ['Price', o.price], ['IsAsk', isAsk], ['Type', o.orderType], ['TimeInForce', o.timeInForce], ['ReduceOnly', reduceOnly],
      ['TriggerPrice', o.triggerPrice], ['OrderExpiry', o.orderExpiry], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce],
    ],
    attributes,
  );
}

/** `index` is the client order index or the venue's order index. */
export function cancelOrderTx(c: TxCommon, marketIndex: number, index: number, attributes?: TxAttributes): SignableTx {
  common(c);
  if (attributes !== undefined) validateAttributes(attributes);
  uint('MarketIndex', marketIndex, 32767);
  uint('Index', index, Number.MAX_SAFE_INTEGER);
  return build(
    [c.chainId, TX_TYPE.cancelOrder, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, marketIndex, index],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', marketIndex], ['Index', index], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
    attributes,
  );
}

/** timeInForce: CANCEL_ALL_TIF; timeMs 0 for immediate and abort. One market only through the
 *  cancelAllMarketIndex attribute, and only when immediate (cancel_all_orders.go 66-87). */
export function cancelAllTx(c: TxCommon, timeInForce: number, timeMs: number, attributes?: TxAttributes): SignableTx {
  common(c);
  uint('TimeInForce', timeInForce, CANCEL_ALL_TIF.abort);
  uint('Time', timeMs, Number.MAX_SAFE_INTEGER);
  if (attributes !== undefined) validateAttributes(attributes, timeInForce);
  if (timeInForce !== CANCEL_ALL_TIF.scheduled && timeMs !== 0) throw new TxValidationError('an immediate or abort cancel-all needs Time 0');
  if (timeInForce === CANCEL_ALL_TIF.scheduled && timeMs < 1) throw new TxValidationError('a scheduled cancel-all needs a Time');
  return build(
    [c.chainId, TX_TYPE.cancelAll, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, timeInForce, timeMs],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['TimeInForce', timeInForce], ['Time', timeMs], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
    attributes,
  );
}

/** initialMarginFraction in bps of notional (10_000 / leverage); marginMode 0 cross, 1 isolated. */
export function updateLeverageTx(c: TxCommon, marketIndex: number, initialMarginFraction: number, marginMode: number, attributes?: TxAttributes): SignableTx {
  common(c);
  if (attributes !== undefined) validateAttributes(attributes);
  uint('MarketIndex', marketIndex, 32767);
  uint('InitialMarginFraction', initialMarginFraction, 10_000, 1);
  uint('MarginMode', marginMode, MARGIN_MODE.isolated);
  return build(
    [c.chainId, TX_TYPE.updateLeverage, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, marketIndex, initialMarginFraction, marginMode],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', marketIndex], ['InitialMarginFraction', initialMarginFraction], ['MarginMode', marginMode], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
    attributes,
  );
}

/** ModifyOrder (17): rules and hash order of lighter-go types/txtypes/modify_order.go (Validate
 *  40-106: perps or spot market, Index ≥ 1, BaseAmount 0 or 1..2^48−1, Price ≥ 1, TriggerPrice 0 or
 *  a price; Hash 108-126: chain, 17, Nonce, ExpiredAt, Account, ApiKey, Market, Index, BaseAmount,
 *  Price, TriggerPrice). The JSON keys follow the struct (lines 10-26). */
export function modifyOrderTx(c: TxCommon, o: ModifyOrderFields, attributes?: TxAttributes): SignableTx {
  common(c);
  if (attributes !== undefined) validateAttributes(attributes);
  if (!(Number.isSafeInteger(o.marketIndex) && ((o.marketIndex >= 0 && o.marketIndex <= MAX_PERPS_MARKET_INDEX) || (o.marketIndex >= 2048 && o.marketIndex <= 4094)))) {
    throw new TxValidationError(`MarketIndex must be a perps (0..254) or spot (2048..4094) market, got ${o.marketIndex}`);
  }
  uint('Index', o.index, Number.MAX_SAFE_INTEGER, 1);
  uint('BaseAmount', o.baseAmount, MAX_BASE_AMOUNT);
  uint('Price', o.price, MAX_PRICE, 1);
  uint('TriggerPrice', o.triggerPrice, MAX_PRICE);
  return build(
    [c.chainId, TX_TYPE.modifyOrder, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, o.marketIndex, o.index, o.baseAmount, o.price, o.triggerPrice],
    [
      ['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', o.marketIndex], ['Index', o.index], ['BaseAmount', o.baseAmount],
      ['Price', o.price], ['TriggerPrice', o.triggerPrice], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce],
    ],
    attributes,
  );
}

/** The GF(p^5) message hash the key signs: the field hash, folded with the attribute hash when
 *  the tx carries non-empty attributes (attributes.ts). */
export function txHash(tx: SignableTx): Float64Array {
  const out = new Float64Array(10);
  hashToQuintic(tx.elements, tx.count, out, 0);
  return aggregateHash(out, tx.attributes);
}

/** The venue's `tx_hash`: the 40 little-endian bytes of the signed hash as 80 lowercase hex
 *  characters (lighter-go types/tx_request.go: `SignedHash = Bytes2Hex(msgHash)`). */
export function txHashHex(hash: Float64Array): string {
  return Buffer.from(fp5ToBytes(hash, 0)).toString('hex');
}

/** The auth-token message "deadline:account:apiKey", packed 8 ASCII bytes per element, LE, zero-padded. */
export function authMessage(deadlineS: number, accountIndex: number, apiKeyIndex: number): { text: string; hash: Float64Array } {
  uint('deadline', deadlineS, Number.MAX_SAFE_INTEGER, 1);
  uint('AccountIndex', accountIndex, 2 ** 48 - 1);
  uint('ApiKeyIndex', apiKeyIndex, 255);
  const text = `${deadlineS}:${accountIndex}:${apiKeyIndex}`;
  const n = Math.ceil(text.length / 8);
  const bytes = Buffer.alloc(n * 8); // zero padding
  bytes.write(text, 'ascii');
  const elements = new Float64Array(n * 2);
  for (let i = 0; i < 2 * n; i++) elements[i] = bytes.readUInt32LE(4 * i);
  const hash = new Float64Array(10);
  hashToQuintic(elements, n, hash, 0);
  return { text, hash };
}

/** tx_info as lighter-go's json.Marshal writes it. With no attributes the L2TxAttributes key is
 *  left out: the venue's Go decoder reads an absent key and `null` alike (a nil map, empty, hash
 *  unchanged), and leaving it out keeps the bytes identical to the pinned reference signer and
 *  acceptable to a venue build that predates attributes. With attributes it follows Sig. */
export function txInfoJson(tx: SignableTx, sigBase64: string): string {
  let s = '{';
  for (const [k, v] of tx.json) s += `"${k}":${v},`;
  s += `"Sig":"${sigBase64}"`;
  if (tx.attributes !== undefined && Object.keys(tx.attributes).length > 0) s += `,"L2TxAttributes":${attributesJson(tx.attributes)}`;
  return `${s}}`;
}
