// What Lighter signs for each transaction (venues.md §1.3, §1.6): the field-element list hashed
// with Poseidon2 into GF(p^5), and the tx_info JSON sent with the signature (PascalCase keys, in
// the order the reference signer writes them). Validation follows the reference signer's rules,
// so a bad order is refused here with a reason instead of by the venue.
import { setSafeInt } from '../crypto/goldilocks';
import { hashToQuintic } from '../crypto/poseidon2';

export const TX_TYPE = { createOrder: 14, cancelOrder: 15, cancelAll: 16, updateLeverage: 20 } as const;
/** The reference signer's default tx deadline: now + 10 min − 1 s. */
export const DEFAULT_TX_TTL_MS = 10 * 60_000 - 1_000;

const MAX_CLIENT_ORDER_INDEX = 2 ** 48 - 1;
const MAX_BASE_AMOUNT = 2 ** 48 - 1;
const MAX_PRICE = 2 ** 32 - 1;

export class TxValidationError extends Error {
  override readonly name = 'TxValidationError';
}

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

export interface SignableTx {
  /** Field elements as (lo, hi) doubles, ready for the sponge. */
  readonly elements: Float64Array;
  readonly count: number;
  /** tx_info keys and values in wire order, without `Sig`. */
  readonly json: ReadonlyArray<readonly [string, number]>;
}

function uint(name: string, v: number, max: number, min = 0): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw new TxValidationError(`${name} must be an integer in ${min}..${max}, got ${v}`);
}

function common(c: TxCommon): void {
  uint('ChainId', c.chainId, 2 ** 32 - 1);
  uint('AccountIndex', c.accountIndex, 2 ** 48 - 1);
  uint('ApiKeyIndex', c.apiKeyIndex, 255);
  uint('Nonce', c.nonce, Number.MAX_SAFE_INTEGER);
  uint('ExpiredAt', c.expiredAt, Number.MAX_SAFE_INTEGER, 1);
}

function build(values: readonly number[], json: ReadonlyArray<readonly [string, number]>): SignableTx {
  const elements = new Float64Array(values.length * 2);
  values.forEach((v, i) => setSafeInt(elements, 2 * i, v));
  return { elements, count: values.length, json };
}

export function createOrderTx(c: TxCommon, o: CreateOrderFields): SignableTx {
  common(c);
  uint('MarketIndex', o.marketIndex, 32767);
  uint('ClientOrderIndex', o.clientOrderIndex, MAX_CLIENT_ORDER_INDEX);
  uint('BaseAmount', o.baseAmount, MAX_BASE_AMOUNT, o.reduceOnly ? 0 : 1);
  uint('Price', o.price, MAX_PRICE, 1);
  uint('Type', o.orderType, 1);
  uint('TimeInForce', o.timeInForce, 2);
  uint('TriggerPrice', o.triggerPrice, MAX_PRICE);
  uint('OrderExpiry', o.orderExpiry, Number.MAX_SAFE_INTEGER);
  if (o.orderType === 1 && (o.timeInForce !== 0 || o.orderExpiry !== 0 || o.triggerPrice !== 0)) throw new TxValidationError('a market order needs IOC, OrderExpiry 0 and TriggerPrice 0');
  if (o.timeInForce === 0 && o.orderExpiry !== 0) throw new TxValidationError('an IOC order needs OrderExpiry 0');
  if (o.timeInForce !== 0 && o.orderExpiry <= 0) throw new TxValidationError('resting orders need an explicit OrderExpiry (ms)');
  const isAsk = o.isAsk ? 1 : 0;
  const reduceOnly = o.reduceOnly ? 1 : 0;
  return build(
    [c.chainId, TX_TYPE.createOrder, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, o.marketIndex, o.clientOrderIndex, o.baseAmount, o.price, isAsk, o.orderType, o.timeInForce, reduceOnly, o.triggerPrice, o.orderExpiry],
    [
      ['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', o.marketIndex], ['ClientOrderIndex', o.clientOrderIndex],
      ['BaseAmount', o.baseAmount], ['Price', o.price], ['IsAsk', isAsk], ['Type', o.orderType], ['TimeInForce', o.timeInForce], ['ReduceOnly', reduceOnly],
      ['TriggerPrice', o.triggerPrice], ['OrderExpiry', o.orderExpiry], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce],
    ],
  );
}

/** `index` is the client order index or the venue's order index. */
export function cancelOrderTx(c: TxCommon, marketIndex: number, index: number): SignableTx {
  common(c);
  uint('MarketIndex', marketIndex, 32767);
  uint('Index', index, Number.MAX_SAFE_INTEGER);
  return build(
    [c.chainId, TX_TYPE.cancelOrder, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, marketIndex, index],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', marketIndex], ['Index', index], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
  );
}

/** timeInForce: 0 immediate, 1 scheduled, 2 abort-scheduled; timeMs 0 for immediate. */
export function cancelAllTx(c: TxCommon, timeInForce: number, timeMs: number): SignableTx {
  common(c);
  uint('TimeInForce', timeInForce, 2);
  uint('Time', timeMs, Number.MAX_SAFE_INTEGER);
  if (timeInForce === 0 && timeMs !== 0) throw new TxValidationError('an immediate cancel-all needs Time 0');
  return build(
    [c.chainId, TX_TYPE.cancelAll, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, timeInForce, timeMs],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['TimeInForce', timeInForce], ['Time', timeMs], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
  );
}

/** initialMarginFraction in bps of notional (10_000 / leverage); marginMode 0 cross, 1 isolated. */
export function updateLeverageTx(c: TxCommon, marketIndex: number, initialMarginFraction: number, marginMode: number): SignableTx {
  common(c);
  uint('MarketIndex', marketIndex, 32767);
  uint('InitialMarginFraction', initialMarginFraction, 10_000, 1);
  uint('MarginMode', marginMode, 1);
  return build(
    [c.chainId, TX_TYPE.updateLeverage, c.nonce, c.expiredAt, c.accountIndex, c.apiKeyIndex, marketIndex, initialMarginFraction, marginMode],
    [['AccountIndex', c.accountIndex], ['ApiKeyIndex', c.apiKeyIndex], ['MarketIndex', marketIndex], ['InitialMarginFraction', initialMarginFraction], ['MarginMode', marginMode], ['ExpiredAt', c.expiredAt], ['Nonce', c.nonce]],
  );
}

/** The GF(p^5) message hash of a transaction (no L2 attributes: the hash is then unchanged). */
export function txHash(tx: SignableTx): Float64Array {
  const out = new Float64Array(10);
  hashToQuintic(tx.elements, tx.count, out, 0);
  return out;
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

export function txInfoJson(tx: SignableTx, sigBase64: string): string {
  let s = '{';
  for (const [k, v] of tx.json) s += `"${k}":${v},`;
  return `${s}"Sig":"${sigBase64}"}`;
}
