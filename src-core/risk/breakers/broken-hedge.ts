// Broken hedge ⇒ REDUCING, per pair: the legs' base quantities differ by more than
// brokenHedgeToleranceSteps × the coarser of the two markets' size steps, on
// brokenHedgeConfirmationCount consecutive position reads. The imbalance is the pair's net delta,
// long size + short size with the port's signs (long positive, short negative), so a leg on the
// wrong side counts too. Exact decimals throughout.
//
// A failed read (the position query threw) neither confirms nor clears: upstream treated it as
// "no position", so two API errors confirmed a broken hedge and it closed the healthy leg
// (reference-upstream §13 B15). Only successful reads on both venues count.
import type { RiskSettings } from '../../config/risk';
import { absDecimal, addDecimal, compareDecimal, mulDecimal, numberToDecimal, parseDecimal, signDecimal } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import { RiskInputError } from '../risk-error';
import { NO_TRIP, type BreakerResult } from './types';

/** One venue's answer for one leg: the exact signed size (Position.size), or a failed query. */
export type LegRead = { readonly kind: 'size'; readonly size: string } | { readonly kind: 'failed'; readonly error: string };

export interface LegFacts {
  readonly venue: VenueId;
  /** The market's size step on this venue (MarketMeta). */
  readonly stepSize: string;
  readonly read: LegRead;
}

export interface HedgeReading {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly long: LegFacts;
  readonly short: LegFacts;
}

export type HedgeStatus =
  | { readonly kind: 'read-failed'; readonly detail: string; readonly streak: number }
  | { readonly kind: 'balanced'; readonly imbalance: string; readonly tolerance: string }
  | { readonly kind: 'imbalanced'; readonly imbalance: string; readonly tolerance: string; readonly streak: number };

export type BrokenHedgeResult = BreakerResult & { readonly status: HedgeStatus };

function exact(name: string, text: string): string {
  try {
    parseDecimal(text);
  } catch {
    throw new RiskInputError('bad-decimal', `${name} is not an exact decimal: ${JSON.stringify(text)}`);
  }
  return text;
}

function step(leg: LegFacts): string {
  exact(`${leg.venue} step`, leg.stepSize);
  if (signDecimal(leg.stepSize) <= 0) throw new RiskInputError('bad-step', `${leg.venue} step must be positive, got ${leg.stepSize}`);
  return leg.stepSize;
}

export class BrokenHedgeBreaker {
  /** Consecutive imbalanced reads per pair. */
  private readonly streaks = new Map<number, number>();

  constructor(private readonly settings: Pick<RiskSettings, 'brokenHedgeToleranceSteps' | 'brokenHedgeConfirmationCount'>) {}

  streak(pairSeq: number): number {
    return this.streaks.get(pairSeq) ?? 0;
  }

  /** The pair closed (or was rolled back): its streak goes. */
  forget(pairSeq: number): void {
    this.streaks.delete(pairSeq);
  }

  observe(r: HedgeReading): BrokenHedgeResult {
    // Validate everything before the streak is touched: bad input changes nothing.
    const longStep = step(r.long);
    const shortStep = step(r.short);
    if (r.long.read.kind === 'size') exact(`${r.long.venue} size`, r.long.read.size);
    if (r.short.read.kind === 'size') exact(`${r.short.venue} size`, r.short.read.size);
    const streak = this.streak(r.pairSeq);
    if (r.long.read.kind === 'failed' || r.short.read.kind === 'failed') {
      const failed = [r.long, r.short].flatMap((l) => (l.read.kind === 'failed' ? [`${l.venue}: ${l.read.error}`] : []));
      return { ...NO_TRIP, status: { kind: 'read-failed', detail: `position read failed (${failed.join('; ')})`, streak } };
    }
    const coarser = compareDecimal(longStep, shortStep) >= 0 ? longStep : shortStep;
    const tolerance = mulDecimal(coarser, numberToDecimal(this.settings.brokenHedgeToleranceSteps));
    const imbalance = absDecimal(addDecimal(r.long.read.size, r.short.read.size));
    if (compareDecimal(imbalance, tolerance) <= 0) {
      this.streaks.delete(r.pairSeq);
      return { ...NO_TRIP, status: { kind: 'balanced', imbalance, tolerance } };
    }
    const next = streak + 1;
    this.streaks.set(r.pairSeq, next);
    const status: HedgeStatus = { kind: 'imbalanced', imbalance, tolerance, streak: next };
    const needed = this.settings.brokenHedgeConfirmationCount;
    if (next < needed) return { ...NO_TRIP, status };
    const reason = `broken hedge: pair ${r.pairSeq} ${r.symbol} long ${r.long.venue} ${r.long.read.size} vs short ${r.short.venue} ${r.short.read.size}, imbalance ${imbalance} > ${tolerance} on ${next} reads in a row`;
    return { trip: { to: 'REDUCING', reason }, status };
  }
}
