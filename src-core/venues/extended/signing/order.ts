// Builds and signs Extended's order body (NewOrderModel JSON), and verifies one: the simulator
// recomputes the hash from the body and the market's l2Config and checks the Stark signature.
import { Point, verify } from '@scure/starknet';
import { settlementAmounts, settlementExpiration } from './amounts';
import { orderMessageHash, type StarknetDomain } from './order-hash';
import { starkSign } from './stark-ecdsa';

export interface L2Config {
  readonly syntheticId: string;
  readonly syntheticResolution: number;
  readonly collateralId: string;
  readonly collateralResolution: number;
}

export interface StarkAccount {
  readonly vault: number;
  readonly privateKey: string;
  readonly publicKey: string;
}

export interface OrderIntent {
  readonly externalId: string;
  readonly market: string;
  readonly side: 'BUY' | 'SELL';
  readonly qty: string;
  readonly price: string;
  readonly timeInForce: 'GTT' | 'IOC';
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  /** Always explicit: the SDK's silent 1-hour default expires resting makers. */
  readonly expiryEpochMillis: number;
  /** The account's taker rate (plus builder fee) as a decimal string: the signed max fee. */
  readonly feeRate: string;
  /** Salt, 1..2^31−1. */
  readonly nonce: number;
  readonly cancelId?: string;
}

export interface ExtendedOrderBody {
  readonly id: string;
  readonly market: string;
  readonly type: 'LIMIT' | 'MARKET';
  readonly side: 'BUY' | 'SELL';
  readonly qty: string;
  readonly price: string;
  readonly timeInForce: 'GTT' | 'IOC';
  readonly expiryEpochMillis: number;
  readonly fee: string;
  readonly nonce: string;
  readonly postOnly: boolean;
  readonly reduceOnly: boolean;
  readonly selfTradeProtectionLevel: 'DISABLED' | 'ACCOUNT' | 'CLIENT';
  readonly cancelId?: string;
  readonly settlement: { readonly signature: { readonly r: string; readonly s: string }; readonly starkKey: string; readonly collateralPosition: string };
  readonly debuggingAmounts: { readonly collateralAmount: string; readonly feeAmount: string; readonly syntheticAmount: string };
}

export function orderHashFor(fields: { side: 'BUY' | 'SELL'; qty: string; price: string; feeRate: string; expiryEpochMillis: number; nonce: number; vault: number }, l2: L2Config, starkKey: string, domain: StarknetDomain): { hash: bigint; amounts: ReturnType<typeof settlementAmounts> } {
  const amounts = settlementAmounts({
    side: fields.side,
    qty: fields.qty,
    price: fields.price,
    feeRate: fields.feeRate,
    syntheticResolution: BigInt(l2.syntheticResolution),
    collateralResolution: BigInt(l2.collateralResolution),
  });
  const hash = orderMessageHash(
    {
      positionId: BigInt(fields.vault),
      baseAssetId: BigInt(l2.syntheticId),
      baseAmount: amounts.baseAmount,
      quoteAssetId: BigInt(l2.collateralId),
      quoteAmount: amounts.quoteAmount,
      feeAssetId: BigInt(l2.collateralId),
      feeAmount: amounts.feeAmount,
      expiration: settlementExpiration(fields.expiryEpochMillis),
      salt: BigInt(fields.nonce),
    },
    BigInt(starkKey),
    domain,
  );
  return { hash, amounts };
}

export function buildSignedOrder(intent: OrderIntent, l2: L2Config, account: StarkAccount, domain: StarknetDomain): ExtendedOrderBody {
  if (!(Number.isSafeInteger(intent.nonce) && intent.nonce >= 1 && intent.nonce < 2 ** 31)) throw new Error('nonce must be 1..2^31-1');
  const { hash, amounts } = orderHashFor({ ...intent, vault: account.vault }, l2, account.publicKey, domain);
  const sig = starkSign(hash, account.privateKey);
  return {
    id: intent.externalId,
    market: intent.market,
    type: 'LIMIT',
    side: intent.side,
    qty: intent.qty,
    price: intent.price,
    timeInForce: intent.timeInForce,
    expiryEpochMillis: intent.expiryEpochMillis,
    fee: intent.feeRate,
    nonce: String(intent.nonce),
    postOnly: intent.postOnly,
    reduceOnly: intent.reduceOnly,
    selfTradeProtectionLevel: 'ACCOUNT',
    ...(intent.cancelId === undefined ? {} : { cancelId: intent.cancelId }),
    settlement: {
      signature: { r: '0x' + sig.r.toString(16), s: '0x' + sig.s.toString(16) },
      starkKey: account.publicKey,
      collateralPosition: String(account.vault),
    },
    debuggingAmounts: {
      collateralAmount: amounts.quoteAmount.toString(),
      feeAmount: amounts.feeAmount.toString(),
      syntheticAmount: amounts.baseAmount.toString(),
    },
  };
}

const pointsOfKey = new Map<string, string[]>();
const POINT_CACHE_MAX = 1_000;

/** The uncompressed points with this x (both parities that exist), decompressed once. */
function publicPoints(x: string): string[] {
  let points = pointsOfKey.get(x);
  if (points === undefined) {
    points = [];
    for (const prefix of ['02', '03']) {
      try {
        points.push(Point.fromHex(prefix + x).toHex(false));
      } catch {
        // not on the curve with this parity
      }
    }
    if (pointsOfKey.size >= POINT_CACHE_MAX) pointsOfKey.clear();
    pointsOfKey.set(x, points);
  }
  return points;
}

/** Recomputes the settlement hash from the body and verifies the signature against starkKey. */
export function verifyOrderSignature(body: ExtendedOrderBody, l2: L2Config, domain: StarknetDomain): boolean {
  try {
    const { hash } = orderHashFor(
      { side: body.side, qty: body.qty, price: body.price, feeRate: body.fee, expiryEpochMillis: body.expiryEpochMillis, nonce: Number(body.nonce), vault: Number(body.settlement.collateralPosition) },
      l2,
      body.settlement.starkKey,
      domain,
    );
    const { r, s } = body.settlement.signature;
    // verify() takes the signature as compact hex (r ‖ s) and a full public point; the stark
    // key is only its x coordinate, so both y parities are tried. The two points are decompressed
    // once per key (a square root mod p each time otherwise) and the parity that verified last is
    // tried first: the simulator verifies every order, in the same process as the exec bench.
    const compact = BigInt(r).toString(16).padStart(64, '0') + BigInt(s).toString(16).padStart(64, '0');
    const msg = hash.toString(16).padStart(64, '0');
    const points = publicPoints(BigInt(body.settlement.starkKey).toString(16).padStart(64, '0'));
    for (let i = 0; i < points.length; i++) {
      let ok = false;
      try {
        ok = verify(compact, msg, points[i]!, { format: 'compact' });
      } catch {
        ok = false;
      }
      if (ok) {
        if (i > 0) points.unshift(...points.splice(i, 1));
        return true;
      }
    }
    return false;
  } catch {
    return false;
  }
}
