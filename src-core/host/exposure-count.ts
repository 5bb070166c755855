// What a quit or an update restart would leave unattended, counted from the ledger: pairs that
// hold or may hold a position (every state but the terminal 'closed' and 'rolled-back': an
// 'opening' pair may have a leg filled, a 'broken' or 'close-failed' one surely has), and orders
// whose last recorded state is not closed (the venue may still fill them). Read from the core's
// own connection, so it answers with the venues off too (the trading core owns the writes).
import type Database from 'better-sqlite3';
import { CLOSED_ORDER_STATES, type PairState } from '../domain/enums';

/** Pair states after which nothing is left on a venue. */
export const TERMINAL_PAIR_STATES: readonly PairState[] = ['closed', 'rolled-back'];

export interface Exposure {
  readonly openPairs: number;
  readonly ordersInFlight: number;
}

export function countExposure(db: Database.Database): Exposure {
  const pairMarks = TERMINAL_PAIR_STATES.map(() => '?').join(',');
  const orderMarks = CLOSED_ORDER_STATES.map(() => '?').join(',');
  const pairs = db.prepare(`SELECT COUNT(*) AS n FROM pairs WHERE state NOT IN (${pairMarks})`).get(...TERMINAL_PAIR_STATES) as { n: number };
  const orders = db.prepare(`SELECT COUNT(*) AS n FROM order_states WHERE state NOT IN (${orderMarks})`).get(...CLOSED_ORDER_STATES) as { n: number };
  return { openPairs: pairs.n, ordersInFlight: orders.n };
}
