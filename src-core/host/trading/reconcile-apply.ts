// Applies a reconciliation plan's automatic fixes (reconcile/resolver.ts) through what already
// writes the ledger: LedgerRepo records a fill or a payment (each idempotent by its key), an
// order's resolution is written as its order state, a zombie pair is closed in the ledger with
// its PnL kept. An order the tracker is still tracking is left to it: the tracker owns that
// order's state machine and resolves it by its own readbacks (execution/order-tracker.ts), and a
// second writer would fork the ledger from the tracker's memory.
//
// Not applied here: a fix that sends to a venue (close a position, cancel an order) the trader
// opted in to. It is handed back in `venueFixes`, and the reconcile loop runs it (asynchronously,
// through reconcile-fix.ts) once the ledger fixes are written.
import { signDecimal } from '../../domain/decimal';
import type { LedgerRepo } from '../../ledger/ledger-repo';
import type { LedgerOrderState } from '../../ledger/types';
import type { OrderResolution } from '../../reconcile/discrepancy';
import type { PlannedFix, ReconcilePlan } from '../../reconcile/resolver';
import type { Logger } from '../../telemetry/log';

export type ApplyLedger = Pick<LedgerRepo, 'recordFill' | 'recordFundingPayment' | 'recordOrderState' | 'orderState' | 'setPairState'>;

export interface ApplyDeps {
  readonly ledger: ApplyLedger;
  /** True while the tracker holds this client id as an order it is still resolving. */
  readonly trackedOpen: (clientOrderId: string) => boolean;
  /** The client id of an intent of the ledger view the plan was made from (null: not in it). */
  readonly clientOrderIdOf: (intentId: number) => string | null;
  readonly now: () => number;
  readonly log: Logger;
}

export interface ApplyResult {
  readonly applied: number;
  /** Left to the tracker (its order is still tracked). */
  readonly deferred: number;
  /** Fixes that could not be applied: shown to the trader with the error. */
  readonly failed: readonly PlannedFix[];
  /** Automatic fixes that act on a venue, for the caller to run (reconcile-fix.ts). */
  readonly venueFixes: readonly PlannedFix[];
}

function resolvedState(prev: LedgerOrderState, r: OrderResolution): LedgerOrderState {
  switch (r.kind) {
    case 'open':
      return { ...prev, state: signDecimal(r.filledSize) === 0 ? 'accepted' : 'partially-filled', acceptedStage: 'live', venueOrderId: r.venueOrderId, venueFilledSize: r.filledSize };
    case 'filled':
      return { ...prev, state: 'filled', venueFilledSize: r.filledSize, endReason: 'reconciliation: the venue shows it filled' };
    case 'canceled':
      return { ...prev, state: 'canceled', venueFilledSize: r.filledSize, endReason: 'reconciliation: off the venue short of its size' };
    case 'never-arrived':
      return { ...prev, state: 'rejected', rejectReason: 'never-arrived' };
  }
}

export function applyPlan(plan: ReconcilePlan, d: ApplyDeps): ApplyResult {
  let applied = 0;
  let deferred = 0;
  const failed: PlannedFix[] = [];
  const venueFixes: PlannedFix[] = [];
  const fail = (f: PlannedFix, why: string) => failed.push({ ...f, why });
  for (const f of plan.automatic) {
    const a = f.action;
    try {
      switch (a.kind) {
        case 'record-fill': {
          // A fill of an order the tracker still works is the tracker's to record: it applies
          // the fill to the order's state machine only when its own write records it (a
          // duplicate is ignored there: execution/tracker-fills.ts), so recording it here first
          // would leave the tracker's order short of its fill.
          const cid = a.fill.clientOrderId ?? (a.intentId === null ? null : d.clientOrderIdOf(a.intentId));
          if (cid !== null && d.trackedOpen(cid)) {
            deferred++;
            break;
          }
          const out = d.ledger.recordFill(a.fill);
          if (out.kind === 'duplicate' && out.conflicting) fail(f, `fill ${a.fill.venueFillId} is recorded with other amounts than the venue shows`);
          else applied++;
          break;
        }
        case 'record-funding': {
          const out = d.ledger.recordFundingPayment(a.payment, a.pairSeq, d.now());
          if (out.kind === 'duplicate' && out.conflicting) fail(f, `payment ${a.payment.venue} ${a.payment.symbol} at ${a.payment.settlementTimeMs} is recorded with another amount`);
          else applied++;
          break;
        }
        case 'resolve-order':
        case 'mark-lost': {
          // The discrepancies behind these actions carry the order's client id.
          const cid = 'clientOrderId' in f.discrepancy && typeof f.discrepancy.clientOrderId === 'string' ? f.discrepancy.clientOrderId : null;
          if (cid !== null && d.trackedOpen(cid)) {
            deferred++;
            break;
          }
          const prev = d.ledger.orderState(a.intentId);
          if (prev === null) {
            fail(f, `intent ${a.intentId} has no order state`);
            break;
          }
          const next = a.kind === 'mark-lost' ? { ...prev, state: 'lost' as const } : resolvedState(prev, a.resolution);
          d.ledger.recordOrderState(a.intentId, next, `reconcile:${a.kind}`, d.now());
          applied++;
          break;
        }
        case 'close-zombie-pair':
          d.ledger.setPairState(a.pairSeq, a.toState, d.now(), a.reason);
          applied++;
          break;
        case 'close-position':
        case 'cancel-order':
          venueFixes.push(f);
          break;
        case 'review':
        case 'skip-venue':
          // The resolver never puts these in `automatic`.
          fail(f, 'not an automatic fix');
          break;
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      d.log.warn('reconcile fix failed', { action: a.kind, error: msg });
      fail(f, `could not apply: ${msg}`);
    }
  }
  return { applied, deferred, failed, venueFixes };
}
