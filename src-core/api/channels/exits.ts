// Exit channels: per open pair, the exit-rule table (every rule in priority order with its current
// value, threshold, unit and why, and the decision), the commands that close or rebalance a pair,
// and the event sent when a rule fires. Rule values are analytics floats; a rule that could not
// be measured carries null with the why saying what is missing.
import { z } from 'zod';
import { PAIR_STATES } from '../../domain/enums';
import { EXIT_EFFECTS, EXIT_RULES, EXIT_UNITS, EXIT_URGENCIES } from '../../strategy/exits/types';

const pairSeq = z.number().int().nonnegative().describe('the pair sequence number (0 is a valid pair)');
const timeMs = z.number().int().nonnegative();
const num = z.number().finite();
const rule = z.enum(EXIT_RULES);
/** What the core does about a rule that fired: close the pair itself, or leave it to the trader. */
export const EXIT_ACTIONS = ['closing', 'advised'] as const;
/** How a close is asked for: maker first, or taker on both legs at once (ExitUrgency but 'none'). */
export const CLOSE_URGENCIES = ['normal', 'emergency'] as const satisfies readonly (typeof EXIT_URGENCIES)[number][];

export const exitRuleRowSchema = z.strictObject({
  rule,
  effect: z.enum(EXIT_EFFECTS),
  fired: z.boolean(),
  observed: num.nullable(),
  threshold: num.nullable(),
  unit: z.enum(EXIT_UNITS),
  why: z.string(),
});

export const exitDecisionSchema = z.strictObject({
  urgency: z.enum(EXIT_URGENCIES),
  rule: rule.nullable(),
  why: z.string(),
});

export const exitTableSchema = z.strictObject({
  pairSeq,
  symbol: z.string(),
  evaluatedAtMs: timeMs,
  decision: exitDecisionSchema,
  rules: z.array(exitRuleRowSchema),
  rebalanceAdvised: z.boolean(),
  ageHours: num,
  currentNetHourlyRate: num.nullable(),
  netPnlUsd: num.nullable(),
});
export type ExitTable = z.infer<typeof exitTableSchema>;

export const exitFiredSchema = z.strictObject({
  pairSeq,
  symbol: z.string(),
  rule,
  urgency: z.enum(CLOSE_URGENCIES),
  why: z.string(),
  observed: num.nullable(),
  threshold: num.nullable(),
  unit: z.enum(EXIT_UNITS),
  action: z.enum(EXIT_ACTIONS),
  atMs: timeMs,
});
export type ExitFired = z.infer<typeof exitFiredSchema>;

const pairSeqInput = z.strictObject({ pairSeq });

export const exitsChannels = {
  queries: {
    /** The exit rules of an open pair, evaluated now from the in-memory views (no venue call). */
    'pairs.exits': { input: pairSeqInput, output: exitTableSchema },
  },
  commands: {
    /** Closes both legs (maker first, or taker at once with urgency emergency); answers when the
     *  close was taken, the outcome arrives as pairs.update / orders.update / fills.new. */
    'pairs.close': {
      input: z.strictObject({ pairSeq, urgency: z.enum(CLOSE_URGENCIES).optional() }),
      output: z.strictObject({ pairSeq, state: z.enum(PAIR_STATES) }),
    },
    /** Trades the legs' difference on the larger leg, reduce-only, from live venue positions. */
    'pairs.rebalance': { input: pairSeqInput, output: z.strictObject({ pairSeq, state: z.enum(PAIR_STATES) }) },
  },
  events: {
    /** A close rule fired on an open pair (once per rule until it stops firing). */
    'pairs.exitFired': exitFiredSchema,
  },
} as const;
