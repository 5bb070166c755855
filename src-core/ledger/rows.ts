// Row shapes of the ledger tables and their mapping to records; the epoch reader; the amount
// guard every money write goes through.
import type Database from 'better-sqlite3';
import { EPOCH_MAX } from '../domain/client-order-id';
import { parseDecimal, signDecimal } from '../domain/decimal';
import { CLIENT_ID_EPOCH_KEY } from '../store/migrations/0004_ledger';
import { LedgerError } from './errors';
import type { IntentRecord, LedgerFill, LedgerFundingPayment } from './types';

export interface IntentRow {
  id: number;
  pair_id: number;
  leg: number;
  purpose: IntentRecord['purpose'];
  attempt: number;
  venue: IntentRecord['venue'];
  symbol: string;
  side: IntentRecord['side'];
  size: string;
  price: string;
  tif: IntentRecord['tif'];
  reduce_only: number;
  client_order_id: string;
  created_at_ms: number;
  tx_hash: string | null;
}

export function toIntent(r: IntentRow): IntentRecord {
  return {
    intentId: r.id,
    pairSeq: r.pair_id,
    leg: r.leg === 0 ? 0 : 1,
    purpose: r.purpose,
    attempt: r.attempt,
    venue: r.venue,
    symbol: r.symbol,
    side: r.side,
    size: r.size,
    price: r.price,
    tif: r.tif,
    reduceOnly: r.reduce_only === 1,
    clientOrderId: r.client_order_id,
    createdAtMs: r.created_at_ms,
    txHash: r.tx_hash,
  };
}

/** An exact decimal string, optionally required positive; else a typed refusal. */
export function amount(name: string, text: string, positive: boolean): string {
  try {
    parseDecimal(text);
  } catch {
    throw new LedgerError('bad-amount', `${name} is not an exact decimal: ${JSON.stringify(text)}`);
  }
  if (positive && signDecimal(text) <= 0) throw new LedgerError('bad-amount', `${name} must be positive, got ${text}`);
  return text;
}

export interface FillRow {
  venue: LedgerFill['venue'];
  venue_fill_id: string;
  symbol: string;
  venue_order_id: string;
  client_order_id: string | null;
  side: LedgerFill['side'];
  size: string;
  price: string;
  fee_usd: string;
  is_maker: number;
  time_ms: number;
}

export interface FundingRow {
  venue: LedgerFundingPayment['venue'];
  symbol: string;
  venue_payment_id: string;
  settlement_time_ms: number;
  cash_usd: string;
  hourly_rate: number | null;
  position_side: LedgerFundingPayment['positionSide'];
  position_size: string;
  mark_price: number | null;
}

export function toFill(r: FillRow): LedgerFill {
  return {
    venue: r.venue,
    symbol: r.symbol,
    venueFillId: r.venue_fill_id,
    venueOrderId: r.venue_order_id,
    clientOrderId: r.client_order_id,
    side: r.side,
    size: r.size,
    price: r.price,
    feeUsd: r.fee_usd,
    isMaker: r.is_maker === 1,
    timeMs: r.time_ms,
  };
}

/** This database's client-id epoch (minted by migration 0004). */
export function readEpoch(db: Database.Database): number {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(CLIENT_ID_EPOCH_KEY) as { value: string } | undefined;
  const epoch = row === undefined ? NaN : Number(row.value);
  if (!Number.isSafeInteger(epoch) || epoch < 1 || epoch > EPOCH_MAX) throw new LedgerError('no-epoch', `meta has no valid ${CLIENT_ID_EPOCH_KEY}: ${row?.value ?? 'missing'}`);
  return epoch;
}

export function toFunding(r: FundingRow): LedgerFundingPayment {
  return {
    venue: r.venue,
    symbol: r.symbol,
    venuePaymentId: r.venue_payment_id,
    settlementTimeMs: r.settlement_time_ms,
    cashUsd: r.cash_usd,
    hourlyRate: r.hourly_rate,
    positionSide: r.position_side,
    positionSize: r.position_size,
    markPrice: r.mark_price,
  };
}
