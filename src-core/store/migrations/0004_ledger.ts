import { randomInt } from 'node:crypto';
import { ORDER_PURPOSES, ATTEMPT_MAX, EPOCH_MAX, PAIR_SEQ_MAX } from '../../domain/client-order-id';
import { ATTEMPT_OUTCOMES, ATTEMPT_TRIGGERS, ORDER_STATES, PAIR_STATES, POSITION_SIDES, SIDES, TIME_IN_FORCE, VENUES } from '../../domain/enums';
import type { Migration } from './runner';
import { sqlIn } from './sql-enum';

/** meta key of this database's client-order-id epoch (domain/client-order-id.ts). */
export const CLIENT_ID_EPOCH_KEY = 'client_id_epoch';

// The ledger: pairs, their legs, order intents (persisted before any send; the client order id
// encodes pair/leg/purpose/attempt), order states, fills tied to intents, funding payments,
// execution attempts, capital flows and the drawdown breaker's equity peak. Money is exact decimal
// TEXT, written only by src-core/ledger. Rates and marks are REAL (analytics, never summed as
// money).
export const m0004Ledger: Migration = {
  version: 4,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE pairs (
        id INTEGER PRIMARY KEY CHECK (id BETWEEN 0 AND ${PAIR_SEQ_MAX}),
        symbol TEXT NOT NULL,
        long_venue TEXT NOT NULL CHECK (${sqlIn('long_venue', VENUES)}),
        short_venue TEXT NOT NULL CHECK (${sqlIn('short_venue', VENUES)}),
        state TEXT NOT NULL CHECK (${sqlIn('state', PAIR_STATES)}),
        target_size TEXT NOT NULL,
        entry_long_hourly_rate REAL,
        entry_short_hourly_rate REAL,
        entry_apy REAL,
        created_at_ms INTEGER NOT NULL,
        opened_at_ms INTEGER,
        closed_at_ms INTEGER,
        close_reason TEXT,
        CHECK (long_venue <> short_venue)
      );
      CREATE INDEX pairs_by_state ON pairs (state);

      -- Pair sequence numbers are allocated here, never reused (even if a pair row is removed),
      -- so a client order id can never name two pairs.
      CREATE TABLE pair_seq (id INTEGER PRIMARY KEY CHECK (id = 1), next INTEGER NOT NULL CHECK (next BETWEEN 0 AND ${PAIR_SEQ_MAX + 1}));
      INSERT INTO pair_seq (id, next) VALUES (1, 0);

      CREATE TABLE legs (
        pair_id INTEGER NOT NULL REFERENCES pairs (id),
        leg INTEGER NOT NULL CHECK (leg IN (0,1)),
        venue TEXT NOT NULL CHECK (${sqlIn('venue', VENUES)}),
        position_side TEXT NOT NULL CHECK (${sqlIn('position_side', POSITION_SIDES)}),
        PRIMARY KEY (pair_id, leg)
      ) WITHOUT ROWID;

      -- Plain rowids (no AUTOINCREMENT): intents are never deleted, and each commit here is
      -- fsynced, so every page it does not touch is time saved on the hedge path.
      CREATE TABLE order_intents (
        id INTEGER PRIMARY KEY,
        pair_id INTEGER NOT NULL,
        leg INTEGER NOT NULL,
        purpose TEXT NOT NULL CHECK (${sqlIn('purpose', ORDER_PURPOSES)}),
        attempt INTEGER NOT NULL CHECK (attempt BETWEEN 0 AND ${ATTEMPT_MAX}),
        venue TEXT NOT NULL CHECK (${sqlIn('venue', VENUES)}),
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (${sqlIn('side', SIDES)}),
        size TEXT NOT NULL,
        price TEXT NOT NULL,
        tif TEXT NOT NULL CHECK (${sqlIn('tif', TIME_IN_FORCE)}),
        reduce_only INTEGER NOT NULL CHECK (reduce_only IN (0,1)),
        client_order_id TEXT NOT NULL UNIQUE,
        created_at_ms INTEGER NOT NULL,
        tx_hash TEXT,
        FOREIGN KEY (pair_id, leg) REFERENCES legs (pair_id, leg),
        UNIQUE (pair_id, leg, purpose, attempt)
      );

      -- The latest FSM state of each intent, and every change after its creation (audit).
      CREATE TABLE order_states (
        intent_id INTEGER PRIMARY KEY REFERENCES order_intents (id),
        state TEXT NOT NULL CHECK (${sqlIn('state', ORDER_STATES)}),
        accepted_stage TEXT CHECK (accepted_stage IN ('queued','live')),
        venue_order_id TEXT,
        filled_size TEXT NOT NULL,
        venue_filled_size TEXT,
        reject_reason TEXT,
        end_reason TEXT,
        unknown_sends INTEGER NOT NULL DEFAULT 0,
        updated_at_ms INTEGER NOT NULL
      );
      CREATE TABLE order_state_log (
        seq INTEGER PRIMARY KEY,
        intent_id INTEGER NOT NULL REFERENCES order_intents (id),
        state TEXT NOT NULL CHECK (${sqlIn('state', ORDER_STATES)}),
        event TEXT,
        at_ms INTEGER NOT NULL
      );
      CREATE INDEX order_state_log_by_intent ON order_state_log (intent_id, seq);

      -- Fills (0002) tie to the intent they belong to; NULL for an order that is not ours.
      ALTER TABLE fills ADD COLUMN intent_id INTEGER REFERENCES order_intents (id);
      CREATE INDEX fills_by_intent ON fills (intent_id);

      -- One payment per (venue, market, settlement): a re-delivered or re-fetched payment is a
      -- no-op, never a running delta of a cumulative number.
      CREATE TABLE funding_payments (
        venue TEXT NOT NULL CHECK (${sqlIn('venue', VENUES)}),
        symbol TEXT NOT NULL,
        settlement_time_ms INTEGER NOT NULL,
        venue_payment_id TEXT NOT NULL,
        cash_usd TEXT NOT NULL,
        hourly_rate REAL,
        position_side TEXT NOT NULL CHECK (${sqlIn('position_side', POSITION_SIDES)}),
        position_size TEXT NOT NULL,
        mark_price REAL,
        pair_id INTEGER REFERENCES pairs (id),
        recorded_at_ms INTEGER NOT NULL,
        PRIMARY KEY (venue, symbol, settlement_time_ms)
      ) WITHOUT ROWID;
      CREATE INDEX funding_payments_by_pair ON funding_payments (pair_id);

      -- Every entry attempt, automatic or manual, with how it ended, kept apart from pairs (most
      -- attempts never open one).
      CREATE TABLE execution_attempts (
        id INTEGER PRIMARY KEY,
        triggered_by TEXT NOT NULL CHECK (${sqlIn('triggered_by', ATTEMPT_TRIGGERS)}),
        symbol TEXT NOT NULL,
        long_venue TEXT NOT NULL CHECK (${sqlIn('long_venue', VENUES)}),
        short_venue TEXT NOT NULL CHECK (${sqlIn('short_venue', VENUES)}),
        outcome TEXT NOT NULL CHECK (${sqlIn('outcome', ATTEMPT_OUTCOMES)}),
        reason TEXT,
        pair_id INTEGER REFERENCES pairs (id),
        started_at_ms INTEGER NOT NULL,
        finished_at_ms INTEGER,
        detail_json TEXT
      );
      CREATE INDEX execution_attempts_by_time ON execution_attempts (started_at_ms);

      -- Deposits (+) and withdrawals (-) per venue, so drawdown is measured on trading results.
      CREATE TABLE capital_flows (
        venue TEXT NOT NULL CHECK (${sqlIn('venue', VENUES)}),
        venue_flow_id TEXT NOT NULL,
        amount_usd TEXT NOT NULL,
        time_ms INTEGER NOT NULL,
        PRIMARY KEY (venue, venue_flow_id)
      ) WITHOUT ROWID;

      -- The drawdown breaker's peak of equity net of capital flows, persisted (an in-memory peak
      -- resets on restart: reference-upstream §13 B26).
      CREATE TABLE equity_peak (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        peak_net_equity_usd TEXT NOT NULL,
        at_ms INTEGER NOT NULL
      );
    `);
    // Client order ids carry this epoch (domain/client-order-id.ts): random per database so two
    // databases (sim and live, or a reinstall) never mint the same id on one venue account.
    // INSERT OR IGNORE: an epoch once written is never replaced.
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(CLIENT_ID_EPOCH_KEY, String(randomInt(1, EPOCH_MAX + 1)));
  },
};
