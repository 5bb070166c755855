// What several rules share, derived once per evaluation: age, the spread now, the pair's money
// if closed now, the legs' live sizes, the flip verdict, and whether the settled analytics are
// current.
import type { ExitSettings } from '../../config/exits';
import { HOURS_PER_YEAR } from '../../domain/venue';
import { flipVerdict, type FlipVerdict } from './carry-rules';
import { decimalToNumber } from './decimal-number';
import { deltaFraction } from './safety-rules';
import { flipStep } from './spread-analytics';
import type { ExitSnapshot } from './types';

export interface ExitContext {
  readonly s: ExitSnapshot;
  readonly e: ExitSettings;
  readonly ageHours: number;
  /** Predicted net spread now when both venues' rates are known, else the newest settled hour
   *  while the analytics are current; null otherwise (hourlyRate). */
  readonly currentNetHourlyRate: number | null;
  readonly currentNetApy: number | null;
  /** Mean of the two legs' notionals: the carry is net rate × this (the legs are sized equal). */
  readonly notionalUsd: number;
  readonly fundingUsd: number;
  readonly feesPaidUsd: number;
  /** pricePnl + funding − fees − exit cost; null without books. */
  readonly netPnlUsd: number | null;
  /** The venues' signed live sizes (base); NaN when a leg is unread. */
  readonly longPositionSize: number;
  readonly shortPositionSize: number;
  /** See safety-rules deltaFraction. */
  readonly deltaFraction: number | null;
  /** The newest settled hour is the current or the previous hour boundary. A settlement is
   *  published just after its hour, so one older than the previous boundary means the history
   *  stopped, and a trend read from it is a trend of the past. */
  readonly analyticsCurrent: boolean;
  /** The flip trigger with the spread now applied to its state at the last settlement. */
  readonly flipped: boolean;
  /** Carry over the net-EV horizon at the spread now (USD); null when the spread is unknown. */
  readonly projectedCarryUsd: number | null;
  /** What the projection must reach to keep the pair: exit cost × multiple (USD). */
  readonly netEvNeedUsd: number;
  /** The net-EV rule is on and the projected carry is worth holding (the skip flags read it). */
  readonly netEvHolds: boolean;
  readonly flip: FlipVerdict;
}

// Local, as in the other per-hour modules: the per-second path reads no module binding for it.
const HOUR_MS = 3_600_000;

const NOT_JUDGED: FlipVerdict = { exit: false, why: '' };

export function exitContext(s: ExitSnapshot, e: ExitSettings): ExitContext {
  const a = s.analytics;
  const hoursPerYear = HOURS_PER_YEAR;
  const analyticsCurrent = a.lastHourMs !== null && a.lastHourMs >= Math.floor(s.nowMs / HOUR_MS) * HOUR_MS - HOUR_MS;
  const { longHourlyRate, shortHourlyRate } = s.rates;
  const current = longHourlyRate !== null && shortHourlyRate !== null ? shortHourlyRate - longHourlyRate : analyticsCurrent ? a.latestNetHourlyRate : null;
  const notionalUsd = (s.legs.long.notionalUsd + s.legs.short.notionalUsd) / 2;
  const fundingUsd = decimalToNumber(s.fundingUsd);
  const feesPaidUsd = decimalToNumber(s.feesPaidUsd);
  const netPnlUsd = s.pricePnlUsd === null ? null : s.pricePnlUsd + fundingUsd - feesPaidUsd - s.exitCostUsd;
  const longPositionSize = s.positions.long === null ? Number.NaN : decimalToNumber(s.positions.long.size);
  const shortPositionSize = s.positions.short === null ? Number.NaN : decimalToNumber(s.positions.short.size);
  const flipped = current === null ? a.flipped : flipStep(a.flipped, current, e.flipEnterApy / hoursPerYear, e.flipReleaseApy / hoursPerYear);
  const projectedCarryUsd = current === null ? null : current * notionalUsd * e.netEvHorizonHours;
  const netEvNeedUsd = s.exitCostUsd * e.netEvExitCostMultiple;
  const c: { -readonly [K in keyof ExitContext]: ExitContext[K] } = {
    s,
    e,
    ageHours: (s.nowMs - s.entryTimeMs) / HOUR_MS,
    currentNetHourlyRate: current,
    currentNetApy: current === null ? null : current * hoursPerYear,
    notionalUsd,
    fundingUsd,
    feesPaidUsd,
    netPnlUsd,
    longPositionSize,
    shortPositionSize,
    deltaFraction: deltaFraction(longPositionSize, shortPositionSize),
    analyticsCurrent,
    flipped,
    projectedCarryUsd,
    netEvNeedUsd,
    netEvHolds: e.netEvEnabled && projectedCarryUsd !== null && projectedCarryUsd >= netEvNeedUsd,
    flip: NOT_JUDGED,
  };
  // The verdict reads the context it completes (built in place: a copy would cost more than the rules).
  c.flip = flipVerdict(c);
  return c;
}
