// Trading parameters: how big a pair is, how many, how it is entered and what must stay free.
// One section, read by the screener now (through screenerParams) and by the executor and the
// risk checks later, so the opportunity the screener shows is sized and costed exactly as the
// executor would trade it. A parameter belongs here when placing or refusing an order depends on
// it; the screener section keeps only the entry-gate thresholds and the model behind them.
// Defaults are the Python bot's shipped YAML (reference-upstream §8) unless a comment says why not.
import { z } from 'zod';
import { VENUES } from '../domain/venue';

export const tradingSettingsSchema = z
  .object({
    notionalPerPairUsd: z
      .number()
      .positive()
      .max(10_000_000)
      .describe('notional of each leg: the pair is this much long on one venue and this much short on the other'),
    maxOpenPairs: z.number().int().min(0).max(100).describe('pairs open at once; 0 = enter nothing'),
    leverageMultiple: z.number().min(1).max(50).describe('leverage used to size the margin each leg needs (notional / leverage)'),
    makerVenue: z.enum(VENUES).describe('venue of the resting maker leg; the other venue takes the hedge'),
    makerTimeoutMs: z.number().int().min(1_000).max(600_000).describe('how long the maker leg may rest before it is cancelled'),
    // One slippage budget: the screener's capacity is how much fits inside it, and the hedge may
    // not pay more than it. Two budgets would let the screener promise capacity the executor
    // then refuses (or the reverse). Upper bound kept from v1 so every stored v1 value upgrades.
    maxSlippageBps: z.number().min(0).max(1_000).describe('slippage budget when walking books: capacity and the hedge price limit'),
    // Executor and risk enforce these at order time; the screener only previews them as gates.
    cooldownMinutes: z.number().min(0).max(24 * 60).describe('wait after closing a symbol before entering it again'),
    minFreeMarginFraction: z.number().min(0).max(1).describe('share of each venue\'s available margin kept free after an entry'),
  })
  .strict();

export type TradingSettings = z.infer<typeof tradingSettingsSchema>;

export const tradingDefaults: TradingSettings = {
  notionalPerPairUsd: 350,
  maxOpenPairs: 1,
  leverageMultiple: 7,
  makerVenue: 'lighter',
  makerTimeoutMs: 30_000,
  // 15 bps is the YAML's depth-gate price impact (0.0015); its hedge IOC cap is 30 bps. The
  // tighter one is the budget: a hedge that needs more than the screener assumed is a worse trade.
  maxSlippageBps: 15,
  cooldownMinutes: 60,
  minFreeMarginFraction: 0.05,
};
