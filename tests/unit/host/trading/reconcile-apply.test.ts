// The plan's automatic fixes applied to a real ledger (the seeded fixture's opening SOL pair:
// its extended buy of 3 is partly filled, 1.25): a venue fill of it is recorded once, unless the
// tracker still works the order (then the tracker records it, so its state machine sees it); a
// resolution is written as the order's state; a fix that would send to a venue is not sent here
// but handed back to the caller (the reconcile loop runs it through reconcile-fix.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, type ApplyDeps } from '../../../../src-core/host/trading/reconcile-apply';
import type { Discrepancy } from '../../../../src-core/reconcile/discrepancy';
import type { PlannedFix, ReconcilePlan } from '../../../../src-core/reconcile/resolver';
import { silentLogger } from '../../../../src-core/telemetry/log';
import type { Fill } from '../../../../src-core/venues/port';
import { openLedgerFixture, seedLedger, type LedgerFixture } from '../../../helpers/ledger-fixture';

let fx: LedgerFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

const plan = (automatic: PlannedFix[]): ReconcilePlan => ({ automatic, awaitingDecision: [], skipped: [], complete: true });
const fix = (discrepancy: Discrepancy): PlannedFix => ({ discrepancy, action: discrepancy.action, why: 'test' });

function seeded() {
  fx = openLedgerFixture();
  const s = seedLedger(fx.repo);
  const o0 = s.intents.find((i) => i.pairSeq === s.opening && i.leg === 0)!;
  const fill: Fill = { venue: 'extended', symbol: o0.symbol, venueFillId: 'sf2', venueOrderId: 'o-o0', clientOrderId: o0.clientOrderId, side: 'buy', size: '0.75', price: '101.5', feeUsd: '0.03', isMaker: true, timeMs: 6_000 };
  const deps = (tracked: boolean): ApplyDeps => ({ ledger: fx!.repo, trackedOpen: (cid) => tracked && cid === o0.clientOrderId, clientOrderIdOf: () => o0.clientOrderId, now: () => 7_000, log: silentLogger });
  return { repo: fx.repo, o0, fill, deps };
}

describe('applyPlan', () => {
  it('records an unrecorded fill of ours once', () => {
    const { repo, o0, fill, deps } = seeded();
    const p = plan([fix({ kind: 'unrecorded-fill', venue: 'extended', venueFillId: 'sf2', action: { kind: 'record-fill', fill, intentId: o0.intentId } })]);
    expect(applyPlan(p, deps(false))).toEqual({ applied: 1, deferred: 0, failed: [], venueFixes: [] });
    expect(repo.fillsOfIntent(o0.intentId).map((f) => f.venueFillId)).toEqual(['sf1', 'sf2']);
    // Again: the ledger holds it already; nothing changes.
    expect(applyPlan(p, deps(false))).toEqual({ applied: 1, deferred: 0, failed: [], venueFixes: [] });
    expect(repo.fillsOfIntent(o0.intentId)).toHaveLength(2);
  });

  it('leaves a fill and a resolution of an order the tracker works to the tracker', () => {
    const { repo, o0, fill, deps } = seeded();
    const p = plan([
      fix({ kind: 'unrecorded-fill', venue: 'extended', venueFillId: 'sf2', action: { kind: 'record-fill', fill: { ...fill, clientOrderId: null }, intentId: o0.intentId } }),
      fix({ kind: 'in-flight-resolved', venue: 'extended', intentId: o0.intentId, clientOrderId: o0.clientOrderId, ledgerState: 'submitted', resolution: { kind: 'canceled', filledSize: '1.25' }, action: { kind: 'resolve-order', intentId: o0.intentId, resolution: { kind: 'canceled', filledSize: '1.25' } } }),
    ]);
    expect(applyPlan(p, deps(true))).toEqual({ applied: 0, deferred: 2, failed: [], venueFixes: [] });
    expect(repo.fillsOfIntent(o0.intentId)).toHaveLength(1);
    expect(repo.orderState(o0.intentId)!.state).toBe('partially-filled');
  });

  it('writes a resolution as the order state, and hands a venue fix back unsent', () => {
    const { repo, o0, deps } = seeded();
    const close = fix({ kind: 'position-not-ours', venue: 'lighter', symbol: 'BTC', venueSize: '1', evidence: 'unknown', action: { kind: 'close-position', why: 'not-ours', venue: 'lighter', symbol: 'BTC', side: 'sell', size: '1', pairSeq: null } });
    const p = plan([
      fix({ kind: 'in-flight-resolved', venue: 'extended', intentId: o0.intentId, clientOrderId: o0.clientOrderId, ledgerState: 'submitted', resolution: { kind: 'canceled', filledSize: '1.25' }, action: { kind: 'resolve-order', intentId: o0.intentId, resolution: { kind: 'canceled', filledSize: '1.25' } } }),
      close,
    ]);
    const r = applyPlan(p, deps(false));
    expect(r.applied).toBe(1);
    expect(r.failed).toEqual([]);
    expect(r.venueFixes).toEqual([close]);
    expect(repo.orderState(o0.intentId)).toMatchObject({ state: 'canceled', venueFilledSize: '1.25' });
  });
});
