// The one way a screen sends a command: the answer comes back as the contract's Result, and a
// failure (typed error, or a transport that threw) becomes an error toast with what was tried.
import { useCallback } from 'react';
import type { Result } from '../../../src-core/api/envelope';
import type { CommandInput, CommandName, CommandOutput } from '../../../src-core/api/contract';
import { useApi } from './context';
import { useToastStore } from '../store/ui-toasts';

export type RunCommand = <N extends CommandName>(
  channel: N,
  input: CommandInput<N>,
  /** What the trader asked for, shown as the toast's title on failure ("Close BTC #3"). */
  what: string,
  /** Shown as a success toast when given. */
  done?: string,
) => Promise<Result<CommandOutput<N>>>;

export function useCommand(): RunCommand {
  const api = useApi();
  const push = useToastStore((s) => s.push);
  return useCallback<RunCommand>(
    async (channel, input, what, done) => {
      let r: Result<CommandOutput<typeof channel>>;
      try {
        r = await api.command(channel, input);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        push({ kind: 'error', title: what, message: `no answer from the core: ${message}`, code: 'UNAVAILABLE' });
        return { ok: false, error: { code: 'UNAVAILABLE', message } };
      }
      if (!r.ok) {
        const issues = r.error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
        push({ kind: 'error', title: what, message: issues ? `${r.error.message} (${issues})` : r.error.message, code: r.error.code });
      } else if (done !== undefined) push({ kind: 'success', title: what, message: done });
      return r;
    },
    [api, push],
  ) as RunCommand;
}
