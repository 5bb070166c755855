// Lighter's transaction pipeline: form-encoded sendTx with tx_info as a JSON string, strict
// per-(account, API key) nonces, per-type field rules from the signer (venues.md §1.3), then the
// tx applies after a speed-bump delay and its outcome surfaces only as order state. Every tx
// may carry `L2TxAttributes` (absent, null or a map; lighter-go HEAD writes null for none):
// keys and values are checked by the signer's own rules (signer/attributes.ts).
import { z } from 'zod';
import { CANCEL_ALL_TIF, ORDER_TYPE, TIME_IN_FORCE, TX_TYPE } from '../../lighter/constants';
import { validateAttributes, type TxAttributes } from '../../lighter/signer/attributes';
import { TxValidationError } from '../../lighter/signer/validation';

const u = (max: number) => z.number().int().min(0).max(max);
const SIG = z.string().refine((s) => {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return false;
  return Buffer.from(s, 'base64').length === 80;
}, 'Sig must be base64 of 80 bytes');
const common = {
  AccountIndex: u(2 ** 48),
  ApiKeyIndex: u(254),
  ExpiredAt: z.number().int().positive(),
  Nonce: z.number().int().nonnegative(),
  Sig: SIG,
  // Go decodes map[uint8]int: decimal keys 0..255, integer values; the rules come after parsing.
  L2TxAttributes: z.record(z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)$/, 'attribute keys are integers 0..255'), z.number().int()).nullable().optional(),
};

export const createOrderTx = z
  .object({
    ...common,
    MarketIndex: u(4094),
    ClientOrderIndex: u(2 ** 48 - 1),
    BaseAmount: u(2 ** 48 - 1),
    Price: u(2 ** 32 - 1),
    IsAsk: z.union([z.literal(0), z.literal(1)]),
    Type: u(6),
    TimeInForce: u(2),
    ReduceOnly: z.union([z.literal(0), z.literal(1)]),
    TriggerPrice: u(2 ** 32 - 1),
    OrderExpiry: z.number().int(),
  })
  .strict();

export const cancelOrderTx = z.object({ ...common, MarketIndex: u(4094), Index: z.number().int().nonnegative() }).strict();
export const cancelAllTx = z.object({ ...common, TimeInForce: u(2), Time: z.number().int().nonnegative() }).strict();
export const updateLeverageTx = z.object({ ...common, MarketIndex: u(4094), InitialMarginFraction: u(10_000), MarginMode: u(1) }).strict();
export const modifyOrderTx = z
  .object({ ...common, MarketIndex: u(4094), Index: z.number().int().nonnegative(), BaseAmount: u(2 ** 48 - 1), Price: u(2 ** 32 - 1), TriggerPrice: u(2 ** 32 - 1) })
  .strict();

export type CreateOrderTx = z.infer<typeof createOrderTx>;
export type CancelOrderTx = z.infer<typeof cancelOrderTx>;
export type CancelAllTx = z.infer<typeof cancelAllTx>;
export type UpdateLeverageTx = z.infer<typeof updateLeverageTx>;
export type ModifyOrderTx = z.infer<typeof modifyOrderTx>;

export type ParsedTx = (
  | { readonly type: 14; readonly tx: CreateOrderTx }
  | { readonly type: 15; readonly tx: CancelOrderTx }
  | { readonly type: 16; readonly tx: CancelAllTx }
  | { readonly type: 17; readonly tx: ModifyOrderTx }
  | { readonly type: 20; readonly tx: UpdateLeverageTx }
) & {
  /** The wire map with numeric keys; undefined when absent or null. */
  readonly attributes: TxAttributes | undefined;
};

export class TxError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function attributesOf(raw: Record<string, number> | null | undefined, cancelAllTif?: number): TxAttributes | undefined {
  if (raw === undefined || raw === null) return undefined;
  const a: Record<number, number> = {};
  for (const [k, v] of Object.entries(raw)) a[Number(k)] = v;
  try {
    validateAttributes(a, cancelAllTif);
  } catch (e) {
    if (e instanceof TxValidationError) throw new TxError(21501, `invalid tx info: ${e.message}`);
    throw e;
  }
  return a;
}

export function parseTx(txType: number, info: unknown): ParsedTx {
  const pick = <T>(schema: z.ZodType<T>): T => {
    const r = schema.safeParse(info);
    if (!r.success) throw new TxError(21501, `invalid tx info: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return r.data;
  };
  switch (txType) {
    case TX_TYPE.createOrder: {
      const tx = pick(createOrderTx);
      const attributes = attributesOf(tx.L2TxAttributes);
      // Rules the signer enforces; the server would refuse the same.
      if (tx.Type === ORDER_TYPE.market && (tx.TimeInForce !== TIME_IN_FORCE.ioc || tx.OrderExpiry !== 0 || tx.TriggerPrice !== 0)) throw new TxError(21704, 'market orders must be IOC with OrderExpiry 0');
      if (tx.Type > ORDER_TYPE.market) throw new TxError(21704, 'order type not supported by the simulator');
      if (tx.TimeInForce === TIME_IN_FORCE.ioc && tx.OrderExpiry !== 0) throw new TxError(21711, 'IOC orders must have OrderExpiry 0');
      if (tx.TimeInForce !== TIME_IN_FORCE.ioc && tx.OrderExpiry <= 0) throw new TxError(21711, 'OrderExpiry is invalid');
      if (tx.BaseAmount === 0 && tx.ReduceOnly === 0) throw new TxError(21701, 'invalid base amount');
      if (tx.Price === 0) throw new TxError(21702, 'invalid price');
      return { type: 14, tx, attributes };
    }
    case TX_TYPE.cancelOrder: {
      const tx = pick(cancelOrderTx);
      return { type: 15, tx, attributes: attributesOf(tx.L2TxAttributes) };
    }
    case TX_TYPE.cancelAll: {
      const tx = pick(cancelAllTx);
      const attributes = attributesOf(tx.L2TxAttributes, tx.TimeInForce);
      if (tx.TimeInForce !== CANCEL_ALL_TIF.scheduled && tx.Time !== 0) throw new TxError(21501, 'invalid tx info: CancelAllTime should be nil');
      return { type: 16, tx, attributes };
    }
    case TX_TYPE.modifyOrder: {
      const tx = pick(modifyOrderTx);
      const attributes = attributesOf(tx.L2TxAttributes);
      if (tx.Index === 0) throw new TxError(21700, 'invalid order index');
      if (tx.Price === 0) throw new TxError(21702, 'invalid price');
      return { type: 17, tx, attributes };
    }
    case TX_TYPE.updateLeverage: {
      const tx = pick(updateLeverageTx);
      return { type: 20, tx, attributes: attributesOf(tx.L2TxAttributes) };
    }
    default:
      throw new TxError(21505, 'unsupported tx type');
  }
}

/** Strict nonces per (account, API key): the next tx must carry exactly last + 1. */
export class NonceBook {
  private readonly next = new Map<string, number>();

  expected(account: number, apiKey: number): number {
    return this.next.get(`${account}:${apiKey}`) ?? 0;
  }

  consume(account: number, apiKey: number, nonce: number): void {
    const want = this.expected(account, apiKey);
    if (nonce !== want) throw new TxError(21104, `invalid nonce: expected ${want}, got ${nonce}`);
    this.next.set(`${account}:${apiKey}`, want + 1);
  }
}
