// Which pair a venue's funding payment belongs to. A payment is for the account's whole position
// in one market at one settlement, so it belongs to the pair whose leg on that venue held a
// position in that symbol at that instant, computed exactly from the pair's own recorded fills
// (not from the pair's state: an entry still hedging or a rollback in progress holds a position
// across a settlement too). The trading gate allows one open pair per symbol, so at most one
// pair matches; anything else is reported, never guessed:
// - no pair held a position: the payment is the account's (a manual or foreign position) and is
//   kept unattributed;
// - two pairs did: ambiguous, kept unattributed for reconciliation;
// - the pair's position differs from the size the venue paid on: attributed, and reported.
import type Database from 'better-sqlite3';
import { absDecimal, compareDecimal, negDecimal, normalizeDecimal, signDecimal, sumDecimals } from '../domain/decimal';
import type { VenueId } from '../domain/enums';
import type { FundingOutcome, LedgerFundingPayment } from './types';

export type Attribution =
  | { readonly kind: 'pair'; readonly pairSeq: number; readonly legSize: string; readonly sizeMatches: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly pairSeqs: readonly number[] };

export class FundingAttributor {
  private readonly candidates: Database.Statement;
  private readonly legFills: Database.Statement;

  constructor(db: Database.Database) {
    // Pairs in this symbol with a leg on the venue, created before the settlement and not closed
    // before it.
    this.candidates = db.prepare(
      `SELECT p.id AS pairSeq FROM pairs p JOIN legs l ON l.pair_id = p.id
       WHERE p.symbol = ? AND l.venue = ? AND p.created_at_ms <= ? AND (p.closed_at_ms IS NULL OR p.closed_at_ms >= ?)
       ORDER BY p.id`,
    );
    this.legFills = db.prepare(
      `SELECT f.side, f.size FROM fills f JOIN order_intents i ON i.id = f.intent_id
       WHERE i.pair_id = ? AND i.venue = ? AND f.time_ms <= ?`,
    );
  }

  /** The pair's signed position on `venue` at `atMs`, from its fills up to then (exact). */
  legPositionAt(pairSeq: number, venue: VenueId, atMs: number): string {
    const rows = this.legFills.all(pairSeq, venue, atMs) as { side: 'buy' | 'sell'; size: string }[];
    return normalizeDecimal(sumDecimals(rows.map((r) => (r.side === 'buy' ? r.size : negDecimal(r.size)))));
  }

  attribute(p: Pick<LedgerFundingPayment, 'venue' | 'symbol' | 'settlementTimeMs' | 'positionSize'>): Attribution {
    const t = p.settlementTimeMs;
    const held: { pairSeq: number; size: string }[] = [];
    for (const { pairSeq } of this.candidates.all(p.symbol, p.venue, t, t) as { pairSeq: number }[]) {
      const size = this.legPositionAt(pairSeq, p.venue, t);
      if (signDecimal(size) !== 0) held.push({ pairSeq, size });
    }
    if (held.length === 0) return { kind: 'none' };
    if (held.length > 1) return { kind: 'ambiguous', pairSeqs: held.map((h) => h.pairSeq) };
    const only = held[0]!;
    const legSize = absDecimal(only.size);
    return { kind: 'pair', pairSeq: only.pairSeq, legSize, sizeMatches: compareDecimal(legSize, p.positionSize) === 0 };
  }
}

/** Records a venue payment once (by venue, market, settlement), on the pair it belongs to. */
export function recordAttributedFunding(
  ledger: { recordFundingPayment(p: LedgerFundingPayment, pairSeq: number | null, recordedAtMs: number): FundingOutcome },
  attributor: FundingAttributor,
  p: LedgerFundingPayment,
  recordedAtMs: number,
): { readonly outcome: FundingOutcome; readonly attribution: Attribution } {
  const attribution = attributor.attribute(p);
  const outcome = ledger.recordFundingPayment(p, attribution.kind === 'pair' ? attribution.pairSeq : null, recordedAtMs);
  return { outcome, attribution };
}
