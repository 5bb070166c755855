// Reads what the ledger export needs, in one read snapshot: every fill with the pair, leg and
// leg side of its intent (null for a fill that is not ours), and every funding payment with its
// pair's leg. Only read-only statements are accepted (as in ledger/ledger-queries.ts): this
// module can never change the ledger.
import type Database from 'better-sqlite3';
import type { PositionSide } from '../domain/venue';
import type { FillRow, FundingRow } from '../ledger/rows';

export type ExportFillRow = FillRow & { pair_id: number | null; leg: number | null; position_side: PositionSide | null };
export type ExportFundingRow = FundingRow & { pair_id: number | null; leg: number | null };

export interface ExportRows {
  /** In the ledger's fill order (time, then venue fill id), as its PnL reads them. */
  readonly fills: readonly ExportFillRow[];
  readonly funding: readonly ExportFundingRow[];
}

export class ExportReadError extends Error {
  override readonly name = 'ExportReadError';
}

const FILLS = `SELECT f.*, i.pair_id, i.leg, l.position_side
  FROM fills f LEFT JOIN order_intents i ON i.id = f.intent_id LEFT JOIN legs l ON l.pair_id = i.pair_id AND l.leg = i.leg`;
const FILL_ORDER = 'ORDER BY f.time_ms, f.venue_fill_id';
const FUNDING = `SELECT p.*, l.leg FROM funding_payments p LEFT JOIN legs l ON l.pair_id = p.pair_id AND l.venue = p.venue`;
const FUNDING_ORDER = 'ORDER BY p.settlement_time_ms, p.venue';

export class ExportReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Every row, or those of one symbol (a pair's fills and payments all carry its symbol, so a
   *  symbol filter keeps whole legs and their PnL stays the ledger's). */
  read(symbol: string | null): ExportRows {
    const where = (alias: string): string => (symbol === null ? '' : `WHERE ${alias}.symbol = ?`);
    const args = symbol === null ? [] : [symbol];
    return this.db
      .transaction(() => ({
        fills: this.sql(`${FILLS} ${where('f')} ${FILL_ORDER}`).all(...args) as ExportFillRow[],
        funding: this.sql(`${FUNDING} ${where('p')} ${FUNDING_ORDER}`).all(...args) as ExportFundingRow[],
      }))
      .deferred();
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (s === undefined) {
      s = this.db.prepare(text);
      if (!s.readonly) throw new ExportReadError(`refused a writing statement: ${text}`);
      this.statements.set(text, s);
    }
    return s;
  }
}
