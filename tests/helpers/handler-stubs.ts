// Handlers for every channel of the contract, each answering UNAVAILABLE, with the ones under
// test laid over them: a test of one channel's handlers then does not list (and need editing
// for) every other channel the contract gains.
import type { Handlers } from '../../src-core/api/dispatcher';
import { commandNames, queryNames } from '../../src-core/api/contract';
import { ApiFailure } from '../../src-core/api/envelope';

export function stubHandlers(
  overrides: { queries?: Partial<Handlers['queries']>; commands?: Partial<Handlers['commands']> },
  message = 'not under test',
): Handlers {
  const unavailable = (): never => {
    throw new ApiFailure('UNAVAILABLE', message);
  };
  return {
    queries: { ...Object.fromEntries(queryNames.map((n) => [n, unavailable])), ...overrides.queries } as Handlers['queries'],
    commands: { ...Object.fromEntries(commandNames.map((n) => [n, unavailable])), ...overrides.commands } as Handlers['commands'],
  };
}
