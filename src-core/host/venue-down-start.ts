// The core's start with one venue unreachable (issue 13): entries are held (REDUCING, the reason
// names the venue, so the trading-state notice tells the user why), the venue runtime is retried
// in the background, and once it starts the trading core runs its first reconciliation of both
// venues; only when that completed is the hold released (back to the state it held, as a resume
// from sleep does: host/power-resume.ts). Until the runtime starts there are no ports to send on.
import type { Clock } from '../domain/clock';
import { REASON_MAX_LENGTH } from '../risk/breaker-board';
import type { Logger } from '../telemetry/log';
import type { VenueRuntime } from './runtime';
import type { TradingStateControl } from './trading-state-control';
import type { TradingCore } from './trading/compose';
import { retryStart, type StartRetry, type VenueUnreachableError } from './venue-retry';

export const VENUE_BACK_REASON = 'venues reachable again: reconciled';

export function venueDownReason(error: VenueUnreachableError): string {
  return `venue ${error.venue} unreachable at start: retrying (${error.message})`.slice(0, REASON_MAX_LENGTH);
}

export interface VenueDownStartDeps {
  readonly error: VenueUnreachableError;
  readonly start: () => Promise<VenueRuntime>;
  readonly attach: (rt: VenueRuntime) => void;
  readonly trading: () => TradingCore | null;
  readonly tradingState: TradingStateControl;
  readonly clock: Pick<Clock, 'after'>;
  readonly log: Logger;
  readonly now: () => number;
}

export function startWithVenueDown(deps: VenueDownStartDeps): StartRetry {
  const { log, tradingState } = deps;
  // Already REDUCING (live mode starts so; or the trader paused): the state stays and the reason
  // names the venue, so the user still sees why. Null only when HALTED: that state and its reason
  // stand, and there is nothing to release later.
  const hold = tradingState.holdWithReason({ state: 'REDUCING', reason: venueDownReason(deps.error), source: 'automatic', atMs: deps.now() });
  log.warn('a venue is unreachable at start: entries held, retrying it', { venue: deps.error.venue, error: deps.error.message, held: hold !== null });
  let stopped = false;
  const retry = retryStart({
    clock: deps.clock,
    start: deps.start,
    discard: (rt) => rt.close(),
    onFailed: (e, attempt, nextMs) => log.warn('venue still unreachable', { error: e instanceof Error ? e.message : String(e), attempt, nextMs }),
    onStarted: (rt) => {
      try {
        deps.attach(rt);
      } catch (e) {
        // The trading core could not start on the runtime (its ledger, say): entries stay held
        // and the failure is logged. What attach() had set up (the runtime) is the core's now and
        // Core.close closes it.
        log.error('the venues came back but the trading core could not start: entries stay held', { error: e instanceof Error ? e.message : String(e) });
        return;
      }
      log.info('venues reachable: reconciling before entries resume');
      const trading = deps.trading();
      const reconciled = trading === null ? Promise.resolve() : trading.reconciled();
      reconciled.then(
        () => {
          if (stopped || hold === null) return;
          hold.release(VENUE_BACK_REASON, deps.now());
        },
        // The hold stays: entries resume only after a completed reconciliation.
        (e: unknown) => log.error('reconciliation after the venue came back failed: entries stay held', { error: e instanceof Error ? e.message : String(e) }),
      );
    },
  });
  return {
    async stop() {
      stopped = true;
      await retry.stop();
    },
  };
}
