// Closing every open pair at once: the one path behind the CLI's `close-all` (host/support/
// close-all.ts) and the trader's `pairs.closeAll` (host/handlers/flatten.ts). The caller has shown
// the trader a list; `refuse` holds that list against the pairs open now, so nothing is closed
// that nobody saw listed. Then trading goes REDUCING (no new entry while everything closes; the
// trader sets ACTIVE again to resume) and each pair is handed to the PairCloser at once.
import { CLOSABLE } from '../../execution/close';
import type { CloseReport } from '../../execution/close-types';
import type { PairCloser } from '../../execution/close';
import type { PairView } from '../../ledger/query-types';

/** Pairs that hold or may hold a position: the states the closer accepts, by pair sequence. */
export function closablePairs(pairs: readonly PairView[]): PairView[] {
  return pairs.filter((p) => CLOSABLE.has(p.state)).sort((a, b) => a.pairSeq - b.pairSeq);
}

export class CloseAllRefused extends Error {
  override readonly name = 'CloseAllRefused';
}

export interface CloseAllDeps {
  readonly listPairs: () => readonly PairView[];
  readonly closer: Pick<PairCloser, 'close'>;
  /** Moves the trading state to REDUCING with the reason; throws when it could not. */
  readonly reduce: (reason: string) => Promise<void> | void;
  /** Whether the state must move first (the caller's rule: the CLI from ACTIVE only). */
  readonly needsReducing: () => boolean;
}

export interface CloseAllOutcome {
  readonly pair: PairView;
  readonly report: CloseReport | null;
  /** Why the close threw (null when it reported). */
  readonly error: string | null;
}

export interface StartedCloseAll {
  /** The pairs whose close was started, by pair sequence. */
  readonly pairs: readonly PairView[];
  /** Settles when every close has reported (never rejects). */
  readonly outcomes: Promise<CloseAllOutcome[]>;
}

/** `refuse(open)` returns why the confirmed list does not match the open pairs now, or null. */
export async function startCloseAll(deps: CloseAllDeps, reason: string, refuse: (open: readonly PairView[]) => string | null): Promise<StartedCloseAll> {
  const open = closablePairs(deps.listPairs());
  const why = refuse(open);
  if (why !== null) throw new CloseAllRefused(why);
  if (open.length === 0) return { pairs: [], outcomes: Promise.resolve([]) };
  if (deps.needsReducing()) await deps.reduce(reason);
  const outcomes = Promise.all(
    open.map((pair) =>
      deps.closer.close(pair.pairSeq, 'normal', reason).then(
        (report): CloseAllOutcome => ({ pair, report, error: null }),
        (e: unknown): CloseAllOutcome => ({ pair, report: null, error: e instanceof Error ? e.message : String(e) }),
      ),
    ),
  );
  return { pairs: open, outcomes };
}

/** The same set of pair sequences, in any order. */
export function samePairSeqs(open: readonly PairView[], confirmed: readonly number[]): boolean {
  const want = new Set(confirmed);
  return want.size === confirmed.length && open.length === want.size && open.every((p) => want.has(p.pairSeq));
}
