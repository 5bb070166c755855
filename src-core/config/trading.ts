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
    // ---- entry execution (v3) ----
    autoEntry: z.boolean().describe('open the best passing opportunity automatically while ACTIVE; off = the trader opens pairs by hand'),
    maxNotionalPerVenueUsd: z.number().positive().max(100_000_000).describe('open notional allowed on one venue across all pairs'),
    maxNotionalPerSymbolUsd: z.number().positive().max(100_000_000).describe('open notional allowed in one symbol (one leg) across all pairs'),
    makerMaxRepriceCount: z.number().int().min(0).max(50).describe('times the resting maker leg may be moved after the book moves away, within makerTimeoutMs'),
    // The upstream bot's escalation could never fire with its shipped settings (reference-upstream
    // §13 B1): here the maker budget ends in a taker IOC inside maxSlippageBps unless this is 'abort'.
    makerBudgetExhausted: z.enum(['escalate-taker', 'abort']).describe('what the entry does when the maker leg\'s time or reprices run out'),
    // Hedge ladder (upstream defaults §2.7: 0.10 % + 0.05 % per attempt, capped at 0.30 %). The cap
    // may exceed maxSlippageBps: the hedge exists so no leg stays naked, and the alternative to a
    // dearer hedge is a rollback, which pays a full round trip.
    hedgeSlippageStartBps: z.number().min(0).max(1_000).describe('hedge IOC price limit beyond the touch on its first attempt'),
    hedgeSlippageStepBps: z.number().min(0).max(1_000).describe('added to the hedge limit on each further attempt'),
    hedgeSlippageCapBps: z.number().min(0).max(1_000).describe('the hedge limit never goes beyond this'),
    hedgeMaxAttemptCount: z.number().int().min(1).max(20).describe('IOC attempts per hedge before the unhedged quantity is rolled back'),
    hedgeAttemptTimeoutMs: z.number().int().min(100).max(60_000).describe('how long an IOC usually takes to report its end: a slower one is logged and waited for, and the rollback keeps this much of the entry deadline'),
    rollbackSlippageBps: z.number().min(0).max(1_000).describe('price limit of the reduce-only IOC that closes an unhedged quantity'),
    entryDeadlineMs: z.number().int().min(5_000).max(3_600_000).describe('one deadline for a pair\'s whole entry, maker leg, hedge and rollback included'),
    deadManCountdownMs: z.number().int().min(5_000).max(3_600_000).describe('venue dead-man countdown while a maker order of ours rests (renewed at a third of it)'),
    // In-flight order checks (NautilusTrader's live defaults: 2 s interval, 5 s threshold, 5 retries).
    inFlightCheckIntervalMs: z.number().int().min(100).max(60_000).describe('how often an order whose outcome is unknown is queried'),
    inFlightThresholdMs: z.number().int().min(100).max(120_000).describe('how long after a send before the first query of an unresolved order'),
    inFlightMaxRetryCount: z.number().int().min(1).max(100).describe('not-found answers (past the venue grace window) before an order is lost and handed to reconciliation'),
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
  autoEntry: true,
  // Safety nets against a fat-fingered notional, not sizing: entries beyond them are refused
  // with the limit named (not a cross-field error, so raising the notional alone stays one edit).
  maxNotionalPerVenueUsd: 25_000,
  maxNotionalPerSymbolUsd: 10_000,
  makerMaxRepriceCount: 5,
  makerBudgetExhausted: 'escalate-taker',
  hedgeSlippageStartBps: 10,
  hedgeSlippageStepBps: 5,
  hedgeSlippageCapBps: 30,
  hedgeMaxAttemptCount: 3,
  // Upstream waits 8 s for an X10 hedge IOC (§2.7); an IOC ends at once on both venues, so 8 s is
  // only the bound on a slow reply or stream.
  hedgeAttemptTimeoutMs: 8_000,
  // Upstream rolls back at taker_close_slippage 1 % (§2.8).
  rollbackSlippageBps: 100,
  entryDeadlineMs: 120_000,
  deadManCountdownMs: 60_000,
  inFlightCheckIntervalMs: 2_000,
  inFlightThresholdMs: 5_000,
  inFlightMaxRetryCount: 5,
};
