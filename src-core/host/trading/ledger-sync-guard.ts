// What the trading core does when a sync of the ledger's write-ahead log fails (ledger/wal-sync.ts):
// the disk did not confirm what the ledger wrote (an intent waiting for it is not sent, a fill's
// record may not survive a power loss), so trading is HALTED with the disk's error as the reason,
// the one state in which nothing is sent that a restart could not account for (cancels only).
import type { TradingStateControl } from '../trading-state-control';
import type { Logger } from '../../telemetry/log';

export function haltOnLedgerSyncError(o: { readonly tradingState: TradingStateControl; readonly log: Logger; readonly now: () => number }): (err: Error) => void {
  return (err) => {
    o.log.error('the ledger could not sync its write-ahead log', { error: err.message });
    o.tradingState.request({ state: 'HALTED', reason: `the ledger's disk refused a sync: ${err.message}`.slice(0, 200), source: 'automatic', atMs: o.now() });
  };
}
