// Pairs channels: the ledger's pairs, their orders, fills and funding, the entry attempts, a
// preview of what opening a pair would cost now, and the commands to open one or cancel an entry
// in progress. Money crosses as exact decimal strings (the ledger's own text, never a float);
// rates, APY and cost estimates in bps are floats (analytics).
import { z } from 'zod';
import { ORDER_PURPOSES } from '../../domain/client-order-id';
import { compareDecimal, DECIMAL_RE, numberToDecimal, signDecimal } from '../../domain/decimal';
import { ATTEMPT_OUTCOMES, ATTEMPT_TRIGGERS, ORDER_STATES, PAIR_STATES, POSITION_SIDES, SIDES, TIME_IN_FORCE, VENUES } from '../../domain/enums';
import { tradingSettingsSchema } from '../../config/trading';

/** Canonical symbols (domain/venue.ts: the base asset as both venues list it, e.g. "1000PEPE"). */
export const SYMBOL_RE = /^[A-Z0-9]{1,20}$/;
/** Longest money string a caller may send; far beyond any venue's precision. */
export const MAX_DECIMAL_INPUT_LENGTH = 40;

const venue = z.enum(VENUES);
const side = z.enum(SIDES);
const symbol = z.string().regex(SYMBOL_RE, 'must be 1–20 capital letters or digits');
const pairSeq = z.number().int().nonnegative().describe('the pair sequence number (0 is a valid pair)');
const timeMs = z.number().int().nonnegative();
const leg = z.union([z.literal(0), z.literal(1)]);
/** An exact decimal string in the repo's format (domain/decimal.ts DECIMAL_RE). */
const decimal = z.string().regex(DECIMAL_RE, 'must be an exact decimal string such as "12.50"');

const notionalMaxUsd = tradingSettingsSchema.shape.notionalPerPairUsd.maxValue;

/** A leg's notional from the caller: positive, exact, at most what the settings allow per pair.
 *  One check in order: zod runs every check of a string even after one failed, and the decimal
 *  math must only ever see a string the pattern accepted (it throws on anything else). */
const notionalUsdInput = z
  .string()
  .superRefine((s, ctx) => {
    if (s.length > MAX_DECIMAL_INPUT_LENGTH) ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_DECIMAL_INPUT_LENGTH} characters` });
    else if (!DECIMAL_RE.test(s)) ctx.addIssue({ code: 'custom', message: 'must be an exact decimal string such as "350"' });
    else if (signDecimal(s) <= 0) ctx.addIssue({ code: 'custom', message: 'must be positive' });
    else if (notionalMaxUsd !== null && compareDecimal(s, numberToDecimal(notionalMaxUsd)) > 0) ctx.addIssue({ code: 'custom', message: `must be at most ${notionalMaxUsd}` });
  })
  .describe('notional of each leg in USD; absent = settings.trading.notionalPerPairUsd');

/** The venues of a pair: two different ones. */
function distinctVenues(v: { longVenue: string; shortVenue: string }, ctx: z.RefinementCtx): void {
  if (v.longVenue === v.shortVenue) ctx.addIssue({ code: 'custom', path: ['shortVenue'], message: 'shortVenue must differ from longVenue' });
}

export const pairRequestSchema = z
  .strictObject({ symbol, longVenue: venue, shortVenue: venue, notionalUsd: notionalUsdInput.optional() })
  .superRefine(distinctVenues);

const pairSeqInput = z.strictObject({ pairSeq });

/** Exact PnL of a pair or a leg. net = realized − fees + received − paid. */
export const pnlSummarySchema = z.strictObject({
  realizedPnlUsd: decimal.describe('price PnL realized by reducing fills, before fees'),
  fundingReceivedUsd: decimal.describe('sum of funding payments received (≥ 0)'),
  fundingPaidUsd: decimal.describe('sum of funding payments paid, as a positive amount (≥ 0)'),
  feesUsd: decimal.describe('trading fees paid (negative = net rebate)'),
  netUsd: decimal,
});

const legSummarySchema = z.strictObject({
  leg,
  venue,
  positionSide: z.enum(POSITION_SIDES),
  filledSize: decimal.describe('sum of the fills that opened this leg (buys of a long, sells of a short)'),
  positionSize: decimal.describe('signed open size from the fills: positive long, negative short, "0" flat'),
});

export const pairRowSchema = z.strictObject({
  pairSeq,
  symbol: z.string(),
  longVenue: venue,
  shortVenue: venue,
  state: z.enum(PAIR_STATES),
  targetSize: decimal,
  /** The legs recorded so far (a pair whose hedge leg has no intent yet has one). */
  legs: z.array(legSummarySchema).max(2),
  entryLongHourlyRate: z.number().nullable(),
  entryShortHourlyRate: z.number().nullable(),
  entryApy: z.number().nullable(),
  createdAtMs: timeMs,
  openedAtMs: timeMs.nullable(),
  closedAtMs: timeMs.nullable(),
  closeReason: z.string().nullable(),
  pnl: pnlSummarySchema,
});
export type PairRow = z.infer<typeof pairRowSchema>;

const legDetailSchema = legSummarySchema.extend({
  costBasisUsd: decimal,
  avgEntryPrice: decimal.nullable(),
  fillCount: z.number().int().nonnegative(),
  pnl: pnlSummarySchema,
});

const orderSchema = z.strictObject({
  intentId: z.number().int().nonnegative(),
  clientOrderId: z.string(),
  leg,
  purpose: z.enum(ORDER_PURPOSES),
  attempt: z.number().int().nonnegative(),
  venue,
  symbol: z.string(),
  side,
  size: decimal,
  price: decimal,
  tif: z.enum(TIME_IN_FORCE),
  reduceOnly: z.boolean(),
  txHash: z.string().nullable(),
  createdAtMs: timeMs,
  state: z.enum(ORDER_STATES),
  venueOrderId: z.string().nullable(),
  filledSize: decimal,
  rejectReason: z.string().nullable(),
  endReason: z.string().nullable(),
  updatedAtMs: timeMs,
});

const fillSchema = z.strictObject({
  venue,
  venueFillId: z.string(),
  venueOrderId: z.string(),
  clientOrderId: z.string().nullable(),
  intentId: z.number().int().nonnegative(),
  leg,
  side,
  size: decimal,
  price: decimal,
  feeUsd: decimal.describe('positive = paid, negative = rebate'),
  isMaker: z.boolean(),
  timeMs,
});

const fundingSchema = z.strictObject({
  venue,
  /** The pair's leg on that venue (null only if the payment names neither of the pair's venues). */
  leg: leg.nullable(),
  venuePaymentId: z.string(),
  settlementTimeMs: timeMs,
  cashUsd: decimal.describe('positive = received'),
  hourlyRate: z.number().nullable(),
  positionSide: z.enum(POSITION_SIDES),
  positionSize: decimal,
  markPrice: z.number().nullable(),
});

export const pairDetailSchema = z.strictObject({
  pair: pairRowSchema,
  legs: z.array(legDetailSchema).max(2),
  orders: z.array(orderSchema),
  fills: z.array(fillSchema),
  funding: z.array(fundingSchema),
});

const rate = z.number().nullable().describe('signed hourly rate, long-pays-positive');
const estimateUsd = z.number().nullable().describe('float estimate in USD (analytics)');

const fundingAttributionRowSchema = z.strictObject({
  settlementTimeMs: timeMs,
  venue,
  positionSide: z.enum(POSITION_SIDES),
  positionSize: decimal,
  markPrice: z.number().nullable(),
  entryHourlyRate: rate.describe('the leg\'s rate when the pair was entered'),
  hourBeforeHourlyRate: rate.describe('the venue\'s first prediction for this settlement'),
  lastPredictedHourlyRate: rate.describe('the venue\'s last prediction before it'),
  settledHourlyRate: rate,
  paymentUsd: decimal.describe('exact, positive = received'),
  expectedAtEntryUsd: estimateUsd,
  expectedHourBeforeUsd: estimateUsd,
  differenceVsEntryUsd: estimateUsd.describe('payment − expected at entry: negative = less came than the screener promised'),
});

export const fundingAttributionSchema = z.strictObject({
  rows: z.array(fundingAttributionRowSchema),
  realizedCarryUsd: decimal.describe('exact sum of the payments'),
  promisedCarryUsd: estimateUsd.describe('what the entry rates would have paid on the same sizes and marks'),
  realizedToPromisedRatio: z.number().nullable(),
});

export const attemptSchema = z.strictObject({
  attemptId: z.number().int().nonnegative(),
  triggeredBy: z.enum(ATTEMPT_TRIGGERS),
  symbol: z.string(),
  longVenue: venue,
  shortVenue: venue,
  outcome: z.enum(ATTEMPT_OUTCOMES),
  reason: z.string().nullable(),
  pairSeq: pairSeq.nullable(),
  startedAtMs: timeMs,
  finishedAtMs: timeMs.nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

/** pairs.attempts: at most this many rows per call (default ATTEMPTS_DEFAULT_LIMIT). */
export const ATTEMPTS_MAX_LIMIT = 500;
export const ATTEMPTS_DEFAULT_LIMIT = 50;

const previewLegSchema = z.strictObject({
  venue,
  side,
  role: z.enum(['maker', 'taker']),
  price: decimal.describe('the limit price the entry would send, on the market tick'),
  notionalUsd: decimal,
  feeBps: z.number(),
  feeUsd: decimal,
  marginUsd: decimal.describe('notional / settings.trading.leverageMultiple, to the cent (rounded up): the margin this leg uses'),
});

export const pairPreviewSchema = z.strictObject({
  symbol: z.string(),
  longVenue: venue,
  shortVenue: venue,
  notionalUsd: decimal,
  size: decimal.describe('base size of each leg: a multiple of both markets\' steps'),
  long: previewLegSchema,
  short: previewLegSchema,
  entryCostBps: z.number(),
  entryCostUsd: decimal.describe('fees plus expected slippage of opening now'),
  exitCostBps: z.number(),
  exitCostUsd: decimal.describe('expected fees plus slippage of closing later at today\'s books'),
  netHourlyRate: z.number().describe('short leg\'s hourly rate − long leg\'s, re-read now: what the pair earns per hour per USD of a leg'),
  breakevenHours: z.number().nonnegative().nullable().describe('(entry + exit cost) / (net hourly rate × notional); null = the spread pays nothing now (never)'),
  leverage: z.number().positive().describe('settings.trading.leverageMultiple the margin is counted at'),
  marginUsedUsd: decimal.describe('both legs\' margin'),
  computedAtMs: timeMs,
});
export type PairPreview = z.infer<typeof pairPreviewSchema>;

export const orderUpdateSchema = z.strictObject({
  intentId: z.number().int().nonnegative(),
  pairSeq,
  leg,
  purpose: z.enum(ORDER_PURPOSES),
  attempt: z.number().int().nonnegative(),
  venue,
  symbol,
  side,
  size: decimal,
  price: decimal,
  state: z.enum(ORDER_STATES),
  filledSize: decimal,
  atMs: timeMs,
});

export const fillNewSchema = z.strictObject({
  venue,
  venueFillId: z.string(),
  symbol,
  side,
  size: decimal,
  price: decimal,
  feeUsd: decimal,
  isMaker: z.boolean(),
  pairSeq,
  leg,
  timeMs,
});
export type FillNew = z.infer<typeof fillNewSchema>;

export const pairsChannels = {
  queries: {
    'pairs.list': { input: z.strictObject({}).optional(), output: z.strictObject({ pairs: z.array(pairRowSchema) }) },
    'pairs.detail': { input: pairSeqInput, output: pairDetailSchema },
    'pairs.attempts': {
      input: z.strictObject({ limit: z.number().int().min(1).max(ATTEMPTS_MAX_LIMIT).optional() }).optional(),
      output: z.strictObject({ attempts: z.array(attemptSchema).max(ATTEMPTS_MAX_LIMIT) }),
    },
    'pairs.preview': { input: pairRequestSchema, output: pairPreviewSchema },
    /** Per settlement: promised, predicted and settled rates against the payment (ledger/funding-report.ts). */
    'pairs.funding': { input: pairSeqInput, output: fundingAttributionSchema },
  },
  commands: {
    'pairs.open': { input: pairRequestSchema, output: z.strictObject({ attemptId: z.number().int().nonnegative() }) },
    'pairs.cancelEntry': { input: pairSeqInput, output: z.strictObject({ pairSeq, state: z.enum(PAIR_STATES) }) },
  },
  events: {
    /** A pair's row changed (state, fills, funding or PnL). */
    'pairs.update': pairRowSchema,
    'orders.update': orderUpdateSchema,
    /** A fill of ours (tied to an intent of a pair). */
    'fills.new': fillNewSchema,
  },
} as const;
