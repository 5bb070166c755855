// Read-only queries over the money tables for the pairs view: the list of pairs with their PnL,
// one pair in detail (legs, every order intent with its current state, fills, funding payments)
// and the entry attempts. LedgerRepo stays the only writer: every statement prepared here is
// checked read-only, so this class cannot change the ledger even by mistake. Amounts are the
// ledger's exact decimal strings; sums go through pair-summary.ts / pnl.ts, never a float.
import type Database from 'better-sqlite3';
import { CLOSED_ORDER_STATES, type AttemptOutcome, type AttemptTrigger, type OrderStateName, type PairState, type VenueId } from '../domain/enums';
import type { PositionSide } from '../domain/venue';
import { legDetail, legSummary, pairPnlSummary, type LegDetail } from './pair-summary';
import type { AttemptView, FillView, FundingView, OrderView, PairDetailView, PairView, ReconcileRecords } from './query-types';
import { toFill, toFunding, toIntent, type FillRow, type FundingRow, type IntentRow } from './rows';
import { fundingAttribution, type FundingAttribution } from './funding-report';
import type { PredictedFundingRow } from '../store/predicted-funding-repo';

export type { AttemptView, FillView, FundingView, OrderView, PairDetailView, PairView, ReconcileRecords } from './query-types';

export class LedgerQueryError extends Error {
  override readonly name = 'LedgerQueryError';
  constructor(
    readonly code: 'bad-pair-seq' | 'bad-limit' | 'not-read-only',
    message: string,
  ) {
    super(message);
  }
}

interface PairRow {
  id: number;
  symbol: string;
  long_venue: VenueId;
  short_venue: VenueId;
  state: PairState;
  target_size: string;
  entry_long_hourly_rate: number | null;
  entry_short_hourly_rate: number | null;
  entry_apy: number | null;
  created_at_ms: number;
  opened_at_ms: number | null;
  closed_at_ms: number | null;
  close_reason: string | null;
}
interface LegRow {
  pair_id: number;
  leg: number;
  venue: VenueId;
  position_side: PositionSide;
}
type PairFillRow = FillRow & { pair_id: number; leg: number; intent_id: number };
type PairFundingRow = FundingRow & { pair_id: number };
type OrderRow = IntentRow & { state: OrderStateName; venue_order_id: string | null; filled_size: string; reject_reason: string | null; end_reason: string | null; updated_at_ms: number };
interface AttemptRow {
  id: number;
  triggered_by: AttemptTrigger;
  symbol: string;
  long_venue: VenueId;
  short_venue: VenueId;
  outcome: AttemptOutcome;
  reason: string | null;
  pair_id: number | null;
  started_at_ms: number;
  finished_at_ms: number | null;
  detail_json: string | null;
}

function toOrderView(r: OrderRow): OrderView {
  const { intentId, clientOrderId, leg, purpose, attempt, venue, symbol, side, size, price, tif, reduceOnly, txHash, createdAtMs } = toIntent(r);
  return { intentId, clientOrderId, leg, purpose, attempt, venue, symbol, side, size, price, tif, reduceOnly, txHash, createdAtMs, state: r.state, venueOrderId: r.venue_order_id, filledSize: r.filled_size, rejectReason: r.reject_reason, endReason: r.end_reason, updatedAtMs: r.updated_at_ms };
}

/** The rows of some pairs, read in one snapshot; legs, fills and funding grouped by pair. */
interface Loaded {
  readonly pairs: readonly PairRow[];
  readonly legs: ReadonlyMap<number, readonly LegRow[]>;
  readonly fills: ReadonlyMap<number, readonly PairFillRow[]>;
  readonly funding: ReadonlyMap<number, readonly PairFundingRow[]>;
}

/** Rows grouped by their pair, each group in the rows' own order (one pass: the list of every
 *  pair must not rescan every fill per pair). */
function byPair<R extends { pair_id: number }>(rows: readonly R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    const group = out.get(r.pair_id);
    if (group === undefined) out.set(r.pair_id, [r]);
    else group.push(r);
  }
  return out;
}

const legOf = (n: number): 0 | 1 => (n === 0 ? 0 : 1);

function checkPairSeq(pairSeq: number): void {
  if (!Number.isSafeInteger(pairSeq) || pairSeq < 0) throw new LedgerQueryError('bad-pair-seq', `pairSeq must be a non-negative integer, got ${pairSeq}`);
}

function parseDetail(json: string | null): Readonly<Record<string, unknown>> | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    // A detail that does not parse must not hide the attempt itself.
    return null;
  }
}

function assemble(p: PairRow, loaded: Loaded): { pair: PairView; legs: LegDetail[] } {
  const funding = loaded.funding.get(p.id) ?? [];
  const fills = loaded.fills.get(p.id) ?? [];
  const legs = (loaded.legs.get(p.id) ?? []).map((l) =>
    legDetail({
      leg: legOf(l.leg),
      venue: l.venue,
      positionSide: l.position_side,
      fills: fills.filter((f) => f.leg === l.leg).map((f) => ({ side: f.side, size: f.size, price: f.price, feeUsd: f.fee_usd })),
      fundingCashUsd: funding.filter((f) => f.venue === l.venue).map((f) => f.cash_usd),
    }),
  );
  const pair: PairView = {
    pairSeq: p.id,
    symbol: p.symbol,
    longVenue: p.long_venue,
    shortVenue: p.short_venue,
    state: p.state,
    targetSize: p.target_size,
    legs: legs.map(legSummary),
    entryLongHourlyRate: p.entry_long_hourly_rate,
    entryShortHourlyRate: p.entry_short_hourly_rate,
    entryApy: p.entry_apy,
    createdAtMs: p.created_at_ms,
    openedAtMs: p.opened_at_ms,
    closedAtMs: p.closed_at_ms,
    closeReason: p.close_reason,
    pnl: pairPnlSummary(legs, funding.map((f) => f.cash_usd)),
  };
  return { pair, legs };
}

export class LedgerQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** Every pair, newest first, with its legs' sizes and its exact PnL. */
  listPairs(): PairView[] {
    const loaded = this.snapshot(() => this.load(null));
    return loaded.pairs.map((p) => assemble(p, loaded).pair);
  }

  /** One pair's row (what a pairs.update event carries), or null when there is no such pair. */
  pair(pairSeq: number): PairView | null {
    checkPairSeq(pairSeq);
    const loaded = this.snapshot(() => this.load(pairSeq));
    const row = loaded.pairs[0];
    return row === undefined ? null : assemble(row, loaded).pair;
  }

  pairDetail(pairSeq: number): PairDetailView | null {
    checkPairSeq(pairSeq);
    return this.snapshot(() => {
      const loaded = this.load(pairSeq);
      const row = loaded.pairs[0];
      if (row === undefined) return null;
      const { pair, legs } = assemble(row, loaded);
      const orders = (this.sql(
        `SELECT i.*, s.state, s.venue_order_id, s.filled_size, s.reject_reason, s.end_reason, s.updated_at_ms
           FROM order_intents i JOIN order_states s ON s.intent_id = i.id WHERE i.pair_id = ? ORDER BY i.id`,
      ).all(pairSeq) as OrderRow[]).map(toOrderView);
      const fills = (loaded.fills.get(pairSeq) ?? []).map((r): FillView => {
        const f = toFill(r);
        return { venue: f.venue, venueFillId: f.venueFillId, venueOrderId: f.venueOrderId, clientOrderId: f.clientOrderId, intentId: r.intent_id, leg: legOf(r.leg), side: f.side, size: f.size, price: f.price, feeUsd: f.feeUsd, isMaker: f.isMaker, timeMs: f.timeMs };
      });
      const funding = (loaded.funding.get(pairSeq) ?? []).map((r): FundingView => {
        const p = toFunding(r);
        const leg = legs.find((l) => l.venue === p.venue)?.leg ?? null;
        return { venue: p.venue, leg, venuePaymentId: p.venuePaymentId, settlementTimeMs: p.settlementTimeMs, cashUsd: p.cashUsd, hourlyRate: p.hourlyRate, positionSide: p.positionSide, positionSize: p.positionSize, markPrice: p.markPrice };
      });
      return { pair, legs, orders, fills, funding };
    });
  }

  /** The pair's funding attribution (funding-report.ts): each settlement's promised, predicted
   *  and settled rates against the payment; null when there is no such pair. */
  fundingAttribution(pairSeq: number): FundingAttribution | null {
    checkPairSeq(pairSeq);
    return this.snapshot(() => {
      const row = this.sql('SELECT * FROM pairs WHERE id = ?').get(pairSeq) as PairRow | undefined;
      if (row === undefined) return null;
      const payments = (this.sql('SELECT * FROM funding_payments WHERE pair_id = ? ORDER BY settlement_time_ms, venue').all(pairSeq) as FundingRow[]).map(toFunding);
      const first = payments[0]?.settlementTimeMs ?? 0;
      const last = payments.at(-1)?.settlementTimeMs ?? 0;
      const predicted = this.sql(
        `SELECT venue, symbol, settlement_time_ms AS settlementTimeMs, first_hourly_rate AS firstHourlyRate, first_at_ms AS firstAtMs,
                last_hourly_rate AS lastHourlyRate, last_at_ms AS lastAtMs
           FROM predicted_funding WHERE symbol = ? AND settlement_time_ms BETWEEN ? AND ?`,
      ).all(row.symbol, first, last) as PredictedFundingRow[];
      return fundingAttribution(
        { longVenue: row.long_venue, shortVenue: row.short_venue, entryLongHourlyRate: row.entry_long_hourly_rate, entryShortHourlyRate: row.entry_short_hourly_rate },
        payments,
        predicted,
      );
    });
  }

  /** Entry attempts, newest first, at most `limit`. */
  attempts(limit: number): AttemptView[] {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new LedgerQueryError('bad-limit', `limit must be a positive integer, got ${limit}`);
    const rows = this.sql('SELECT * FROM execution_attempts ORDER BY started_at_ms DESC, id DESC LIMIT ?').all(limit) as AttemptRow[];
    return rows.map((r) => ({
      attemptId: r.id,
      triggeredBy: r.triggered_by,
      symbol: r.symbol,
      longVenue: r.long_venue,
      shortVenue: r.short_venue,
      outcome: r.outcome,
      reason: r.reason,
      pairSeq: r.pair_id,
      startedAtMs: r.started_at_ms,
      finishedAtMs: r.finished_at_ms,
      detail: parseDetail(r.detail_json),
    }));
  }

  /** What reconciliation compares with the venues, read in one snapshot so the pairs, the
   *  intents and the recorded keys agree with each other (a fill written between two reads would
   *  otherwise show as unrecorded while its leg already counts it). `sinceMs` is the start of the
   *  venues' fill and funding window: only keys inside it can match what the venues list. */
  reconcileRecords(sinceMs: number): ReconcileRecords {
    if (!Number.isSafeInteger(sinceMs) || sinceMs < 0) throw new LedgerQueryError('bad-limit', `sinceMs must be a non-negative integer, got ${sinceMs}`);
    return this.snapshot(() => {
      const loaded = this.load(null);
      const pairs = loaded.pairs.map((p) => assemble(p, loaded).pair);
      const marks = CLOSED_ORDER_STATES.map(() => '?').join(',');
      const orders = (this.sql(
        `SELECT i.*, s.state, s.venue_order_id, s.filled_size, s.reject_reason, s.end_reason, s.updated_at_ms
           FROM order_intents i JOIN order_states s ON s.intent_id = i.id JOIN pairs p ON p.id = i.pair_id
          WHERE p.state NOT IN ('closed', 'rolled-back') OR s.state NOT IN (${marks}) ORDER BY i.id`,
      ).all(...CLOSED_ORDER_STATES) as OrderRow[]).map((r) => ({ ...toOrderView(r), pairSeq: r.pair_id }));
      const fills = this.sql('SELECT venue, venue_fill_id AS venueFillId FROM fills WHERE time_ms >= ?').all(sinceMs) as ReconcileRecords['fills'];
      const funding = this.sql('SELECT venue, symbol, settlement_time_ms AS settlementTimeMs FROM funding_payments WHERE settlement_time_ms >= ?').all(sinceMs) as ReconcileRecords['funding'];
      return { pairs, orders, fills, funding };
    });
  }

  /** All pairs (pairSeq null) or one, with their legs, fills and funding. */
  private load(pairSeq: number | null): Loaded {
    const one = pairSeq !== null;
    const args = one ? [pairSeq] : [];
    return {
      pairs: this.sql(`SELECT * FROM pairs ${one ? 'WHERE id = ?' : ''} ORDER BY id DESC`).all(...args) as PairRow[],
      legs: byPair(this.sql(`SELECT * FROM legs ${one ? 'WHERE pair_id = ?' : ''} ORDER BY pair_id, leg`).all(...args) as LegRow[]),
      // Fill order as LedgerRepo.fillsOfPair reads it, so the average-cost PnL agrees with it.
      fills: byPair(
        this.sql(
          `SELECT f.*, i.pair_id, i.leg FROM fills f JOIN order_intents i ON i.id = f.intent_id ${one ? 'WHERE i.pair_id = ?' : ''} ORDER BY f.time_ms, f.venue_fill_id`,
        ).all(...args) as PairFillRow[],
      ),
      funding: byPair(this.sql(`SELECT * FROM funding_payments WHERE pair_id ${one ? '= ?' : 'IS NOT NULL'} ORDER BY settlement_time_ms, venue`).all(...args) as PairFundingRow[]),
    };
  }

  /** One read transaction: in WAL mode it sees one commit, so a fill written between two of
   *  these SELECTs cannot show up in one and be missing from the other. */
  private snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (s === undefined) {
      s = this.db.prepare(text);
      if (!s.readonly) throw new LedgerQueryError('not-read-only', `refused a writing statement: ${text}`);
      this.statements.set(text, s);
    }
    return s;
  }
}
