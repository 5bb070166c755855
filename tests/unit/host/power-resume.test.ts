// host/power-resume.ts over the real trading-state control (SQLite in a temp dir) with a
// scripted reconcile loop: the hold is taken before anything is awaited, a second resume joins
// the first (one hold, one run), no trading core means nothing to hold, and a run that did not
// complete keeps the hold. The simulator-backed path is tests/integration/host/power-resume.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileStatus } from '../../../src-core/api/channels/reconcile';
import { EventHub } from '../../../src-core/api/events';
import { createPowerResume, RESUME_DONE_REASON, RESUME_HOLD_REASON, runCompleted } from '../../../src-core/host/power-resume';
import { createTradingStateControl } from '../../../src-core/host/trading-state-control';
import { openStore } from '../../../src-core/store/db';
import { TradingStateRepo } from '../../../src-core/store/trading-state-repo';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function control() {
  const t = tempDir('fundingbot-power-');
  const db = openStore({ dataDir: t.dir, mode: 'sim' });
  cleanups.push(t.cleanup, () => db.close());
  const repo = new TradingStateRepo(db);
  return createTradingStateControl(repo, repo.load({ state: 'ACTIVE', reason: 'first start', changedAtMs: 0 }), new EventHub(silentLogger), silentLogger);
}

const status = (over: Partial<ReconcileStatus> = {}): ReconcileStatus => ({
  reconciled: true, running: false, lastTrigger: 'resumed', lastRunAtMs: 5, lastCompleteAtMs: 5, lastRunDurationMs: 1, skippedVenues: [], appliedCount: 0, deferredCount: 0, pending: [], dismissedCount: 0, invariantViolations: [], lastRunKinds: [], ...over,
});

function scriptedLoop() {
  const runs: ((s: ReconcileStatus) => void)[] = [];
  return { runs, loop: { run: () => new Promise<ReconcileStatus>((r) => runs.push(r)) } };
}

describe('power resume', () => {
  it('holds at once, joins a second resume, restores after the run completes', async () => {
    const ts = control();
    const { runs, loop } = scriptedLoop();
    let reconnects = 0;
    const power = createPowerResume({ tradingState: ts, reconnect: () => reconnects++, reconcile: () => loop, log: silentLogger, now: () => 10 });
    const a = power.resume();
    const b = power.resume();
    expect(b).toBe(a);
    expect(ts.current()).toMatchObject({ state: 'REDUCING', reason: RESUME_HOLD_REASON });
    await Promise.resolve();
    expect(runs).toHaveLength(1);
    expect(reconnects).toBe(1);
    runs[0]!(status());
    expect(await a).toBe('restored');
    expect(ts.current()).toEqual({ state: 'ACTIVE', reason: RESUME_DONE_REASON, changedAtMs: 10 });
  });

  it('keeps the hold when the run did not complete', async () => {
    const ts = control();
    const { runs, loop } = scriptedLoop();
    const power = createPowerResume({ tradingState: ts, reconnect: () => undefined, reconcile: () => loop, log: silentLogger, now: () => 10 });
    const p = power.resume();
    await Promise.resolve();
    runs[0]!(status({ lastCompleteAtMs: 1, skippedVenues: [{ venue: 'lighter', failedQuery: 'positions', error: '503' }] }));
    expect(await p).toBe('kept-incomplete');
    expect(ts.current().state).toBe('REDUCING');
  });

  it('without a trading core there is nothing to hold; the streams still reconnect', async () => {
    const ts = control();
    let reconnects = 0;
    const power = createPowerResume({ tradingState: ts, reconnect: () => reconnects++, reconcile: () => null, log: silentLogger, now: () => 10 });
    expect(await power.resume()).toBe('not-held');
    expect(ts.current().state).toBe('ACTIVE');
    expect(reconnects).toBe(1);
  });

  it('a run is complete only when it read both venues and concluded', () => {
    expect(runCompleted(status())).toBe(true);
    expect(runCompleted(status({ lastCompleteAtMs: 4 }))).toBe(false);
    expect(runCompleted(status({ lastRunAtMs: null, lastCompleteAtMs: null }))).toBe(false);
    expect(runCompleted(status({ pending: [{ id: 'run-failed', kind: 'run-failed', action: 'review', venue: null, symbol: null, pairSeq: null, why: 'x', detail: 'y' }] }))).toBe(false);
  });
});
