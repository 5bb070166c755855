// The contract: every query, command and event with its zod schema. Adding a channel is one
// module under channels/ plus one line in CHANNEL_MODULES below; types follow by inference.
import type { z } from 'zod';
import { appChannels } from './channels/app';
import { settingsChannels } from './channels/settings';
import { tradingChannels } from './channels/trading';
import { screenerChannels } from './channels/screener';
import { healthChannels } from './channels/health';
import { pairsChannels } from './channels/pairs';
import { exitsChannels } from './channels/exits';
import { reconcileChannels } from './channels/reconcile';
import { noticesChannels } from './channels/notices';
import { historyChannels } from './channels/history';
import { keysChannels } from './channels/keys';
import { liveChannels } from './channels/live';
import { positionsChannels } from './channels/positions';
import { flattenChannels } from './channels/flatten';

interface ChannelModule {
  readonly queries: Record<string, { readonly input: z.ZodType; readonly output: z.ZodType }>;
  readonly commands: Record<string, { readonly input: z.ZodType; readonly output: z.ZodType }>;
  readonly events: Record<string, z.ZodType>;
}

type Merge<M extends readonly ChannelModule[], K extends keyof ChannelModule> = M extends readonly [
  infer H extends ChannelModule,
  ...infer T extends readonly ChannelModule[],
]
  ? H[K] & Merge<T, K>
  : unknown;

const CHANNEL_MODULES = [appChannels, settingsChannels, tradingChannels, screenerChannels, healthChannels, pairsChannels, exitsChannels, reconcileChannels, noticesChannels, historyChannels, keysChannels, liveChannels, positionsChannels, flattenChannels] as const;

type Modules = typeof CHANNEL_MODULES;

function mergeKind<K extends keyof ChannelModule>(kind: K): Merge<Modules, K> {
  const out: Record<string, unknown> = {};
  for (const m of CHANNEL_MODULES) {
    for (const [name, def] of Object.entries(m[kind])) {
      if (name in out) throw new Error(`duplicate ${kind} channel ${name}`);
      out[name] = def;
    }
  }
  return out as unknown as Merge<Modules, K>;
}

export const contract = {
  queries: mergeKind('queries'),
  commands: mergeKind('commands'),
  events: mergeKind('events'),
};

export type Contract = typeof contract;
export type QueryName = keyof Contract['queries'] & string;
export type CommandName = keyof Contract['commands'] & string;
export type EventName = keyof Contract['events'] & string;

type Def<K extends 'queries' | 'commands', N> = N extends keyof Contract[K] ? Contract[K][N] : never;

export type QueryInput<N extends QueryName> = z.input<Def<'queries', N>['input']>;
export type QueryOutput<N extends QueryName> = z.output<Def<'queries', N>['output']>;
export type CommandInput<N extends CommandName> = z.input<Def<'commands', N>['input']>;
export type CommandOutput<N extends CommandName> = z.output<Def<'commands', N>['output']>;
export type EventPayload<N extends EventName> = z.output<Contract['events'][N]>;

export const queryNames = Object.keys(contract.queries) as QueryName[];
export const commandNames = Object.keys(contract.commands) as CommandName[];
export const eventNames = Object.keys(contract.events) as EventName[];
