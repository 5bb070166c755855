// Funding carry, fees, expected value and break-even: pure functions over numbers whose units are
// in their names. No I/O, no clock. Conventions: rates are signed hourly decimals with longs
// paying when positive; a pair is long on one venue and short on the other.
import { HOURS_PER_YEAR } from './venue';

export function apyFromHourly(hourlyRate: number): number {
  return hourlyRate * HOURS_PER_YEAR;
}

export function hourlyFromApy(apy: number): number {
  return apy / HOURS_PER_YEAR;
}

/** Net hourly carry of a pair, from the position's point of view: the short leg receives the
 *  short venue's rate, the long leg pays the long venue's rate. */
export function netCarryHourly(longVenueHourlyRate: number, shortVenueHourlyRate: number): number {
  return shortVenueHourlyRate - longVenueHourlyRate;
}

export interface LegFees {
  /** Maker and taker rates of the venue holding the resting maker leg. */
  readonly makerVenueMakerRate: number;
  readonly makerVenueTakerRate: number;
  /** Rates of the venue taking the hedge. */
  readonly hedgeVenueMakerRate: number;
  readonly hedgeVenueTakerRate: number;
}

/** Entry: the maker leg rests and fills as maker; the hedge crosses as taker. */
export function entryFeesUsd(notionalUsd: number, f: LegFees): number {
  return notionalUsd * (f.makerVenueMakerRate + f.hedgeVenueTakerRate);
}

/** Exit, as the Python bot estimates it: the maker venue exits as maker with probability p; the
 *  hedge venue half maker, half taker when its maker fee is zero, otherwise taker. */
export function exitFeesUsd(notionalUsd: number, f: LegFees, makerProbabilityRatio: number): number {
  const makerVenue = makerProbabilityRatio * f.makerVenueMakerRate + (1 - makerProbabilityRatio) * f.makerVenueTakerRate;
  const hedgeVenue = f.hedgeVenueMakerRate === 0 ? 0.5 * f.hedgeVenueMakerRate + 0.5 * f.hedgeVenueTakerRate : f.hedgeVenueTakerRate;
  return notionalUsd * (makerVenue + hedgeVenue);
}

export interface ExpectedValue {
  readonly fundingUsd: number;
  readonly costUsd: number;
  readonly totalEvUsd: number;
  readonly evPerHourUsd: number;
  /** Hours of carry needed to pay back the costs; Infinity when the carry is not positive. */
  readonly breakevenHours: number;
}

export function expectedValue(args: { readonly notionalUsd: number; readonly netHourlyRate: number; readonly holdHours: number; readonly costUsd: number }): ExpectedValue {
  const carryPerHourUsd = args.notionalUsd * args.netHourlyRate;
  const fundingUsd = carryPerHourUsd * args.holdHours;
  const totalEvUsd = fundingUsd - args.costUsd;
  return {
    fundingUsd,
    costUsd: args.costUsd,
    totalEvUsd,
    evPerHourUsd: carryPerHourUsd - args.costUsd / args.holdHours,
    breakevenHours: carryPerHourUsd > 0 ? args.costUsd / carryPerHourUsd : Number.POSITIVE_INFINITY,
  };
}

/** The APY at which the expected value over the horizon reaches `targetEvUsd`. */
export function requiredApy(args: { readonly notionalUsd: number; readonly holdHours: number; readonly costUsd: number; readonly targetEvUsd: number }): number {
  return apyFromHourly((args.targetEvUsd + args.costUsd) / (args.notionalUsd * args.holdHours));
}

/** Max entry spread: wider for richer opportunities, never above the cap. (The Python bot takes
 *  the minimum of base, tier and cap, which always yields the base: a documented quirk.) */
export function dynamicMaxSpreadFraction(apy: number, baseFraction: number, capFraction: number): number {
  const tier = apy > 1 ? 0.005 : apy > 0.5 ? 0.004 : apy > 0.2 ? 0.003 : baseFraction;
  return Math.min(Math.max(baseFraction, tier), capFraction);
}
