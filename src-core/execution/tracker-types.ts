// The order tracker's contract, shared by the tracker (order-tracker.ts) and its users (the pair
// executor, reconciliation, the host). The tracker is the one place that sends orders: it
// persists each intent durably before the adapter is called, drives the order state machine from
// send outcomes, account-stream events and readbacks, records every fill in the ledger once, and
// resolves an unknown outcome by query, never by re-sending.
import type { IntentRecord, NewIntent, NewPair } from '../ledger/types';
import type { Fill, OrderType } from '../venues/port';
import type { OrderRecord } from './order-fsm';

export interface SubmitRequest {
  /** Written with the pair's first intent; later intents of the pair repeat it unchanged. */
  readonly pair: NewPair;
  /** createdAtMs and txHash are the tracker's to fill in. */
  readonly intent: Omit<NewIntent, 'createdAtMs' | 'txHash'>;
  readonly type: OrderType;
  /** Absolute expiry (wall ms) for a resting order; IOC orders leave it out. */
  readonly expiryMs?: number;
}

export interface TrackedOrder {
  readonly intent: IntentRecord;
  /** The order state machine's current record (execution/order-fsm.ts). */
  readonly order: OrderRecord;
  /** Monotonic ms when the send started. */
  readonly sentAtMono: number;
}

export interface TrackedFill {
  readonly intent: IntentRecord;
  readonly fill: Fill;
  /** Monotonic ms when the fill reached the tracker (hedge latency is measured from here). */
  readonly receivedAtMono: number;
}

export interface OrderTracker {
  /** Persists the intent (durable), then sends it; resolves once the send's outcome is applied
   *  (accepted, rejected, or unknown = still in flight and being queried). */
  submit(req: SubmitRequest): Promise<TrackedOrder>;
  /** Requests the cancel of a working order of ours (pending-cancel); resolves once the cancel's
   *  outcome is applied. The end itself arrives later, by stream or readback. */
  cancel(clientOrderId: string): Promise<TrackedOrder>;
  get(clientOrderId: string): TrackedOrder | undefined;
  /** Asks the venue for a verdict on a lost IOC (tracker-verdict.ts): with the evidence, the
   *  order becomes rejected ('never-arrived', nothing filled) and so settled; without it, it
   *  stays lost. Sends nothing. Resolves with the latest record. */
  judgeLost(clientOrderId: string): Promise<TrackedOrder>;
  /** Resolves with the latest record as soon as `done` holds, or at the monotonic deadline
   *  (the caller checks which). Never rejects on timeout. */
  waitFor(clientOrderId: string, done: (o: TrackedOrder) => boolean, deadlineMono: number): Promise<TrackedOrder>;
  /** Each new fill of one of our intents, after it is durable in the ledger, once per venue fill id. */
  onFill(cb: (f: TrackedFill) => void): () => void;
  /** Every change of a tracked order's record. */
  onOrder(cb: (o: TrackedOrder) => void): () => void;
  /** After a restart: tracks again every intent the ledger holds as unresolved and resolves
   *  each by readback (in-flight checks), as for a fresh unknown outcome. */
  restore(): Promise<readonly TrackedOrder[]>;
  stop(): void;
}
