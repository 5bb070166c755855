import { z } from 'zod';
import { TRADING_STATES } from '../../domain/enums';
import { plainText } from '../../config/text';

export const tradingStateSchema = z.enum(TRADING_STATES);

const tradingStateView = z.object({
  state: tradingStateSchema,
  reason: z.string(),
  changedAtMs: z.number(),
});

export const tradingChannels = {
  queries: {
    'trading.state.get': { input: z.object({}).strict().optional(), output: tradingStateView },
  },
  commands: {
    'trading.state.set': {
      input: z.object({ state: tradingStateSchema, reason: plainText(1, 200) }).strict(),
      output: tradingStateView,
    },
  },
  events: {
    'trading.state.changed': tradingStateView,
  },
} as const;
