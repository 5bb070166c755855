// One dispatcher serves both transports. It validates input on receipt and output before
// sending, and never throws: every failure becomes a typed error Result.
import type { z } from 'zod';
import { ApiFailure, err, ok, type Result } from './envelope';
import {
  contract,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type QueryInput,
  type QueryName,
  type QueryOutput,
} from './contract';
import type { CallKind } from './raw-api';
import type { Logger } from '../telemetry/log';

export type Handlers = {
  readonly queries: { readonly [N in QueryName]: (input: QueryInput<N>) => QueryOutput<N> | Promise<QueryOutput<N>> };
  readonly commands: {
    readonly [N in CommandName]: (input: CommandInput<N>) => CommandOutput<N> | Promise<CommandOutput<N>>;
  };
};

export interface Dispatcher {
  call(kind: CallKind, channel: string, payload: unknown): Promise<Result<unknown>>;
}

/** Issues with dotted paths; an unknown key is named in full ("screener.__proto__"), so the
 *  caller sees which key was refused, not just where. */
function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => {
    const path = i.path.map(String).join('.');
    if (i.code !== 'unrecognized_keys') return { path, message: i.message };
    return { path, message: `unknown key ${i.keys.map((k) => `"${path === '' ? k : `${path}.${k}`}"`).join(', ')}` };
  });
}

export function createDispatcher(handlers: Handlers, log?: Logger): Dispatcher {
  const table = {
    query: { defs: contract.queries as Record<string, { input: z.ZodType; output: z.ZodType }>, fns: handlers.queries },
    command: { defs: contract.commands as Record<string, { input: z.ZodType; output: z.ZodType }>, fns: handlers.commands },
  } as const;

  return {
    async call(kind, channel, payload) {
      const side = kind === 'query' || kind === 'command' ? table[kind] : undefined;
      if (side === undefined) return err('BAD_REQUEST', 'kind must be "query" or "command"');
      if (typeof channel !== 'string' || !Object.hasOwn(side.defs, channel)) {
        return err('UNKNOWN_CHANNEL', `unknown ${kind} channel ${JSON.stringify(String(channel)).slice(0, 140)}`);
      }
      const def = side.defs[channel]!;
      const input = def.input.safeParse(payload);
      if (!input.success) return err('VALIDATION', `invalid payload for ${channel}`, issuesOf(input.error));
      const fn = (side.fns as Record<string, (i: unknown) => unknown>)[channel]!;
      let value: unknown;
      try {
        value = await fn(input.data);
      } catch (e) {
        if (e instanceof ApiFailure) return err(e.code, e.message, e.issues);
        log?.error('handler failed', { channel, error: e instanceof Error ? e.message : String(e) });
        return err('INTERNAL', `${channel} failed`);
      }
      const output = def.output.safeParse(value);
      if (!output.success) {
        // A handler bug must not leak a wrong shape to the UI: report it, send a typed error.
        log?.error('handler returned an invalid shape', { channel, issues: issuesOf(output.error) });
        return err('INTERNAL', `${channel} produced an invalid result`);
      }
      return ok(output.data);
    },
  };
}
