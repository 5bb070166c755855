// Drawdown ⇒ HALTED. Equity is measured net of capital flows (deposits raise equity without any
// trading result, withdrawals lower it) against a peak persisted in the ledger, so a restart does
// not forget the peak and a withdrawal is not a loss (upstream B26: an in-memory peak, distorted by
// flows). Net equity = Σ venue equity − Σ recorded flows; the flows are the deposits and
// withdrawals the ledger recorded (LedgerRepo.recordCapitalFlow), the capital held when the
// ledger began is not one.
//
// Unknown equity (a failed balance read on either venue) is not 0: it neither raises the peak nor
// trips. A sum over the venue that answered would look like a fall of half the account.
import type { RiskSettings } from '../../config/risk';
import { compareDecimal, divDecimal, mulDecimal, normalizeDecimal, numberToDecimal, parseDecimal, signDecimal, subDecimal, sumDecimals } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import { RiskInputError } from '../risk-error';
import { NO_TRIP, type BreakerResult, type Condition } from './types';

/** The ledger's persisted peak (LedgerRepo satisfies it). */
export interface EquityPeakStore {
  updateEquityPeak(netEquityUsd: string, atMs: number): string;
  netCapitalFlowsUsd(): string;
}

export type DrawdownMeasure =
  | { readonly kind: 'unknown'; readonly detail: string }
  /** The peak is not positive: a fraction of it means nothing. */
  | { readonly kind: 'unmeasurable'; readonly netEquityUsd: string; readonly peakUsd: string }
  | { readonly kind: 'measured'; readonly netEquityUsd: string; readonly peakUsd: string; readonly fallUsd: string };

export type DrawdownResult = BreakerResult & { readonly measure: DrawdownMeasure; readonly conditions: readonly Condition[] };

export interface EquityReading {
  /** Exact equity per venue; null when that venue's balance read failed. */
  readonly equityUsd: Readonly<Record<VenueId, string | null>>;
  readonly atMs: number;
}

function decimalOrThrow(name: string, text: string): string {
  try {
    parseDecimal(text);
  } catch {
    throw new RiskInputError('bad-decimal', `${name} is not an exact decimal: ${JSON.stringify(text)}`);
  }
  return text;
}

export class DrawdownBreaker {
  constructor(
    private readonly store: EquityPeakStore,
    private readonly settings: Pick<RiskSettings, 'maxDrawdownFraction'>,
  ) {}

  evaluate(reading: EquityReading): DrawdownResult {
    const entries = Object.entries(reading.equityUsd) as [VenueId, string | null][];
    const missing = entries.filter(([, v]) => v === null).map(([venue]) => venue);
    // Validate everything before the store is touched: a bad reading changes nothing.
    const known = entries.filter(([, v]) => v !== null).map(([venue, v]) => decimalOrThrow(`${venue} equity`, v!));
    if (missing.length > 0) return { ...NO_TRIP, measure: { kind: 'unknown', detail: `equity unknown on ${missing.join(', ')}` }, conditions: [] };
    const net = subDecimal(sumDecimals(known), this.store.netCapitalFlowsUsd());
    const peak = this.store.updateEquityPeak(net, reading.atMs);
    if (signDecimal(peak) <= 0) {
      // Blocks entries rather than silently switching the breaker off.
      const condition: Condition = { key: 'drawdown-unmeasurable', venue: null, reason: `drawdown unmeasurable: peak equity net of flows is $${peak}` };
      return { ...NO_TRIP, measure: { kind: 'unmeasurable', netEquityUsd: net, peakUsd: peak }, conditions: [condition] };
    }
    const fall = subDecimal(peak, net);
    const measure: DrawdownMeasure = { kind: 'measured', netEquityUsd: net, peakUsd: peak, fallUsd: fall };
    const limitUsd = mulDecimal(peak, numberToDecimal(this.settings.maxDrawdownFraction));
    if (compareDecimal(fall, limitUsd) < 0) return { ...NO_TRIP, measure, conditions: [] };
    const pct = divDecimal(mulDecimal(fall, '100'), peak, 2, 'floor');
    return {
      trip: { to: 'HALTED', reason: `drawdown ${pct} % ($${fall}) from the peak $${peak} of equity net of flows (limit ${normalizeDecimal(mulDecimal(numberToDecimal(this.settings.maxDrawdownFraction), '100'))} %)` },
      measure,
      conditions: [],
    };
  }
}
