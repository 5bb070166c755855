// The funding-unit tripwire (docs/ARCHITECTURE.md, "Safety rules"; venues.md §7.4). Some funding
// units cannot be settled offline: Lighter's REST /fundings `rate` may be percent or decimal (the
// upstream bot shipped two ×100 migrations over it), its /funding-rates may be 8-hour values, and
// a loader that misses a field caches 0. Every real payment is therefore checked against what OUR
// data says it should have been: |cash| vs |size × mark × hourly rate| with our rate for that
// venue, symbol and settlement under the configured unit. A ×100 or ×8 mismatch means the
// screener's expected values are off by that much: trading moves to REDUCING.
//
// Pure: the caller finds the reference rate and mark and acts on the verdict.
import type { FundingPayment } from '../venues/port';

/** Ratio bands (|cash| / |expected|), chosen so the benign errors fit inside "consistent" and the
 *  known unit traps never do. */
export interface TripwireThresholds {
  /** Below this (USD) on both sides the venue's cash rounding dominates: skipped. */
  readonly minCashUsd: number;
  /** Below this (|hourly decimal|) on both our rate and the rate the cash implies, the rates'
   *  own rounding (1e-6 steps on either venue) is 20 % or more: skipped. */
  readonly minAbsHourlyRate: number;
  /** |ratio| within [1/x, x] is consistent. */
  readonly consistentRatio: number;
  /** A ratio within ×/÷ this of a known trap factor is named after it. */
  readonly trapTolerance: number;
  /** Beyond [1/x, x] and no known trap: an unexplained gross mismatch (also REDUCING). */
  readonly grossRatio: number;
}

export const TRIPWIRE_DEFAULTS: TripwireThresholds = {
  // Both venues settle cash to 1e-6 USD; a cent is 10 000 of those steps.
  minCashUsd: 0.01,
  // 0.0005 %/h ≈ 4.4 % APY. Extended prints hourly decimals with 6 places and Lighter percent
  // with 4, so the coarsest rate step is 1e-6: at 5e-6 that is 20 % at worst.
  minAbsHourlyRate: 5e-6,
  // Benign differences: our mark vs the venue's settlement mark (the payment is checked within
  // hours of settlement) and rate rounding (≤ 20 % at the floor above). 1.5 holds both with room
  // and is far below the smallest trap band (8 ÷ 1.25 = 6.4).
  consistentRatio: 1.5,
  // 8 × 1.25 = 10 = 12.5 ÷ 1.25: the neighbouring trap bands touch but do not overlap.
  trapTolerance: 1.25,
  grossRatio: 3,
};

/** The unit mistakes seen on these venues, as the factor |cash| / |expected| shows them. */
export const UNIT_TRAPS: readonly { readonly factor: number; readonly label: string }[] = [
  { factor: 100, label: 'our rate is 100× too small (percent read as decimal twice, or a ÷100 too many)' },
  { factor: 1 / 100, label: 'our rate is 100× too large (a percent value read as a decimal)' },
  { factor: 8, label: 'our rate is 8× too small (an hourly value divided as if it were 8-hourly)' },
  { factor: 1 / 8, label: 'our rate is 8× too large (an 8-hour value read as hourly)' },
  { factor: 800, label: 'our rate is 800× too small (percent and 8-hour conversions both applied wrongly)' },
  { factor: 1 / 800, label: 'our rate is 800× too large (a percent-per-8-hours value read as an hourly decimal)' },
  { factor: 12.5, label: 'our rate is 12.5× too small (percent ÷100 and 8-hour ×8 mixed up)' },
  { factor: 1 / 12.5, label: 'our rate is 12.5× too large (percent ÷100 and 8-hour ÷8 mixed up)' },
];

export type SkipReason = 'no-position' | 'no-reference-rate' | 'no-mark' | 'cash-rounding' | 'rate-near-zero' | 'bad-number';

export type FundingCheckVerdict =
  /** Nothing can be concluded; `detail` says why. */
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail: string }
  | { readonly kind: 'consistent'; readonly ratio: number }
  /** Outside the consistent band but under the gross limit and no known trap: warn only. */
  | { readonly kind: 'drift'; readonly ratio: number }
  | { readonly kind: 'unit-mismatch'; readonly ratio: number; readonly factor: number; readonly label: string }
  | { readonly kind: 'gross-mismatch'; readonly ratio: number }
  /** The venue paid where our rate says we should have paid, or the reverse. */
  | { readonly kind: 'sign-mismatch'; readonly ratio: number };

/** What the caller should do: nothing, raise a warning, or alarm and move to REDUCING. */
export type TripwireAction = 'none' | 'warn' | 'reduce';

export interface FundingCheck {
  readonly verdict: FundingCheckVerdict;
  readonly action: TripwireAction;
  /** Signed, positive = received: what our rate and mark say the cash should have been. */
  readonly expectedCashUsd: number | null;
  readonly cashUsd: number;
  /** The hourly rate the cash implies at our mark (signed, long-pays-positive). */
  readonly impliedHourlyRate: number | null;
  readonly referenceHourlyRate: number | null;
  readonly markPrice: number | null;
}

export interface FundingReference {
  /** Our signed hourly decimal for this venue, symbol and settlement; null when we hold none. */
  readonly hourlyRate: number | null;
  /** The mark we use (ours, or the venue's when ours is not usable); null when none. */
  readonly markPrice: number | null;
}

export type PaymentFacts = Pick<FundingPayment, 'cashUsd' | 'positionSize' | 'positionSide'>;

export function actionOf(v: FundingCheckVerdict): TripwireAction {
  switch (v.kind) {
    case 'skipped':
    case 'consistent':
      return 'none';
    case 'drift':
      return 'warn';
    case 'unit-mismatch':
    case 'gross-mismatch':
    case 'sign-mismatch':
      return 'reduce';
  }
}

/** Places a positive ratio |cash| / |expected| in its band. */
export function classifyRatio(ratio: number, t: TripwireThresholds = TRIPWIRE_DEFAULTS): FundingCheckVerdict {
  if (ratio >= 1 / t.consistentRatio && ratio <= t.consistentRatio) return { kind: 'consistent', ratio };
  let best: (typeof UNIT_TRAPS)[number] | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const trap of UNIT_TRAPS) {
    const d = Math.abs(Math.log(ratio / trap.factor));
    if (d <= Math.log(t.trapTolerance) && d < bestDistance) {
      best = trap;
      bestDistance = d;
    }
  }
  if (best !== null) return { kind: 'unit-mismatch', ratio, factor: best.factor, label: best.label };
  if (ratio > t.grossRatio || ratio < 1 / t.grossRatio) return { kind: 'gross-mismatch', ratio };
  return { kind: 'drift', ratio };
}

function skipped(reason: SkipReason, detail: string, cashUsd: number, ref: FundingReference, expected: number | null = null, implied: number | null = null): FundingCheck {
  return { verdict: { kind: 'skipped', reason, detail }, action: 'none', expectedCashUsd: expected, cashUsd, impliedHourlyRate: implied, referenceHourlyRate: ref.hourlyRate, markPrice: ref.markPrice };
}

/** Checks one payment against our reference rate and mark. */
export function checkFundingPayment(p: PaymentFacts, ref: FundingReference, t: TripwireThresholds = TRIPWIRE_DEFAULTS): FundingCheck {
  // Read-only analytics: the exact strings stay in the ledger; a ratio needs no exactness.
  const cash = Number(p.cashUsd);
  const size = Number(p.positionSize);
  if (!Number.isFinite(cash) || !Number.isFinite(size) || size < 0) return skipped('bad-number', `cash "${p.cashUsd}" or size "${p.positionSize}" is not a number`, cash, ref);
  if (size === 0) return skipped('no-position', 'the payment is for a zero position', cash, ref);
  if (ref.hourlyRate === null || !Number.isFinite(ref.hourlyRate)) return skipped('no-reference-rate', 'we hold no rate for this settlement', cash, ref);
  if (ref.markPrice === null || !(ref.markPrice > 0)) return skipped('no-mark', 'we hold no usable mark price', cash, ref);
  const notional = size * ref.markPrice;
  // Longs pay shorts when the rate is positive; cash is positive when received.
  const direction = p.positionSide === 'long' ? -1 : 1;
  const expected = direction * notional * ref.hourlyRate;
  const implied = (cash / notional) * direction;
  if (Math.abs(cash) < t.minCashUsd && Math.abs(expected) < t.minCashUsd) {
    return skipped('cash-rounding', `cash $${cash} and expected $${expected.toPrecision(3)} are both below $${t.minCashUsd}: rounding dominates`, cash, ref, expected, implied);
  }
  if (Math.abs(ref.hourlyRate) < t.minAbsHourlyRate && Math.abs(implied) < t.minAbsHourlyRate) {
    return skipped('rate-near-zero', `our rate ${ref.hourlyRate} and the implied ${implied.toPrecision(3)} are both below ${t.minAbsHourlyRate}/h: the rates' own rounding dominates`, cash, ref, expected, implied);
  }
  const ratio = expected === 0 ? Number.POSITIVE_INFINITY : Math.abs(cash) / Math.abs(expected);
  // A sign is only meaningful when both sides are clear of the rounding floor.
  const bothClear = Math.abs(ref.hourlyRate) >= t.minAbsHourlyRate && Math.abs(implied) >= t.minAbsHourlyRate && Math.abs(cash) >= t.minCashUsd;
  const verdict: FundingCheckVerdict = bothClear && Math.sign(cash) !== Math.sign(expected) ? { kind: 'sign-mismatch', ratio } : classifyRatio(ratio, t);
  return { verdict, action: actionOf(verdict), expectedCashUsd: expected, cashUsd: cash, impliedHourlyRate: implied, referenceHourlyRate: ref.hourlyRate, markPrice: ref.markPrice };
}

/** One line for the log, the alarm and the trading-state reason. */
export function describeCheck(venue: string, symbol: string, check: FundingCheck): string {
  const v = check.verdict;
  const nums = `paid $${check.cashUsd}, our rate ${check.referenceHourlyRate ?? '?'}/h × mark ${check.markPrice ?? '?'} implies $${check.expectedCashUsd === null ? '?' : check.expectedCashUsd.toFixed(6)}`;
  switch (v.kind) {
    case 'skipped':
      return `${venue} ${symbol} funding check skipped (${v.reason}): ${v.detail}`;
    case 'consistent':
      return `${venue} ${symbol} funding consistent (×${v.ratio.toPrecision(3)}): ${nums}`;
    case 'drift':
      return `${venue} ${symbol} funding off by ×${v.ratio.toPrecision(3)}: ${nums}`;
    case 'unit-mismatch':
      return `${venue} ${symbol} funding unit mismatch ×${v.ratio.toPrecision(3)}: ${v.label}; ${nums}`;
    case 'gross-mismatch':
      return `${venue} ${symbol} funding mismatch ×${Number.isFinite(v.ratio) ? v.ratio.toPrecision(3) : '∞'} (no known unit explains it): ${nums}`;
    case 'sign-mismatch':
      return `${venue} ${symbol} funding sign mismatch: ${nums}`;
  }
}
