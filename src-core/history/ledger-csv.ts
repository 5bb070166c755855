// The ledger as CSV records (export-columns.ts, docs/EXPORT.md): one record per fill and per
// funding payment, amounts as the ledger wrote them (exact decimal strings, never a float). A
// trade's realized_pnl_usd is what that fill realized on its leg: the leg's realized PnL after the
// fill minus before it (ledger/pnl.ts average cost, over the leg's fills in the ledger's order),
// so the trade rows of a pair add up exactly to the pair's realized PnL in pairs.list/detail.
import { mulDecimal, normalizeDecimal, subDecimal } from '../domain/decimal';
import { legPnl, type PnlFill } from '../ledger/pnl';
import { csvLine } from './csv';
import { EXPORT_COLUMNS, type ExportRecord } from './export-columns';
import type { ExportFillRow, ExportFundingRow, ExportRows } from './export-reader';

export interface ExportRange {
  /** Events at or after (epoch ms); null = from the first. */
  readonly fromMs: number | null;
  /** Events before (epoch ms); null = up to the last. */
  readonly toMs: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const inRange = (ms: number, r: ExportRange): boolean => (r.fromMs === null || ms >= r.fromMs) && (r.toMs === null || ms < r.toMs);
const text = (n: number | null): string | null => (n === null ? null : String(n));

/** Each fill's realized price PnL on its leg, keyed by "venue fill id of venue"; a fill that is
 *  not tied to a leg of ours has none. The running realized of the leg is recomputed over each
 *  prefix of its fills with the ledger's own function, so nothing here re-implements the math. */
function realizedPerFill(fills: readonly ExportFillRow[]): Map<ExportFillRow, string> {
  const byLeg = new Map<string, ExportFillRow[]>();
  for (const f of fills) {
    if (f.pair_id === null || f.leg === null) continue;
    const key = `${f.pair_id}/${f.leg}`;
    const group = byLeg.get(key);
    if (group === undefined) byLeg.set(key, [f]);
    else group.push(f);
  }
  const out = new Map<ExportFillRow, string>();
  for (const legFills of byLeg.values()) {
    const pnlFills: PnlFill[] = [];
    let before = '0';
    for (const f of legFills) {
      pnlFills.push({ side: f.side, size: f.size, price: f.price, feeUsd: f.fee_usd });
      const after = legPnl(pnlFills).realizedPnlUsd;
      out.set(f, normalizeDecimal(subDecimal(after, before)));
      before = after;
    }
  }
  return out;
}

function tradeRecord(f: ExportFillRow, realized: string | null): ExportRecord {
  return {
    timestamp_utc: iso(f.time_ms),
    type: 'trade',
    venue: f.venue,
    symbol: f.symbol,
    side: f.side,
    size: f.size,
    price: f.price,
    amount_usd: normalizeDecimal(mulDecimal(f.size, f.price)),
    fee_usd: f.fee_usd,
    realized_pnl_usd: realized,
    net_usd: realized === null ? null : normalizeDecimal(subDecimal(realized, f.fee_usd)),
    currency: 'USD',
    pair_seq: text(f.pair_id),
    leg: text(f.leg),
    position_side: f.position_side,
    liquidity: f.is_maker === 1 ? 'maker' : 'taker',
    order_id: f.venue_order_id,
    client_order_id: f.client_order_id,
    event_id: f.venue_fill_id,
  };
}

function fundingRecord(p: ExportFundingRow): ExportRecord {
  return {
    timestamp_utc: iso(p.settlement_time_ms),
    type: 'funding',
    venue: p.venue,
    symbol: p.symbol,
    side: null,
    size: p.position_size,
    price: null,
    amount_usd: p.cash_usd,
    fee_usd: null,
    realized_pnl_usd: null,
    net_usd: p.cash_usd,
    currency: 'USD',
    pair_seq: text(p.pair_id),
    leg: text(p.leg),
    position_side: p.position_side,
    liquidity: null,
    order_id: null,
    client_order_id: null,
    event_id: p.venue_payment_id,
  };
}

interface Timed {
  readonly atMs: number;
  readonly record: ExportRecord;
}

/** The records inside the range, oldest first (at the same ms by type, venue and event id, so two
 *  exports of the same ledger are byte-equal). */
export function exportRecords(rows: ExportRows, range: ExportRange): ExportRecord[] {
  const realized = realizedPerFill(rows.fills);
  const timed: Timed[] = [
    ...rows.fills.filter((f) => inRange(f.time_ms, range)).map((f) => ({ atMs: f.time_ms, record: tradeRecord(f, realized.get(f) ?? null) })),
    ...rows.funding.filter((p) => inRange(p.settlement_time_ms, range)).map((p) => ({ atMs: p.settlement_time_ms, record: fundingRecord(p) })),
  ];
  const key = (r: ExportRecord): string => `${r.type}\u0000${r.venue ?? ''}\u0000${r.event_id ?? ''}`;
  timed.sort((a, b) => a.atMs - b.atMs || (key(a.record) < key(b.record) ? -1 : key(a.record) > key(b.record) ? 1 : 0));
  return timed.map((t) => t.record);
}

export class ExportTooLargeError extends Error {
  override readonly name = 'ExportTooLargeError';
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the export is larger than ${maxBytes} bytes (${bytes} bytes so far): narrow the date range or pick one symbol`);
  }
}

/** The header and one line per record; refused (never cut short) past maxBytes of UTF-8. */
export function toCsv(records: readonly ExportRecord[], maxBytes: number): string {
  const lines = [csvLine(EXPORT_COLUMNS)];
  let bytes = Buffer.byteLength(lines[0]!);
  for (const r of records) {
    const line = csvLine(EXPORT_COLUMNS.map((c) => r[c]));
    bytes += Buffer.byteLength(line);
    if (bytes > maxBytes) throw new ExportTooLargeError(bytes, maxBytes);
    lines.push(line);
  }
  return lines.join('');
}
