// Sizing a pair: ONE base quantity for both legs, so the pair is delta-neutral by construction.
// Everything is exact (domain/decimal.ts): a float-rounded size could land off a venue's step or
// a hair above a margin limit. Rounding is always DOWN (fewer coins than allowed, never more),
// except the minimums, which round UP (the smallest size both venues accept).
//
// The quantity is a multiple of BOTH markets' steps: the least common multiple of the two (the
// coarser step when one divides the other, e.g. 0.001 and 0.01; a true common multiple when
// neither does, e.g. Extended's 100 against 30). Upstream rounded to max(step_L, step_X)
// (reference-upstream §2.3), which is off-grid on one venue when neither step divides the other.
import { divDecimal, formatScaled, mulDecimal, numberToDecimal, normalizeDecimal, parseDecimal, rescaleExact, signDecimal, subDecimal } from '../domain/decimal';
import type { VenueId } from '../domain/venue';

export class SizingInputError extends Error {
  override readonly name = 'SizingInputError';
}

export interface SizingMarket {
  readonly venue: VenueId;
  readonly stepSize: string;
  readonly minSize: string;
  readonly minNotionalUsd: string;
  /** The price this leg's order is expected at (exact decimal): notional and margin use it. */
  readonly priceUsd: string;
  /** Free margin on this venue (exact, Balance.availableUsd). */
  readonly availableUsd: string;
  /** Open notional of our other pairs on this venue (exact, ≥ 0). */
  readonly openNotionalUsd: string;
}

export interface SizingInput {
  /** Both legs' markets, one per venue. */
  readonly markets: readonly [SizingMarket, SizingMarket];
  /** settings.trading.notionalPerPairUsd: the notional each leg aims for. */
  readonly targetNotionalUsd: number;
  /** What fits inside the slippage budget on both books, in base units (the screener measures it). */
  readonly capacityBase: string;
  /** settings.trading.leverageMultiple. */
  readonly leverage: number;
  /** settings.trading.minFreeMarginFraction: share of each venue's available margin kept free. */
  readonly minFreeMarginFraction: number;
  /** settings.trading.maxNotionalPerVenueUsd. */
  readonly maxNotionalPerVenueUsd: number;
  /** settings.trading.maxNotionalPerSymbolUsd, and what our other pairs already hold in this
   *  symbol (one leg's notional, exact). */
  readonly maxNotionalPerSymbolUsd: number;
  readonly openSymbolNotionalUsd: string;
}

/** The upper bound that decided the size (or, on a refusal, that pushed it below the minimum). */
export type SizingBound =
  | { readonly kind: 'target' }
  | { readonly kind: 'capacity' }
  | { readonly kind: 'margin'; readonly venue: VenueId }
  | { readonly kind: 'venue-notional'; readonly venue: VenueId }
  | { readonly kind: 'symbol-notional' };

export type SizingResult =
  | { readonly ok: true; readonly size: string; readonly step: string; readonly minSize: string; readonly boundBy: SizingBound }
  /** The largest size every bound allows is below the smallest size both venues accept. */
  | { readonly ok: false; readonly reason: 'below-minimum'; readonly boundBy: SizingBound; readonly maxSize: string; readonly minSize: string; readonly step: string };

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The sign of a decimal input; anything else is a typed refusal (signDecimal only throws
 *  DecimalError). */
function signOf(name: string, text: string): number {
  try {
    return signDecimal(text);
  } catch {
    throw new SizingInputError(`${name} is not a decimal: ${JSON.stringify(text)}`);
  }
}

function positive(name: string, text: string): string {
  if (signOf(name, text) <= 0) throw new SizingInputError(`${name} must be positive, got ${text}`);
  return text;
}

function nonNegative(name: string, text: string): string {
  if (signOf(name, text) < 0) throw new SizingInputError(`${name} must not be negative, got ${text}`);
  return text;
}

function finiteNumber(name: string, v: number, min: number, max: number): string {
  if (!Number.isFinite(v) || v < min || v > max) throw new SizingInputError(`${name} must be in ${min}..${max}, got ${v}`);
  return numberToDecimal(v);
}

/** The least common multiple of two positive decimal steps, exact ("0.001","0.01" → "0.01"). */
export function commonStep(a: string, b: string): string {
  const p = parseDecimal(positive('step', a));
  const q = parseDecimal(positive('step', b));
  const scale = Math.max(p.scale, q.scale);
  const x = rescaleExact(p, scale);
  const y = rescaleExact(q, scale);
  // Canonical text ("0.01", not "0.010"): sizes built on it read like the venue's own step.
  return normalizeDecimal(formatScaled((x / gcd(x, y)) * y, scale));
}

/** Whole steps in `usd / price`, rounded as asked (floor for a bound, ceil for a minimum). */
function stepsOfUsd(usd: string, priceUsd: string, step: string, mode: 'floor' | 'ceil'): bigint {
  if (signDecimal(usd) <= 0) return 0n;
  return BigInt(divDecimal(usd, mulDecimal(priceUsd, step), 0, mode));
}

/** Whole steps in a base size (inputs are validated non-negative). */
function stepsOfBase(base: string, step: string, mode: 'floor' | 'ceil'): bigint {
  return BigInt(divDecimal(base, step, 0, mode));
}

export function sizePair(input: SizingInput): SizingResult {
  const [m0, m1] = input.markets;
  if (m0.venue === m1.venue) throw new SizingInputError(`both legs are on ${m0.venue}`);
  for (const m of input.markets) {
    positive(`${m.venue} stepSize`, m.stepSize);
    nonNegative(`${m.venue} minSize`, m.minSize);
    nonNegative(`${m.venue} minNotionalUsd`, m.minNotionalUsd);
    positive(`${m.venue} priceUsd`, m.priceUsd);
    nonNegative(`${m.venue} availableUsd`, m.availableUsd);
    nonNegative(`${m.venue} openNotionalUsd`, m.openNotionalUsd);
  }
  nonNegative('capacityBase', input.capacityBase);
  nonNegative('openSymbolNotionalUsd', input.openSymbolNotionalUsd);
  const target = finiteNumber('targetNotionalUsd', input.targetNotionalUsd, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER);
  const leverage = finiteNumber('leverage', input.leverage, 1, 1_000);
  const keepFree = finiteNumber('minFreeMarginFraction', input.minFreeMarginFraction, 0, 1);
  const venueLimit = finiteNumber('maxNotionalPerVenueUsd', input.maxNotionalPerVenueUsd, 0, Number.MAX_SAFE_INTEGER);
  const symbolLimit = finiteNumber('maxNotionalPerSymbolUsd', input.maxNotionalPerSymbolUsd, 0, Number.MAX_SAFE_INTEGER);

  const step = commonStep(m0.stepSize, m1.stepSize);
  const usable = subDecimal('1', keepFree);

  // Each bound in whole common steps; the notional ones at each leg's own price, because each
  // venue measures notional and margin at its own price.
  const bounds: { bound: SizingBound; steps: bigint }[] = [];
  for (const m of input.markets) bounds.push({ bound: { kind: 'target' }, steps: stepsOfUsd(target, m.priceUsd, step, 'floor') });
  bounds.push({ bound: { kind: 'capacity' }, steps: stepsOfBase(input.capacityBase, step, 'floor') });
  for (const m of input.markets) {
    bounds.push({ bound: { kind: 'margin', venue: m.venue }, steps: stepsOfUsd(mulDecimal(mulDecimal(m.availableUsd, usable), leverage), m.priceUsd, step, 'floor') });
  }
  for (const m of input.markets) {
    bounds.push({ bound: { kind: 'venue-notional', venue: m.venue }, steps: stepsOfUsd(subDecimal(venueLimit, m.openNotionalUsd), m.priceUsd, step, 'floor') });
  }
  for (const m of input.markets) {
    bounds.push({ bound: { kind: 'symbol-notional' }, steps: stepsOfUsd(subDecimal(symbolLimit, input.openSymbolNotionalUsd), m.priceUsd, step, 'floor') });
  }
  // The first of equal bounds wins, so the order above is the order of blame.
  let binding = bounds[0]!;
  for (const b of bounds) if (b.steps < binding.steps) binding = b;

  let minSteps = 1n;
  for (const m of input.markets) {
    const bySize = stepsOfBase(m.minSize, step, 'ceil');
    const byNotional = stepsOfUsd(m.minNotionalUsd, m.priceUsd, step, 'ceil');
    if (bySize > minSteps) minSteps = bySize;
    if (byNotional > minSteps) minSteps = byNotional;
  }
  const stepUnits = parseDecimal(step);
  const render = (n: bigint): string => formatScaled(n * stepUnits.units, stepUnits.scale);
  const minSize = render(minSteps);
  if (binding.steps < minSteps) {
    return { ok: false, reason: 'below-minimum', boundBy: binding.bound, maxSize: render(binding.steps), minSize, step };
  }
  const size = render(binding.steps);
  return { ok: true, size, step, minSize, boundBy: binding.bound };
}
