// `reconcile` against the simulator through the real adapters and the real SQLite ledger: a crash
// between legs (the entry's intent durable, its IOC filled, nothing recorded since) and a position
// not ours are left behind; the command without --apply-safe prints every discrepancy
// in a table and changes nothing; with it the safe fixes (the entry's fill, its order's end) are
// written and the destructive ones (close the naked leg, close the foreign position) stay listed
// for the trader, nothing sent, even with their opt-ins on (those are the app's); a venue that cannot be read makes it fail with the read and why.
// The runner's own path (argv, its own core) is checked on an empty data dir.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src-core/host/core';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { dbFileName, openLedgerDatabase } from '../../../src-core/store/db';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { ReconcileCliError, runReconcile } from '../../../src-core/host/support/reconcile';
import { runSupportCli } from '../../../src-core/host/support/run';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';
import { leaveCrashAndForeign, orderCount } from '../reconcile/crash-fixture';

const handTicker: Ticker = { every: () => () => undefined };
const SEED = 17;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(dir: string, sim: Simulator, trading: boolean): Promise<Core> {
  const c = await createCore({
    dataDir: dir,
    mode: 'sim',
    log: silentLogger,
    externalSimulator: { seed: SEED, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } },
    extendedFundingPollMs: 5_000,
    tradingTicker: handTicker,
    trading,
  });
  return c;
}

/** The table's rows (after the count line), as [group, kind]. */
function kinds(lines: readonly string[]): string[][] {
  const header = lines.findIndex((l) => /^ {2}group +kind +venue +symbol +pair +action +detail$/.test(l));
  expect(header).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const l of lines.slice(header + 1)) {
    if (!l.startsWith('  ')) break;
    rows.push(l.trim().split(/ {2,}/).slice(0, 2));
  }
  return rows.sort();
}

describe('cli reconcile', () => {
  it('prints the discrepancies, applies only the safe fixes with --apply-safe, and fails when a venue cannot be read', { timeout: 180_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const sim = await startSimulator({ seed: SEED, controlPort: null, stepMs: 60_000 });
    cleanups.push(() => sim.close());
    // The venues without a trading core: nothing records the crash's fill before the command runs.
    const c = await core(t.dir, sim, false);
    cleanups.push(() => c.close());
    expect((await c.dispatcher.call('command', 'settings.update', { reconcile: { autoCloseNakedLegs: true, autoCloseForeignPositions: true } })).ok).toBe(true);
    const ledgerDb = openLedgerDatabase(join(t.dir, dbFileName('sim')));
    const left = await leaveCrashAndForeign(c.runtime()!.ports, new LedgerRepo(ledgerDb));
    ledgerDb.close();
    const orders = orderCount(sim);

    // Without --apply-safe: listed, nothing written.
    const dry: string[] = [];
    expect(await runReconcile(c, t.dir, false, dry.push.bind(dry))).toBe(0);
    expect(dry[0]).toBe('3 discrepancies:');
    expect(kinds(dry)).toEqual([
      ['asks', 'position-not-ours'],
      ['safe', 'in-flight-resolved'],
      ['safe', 'unrecorded-fill'],
    ]);
    const foreignRow = dry.find((l) => l.includes('position-not-ours'))!;
    expect(foreignRow).toMatch(/asks +position-not-ours +extended +BTC +- +close-position +venue holds -[\d.]+ that none of our legs holds \(foreign-fills\) \(autoCloseForeignPositions is on: the app applies it, never this command\)$/);
    expect(dry).toContain('2 safe fixes not applied: run reconcile again with --apply-safe to apply them.');
    expect(dry).toContain("1 need the trader's decision in the app (never applied from here).");
    const again: string[] = [];
    expect(await runReconcile(c, t.dir, false, again.push.bind(again))).toBe(0);
    expect(kinds(again)).toEqual(kinds(dry));

    // With --apply-safe: the fill and the order's end are written; the naked leg now shows, and
    // no destructive fix is applied, whatever the opt-ins say.
    const applied: string[] = [];
    expect(await runReconcile(c, t.dir, true, applied.push.bind(applied))).toBe(0);
    expect(applied).toContain('Applied 2 safe fixes.');
    const after: string[] = [];
    expect(await runReconcile(c, t.dir, false, after.push.bind(after))).toBe(0);
    expect(kinds(after)).toEqual([
      ['asks', 'naked-leg'],
      ['asks', 'position-not-ours'],
    ]);
    expect(after.find((l) => l.includes('naked-leg'))).toMatch(new RegExp(`asks +naked-leg +lighter +ETH +${left.pairSeq} +close-position +pair ${left.pairSeq}: long ${left.legSize.replace('.', '\\.')} held on lighter`));
    expect(orderCount(sim)).toBe(orders);

    // A venue whose positions cannot be read: the run cannot complete, and says which and why.
    sim.faults.failHttp('extended', 1_000, 503, false, '/api/v1/user/positions');
    const failing: string[] = [];
    const err = await runReconcile(c, t.dir, false, failing.push.bind(failing)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReconcileCliError);
    expect((err as Error).message).toMatch(/^reconciliation cannot complete: extended could not be read \(positions: .*503.*\); nothing about that venue was concluded$/);
    expect(failing.join('\n')).toMatch(/skipped +venue-query-failed +extended/);
  });

  it('from the command line: an empty data dir agrees with both venues; a bad switch is refused', { timeout: 120_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => errors.push(l), log: silentLogger };
    expect(await runSupportCli(['reconcile', '--data-dir', t.dir, '--apply-safe'], io)).toBe(0);
    expect(lines).toEqual(['No discrepancies: the ledger agrees with both venues.', 'Applied 0 safe fixes.']);
    expect(errors).toEqual([]);
    expect(await runSupportCli(['reconcile', '--apply-safe', 'now'], io)).toBe(2);
    expect(errors[0]).toBe('error: reconcile: unexpected argument "now"');
    expect(await runSupportCli(['reconcile', '--data-dir', t.dir, '--mode', 'live'], io)).toBe(1);
    expect(errors.at(-1)).toBe('reconcile failed: reconcile needs the venues, which run in sim mode only for now (not live)');
  });
});
