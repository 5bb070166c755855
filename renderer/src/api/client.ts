// The renderer's one typed client. Channel names and payload types come from the contract, so a
// renamed channel or a changed field is a compile error here, not a runtime surprise.
import type { Result } from '../../../src-core/api/envelope';
import type {
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
  QueryInput,
  QueryName,
  QueryOutput,
} from '../../../src-core/api/contract';
import type { RawApi } from '../../../src-core/api/raw-api';

export interface ApiClient {
  query<N extends QueryName>(channel: N, input?: QueryInput<N>): Promise<Result<QueryOutput<N>>>;
  command<N extends CommandName>(channel: N, input: CommandInput<N>): Promise<Result<CommandOutput<N>>>;
  on<N extends EventName>(event: N, cb: (payload: EventPayload<N>) => void): () => void;
}

export function createClient(raw: RawApi): ApiClient {
  return {
    query: (channel, input) => raw.call('query', channel, input ?? {}) as never,
    command: (channel, input) => raw.call('command', channel, input) as never,
    on: (event, cb) => raw.on(event, cb as (p: unknown) => void),
  };
}
