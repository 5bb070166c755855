// Entries a restart interrupted. An entry runs inside the process (execution/pair-executor.ts),
// so a pair the ledger holds as 'opening' when the trading core starts lost its executor to a
// crash or a kill: nothing will finish it, hedge it or roll it back. Left 'opening' it stayed so
// for ever: the trader was asked about its naked leg (reconcile.pending) but pairs.close refuses
// an opening pair, the exits never watch it, and the entry gate refuses every new entry on its
// symbol while it is "opening" (risk/trading-gate.ts). Marked 'broken' (the executor's own state
// for an entry that ended with orders or a leg in an unknown state), it is shown as such, the
// trader can close it (execution/close.ts CLOSABLE), and reconciliation still judges its legs
// (reconcile/pair-states.ts: broken is live).
import type { PairState } from '../../domain/enums';
import type { Logger } from '../../telemetry/log';

export const INTERRUPTED_ENTRY_REASON = 'entry interrupted: the app stopped before the entry finished';

export interface InterruptedEntryDeps {
  readonly pairs: () => readonly { readonly pairSeq: number; readonly state: PairState }[];
  readonly setPairState: (pairSeq: number, state: PairState, atMs: number, reason: string) => void;
  readonly now: () => number;
  readonly log: Logger;
}

/** Marks every 'opening' pair 'broken'; call once at startup, before any entry can start.
 *  Returns every pair that is broken now: those it marked and those an earlier start marked (or
 *  an executor left broken). None has an executor any more, so each one's working orders are
 *  nobody's (interrupted-orders.ts). Only the pairs marked by this start were returned before,
 *  and a start killed between marking a pair and cancelling its maker left that maker resting
 *  for good: the next start found the pair already broken and cancelled nothing (crash suite's
 *  soak, seed 220329457 kill 72, under load: 0.208 BNB naked, the trader never asked, because a
 *  pair with an order still working is not judged yet). */
export function markInterruptedEntries(d: InterruptedEntryDeps): number[] {
  const marked: number[] = [];
  const broken: number[] = [];
  for (const p of d.pairs()) {
    if (p.state === 'broken') broken.push(p.pairSeq);
    if (p.state !== 'opening') continue;
    d.setPairState(p.pairSeq, 'broken', d.now(), INTERRUPTED_ENTRY_REASON);
    marked.push(p.pairSeq);
    broken.push(p.pairSeq);
  }
  if (marked.length > 0) d.log.warn('entries interrupted by a restart are marked broken', { pairSeqs: marked });
  return broken;
}
