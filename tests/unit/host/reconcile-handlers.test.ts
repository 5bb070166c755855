// The reconcile channels' handlers: UNAVAILABLE while the trading core (its reconcile loop) is
// not running; otherwise the loop's status, and a run asked for as the trader's command.
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src-core/api/envelope';
import type { ReconcileStatus, ReconcileTrigger } from '../../../src-core/api/channels/reconcile';
import { reconcileHandlers } from '../../../src-core/host/handlers/reconcile';

const status: ReconcileStatus = { reconciled: false, running: false, lastTrigger: null, lastRunAtMs: null, lastCompleteAtMs: null, skippedVenues: [], appliedCount: 0, deferredCount: 0, pending: [], lastRunKinds: [] };

describe('reconcile handlers', () => {
  it('answer UNAVAILABLE without a running trading core', () => {
    const h = reconcileHandlers({ loop: null });
    expect(() => h.queries['reconcile.pending'](undefined)).toThrow(ApiFailure);
    expect(() => h.commands['reconcile.run'](undefined)).toThrow(/trading/i);
  });

  it('answer the loop status and run it as a command', async () => {
    const triggers: ReconcileTrigger[] = [];
    const h = reconcileHandlers({ loop: { status: () => status, run: (t) => (triggers.push(t), Promise.resolve({ ...status, lastTrigger: t })) } });
    expect(h.queries['reconcile.pending'](undefined)).toEqual(status);
    expect(await h.commands['reconcile.run'](undefined)).toMatchObject({ lastTrigger: 'command' });
    expect(triggers).toEqual(['command']);
  });
});
