// A small RFC 4180 reader for the tests that read the ledger export back (quoted fields with
// doubled quotes, commas and line breaks inside quotes, CRLF line ends), written apart from the
// writer under test so the two cannot share a mistake. Also sums a money column exactly.
import { normalizeDecimal, sumDecimals } from '../../src-core/domain/decimal';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bad CSV at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
    else field += ch;
    i += 1;
  }
  if (quoted) throw new Error('bad CSV: unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('bad CSV: the last line has no CRLF');
  return rows;
}

/** The data rows as objects keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new Error('no header');
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`row has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
  });
}

/** Exact sum of a column over some records (an empty field counts as nothing). */
export function sumColumn(records: readonly Record<string, string>[], column: string): string {
  return normalizeDecimal(sumDecimals(records.map((r) => r[column] ?? '').filter((v) => v !== '')));
}

/** The PnL split the export's rows add up to, in pnlSummary's shape. */
export function exportTotals(records: readonly Record<string, string>[]): Record<'realizedPnlUsd' | 'fundingReceivedUsd' | 'fundingPaidUsd' | 'feesUsd' | 'netUsd', string> {
  const trades = records.filter((r) => r.type === 'trade');
  const funding = records.filter((r) => r.type === 'funding');
  const received = funding.filter((r) => !r.amount_usd!.startsWith('-'));
  const paid = funding.filter((r) => r.amount_usd!.startsWith('-')).map((r) => ({ ...r, amount_usd: r.amount_usd!.slice(1) }));
  return {
    realizedPnlUsd: sumColumn(trades, 'realized_pnl_usd'),
    fundingReceivedUsd: sumColumn(received, 'amount_usd'),
    fundingPaidUsd: sumColumn(paid, 'amount_usd'),
    feesUsd: sumColumn(trades, 'fee_usd'),
    netUsd: sumColumn(records, 'net_usd'),
  };
}
