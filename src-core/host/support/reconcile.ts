// `reconcile`: one reconciliation of both venues against the ledger, printed as a table, for
// support. It runs with the venues but without the trading core, so nothing is applied unless
// asked: `--apply-safe` applies the safe fixes only (record a fill or a payment, resolve an order,
// mark one lost: they make the ledger say what the venue proves); a destructive fix (close,
// cancel) is never applied here, whatever the opt-ins say: it is listed for the trader, who
// decides in the app (reconcile.decide). Exit 1 when a venue could not be read (the run is
// incomplete: a failed query is never flat, reference-upstream §13 B15), with the read and why.
import { join } from 'node:path';
import { VENUES } from '../../domain/enums';
import { LedgerQueries } from '../../ledger/ledger-queries';
import { LedgerRepo } from '../../ledger/ledger-repo';
import { buildLedgerView } from '../../reconcile/build-ledger-view';
import { diffReconcile } from '../../reconcile/diff';
import { checkInvariants } from '../../reconcile/invariants';
import { readVenueSnapshot } from '../../reconcile/read-snapshot';
import { resolvePlan, type PlannedFix, type ReconcilePlan } from '../../reconcile/resolver';
import { dbFileName, openLedgerDatabase } from '../../store/db';
import { silentLogger } from '../../telemetry/log';
import type { Core } from '../core';
import { applyPlan } from '../trading/reconcile-apply';
import { RECONCILE_STARTUP_LOOKBACK_MS, RECONCILE_WINDOW_SKEW_MS } from '../trading/reconcile-loop';
import { pendingItem } from '../trading/reconcile-pending';
import type { Out } from './output';

export class ReconcileCliError extends Error {
  override readonly name = 'ReconcileCliError';
}

const SAFE_KINDS: ReadonlySet<string> = new Set(['record-fill', 'record-funding', 'resolve-order', 'mark-lost']);

type Row = readonly [string, string, string, string, string, string, string];
const HEADER: Row = ['group', 'kind', 'venue', 'symbol', 'pair', 'action', 'detail'];

/** Columns padded to their widest cell; the last (detail) runs free. */
export function table(rows: readonly Row[]): string[] {
  const widths = HEADER.map((_, i) => Math.max(...[HEADER, ...rows].map((r) => r[i]!.length)));
  return [HEADER, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

function row(group: string, f: PlannedFix): Row {
  const p = pendingItem(f);
  return [group, p.kind, p.venue ?? '-', p.symbol ?? '-', p.pairSeq === null ? '-' : String(p.pairSeq), p.action, `${p.detail} (${p.why})`];
}

function rows(plan: ReconcilePlan): Row[] {
  return [
    ...plan.skipped.map((f) => row('skipped', f)),
    ...plan.automatic.map((f) => (SAFE_KINDS.has(f.action.kind) ? row('safe', f) : row('asks', { ...f, why: `${f.why}: the app applies it, never this command` }))),
    ...plan.awaitingDecision.map((f) => row('asks', f)),
  ];
}

/** Runs one reconciliation on a core whose venues run (and whose trading core does not). */
export async function runReconcile(core: Core, dataDir: string, applySafe: boolean, out: Out, nativeBinding?: string): Promise<number> {
  const rt = core.runtime();
  if (rt === null) throw new ReconcileCliError(`the venues are not running in ${core.mode} mode: nothing can be reconciled`);
  if (core.trading() !== null) throw new ReconcileCliError('the trading core is running: it reconciles by itself (reconcile.run in the app)');
  const db = openLedgerDatabase(join(dataDir, dbFileName(core.mode)), nativeBinding);
  try {
    const ledger = new LedgerRepo(db);
    const queries = new LedgerQueries(db);
    const now = Date.now();
    // As the trading core's first run after a start (reconcile-loop.ts): the last day, back to
    // the oldest pair not closed.
    const oldest = ledger.oldestUnclosedPairCreatedAtMs();
    const sinceMs = Math.max(0, Math.min(oldest ?? now, now - RECONCILE_STARTUP_LOOKBACK_MS) - RECONCILE_WINDOW_SKEW_MS);
    const snapshots = await Promise.all(VENUES.map((v) => readVenueSnapshot(rt.ports[v], sinceMs, Date.now)));
    const settings = core.settings().reconcile;
    const view = () => buildLedgerView({ source: queries, epoch: ledger.epoch, sinceMs, activePairSeqs: new Set(), movingSinceMs: null });
    const diff = diffReconcile(snapshots, view(), settings, VENUES);
    const plan = resolvePlan(diff, settings);
    const found = rows(plan);
    if (found.length === 0) out('No discrepancies: the ledger agrees with both venues.');
    else {
      out(`${found.length} discrepancies:`);
      for (const l of table(found)) out(`  ${l}`);
    }
    const safe = plan.automatic.filter((f) => SAFE_KINDS.has(f.action.kind));
    if (applySafe) {
      const r = applyPlan({ ...plan, automatic: safe }, { ledger, trackedOpen: () => false, clientOrderIdOf: (id) => view().orders.find((o) => o.intentId === id)?.clientOrderId ?? null, now: Date.now, log: silentLogger });
      out(`Applied ${r.applied} safe fixes.`);
      for (const f of r.failed) out(`  NOT applied: ${pendingItem(f).kind}: ${f.why}`);
      if (r.failed.length > 0) return 1;
    } else if (safe.length > 0) out(`${safe.length} safe fixes not applied: run reconcile again with --apply-safe to apply them.`);
    const asks = found.filter((r) => r[0] === 'asks').length;
    if (asks > 0) out(`${asks} need the trader's decision in the app (never applied from here).`);
    const broken = checkInvariants(snapshots, view());
    for (const v of broken) out(`Invariant broken: ${v.kind}: ${v.detail}`);
    if (!diff.complete) {
      const why = snapshots.flatMap((s) => (s.kind === 'failed' ? [`${s.venue} could not be read (${s.failedQuery}: ${s.error})`] : [])).join('; ');
      throw new ReconcileCliError(`reconciliation cannot complete: ${why}; nothing about that venue was concluded`);
    }
    return 0;
  } finally {
    db.close();
  }
}
