// A handler file serves one contract channel (api/channels/<name>.ts): its queries and commands,
// typed from that channel's module so a channel that gains a query fails here, not at runtime.
import type { Handlers } from '../../api/dispatcher';
import type { CommandName, QueryName } from '../../api/contract';
import { ApiFailure } from '../../api/envelope';

interface ChannelModule {
  readonly queries: object;
  readonly commands: object;
}

export interface ChannelHandlers<M extends ChannelModule> {
  readonly queries: Pick<Handlers['queries'], keyof M['queries'] & QueryName>;
  readonly commands: Pick<Handlers['commands'], keyof M['commands'] & CommandName>;
}

/** The venue runtime (market data, screener, health) when it runs; else the typed UNAVAILABLE. */
export function requireRuntime<T>(runtime: () => T | null): T {
  const rt = runtime();
  if (rt === null) throw new ApiFailure('UNAVAILABLE', 'market data is not running');
  return rt;
}
