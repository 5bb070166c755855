// Flatten all: close every open pair at once, in two steps. The query lists the pairs a flatten
// would close now (what the trader is shown); the command needs `confirm: true` and the pair
// sequences of that list, and is refused (CONFLICT, nothing closed) when the open pairs have
// changed since, so a flatten never closes a pair the trader did not see listed.
import { z } from 'zod';
import { PAIR_STATES, TRADING_STATES } from '../../domain/enums';
import { pairRowSchema } from './pairs';

const pairSeq = z.number().int().nonnegative().describe('the pair sequence number (0 is a valid pair)');
/** More than any maxOpenPairs the settings allow (100): a longer list is not a list of ours. */
export const FLATTEN_MAX_PAIRS = 200;

export const flattenRequestSchema = z.strictObject({
  confirm: z.literal(true, { message: 'flattening every pair must be confirmed (confirm: true)' }),
  pairSeqs: z.array(pairSeq).max(FLATTEN_MAX_PAIRS).describe('the pairs the trader was shown (pairs.closeAllPreview), in any order'),
});

export const flattenChannels = {
  queries: {
    /** The pairs that hold or may hold a position (the closer's states), by pair sequence. */
    'pairs.closeAllPreview': { input: z.strictObject({}).optional(), output: z.strictObject({ pairs: z.array(pairRowSchema) }) },
  },
  commands: {
    /** Starts a close of every listed pair (maker first) after moving trading to REDUCING;
     *  answers with the pairs whose close started, the outcome arrives as pairs.update. */
    'pairs.closeAll': {
      input: flattenRequestSchema,
      output: z.strictObject({
        closing: z.array(z.strictObject({ pairSeq, symbol: z.string(), state: z.enum(PAIR_STATES) })),
        tradingState: z.enum(TRADING_STATES),
      }),
    },
  },
  events: {},
} as const;
