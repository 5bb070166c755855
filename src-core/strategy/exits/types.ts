// The exit engine's input and output. The snapshot is everything the rules read about one open
// pair at one instant, built by the host from the ledger (sizes, entry, funding, fees), the
// market views (predicted rates, books → price PnL, exit cost, basis), the account stream (live
// positions), the risk board (broken hedge) and the screener (best alternative); the spread
// analytics are recomputed per settlement, so the per-second evaluation only reads. Units are in
// every name; money from the ledger stays exact (decimal strings), analytics are floats.
import type { VenueId } from '../../domain/venue';
import type { Position } from '../../venues/port';
import type { SpreadAnalytics } from './spread-analytics';
import type { SpreadSeries } from './spread-series';

/** Every rule, in priority order: the first that fires decides. Upstream order (reference-upstream
 *  §3.3) with the broken hedge first (upstream checked it before the rules, §3.1), the velocity
 *  rule's two conditions as two rows, and the ATR stop (never built upstream) among the trend rules. */
export const EXIT_RULES = [
  'broken-hedge',
  'liquidation-distance',
  'delta-bound',
  'catastrophic-flip',
  'early-take-profit',
  'early-edge',
  'min-hold',
  'max-hold',
  'funding-flip',
  'net-ev',
  'yield-cost',
  'basis-convergence',
  'funding-velocity',
  'funding-acceleration',
  'z-score',
  'atr-trailing-stop',
  'profit-target',
  'opportunity-cost',
] as const;
export type ExitRuleName = (typeof EXIT_RULES)[number];

/** How a pair is closed: 'emergency' takes liquidity on both legs at once, 'normal' closes maker
 *  first; 'none' keeps the pair open. */
export const EXIT_URGENCIES = ['emergency', 'normal', 'none'] as const;
export type ExitUrgency = (typeof EXIT_URGENCIES)[number];

/** What a rule does when it fires: close with that urgency, or hold (min-hold: every rule after
 *  it waits). */
export const EXIT_EFFECTS = ['emergency', 'normal', 'hold'] as const;
export type ExitEffect = (typeof EXIT_EFFECTS)[number];

export const EXIT_UNITS = ['apy', 'apy/hour', 'hourlyRate', 'usd', 'hours', 'fraction', 'sigma', ''] as const;
export type ExitUnit = (typeof EXIT_UNITS)[number];

export interface ExitRuleResult {
  readonly rule: ExitRuleName;
  readonly effect: ExitEffect;
  readonly fired: boolean;
  /** The value the rule judged; null when it could not be measured (the why says what is missing). */
  readonly observed: number | null;
  readonly threshold: number | null;
  readonly unit: ExitUnit;
  readonly why: string;
}

export interface ExitDecision {
  readonly urgency: ExitUrgency;
  /** The first rule that fired (min-hold when it holds the pair); null when none fired. */
  readonly rule: ExitRuleName | null;
  readonly why: string;
}

export interface ExitEvaluation {
  /** Every rule in priority order, fired or not, with its value and threshold. */
  readonly rules: readonly ExitRuleResult[];
  readonly decision: ExitDecision;
  /** The legs' net quantity is inside the rebalance band (below the delta bound). */
  readonly rebalanceAdvised: boolean;
  readonly ageHours: number;
  /** The spread the carry rules judged: predicted now, or the newest settled hour (hourlyRate). */
  readonly currentNetHourlyRate: number | null;
  /** Price PnL + funding − fees − exit cost: what closing now would bank (USD); null without books. */
  readonly netPnlUsd: number | null;
}

/** One leg as the ledger holds it (what the close will close; the rules judge the venues' live
 *  positions, not these: §13 B27 measured delta from the database). */
export interface ExitLeg {
  readonly venue: VenueId;
  /** Exact base quantity held by the leg (unsigned decimal string, from its fills). */
  readonly size: string;
  /** The leg's notional at its entry price (USD). */
  readonly notionalUsd: number;
}

/** The venue's own view of a leg, from the account stream: the exact signed size, the mark, and
 *  the liquidation price the venue computes under its own margin rules (cross margin over the
 *  whole account; null when the venue reports none, e.g. Lighter's 0). */
export type LivePosition = Pick<Position, 'size' | 'markPrice' | 'liquidationPrice'>;

export interface ExitSnapshot {
  /** The ledger's pair sequence (0 is a valid id). */
  readonly pairSeq: number;
  readonly symbol: string;
  readonly legs: { readonly long: ExitLeg; readonly short: ExitLeg };
  /** When the pair was entered (the hedge completed), ms. */
  readonly entryTimeMs: number;
  readonly nowMs: number;
  /** The net spread the pair was entered on (hourlyRate): the flip rules need a pair that earned. */
  readonly entryNetHourlyRate: number;
  /** Cross-venue basis at entry: (short-venue mid − long-venue mid) / long-venue mid (fraction); null if unknown. */
  readonly entryBasisFraction: number | null;
  /** Net funding the pair has received, exact USD from the ledger's funding payments (negative = paid). */
  readonly fundingUsd: string;
  /** Fees paid on the pair so far, exact USD from its fills (positive = paid). */
  readonly feesPaidUsd: string;
  /** Price PnL of both legs if closed now at the books (long sells into bids, short buys the asks,
   *  walked to size), USD; null when a book is missing or stale. */
  readonly pricePnlUsd: number | null;
  /** Estimated cost of a normal close now (fees and half spreads on both legs), USD; see costs.ts. */
  readonly exitCostUsd: number;
  /** Predicted funding for the current hour on each leg's venue (hourlyRate, long pays positive); null when unknown or refused. */
  readonly rates: { readonly longHourlyRate: number | null; readonly shortHourlyRate: number | null };
  /** Cross-venue basis now, same definition as entryBasisFraction; null when a mid is unknown. */
  readonly basisFraction: number | null;
  /** Net APY of the best passing opportunity on another symbol (decimal); null when none. */
  readonly bestAlternativeApy: number | null;
  /** Live positions per leg; null when no successful read exists yet. */
  readonly positions: { readonly long: LivePosition | null; readonly short: LivePosition | null };
  /** The risk board's broken-hedge verdict (confirmed over its required reads; a failed read never confirms). */
  readonly hedge: { readonly broken: boolean; readonly detail: string };
  /** The settled spread (pair direction, hourly, gaps as null) and what was computed from it at the last settlement. */
  readonly series: SpreadSeries;
  readonly analytics: SpreadAnalytics;
}
