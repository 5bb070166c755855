// Exact funding of the trader's pairs settled since a time (the Positions screen's "funding
// today"): one read-only statement over the ledger's funding payments, summed as exact decimals.
// Payments the attributor could not place on a pair (no pair held the leg) are not the pairs'
// funding and are left out.
import { normalizeDecimal, sumDecimals } from '../../domain/decimal';
import type { Db } from '../../store/db';

export function fundingSinceReader(db: Db): (sinceMs: number) => string {
  const stmt = db.prepare<[number], { cash_usd: string }>('SELECT cash_usd FROM funding_payments WHERE pair_id IS NOT NULL AND settlement_time_ms >= ?');
  if (!stmt.readonly) throw new Error('funding-today: the statement must be read-only');
  return (sinceMs) => normalizeDecimal(sumDecimals(stmt.all(sinceMs).map((r) => r.cash_usd)));
}
