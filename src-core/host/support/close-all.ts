// `close-all`: every open pair closed together through the trading core's PairCloser, behind a
// two-step confirmation. The first run lists the open pairs and prints a word derived from
// exactly that set; only `--confirm <word>` closes, and a word from a listing whose pairs have
// changed since is refused, so a support call never closes pairs nobody saw listed.
import { createHash } from 'node:crypto';
import type { CloseReport } from '../../execution/close-types';
import { LedgerQueries } from '../../ledger/ledger-queries';
import type { PairView } from '../../ledger/query-types';
import type { Core } from '../core';
import { closablePairs, CloseAllRefused, startCloseAll, type StartedCloseAll } from '../trading/close-all';
import type { Out } from './output';

export const CLOSE_ALL_REASON = 'close-all from the CLI';

export class CloseAllError extends Error {
  override readonly name = 'CloseAllError';
}

/** Pairs that hold or may hold a position: the states the closer accepts. */
export const openPairs = closablePairs;

/** The word to type: the count and a digest of the pair sequences it stands for. */
export function confirmWord(pairSeqs: readonly number[]): string {
  const digest = createHash('sha256').update([...pairSeqs].sort((a, b) => a - b).join(',')).digest('hex').slice(0, 6);
  return `close-${pairSeqs.length}-${digest}`;
}

function describe(p: PairView): string {
  const legs = p.legs.map((l) => `${l.venue} ${l.positionSize}`).join(', ');
  return `  pair ${p.pairSeq} ${p.symbol} long ${p.longVenue} / short ${p.shortVenue}, ${p.state}, legs ${legs}`;
}

function describeResult(r: CloseReport, symbol: string): string {
  const legs = r.legs.map((l) => `${l.venue} closed ${l.closedSize} left ${l.leftSize}`).join(', ');
  return `  pair ${r.pairSeq} ${symbol}: ${r.outcome} (${r.detail}) in ${Math.round(r.elapsedMs)} ms, ${r.rounds} rounds${legs === '' ? '' : `; ${legs}`}`;
}

/** Lists the open pairs (no confirm) or closes them all (confirm matches): exit code 0 when the
 *  listing ran or every pair ended closed, 1 otherwise. */
export async function runCloseAll(core: Core, confirm: string | null, out: Out, reconcileWaitMs = 120_000): Promise<number> {
  const trading = core.trading();
  if (confirm === null || trading === null) {
    const open = openPairs(new LedgerQueries(core.db).listPairs());
    if (open.length === 0) {
      out('No open pairs: nothing to close.');
      return 0;
    }
    out(`${open.length} open pairs:`);
    for (const p of open) out(describe(p));
    if (confirm !== null) throw new CloseAllError(`the trading core is not running in ${core.mode} mode, so nothing was closed`);
    out(`To close all of them run close-all again with: --confirm ${confirmWord(open.map((p) => p.pairSeq))}`);
    return 0;
  }
  await withinMs(trading.reconciled(), reconcileWaitMs, `startup reconciliation did not finish within ${reconcileWaitMs} ms; nothing was closed`);
  let started: StartedCloseAll;
  try {
    started = await startCloseAll(
      {
        listPairs: () => trading.queries.listPairs(),
        closer: trading.closer,
        needsReducing: () => core.tradingState().state === 'ACTIVE',
        reduce: async (reason) => {
          const r = await core.dispatcher.call('command', 'trading.state.set', { state: 'REDUCING', reason });
          if (!r.ok) throw new CloseAllError(`could not set trading to REDUCING: ${r.error.message}; nothing was closed`);
        },
      },
      CLOSE_ALL_REASON,
      (open) => {
        const expected = confirmWord(open.map((p) => p.pairSeq));
        if (confirm === expected) return null;
        for (const p of open) out(describe(p));
        return `--confirm ${confirm} does not match the ${open.length} open pairs now (their word is ${expected}); nothing was closed`;
      },
    );
  } catch (e) {
    throw e instanceof CloseAllRefused ? new CloseAllError(e.message) : e;
  }
  if (started.pairs.length === 0) {
    out('No open pairs: nothing to close.');
    return 0;
  }
  out(`Trading is ${core.tradingState().state}. Closing ${started.pairs.length} pairs:`);
  const results = (await started.outcomes).map(({ pair, report, error }) => ({ p: pair, r: report, error }));
  let notClosed = 0;
  for (const { p, r, error } of results) {
    if (r === null || r.outcome !== 'closed') notClosed += 1;
    out(r === null ? `  pair ${p.pairSeq} ${p.symbol}: close threw: ${error}` : describeResult(r, p.symbol));
  }
  const count = started.pairs.length;
  out(notClosed === 0 ? `All ${count} pairs closed.` : `${notClosed} of ${count} pairs are NOT closed: see the lines above.`);
  return notClosed === 0 ? 0 : 1;
}

function withinMs<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new CloseAllError(message)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
