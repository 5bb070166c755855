// The core's side of a quit: flatten everything when the trader asks for it, and close within a
// bound. Closing is orderly (host/core.ts close: loops stopped, entries in progress cancelled,
// sockets closed, the ledger's and the store's connections closed, which checkpoints the WAL)
// and leaves every venue dead-man switch ARMED on purpose: the keepers stop renewing, so if an
// order of ours still rests on a venue, the venue cancels it when the countdown lapses instead
// of leaving it working with nobody watching.
import type { Core } from './core';
import type { Dispatcher } from '../api/dispatcher';
import type { TradingState } from '../domain/venue';
import type { Exposure } from './exposure-count';

/** How long a quit waits for the orderly close before the process ends anyway. */
export const CLOSE_TIMEOUT_MS = 10_000;
/** How long "flatten all" waits for every pair to close before giving the choice back. */
export const FLATTEN_TIMEOUT_MS = 120_000;

/** An in-process Core or main's handle on the core's worker (host/worker/proxy.ts): the pairs
 *  come from the contract's pairs.list, so both answer the same way. */
type ShutdownCore = {
  tighten(state: TradingState, reason: string): unknown;
  readonly dispatcher: Pick<Dispatcher, 'call'>;
  exposure(): Exposure | Promise<Exposure>;
};

export async function closeWithin(core: Pick<Core, 'close'>, timeoutMs = CLOSE_TIMEOUT_MS): Promise<{ readonly closed: boolean; readonly error: string | null }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  try {
    const r = await Promise.race([core.close().then(() => 'closed' as const), timedOut]);
    return r === 'closed' ? { closed: true, error: null } : { closed: false, error: `the core did not close within ${timeoutMs} ms` };
  } catch (e) {
    return { closed: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Stops new entries, closes every held pair at taker urgency and cancels entries in progress,
 *  then waits (bounded) until the ledger shows nothing open. Resolves with what is left. */
export async function flattenAll(core: ShutdownCore, timeoutMs = FLATTEN_TIMEOUT_MS, pollMs = 250): Promise<Exposure> {
  await core.tighten('REDUCING', 'quit: flattening every pair before the app quits');
  const listed = await core.dispatcher.call('query', 'pairs.list', {});
  if (listed.ok) {
    for (const p of (listed.value as { pairs: readonly { pairSeq: number; state: string }[] }).pairs) {
      if (p.state === 'opening') await core.dispatcher.call('command', 'pairs.cancelEntry', { pairSeq: p.pairSeq });
      else if (p.state === 'open' || p.state === 'broken' || p.state === 'close-failed') await core.dispatcher.call('command', 'pairs.close', { pairSeq: p.pairSeq, urgency: 'emergency' });
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await core.exposure();
    if ((left.openPairs === 0 && left.ordersInFlight === 0) || Date.now() >= deadline) return left;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
