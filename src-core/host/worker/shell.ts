// What the Electron shell (main/) uses of the core, now that the core runs in a worker thread
// (host/worker/proxy.ts): every call is a message, so what was synchronous on an in-process Core
// is a promise here, except the trading state, which the proxy keeps current from the core's
// own `trading.state.changed` events. An in-process Core fits the shapes main's modules accept
// (they take `Awaitable` answers), so their tests can run on a real core in the test process.
import type { Dispatcher } from '../../api/dispatcher';
import type { EventHub } from '../../api/events';
import type { Result } from '../../api/envelope';
import type { TradingState } from '../../domain/venue';
import type { TradingStateRecord } from '../../store/trading-state-repo';
import type { Exposure } from '../exposure-count';

export type Awaitable<T> = T | Promise<T>;

export interface CoreShell {
  readonly dispatcher: Pick<Dispatcher, 'call'>;
  readonly events: Pick<EventHub, 'subscribe' | 'subscribeAll'>;
  /** The last trading state the core announced (ready message, then every change). */
  tradingState(): TradingStateRecord;
  /** Open pairs and orders in flight, from the ledger. Rejects when the core is not running. */
  exposure(): Promise<Exposure>;
  /** An automatic guard's request (core.ts tighten); never rejects: a dead core is an error Result. */
  tighten(state: TradingState, reason: string): Promise<Result<TradingStateRecord | null>>;
  /** OS sleep and wake (host/power-resume.ts), forwarded from powerMonitor. */
  readonly power: { suspend(): void; resume(): Promise<unknown> };
  /** The embedded simulator's fault endpoint and token (host/sim-cli.ts), for the terminal. */
  readonly simulatorLines: readonly string[];
  /** Orderly and idempotent (core.ts close), then the worker ends. */
  close(): Promise<void>;
}
