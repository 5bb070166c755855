// The ledger repository: the only writer of the money tables (pairs, legs, order intents and
// states, fills, funding payments, attempts, capital flows, equity peak). It runs on its own
// connection opened with synchronous = FULL (store/db.ts openLedgerDatabase): every method that
// writes commits durably before it returns, so an intent is on disk before its order is sent
// (ARCHITECTURE.md, safety rules), with two exceptions: a fill (recordFill) and an order's state
// after its intent (recordOrderState), both below. Nothing is
// cached: an intent is found again from its client order id alone (decoded under this database's
// epoch), after any restart.
//
// Why a fill's commit is not synced on its own: the fill is the venue's record before it is ours
// (a restart reads back every fill of our orders: reconcile's unrecorded-fill), and on the hedge
// path its fsync was one of two before the hedge's send (exec.hedge_latency_p99_ms). SQLite's WAL
// keeps commits in order and an fsync of the WAL file makes every earlier frame durable, so the
// next durable commit (the hedge intent, before its send) carries the fill to disk; when none
// follows in the same turn of the event loop, the WAL is synced at the next turn. An application
// crash loses nothing either way (the frames are in the OS's cache); only an OS crash or power
// loss in that window can, and the venue's record restores it.
//
// An order's state (accepted, filled, canceled...) after its intent is the same: the venue's
// answer, which a restart reads back for every order not closed in the ledger (the tracker's
// restore) and reconciliation checks against the venue; what must be on disk before a send is the
// intent. Synced on its own (synchronous = FULL), each state change of every order blocked the
// event loop for an fsync (~1 ms here) inside the account stream's handler, in front of the next
// fill and its hedge, and its fsync ran beside the hedge intent's (exec.hedge_latency_p99_ms:
// p99 5.3 → 4.3-5.3 ms over four runs, p50 1.6-1.8 → 1.35-1.5 ms, the simulator in another process).
import type Database from 'better-sqlite3';
import { ATTEMPT_MAX, PAIR_SEQ_MAX, decodeClientOrderId, encodeClientOrderId } from '../domain/client-order-id';
import { compareDecimal, negDecimal, sumDecimals } from '../domain/decimal';
import { CLOSED_ORDER_STATES, type OrderStateName, type PairState, type VenueId } from '../domain/enums';
import { LedgerError } from './errors';
import { WalSync, walFileSync, type WalSyncFn } from './wal-sync';
import { amount, readEpoch, toFill, toFunding, toIntent, type FillRow, type FundingRow, type IntentRow } from './rows';
import type {
  AttemptEnd,
  FillOutcome,
  FundingOutcome,
  IntentRecord,
  LedgerFill,
  LedgerFundingPayment,
  LedgerOrderState,
  NewAttempt,
  NewIntent,
  NewPair,
  OrderStateAfterFill,
  PairRecord,
} from './types';


export interface LedgerRepoOptions {
  /** The WAL sync (tests inject one; the default is walFileSync of the database file). */
  readonly walSync?: WalSyncFn;
  /** A sync of the WAL failed (the waiting order, if any, is not sent): the default throws it at
   *  the next turn, to the process's crash guard; the trading core halts trading with it
   *  (host/trading/compose.ts). */
  readonly onSyncError?: (err: Error) => void;
}

function rethrowLater(err: Error): void {
  setImmediate(() => {
    throw err;
  });
}

export class LedgerRepo {
  readonly epoch: number;
  private readonly statements = new Map<string, Database.Statement>();
  /** The commits made without their own fsync, and their syncs (wal-sync.ts). */
  private readonly wal: WalSync;
  /** The connection's own synchronous level (FULL or EXTRA), restored after an unsynced write. */
  private readonly syncLevel: number;

  constructor(
    private readonly db: Database.Database,
    opts: LedgerRepoOptions = {},
  ) {
    const sync = db.pragma('synchronous', { simple: true }) as number;
    // 2 = FULL, 3 = EXTRA. Anything less can lose an acknowledged intent on power loss.
    if (sync < 2) throw new LedgerError('not-durable', `the ledger needs synchronous = FULL, the connection has ${sync}`);
    this.syncLevel = sync;
    this.wal = new WalSync(opts.walSync ?? walFileSync(db.name), opts.onSyncError ?? rethrowLater);
    this.epoch = readEpoch(db);
  }

  /** A fresh pair sequence number, never handed out twice (durable before it returns). */
  allocatePairSeq(): number {
    return this.write(() => {
      const row = this.sql('SELECT next FROM pair_seq WHERE id = 1').get() as { next: number };
      if (row.next > PAIR_SEQ_MAX) throw new LedgerError('pair-seq-exhausted', `all ${PAIR_SEQ_MAX + 1} pair numbers of this database are used`);
      this.sql('UPDATE pair_seq SET next = next + 1 WHERE id = 1').run();
      return row.next;
    });
  }

  /** Writes the pair (on its first intent), the leg and the intent with its initial order state,
   *  in one durable transaction; returns the intent with its client order id. */
  recordIntent(pair: NewPair, intent: NewIntent, initialState: 'initialized' | 'submitted' = 'initialized'): IntentRecord {
    const clientOrderId = this.checkedClientOrderId(pair, intent);
    return this.write(() => this.insertIntent(pair, intent, initialState, clientOrderId));
  }

  /** The sender's write (order tracker's submit): the intent as submitted, committed at once and
   *  synced while the caller signs its order. The order may be written to the venue only once
   *  `durable` resolves; a rejection means the intent is not known to be on disk, and the order
   *  must not be sent. */
  recordIntentToSend(pair: NewPair, intent: NewIntent): { readonly intent: IntentRecord; readonly durable: Promise<void> } {
    const clientOrderId = this.checkedClientOrderId(pair, intent);
    const out = this.writeUnsynced(() => this.insertIntent(pair, intent, 'submitted', clientOrderId));
    return { intent: out, durable: this.wal.sync() };
  }

  private checkedClientOrderId(pair: NewPair, intent: NewIntent): string {
    amount('size', intent.size, true);
    amount('price', intent.price, true);
    amount('targetSize', pair.targetSize, true);
    if (!Number.isSafeInteger(intent.attempt) || intent.attempt < 0 || intent.attempt > ATTEMPT_MAX) {
      throw new LedgerError('intent-mismatch', `attempt must be 0..${ATTEMPT_MAX}, got ${intent.attempt}`);
    }
    return encodeClientOrderId({ epoch: this.epoch, pairSeq: pair.pairSeq, leg: intent.leg, purpose: intent.purpose, attempt: intent.attempt });
  }

  /** Inside a write: the pair (on its first intent), the leg and the intent with its state. */
  private insertIntent(pair: NewPair, intent: NewIntent, initialState: 'initialized' | 'submitted', clientOrderId: string): IntentRecord {
    const next = (this.sql('SELECT next FROM pair_seq WHERE id = 1').get() as { next: number }).next;
    if (pair.pairSeq >= next) throw new LedgerError('pair-seq-unallocated', `pair ${pair.pairSeq} was never allocated (next is ${next})`);
    const existing = this.sql('SELECT symbol, long_venue, short_venue FROM pairs WHERE id = ?').get(pair.pairSeq) as
      | { symbol: string; long_venue: string; short_venue: string }
      | undefined;
    if (existing === undefined) {
      this.sql(
          `INSERT INTO pairs (id, symbol, long_venue, short_venue, state, target_size, entry_long_hourly_rate, entry_short_hourly_rate, entry_apy, created_at_ms)
           VALUES (?, ?, ?, ?, 'opening', ?, ?, ?, ?, ?)`,
        )
        .run(pair.pairSeq, pair.symbol, pair.longVenue, pair.shortVenue, pair.targetSize, pair.entryLongHourlyRate, pair.entryShortHourlyRate, pair.entryApy, pair.createdAtMs);
    } else if (existing.symbol !== pair.symbol || existing.long_venue !== pair.longVenue || existing.short_venue !== pair.shortVenue) {
      throw new LedgerError('pair-mismatch', `pair ${pair.pairSeq} is ${existing.symbol} ${existing.long_venue}/${existing.short_venue}`);
    }
    if (intent.venue !== pair.longVenue && intent.venue !== pair.shortVenue) {
      throw new LedgerError('leg-mismatch', `${intent.venue} is not a venue of pair ${pair.pairSeq}`);
    }
    const positionSide = intent.venue === pair.longVenue ? 'long' : 'short';
    const leg = this.sql('SELECT venue FROM legs WHERE pair_id = ? AND leg = ?').get(pair.pairSeq, intent.leg) as { venue: string } | undefined;
    if (leg === undefined) {
      this.sql('INSERT INTO legs (pair_id, leg, venue, position_side) VALUES (?, ?, ?, ?)').run(pair.pairSeq, intent.leg, intent.venue, positionSide);
    } else if (leg.venue !== intent.venue) {
      throw new LedgerError('leg-mismatch', `leg ${intent.leg} of pair ${pair.pairSeq} is on ${leg.venue}`);
    }
    const info = this.sql(
        `INSERT INTO order_intents (pair_id, leg, purpose, attempt, venue, symbol, side, size, price, tif, reduce_only, client_order_id, created_at_ms, tx_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(pair.pairSeq, intent.leg, intent.purpose, intent.attempt, intent.venue, pair.symbol, intent.side, intent.size, intent.price, intent.tif, intent.reduceOnly ? 1 : 0, clientOrderId, intent.createdAtMs, intent.txHash);
    const intentId = Number(info.lastInsertRowid);
    this.sql('INSERT INTO order_states (intent_id, state, filled_size, updated_at_ms) VALUES (?, ?, ?, ?)').run(intentId, initialState, '0', intent.createdAtMs);
    // Written as submitted by the sender right before its one send: one commit on the hedge
    // path instead of two (the same rows the FSM's submit would write next).
    if (initialState === 'submitted') this.sql('INSERT INTO order_state_log (intent_id, state, event, at_ms) VALUES (?, ?, ?, ?)').run(intentId, 'submitted', 'submit:submit', intent.createdAtMs);
    return { intentId, pairSeq: pair.pairSeq, ...intent, symbol: pair.symbol, clientOrderId };
  }

  /** The intent behind a client order id, or null when the id is not ours (foreign tool, manual
   *  order, another database's epoch) or was never recorded. */
  intentByClientOrderId(clientOrderId: string): IntentRecord | null {
    const parts = decodeClientOrderId(clientOrderId, this.epoch);
    if (parts === null) return null;
    const row = this.sql('SELECT * FROM order_intents WHERE client_order_id = ?').get(clientOrderId) as IntentRow | undefined;
    if (row === undefined) return null;
    if (row.pair_id !== parts.pairSeq || row.leg !== parts.leg || row.purpose !== parts.purpose || row.attempt !== parts.attempt) {
      throw new LedgerError('intent-mismatch', `intent ${row.id} does not match the parts its id ${clientOrderId} encodes`);
    }
    return toIntent(row);
  }

  /** The pair as recorded with its first intent, its state, and the venue of each leg that has
   *  one (null for a leg no intent was written for yet); null when there is no such pair. */
  pairRecord(pairSeq: number): PairRecord | null {
    const r = this.sql('SELECT * FROM pairs WHERE id = ?').get(pairSeq) as
      | { id: number; symbol: string; long_venue: VenueId; short_venue: VenueId; state: PairState; target_size: string; entry_long_hourly_rate: number | null; entry_short_hourly_rate: number | null; entry_apy: number | null; created_at_ms: number }
      | undefined;
    if (r === undefined) return null;
    const legs = this.sql('SELECT leg, venue FROM legs WHERE pair_id = ?').all(pairSeq) as { leg: number; venue: VenueId }[];
    const legVenue = (leg: 0 | 1) => legs.find((l) => l.leg === leg)?.venue ?? null;
    return {
      pair: { pairSeq: r.id, symbol: r.symbol, longVenue: r.long_venue, shortVenue: r.short_venue, targetSize: r.target_size, entryLongHourlyRate: r.entry_long_hourly_rate, entryShortHourlyRate: r.entry_short_hourly_rate, entryApy: r.entry_apy, createdAtMs: r.created_at_ms },
      state: r.state,
      legVenues: [legVenue(0), legVenue(1)],
    };
  }

  intentsOfPair(pairSeq: number): readonly IntentRecord[] {
    return (this.sql('SELECT * FROM order_intents WHERE pair_id = ? ORDER BY id').all(pairSeq) as IntentRow[]).map(toIntent);
  }

  /** Intents whose order is not closed: after a restart, every order that may still be working. */
  unresolvedIntents(): readonly IntentRecord[] {
    const marks = CLOSED_ORDER_STATES.map(() => '?').join(',');
    return (
      this.sql(`SELECT i.* FROM order_intents i JOIN order_states s ON s.intent_id = i.id WHERE s.state NOT IN (${marks}) ORDER BY i.id`)
        .all(...CLOSED_ORDER_STATES) as IntentRow[]
    ).map(toIntent);
  }

  /** Stores the signed tx hash an accepted or ambiguous Lighter send came back with: after a
   *  restart it is what the send is looked up by (port.orderByClientId's txHash). Set once; a
   *  different hash for the same intent is refused (one intent is signed and sent once). */
  setIntentTxHash(intentId: number, txHash: string): void {
    if (txHash.length === 0) throw new LedgerError('intent-mismatch', `empty tx hash for intent ${intentId}`);
    this.write(() => {
      const row = this.sql('SELECT tx_hash FROM order_intents WHERE id = ?').get(intentId) as { tx_hash: string | null } | undefined;
      if (row === undefined) throw new LedgerError('unknown-intent', `no intent ${intentId}`);
      if (row.tx_hash === txHash) return;
      if (row.tx_hash !== null) throw new LedgerError('intent-mismatch', `intent ${intentId} already has tx hash ${row.tx_hash}`);
      this.sql('UPDATE order_intents SET tx_hash = ? WHERE id = ?').run(txHash, intentId);
    });
  }

  /** Stores the order FSM's latest record for an intent and logs the change; committed without
   *  its own fsync and synced at the next turn unless a durable commit carries it first (header). */
  recordOrderState(intentId: number, s: LedgerOrderState, event: string | null, atMs: number): void {
    this.writeUnsynced(() => this.updateOrderState(intentId, s, event, atMs));
    this.wal.flushSoon();
  }

  orderState(intentId: number): LedgerOrderState | null {
    const r = this.sql('SELECT * FROM order_states WHERE intent_id = ?').get(intentId) as
      | { state: OrderStateName; accepted_stage: 'queued' | 'live' | null; venue_order_id: string | null; filled_size: string; venue_filled_size: string | null; reject_reason: string | null; end_reason: string | null; unknown_sends: number }
      | undefined;
    if (r === undefined) return null;
    return {
      state: r.state,
      acceptedStage: r.accepted_stage,
      venueOrderId: r.venue_order_id,
      filledSize: r.filled_size,
      venueFilledSize: r.venue_filled_size,
      rejectReason: r.reject_reason,
      endReason: r.end_reason,
      unknownSends: r.unknown_sends,
    };
  }

  setPairState(pairSeq: number, state: PairState, atMs: number, reason: string | null = null): void {
    this.write(() => {
      const r = this.sql(
          `UPDATE pairs SET state = ?,
             opened_at_ms = CASE WHEN ? = 'open' AND opened_at_ms IS NULL THEN ? ELSE opened_at_ms END,
             closed_at_ms = CASE WHEN ? IN ('closed','rolled-back') THEN ? ELSE closed_at_ms END,
             close_reason = COALESCE(?, close_reason)
           WHERE id = ?`,
        )
        .run(state, state, atMs, state, atMs, reason, pairSeq);
      if (r.changes !== 1) throw new LedgerError('pair-mismatch', `no pair ${pairSeq}`);
    });
  }

  /** Records a venue fill once (by venue and venue fill id). A fill of ours is tied to its intent
   *  and refused if it would take the intent past its size (nothing written). Committed in order
   *  but synced by the next durable commit or at the next turn of the event loop (file header). */
  recordFill(fill: LedgerFill, stateAfter?: OrderStateAfterFill): FillOutcome {
    amount('size', fill.size, true);
    amount('price', fill.price, true);
    amount('feeUsd', fill.feeUsd, false);
    const out = this.writeUnsynced((): FillOutcome => {
      const prior = this.sql('SELECT symbol, side, size, price, fee_usd FROM fills WHERE venue = ? AND venue_fill_id = ?').get(fill.venue, fill.venueFillId) as
        | { symbol: string; side: string; size: string; price: string; fee_usd: string }
        | undefined;
      if (prior !== undefined) {
        const same =
          prior.symbol === fill.symbol && prior.side === fill.side && compareDecimal(prior.size, fill.size) === 0 && compareDecimal(prior.price, fill.price) === 0 && compareDecimal(prior.fee_usd, fill.feeUsd) === 0;
        return { kind: 'duplicate', conflicting: !same };
      }
      const intent = fill.clientOrderId === null ? null : this.intentByClientOrderId(fill.clientOrderId);
      if (intent !== null) {
        if (intent.venue !== fill.venue || intent.symbol !== fill.symbol || intent.side !== fill.side) {
          throw new LedgerError('fill-mismatch', `fill ${fill.venueFillId} (${fill.venue} ${fill.symbol} ${fill.side}) does not match intent ${intent.intentId}`);
        }
        const sizes = (this.sql('SELECT size FROM fills WHERE intent_id = ?').all(intent.intentId) as { size: string }[]).map((r) => r.size);
        const total = sumDecimals([...sizes, fill.size]);
        if (compareDecimal(total, intent.size) > 0) {
          throw new LedgerError('overfill', `fill ${fill.venueFillId} would fill ${total} of intent ${intent.intentId} (size ${intent.size})`);
        }
      }
      this.sql(
          `INSERT INTO fills (venue, venue_fill_id, symbol, venue_order_id, client_order_id, side, size, price, fee_usd, is_maker, time_ms, intent_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(fill.venue, fill.venueFillId, fill.symbol, fill.venueOrderId, fill.clientOrderId, fill.side, fill.size, fill.price, fill.feeUsd, fill.isMaker ? 1 : 0, fill.timeMs, intent?.intentId ?? null);
      // The order's state after this fill, in the same commit (never a fill on disk whose state
      // change is not).
      if (stateAfter !== undefined && intent !== null && intent.intentId === stateAfter.intentId) this.updateOrderState(stateAfter.intentId, stateAfter.state, stateAfter.event, stateAfter.atMs);
      const orphan = intent === null && fill.clientOrderId !== null && decodeClientOrderId(fill.clientOrderId, this.epoch) !== null;
      return { kind: 'recorded', intentId: intent?.intentId ?? null, orphan };
    });
    this.wal.flushSoon();
    return out;
  }

  fillsOfIntent(intentId: number): readonly LedgerFill[] {
    return this.fillRows('SELECT * FROM fills WHERE intent_id = ? ORDER BY time_ms, venue_fill_id', intentId);
  }

  fillsOfPair(pairSeq: number): readonly (LedgerFill & { readonly leg: 0 | 1 })[] {
    const rows = this.db
      .prepare('SELECT f.*, i.leg FROM fills f JOIN order_intents i ON i.id = f.intent_id WHERE i.pair_id = ? ORDER BY f.time_ms, f.venue_fill_id')
      .all(pairSeq) as (FillRow & { leg: number })[];
    return rows.map((r) => ({ ...toFill(r), leg: r.leg === 0 ? 0 : 1 }));
  }

  /** Our net filled size on one venue's market as the ledger holds it (exact, signed: buys less
   *  sells, every fill recorded, ours or not). Evidence for a lost order's verdict: the venue's
   *  position equals it only if no fill is missing from the ledger. */
  netFilledSize(venue: LedgerFill['venue'], symbol: string): string {
    const rows = this.sql('SELECT side, size FROM fills WHERE venue = ? AND symbol = ?').all(venue, symbol) as { side: string; size: string }[];
    return sumDecimals(rows.map((r) => (r.side === 'buy' ? r.size : negDecimal(r.size))));
  }

  /** Records a funding payment once per (venue, market, settlement time). */
  recordFundingPayment(p: LedgerFundingPayment, pairSeq: number | null, recordedAtMs: number): FundingOutcome {
    amount('cashUsd', p.cashUsd, false);
    amount('positionSize', p.positionSize, false);
    return this.write(() => {
      const prior = this.sql('SELECT cash_usd, pair_id FROM funding_payments WHERE venue = ? AND symbol = ? AND settlement_time_ms = ?').get(p.venue, p.symbol, p.settlementTimeMs) as
        | { cash_usd: string; pair_id: number | null }
        | undefined;
      if (prior !== undefined) {
        // Recorded before the fill that explains it (a fill recovered by readback after the
        // settlement), the payment was kept unattributed; a later read that attributes it puts it
        // on its pair. An attributed payment never moves.
        if (prior.pair_id === null && pairSeq !== null) this.sql('UPDATE funding_payments SET pair_id = ? WHERE venue = ? AND symbol = ? AND settlement_time_ms = ?').run(pairSeq, p.venue, p.symbol, p.settlementTimeMs);
        return { kind: 'duplicate', conflicting: compareDecimal(prior.cash_usd, p.cashUsd) !== 0 };
      }
      this.sql(
          `INSERT INTO funding_payments (venue, symbol, settlement_time_ms, venue_payment_id, cash_usd, hourly_rate, position_side, position_size, mark_price, pair_id, recorded_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(p.venue, p.symbol, p.settlementTimeMs, p.venuePaymentId, p.cashUsd, p.hourlyRate, p.positionSide, p.positionSize, p.markPrice, pairSeq, recordedAtMs);
      return { kind: 'recorded' };
    });
  }

  fundingOfPair(pairSeq: number): readonly LedgerFundingPayment[] {
    const rows = this.sql('SELECT * FROM funding_payments WHERE pair_id = ? ORDER BY settlement_time_ms, venue').all(pairSeq) as FundingRow[];
    return rows.map(toFunding);
  }

  /** When the oldest pair not closed (it may still hold a position) was created; null if none. */
  oldestUnclosedPairCreatedAtMs(): number | null {
    const r = this.sql('SELECT MIN(created_at_ms) AS t FROM pairs WHERE closed_at_ms IS NULL').get() as { t: number | null };
    return r.t;
  }

  startAttempt(a: NewAttempt): number {
    return this.write(() =>
      Number(
        this.sql("INSERT INTO execution_attempts (triggered_by, symbol, long_venue, short_venue, outcome, started_at_ms) VALUES (?, ?, ?, ?, 'pending', ?)")
          .run(a.triggeredBy, a.symbol, a.longVenue, a.shortVenue, a.startedAtMs).lastInsertRowid,
      ),
    );
  }

  finishAttempt(attemptId: number, end: AttemptEnd): void {
    this.write(() => {
      const r = this.sql("UPDATE execution_attempts SET outcome = ?, reason = ?, pair_id = ?, finished_at_ms = ?, detail_json = ? WHERE id = ? AND outcome = 'pending'")
        .run(end.outcome, end.reason, end.pairSeq, end.finishedAtMs, end.detail === undefined ? null : JSON.stringify(end.detail), attemptId);
      if (r.changes !== 1) throw new LedgerError('unknown-intent', `no pending attempt ${attemptId}`);
    });
  }

  /** A deposit (+) or withdrawal (−), once per venue flow id. Returns false for a re-delivery. */
  recordCapitalFlow(venue: LedgerFill['venue'], venueFlowId: string, amountUsd: string, timeMs: number): boolean {
    amount('amountUsd', amountUsd, false);
    return this.write(() => this.sql('INSERT OR IGNORE INTO capital_flows VALUES (?, ?, ?, ?)').run(venue, venueFlowId, amountUsd, timeMs).changes === 1);
  }

  /** Exact sum of all deposits minus withdrawals. */
  netCapitalFlowsUsd(): string {
    return sumDecimals((this.sql('SELECT amount_usd FROM capital_flows').all() as { amount_usd: string }[]).map((r) => r.amount_usd));
  }

  /** Raises the persisted peak of equity net of capital flows if `netEquityUsd` is above it, and
   *  returns the peak (the drawdown breaker compares against it; it survives restarts). */
  updateEquityPeak(netEquityUsd: string, atMs: number): string {
    amount('netEquityUsd', netEquityUsd, false);
    return this.write(() => {
      const row = this.sql('SELECT peak_net_equity_usd AS peak FROM equity_peak WHERE id = 1').get() as { peak: string } | undefined;
      if (row !== undefined && compareDecimal(row.peak, netEquityUsd) >= 0) return row.peak;
      this.sql('INSERT INTO equity_peak (id, peak_net_equity_usd, at_ms) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET peak_net_equity_usd = excluded.peak_net_equity_usd, at_ms = excluded.at_ms')
        .run(netEquityUsd, atMs);
      return netEquityUsd;
    });
  }

  equityPeakUsd(): string | null {
    const row = this.sql('SELECT peak_net_equity_usd AS peak FROM equity_peak WHERE id = 1').get() as { peak: string } | undefined;
    return row?.peak ?? null;
  }

  /** Inside a write: the order's current state and its log row. */
  private updateOrderState(intentId: number, s: LedgerOrderState, event: string | null, atMs: number): void {
    amount('filledSize', s.filledSize, false);
    const r = this.sql(
        `UPDATE order_states SET state = ?, accepted_stage = ?, venue_order_id = ?, filled_size = ?, venue_filled_size = ?,
           reject_reason = ?, end_reason = ?, unknown_sends = ?, updated_at_ms = ? WHERE intent_id = ?`,
      )
      .run(s.state, s.acceptedStage, s.venueOrderId, s.filledSize, s.venueFilledSize, s.rejectReason, s.endReason, s.unknownSends, atMs, intentId);
    if (r.changes !== 1) throw new LedgerError('unknown-intent', `no intent ${intentId}`);
    this.sql('INSERT INTO order_state_log (intent_id, state, event, at_ms) VALUES (?, ?, ?, ?)').run(intentId, s.state, event, atMs);
  }

  private fillRows(sql: string, ...args: unknown[]): LedgerFill[] {
    return (this.sql(sql).all(...args) as FillRow[]).map(toFill);
  }

  /** Prepared once per SQL text (compiling a statement costs more than running it). */
  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (s === undefined) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  /** One durable transaction (synchronous = FULL): its fsync also covers every earlier commit. */
  private write<T>(fn: () => T): T {
    const out = this.transact(fn);
    this.wal.committedDurable();
    return out;
  }

  /** One transaction committed without its own fsync (synchronous = NORMAL for it alone); the
   *  caller syncs it (recordIntentToSend) or leaves it to the next sync (recordFill). */
  private writeUnsynced<T>(fn: () => T): T {
    // Checked before the pragma, which SQLite refuses inside a transaction with its own error.
    this.refuseNested();
    this.sql('PRAGMA synchronous = 1').run();
    try {
      const out = this.transact(fn);
      this.wal.committedUnsynced();
      return out;
    } finally {
      this.sql(`PRAGMA synchronous = ${this.syncLevel}`).run();
    }
  }

  private transact<T>(fn: () => T): T {
    this.refuseNested();
    return this.db.transaction(fn).immediate();
  }

  /** A write inside another transaction is refused: its commit would not be ours to make durable. */
  private refuseNested(): void {
    if (this.db.inTransaction) throw new LedgerError('in-transaction', 'ledger writes run in their own transaction');
  }
}
