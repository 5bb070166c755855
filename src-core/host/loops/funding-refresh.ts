// Every five seconds the market service re-reads both adapters' cached funding (currentFunding:
// the adapters' last accepted values, no request to the venue), so a value whose event it missed
// still reaches its view. Such a re-read never ends a rejection episode (market/service.ts). A
// failed read changes nothing: the next one tries again.
import type { Logger } from '../../telemetry/log';
import { realTicker, type Ticker } from '../screener-emitter';

export const FUNDING_REFRESH_MS = 5_000;

export interface FundingRefreshOptions {
  readonly market: { refreshFunding(): Promise<void> };
  readonly log: Logger;
  readonly intervalMs?: number;
  readonly ticker?: Ticker;
}

export function startFundingRefresh(o: FundingRefreshOptions): { stop(): void } {
  const stop = (o.ticker ?? realTicker).every(o.intervalMs ?? FUNDING_REFRESH_MS, () => {
    void o.market.refreshFunding().catch((e: unknown) => o.log.debug('funding refresh failed', { error: e instanceof Error ? e.message : String(e) }));
  });
  return { stop };
}
