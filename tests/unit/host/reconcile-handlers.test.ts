// The reconcile channels' handlers: UNAVAILABLE while the trading core (its reconcile loop) is
// not running; otherwise the loop's status, a run asked for as the trader's command, and the
// trader's decision with the loop's typed refusals mapped to NOT_FOUND and CONFLICT.
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src-core/api/envelope';
import type { ReconcileDecision, ReconcileStatus, ReconcileTrigger } from '../../../src-core/api/channels/reconcile';
import { reconcileHandlers } from '../../../src-core/host/handlers/reconcile';
import { ReconcileDecisionError, type ReconcileDecisionErrorCode } from '../../../src-core/host/trading/reconcile-loop';

const status: ReconcileStatus = {
  reconciled: false,
  running: false,
  lastTrigger: null,
  lastRunAtMs: null,
  lastCompleteAtMs: null,
  lastRunDurationMs: null,
  skippedVenues: [],
  appliedCount: 0,
  deferredCount: 0,
  pending: [],
  dismissedCount: 0,
  invariantViolations: [],
  lastRunKinds: [],
};

describe('reconcile handlers', () => {
  it('answer UNAVAILABLE without a running trading core', async () => {
    const h = reconcileHandlers({ loop: null });
    expect(() => h.queries['reconcile.pending'](undefined)).toThrow(ApiFailure);
    expect(() => h.commands['reconcile.run'](undefined)).toThrow(/trading/i);
    await expect(h.commands['reconcile.decide']({ id: 'x', decision: 'dismiss' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('answer the loop status and run it as a command', async () => {
    const triggers: ReconcileTrigger[] = [];
    const h = reconcileHandlers({ loop: { status: () => status, run: (t) => (triggers.push(t), Promise.resolve({ ...status, lastTrigger: t })), decide: () => Promise.resolve(status) } });
    expect(h.queries['reconcile.pending'](undefined)).toEqual(status);
    expect(await h.commands['reconcile.run'](undefined)).toMatchObject({ lastTrigger: 'command' });
    expect(triggers).toEqual(['command']);
  });

  it('pass a decision to the loop and map its refusals', async () => {
    const decisions: [string, ReconcileDecision][] = [];
    let refuse: ReconcileDecisionErrorCode | null = null;
    const h = reconcileHandlers({
      loop: {
        status: () => status,
        run: () => Promise.resolve(status),
        decide: (id, d) => {
          if (refuse !== null) return Promise.reject(new ReconcileDecisionError(refuse, `refused ${id}`));
          decisions.push([id, d]);
          return Promise.resolve({ ...status, dismissedCount: 1 });
        },
      },
    });
    expect(await h.commands['reconcile.decide']({ id: 'naked-leg:a', decision: 'dismiss' })).toMatchObject({ dismissedCount: 1 });
    expect(decisions).toEqual([['naked-leg:a', 'dismiss']]);
    refuse = 'unknown-id';
    await expect(h.commands['reconcile.decide']({ id: 'gone', decision: 'apply' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'refused gone' });
    refuse = 'not-applicable';
    await expect(h.commands['reconcile.decide']({ id: 'r', decision: 'apply' })).rejects.toMatchObject({ code: 'CONFLICT' });
    refuse = 'fix-failed';
    await expect(h.commands['reconcile.decide']({ id: 'f', decision: 'apply' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
