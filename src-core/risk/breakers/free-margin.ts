// Free margin ⇒ REDUCING: available margin on either venue below minFreeMarginUsd means the next
// adverse move or funding payment can force a liquidation of one leg, and with it a naked pair.
// An unknown balance (the read failed) is not 0 and is not "enough": it trips nothing, but it
// blocks new entries until a read succeeds (reference-upstream §13 B15: a failed query is never a
// value).
import type { RiskSettings } from '../../config/risk';
import { compareDecimal, numberToDecimal, parseDecimal } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import { RiskInputError } from '../risk-error';
import { NO_TRIP, type BreakerResult, type Condition } from './types';

export type FreeMarginResult = BreakerResult & { readonly conditions: readonly Condition[] };

/** Exact available margin per venue (Balance.availableUsd); null when the read failed. */
export type AvailableMargin = Readonly<Record<VenueId, string | null>>;

export function checkFreeMargin(available: AvailableMargin, settings: Pick<RiskSettings, 'minFreeMarginUsd'>): FreeMarginResult {
  const entries = Object.entries(available) as [VenueId, string | null][];
  for (const [venue, v] of entries) {
    if (v === null) continue;
    try {
      parseDecimal(v);
    } catch {
      throw new RiskInputError('bad-decimal', `${venue} available margin is not an exact decimal: ${JSON.stringify(v)}`);
    }
  }
  const minUsd = numberToDecimal(settings.minFreeMarginUsd);
  const conditions: Condition[] = entries
    .filter(([, v]) => v === null)
    .map(([venue]) => ({ key: `balance-unknown:${venue}`, venue, reason: `${venue} balance unknown (the last read failed)` }));
  const low = entries.filter(([, v]) => v !== null && compareDecimal(v, minUsd) < 0);
  if (low.length === 0) return { ...NO_TRIP, conditions };
  const what = low.map(([venue, v]) => `${venue} $${v}`).join(', ');
  return { trip: { to: 'REDUCING', reason: `free margin below $${settings.minFreeMarginUsd}: ${what}` }, conditions };
}
