// Order amounts in settlement units (venues.md §2.3). Rounding always favours the venue: a BUY
// pays at most ceil(quote) and receives ceil(base); a SELL gives floor(base) for floor(quote);
// the fee rounds up. All from exact decimal strings: no float ever reaches a signature.
import { divRound, parseDecimal } from '../../../domain/decimal';

export interface SettlementAmounts {
  readonly baseAmount: bigint;
  readonly quoteAmount: bigint;
  readonly feeAmount: bigint;
}

const FOURTEEN_DAYS_S = 14n * 24n * 3600n;

function scaled(value: string): { units: bigint; scale: number } {
  const d = parseDecimal(value);
  if (d.units < 0n) throw new Error(`negative value: ${value}`);
  return d;
}

/** ceil or floor of (a × b × resolution) for exact decimals a and b. */
function product(a: string, b: string | null, resolution: bigint, mode: 'ceil' | 'floor'): bigint {
  const x = scaled(a);
  const y = b === null ? { units: 1n, scale: 0 } : scaled(b);
  return divRound(x.units * y.units * resolution, 10n ** BigInt(x.scale + y.scale), mode);
}

export function settlementAmounts(args: {
  readonly side: 'BUY' | 'SELL';
  readonly qty: string;
  readonly price: string;
  /** Max fee rate as a decimal string: the account's taker rate plus any builder fee. */
  readonly feeRate: string;
  readonly syntheticResolution: bigint;
  readonly collateralResolution: bigint;
}): SettlementAmounts {
  const buy = args.side === 'BUY';
  const base = product(args.qty, null, args.syntheticResolution, buy ? 'ceil' : 'floor');
  const quote = product(args.qty, args.price, args.collateralResolution, buy ? 'ceil' : 'floor');
  // fee = ceil(feeRate × qty × price × collRes)
  const q = scaled(args.qty);
  const p = scaled(args.price);
  const f = scaled(args.feeRate);
  const fee = divRound(q.units * p.units * f.units * args.collateralResolution, 10n ** BigInt(q.scale + p.scale + f.scale), 'ceil');
  return { baseAmount: buy ? base : -base, quoteAmount: buy ? -quote : quote, feeAmount: fee };
}

/** Settlement expiration: ceil(expiryEpochMillis / 1000) + 14 days, in seconds. */
export function settlementExpiration(expiryEpochMillis: number): bigint {
  if (!Number.isSafeInteger(expiryEpochMillis) || expiryEpochMillis <= 0) throw new Error('expiry must be a positive integer ms timestamp');
  return divRound(BigInt(expiryEpochMillis), 1000n, 'ceil') + FOURTEEN_DAYS_S;
}
