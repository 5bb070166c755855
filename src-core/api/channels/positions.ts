// Positions channel: one row per pair that holds (or is about to hold, or is leaving) a position,
// and the account totals above them, computed by the core from memory (the ledger's pair rows,
// the live venue positions, the market view, the balances and the exit evaluation).
// Two kinds of money cross here, and the names say which: ledger facts (funding paid, fees,
// realized PnL, balances) are exact decimal strings; anything valued at a mark price (price PnL of
// an open leg, notional, delta in USD, net PnL including it) is a float estimate named *Usd and
// described as an estimate. Unknown is null, never 0 (a delta nobody measured is not "balanced").
import { z } from 'zod';
import { DECIMAL_RE } from '../../domain/decimal';
import { PAIR_STATES, POSITION_SIDES, VENUES } from '../../domain/enums';
import { EXIT_RULES, EXIT_UNITS } from '../../strategy/exits/types';
import { BREAK_EVEN_STATES } from '../break-even';

export { BREAK_EVEN_MAX_HOURS, BREAK_EVEN_STATES, type BreakEvenState } from '../break-even';

const venue = z.enum(VENUES);
const pairSeq = z.number().int().nonnegative().describe('the pair sequence number (0 is a valid pair)');
const timeMs = z.number().int().nonnegative();
const decimal = z.string().regex(DECIMAL_RE);
const num = z.number().finite();
const estimateUsd = num.nullable().describe('float estimate in USD at the current mark (analytics, not a ledger fact)');

export const positionLegSchema = z.strictObject({
  venue,
  positionSide: z.enum(POSITION_SIDES),
  sizeBase: decimal.describe('the ledger\'s open size of this leg, unsigned'),
  liveSizeBase: decimal.nullable().describe('the venue\'s signed position as last seen (stream or read); null = unknown'),
  entryPrice: decimal.nullable().describe('average entry price of the open size (ledger)'),
  markPrice: num.nullable().describe('venue mark (position) or book mid'),
  notionalUsd: estimateUsd,
  pricePnlUsd: estimateUsd.describe('unrealized price PnL of the open size at the mark'),
  liquidationPrice: num.nullable(),
  liquidationDistanceFraction: num.nullable().describe('how far the mark may move against the leg before its liquidation price, as a fraction of the mark; null when the venue gives no liquidation price'),
});
export type PositionLeg = z.infer<typeof positionLegSchema>;

export const nearestExitSchema = z.strictObject({
  rule: z.enum(EXIT_RULES),
  fired: z.boolean(),
  /** Fired, but a hold rule (min-hold) keeps the pair open until it lets go. */
  held: z.boolean(),
  observed: num.nullable(),
  threshold: num.nullable(),
  unit: z.enum(EXIT_UNITS),
  why: z.string(),
  /** |observed − threshold| / |threshold|: 0 = at the threshold; null for a fired rule. */
  distanceFraction: num.nullable(),
});
export type NearestExit = z.infer<typeof nearestExitSchema>;

export const positionRowSchema = z.strictObject({
  pairSeq,
  symbol: z.string(),
  state: z.enum(PAIR_STATES),
  longVenue: venue,
  shortVenue: venue,
  sizeBase: decimal.describe('the long leg\'s open size (ledger), unsigned'),
  sizeUsd: estimateUsd.describe('the long leg\'s notional at its mark'),
  long: positionLegSchema,
  short: positionLegSchema,
  deltaBase: decimal.nullable().describe('long + short live venue positions (signed); null when either venue\'s position is unknown'),
  deltaUsd: estimateUsd,
  realizedPnlUsd: decimal.describe('price PnL realized by reducing fills (ledger)'),
  pricePnlUsd: estimateUsd.describe('realized plus unrealized price PnL at the marks'),
  fundingUsd: decimal.describe('funding received minus paid (ledger)'),
  feesUsd: decimal.describe('trading fees paid, negative = rebate (ledger)'),
  ledgerNetUsd: decimal.describe('realized − fees + funding (ledger; excludes the open legs\' price PnL)'),
  netPnlUsd: estimateUsd.describe('price PnL at the marks + funding − fees'),
  hoursHeld: num.nullable(),
  breakEven: z.strictObject({
    state: z.enum(BREAK_EVEN_STATES),
    costUsd: num.describe('trading fees paid so far (the ledger\'s fees as a float)'),
    paidBackFraction: num.nullable().describe('funding received / cost (may exceed 1)'),
    hoursLeft: num.nullable().describe('at the current carry; null when paid back, never or unknown'),
  }),
  currentNetApy: num.nullable(),
  entryNetApy: num.nullable(),
  hourlyCarryUsd: estimateUsd.describe('the current net rate on the long leg\'s notional'),
  nextSettlementMs: timeMs.nullable(),
  nearestExit: nearestExitSchema.nullable(),
  openedAtMs: timeMs.nullable(),
});
export type PositionRow = z.infer<typeof positionRowSchema>;

export const venueTotalsSchema = z.strictObject({
  venue,
  equityUsd: decimal.nullable().describe('the venue\'s equity (exact); null when the last read failed'),
  freeMarginUsd: decimal.nullable(),
  exposureUsd: estimateUsd.describe('sum of this venue\'s legs\' notionals at the mark'),
});

export const positionsOverviewSchema = z.strictObject({
  computedAtMs: timeMs,
  rows: z.array(positionRowSchema),
  totals: z.strictObject({
    venues: z.array(venueTotalsSchema),
    equityUsd: decimal.nullable().describe('sum over venues; null when any is unknown'),
    freeMarginUsd: decimal.nullable(),
    exposureUsd: estimateUsd,
    fundingTodayUsd: decimal.describe('funding of the pairs settled since 00:00 UTC today (exact)'),
    /** Start of the UTC day the funding figure covers. */
    dayStartMs: timeMs,
  }),
});
export type PositionsOverview = z.infer<typeof positionsOverviewSchema>;

export const positionsChannels = {
  queries: {
    'positions.overview': { input: z.strictObject({}).optional(), output: positionsOverviewSchema },
  },
  commands: {},
  events: {
    /** The overview changed (at most twice a second; only when something in it changed). */
    'positions.update': positionsOverviewSchema,
  },
} as const;
