// What a rebalance would trade, from the two legs' LIVE venue positions (pure, exact). The legs
// are compared in base quantity only: upstream measured the drift on notionals at each venue's
// own mark, so a price basis between the venues counted as delta and "rebalanced" a pair whose
// quantities were equal into a real mismatch (reference-upstream §13 B27). Here a basis never
// enters: the excess is |long size| − |short size| in coins, and a mark only values that excess
// for the USD floor.
//
// A rebalance is needed when the excess is above BOTH tolerances:
// - exits.rebalanceMinDeltaFraction of the larger leg, counted in whole steps of the finer of
//   the two markets' steps (the grid on which the two sizes can differ at all), and
// - exits.rebalanceMinDeltaUsd, the excess at the larger leg's mark.
// The trade is on the LARGER leg, reduce-only, the excess rounded DOWN to that market's step
// (toward less trading: never past equal, never flipping which leg is larger); a rest below one
// step of it, or below the venue's minimum size or notional, cannot be traded and is said so.
import { absDecimal, compareDecimal, fromIncrements, mulDecimal, normalizeDecimal, numberToDecimal, signDecimal, subDecimal, toIncrements } from '../domain/decimal';
import type { PositionSide, Side, VenueId } from '../domain/venue';

export interface NeedLeg {
  readonly leg: 0 | 1;
  readonly venue: VenueId;
  /** The side this leg holds in the pair. */
  readonly positionSide: PositionSide;
  /** The venue's live signed position in the pair's market (exact; "0" when flat). */
  readonly size: string;
  /** The venue's mark for the position (analytics float; 0 or less when the venue gave none). */
  readonly markPrice: number;
  readonly stepSize: string;
  readonly minSize: string;
  readonly minNotionalUsd: string;
}

export interface NeedSettings {
  /** settings.exits.rebalanceMinDeltaFraction. */
  readonly rebalanceMinDeltaFraction: number;
  /** settings.exits.rebalanceMinDeltaUsd. */
  readonly rebalanceMinDeltaUsd: number;
}

/** Both legs as the venues hold them now (exact, unsigned), and the excess of the larger. */
export interface LegSizes {
  readonly longSize: string;
  readonly shortSize: string;
  /** |long| − |short|: positive when the long leg is larger. */
  readonly deltaBase: string;
}

export type UnknownCause = 'query-failed' | 'no-pair' | 'pair-state' | 'no-market' | 'wrong-side' | 'no-mark' | 'bad-input';

export type RebalanceNeed =
  /** Nothing to trade: equal, or the excess is within a tolerance. */
  | ({ readonly kind: 'balanced'; readonly why: 'equal' | 'within-fraction' | 'below-usd-floor' } & LegSizes)
  /** Beyond the tolerances, yet no order can be sent for it (says which rest and why). */
  | ({ readonly kind: 'untradeable'; readonly why: 'below-step' | 'below-minimum-size' | 'below-minimum-notional'; readonly venue: VenueId; readonly size: string } & LegSizes)
  | ({
      readonly kind: 'trade';
      readonly leg: 0 | 1;
      readonly venue: VenueId;
      readonly side: Side;
      /** Exact, on the venue's step, > 0 and ≤ the excess. */
      readonly size: string;
      /** The excess valued at the larger leg's mark (exact decimal of the float mark). */
      readonly deltaUsd: string;
      readonly why: string;
    } & LegSizes)
  /** The positions could not be known (a failed query is never "flat"), or they contradict the
   *  pair: nothing may be sent. */
  | { readonly kind: 'unknown'; readonly cause: UnknownCause; readonly why: string };

function finer(a: string, b: string): string {
  return compareDecimal(a, b) <= 0 ? a : b;
}

function positive(name: string, v: string): string | null {
  try {
    return signDecimal(v) > 0 ? null : `${name} must be positive, got ${v}`;
  } catch {
    return `${name} is not a decimal: ${JSON.stringify(v)}`;
  }
}

/** The need of a pair from its two legs (one long, one short) as the venues hold them now. */
export function rebalanceNeed(legs: readonly [NeedLeg, NeedLeg], s: NeedSettings): RebalanceNeed {
  const long = legs.find((l) => l.positionSide === 'long');
  const short = legs.find((l) => l.positionSide === 'short');
  if (long === undefined || short === undefined) return { kind: 'unknown', cause: 'bad-input', why: 'a pair needs one long and one short leg' };
  if (!(s.rebalanceMinDeltaFraction > 0 && s.rebalanceMinDeltaFraction <= 1) || !(s.rebalanceMinDeltaUsd >= 0) || !Number.isFinite(s.rebalanceMinDeltaUsd)) {
    return { kind: 'unknown', cause: 'bad-input', why: `tolerances out of range: fraction ${s.rebalanceMinDeltaFraction}, usd ${s.rebalanceMinDeltaUsd}` };
  }
  for (const l of [long, short]) {
    const bad = positive(`${l.venue} stepSize`, l.stepSize);
    if (bad !== null) return { kind: 'unknown', cause: 'bad-input', why: bad };
    try {
      signDecimal(l.size);
    } catch {
      return { kind: 'unknown', cause: 'bad-input', why: `${l.venue} position is not a decimal: ${JSON.stringify(l.size)}` };
    }
  }
  // A long leg held short (or the reverse) is not a drift a reduce-only trade can mend.
  if (signDecimal(long.size) < 0) return { kind: 'unknown', cause: 'wrong-side', why: `the long leg on ${long.venue} is short ${long.size}` };
  if (signDecimal(short.size) > 0) return { kind: 'unknown', cause: 'wrong-side', why: `the short leg on ${short.venue} is long ${short.size}` };

  // Normalised for reading ("0.0040" → "0.004"); every comparison is exact either way.
  const longSize = normalizeDecimal(absDecimal(long.size));
  const shortSize = normalizeDecimal(absDecimal(short.size));
  const deltaBase = normalizeDecimal(subDecimal(longSize, shortSize));
  const sizes: LegSizes = { longSize, shortSize, deltaBase };
  const sign = signDecimal(deltaBase);
  if (sign === 0) return { kind: 'balanced', why: 'equal', ...sizes };
  const larger = sign > 0 ? long : short;
  const smaller = sign > 0 ? short : long;
  const excess = absDecimal(deltaBase);
  const largerSize = absDecimal(larger.size);

  // The fraction's tolerance in whole steps of the finer grid: the excess must exceed it.
  const grid = finer(larger.stepSize, smaller.stepSize);
  const toleranceSteps = toIncrements(mulDecimal(numberToDecimal(s.rebalanceMinDeltaFraction), largerSize), grid, 'floor');
  const excessSteps = toIncrements(excess, grid, 'floor');
  if (excessSteps <= toleranceSteps) return { kind: 'balanced', why: 'within-fraction', ...sizes };

  const mark = larger.markPrice > 0 && Number.isFinite(larger.markPrice) ? larger.markPrice : smaller.markPrice;
  if (!(mark > 0) || !Number.isFinite(mark)) return { kind: 'unknown', cause: 'no-mark', why: 'neither venue gave a mark to value the excess' };
  const deltaUsd = normalizeDecimal(mulDecimal(excess, numberToDecimal(mark)));
  if (compareDecimal(deltaUsd, numberToDecimal(s.rebalanceMinDeltaUsd)) < 0) return { kind: 'balanced', why: 'below-usd-floor', ...sizes };

  // Toward less trading: whole steps of the venue that trades, never past the excess.
  const size = fromIncrements(toIncrements(excess, larger.stepSize, 'floor'), larger.stepSize);
  if (signDecimal(size) === 0) return { kind: 'untradeable', why: 'below-step', venue: larger.venue, size: excess, ...sizes };
  if (compareDecimal(size, larger.minSize) < 0) return { kind: 'untradeable', why: 'below-minimum-size', venue: larger.venue, size, ...sizes };
  if (compareDecimal(mulDecimal(size, numberToDecimal(mark)), larger.minNotionalUsd) < 0) return { kind: 'untradeable', why: 'below-minimum-notional', venue: larger.venue, size, ...sizes };
  return {
    kind: 'trade',
    leg: larger.leg,
    venue: larger.venue,
    // Reducing a long sells; reducing a short buys.
    side: larger.positionSide === 'long' ? 'sell' : 'buy',
    size,
    deltaUsd,
    why: `${larger.positionSide} leg on ${larger.venue} holds ${excess} more than the ${smaller.positionSide} leg on ${smaller.venue}`,
    ...sizes,
  };
}
