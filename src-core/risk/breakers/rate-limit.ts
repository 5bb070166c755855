// A venue's request budget in use by orders and reads above rateLimitSaturationFraction ⇒ a
// blocking condition (no new entries) while it lasts. Bulk reads (the funding backfill) are not
// counted: they wait behind every order and read and spend at most their share, so a backfill
// running never holds entries back (venues/common/rate-limit.ts). An entry costs a burst of sends, cancels and readbacks on both
// venues; starting one on a saturated budget leaves the hedge queued behind the limiter. Orders
// already working keep the limiter's order lane (venues/common/rate-limit.ts: a reserve that
// market data never touches), so nothing here refuses them.
import type { RiskSettings } from '../../config/risk';
import type { VenueId } from '../../domain/venue';
import type { VenueDiagnostics } from '../../venues/port';
import { RiskInputError } from '../risk-error';
import type { Condition } from './types';

/** venues/common/rate-limit.ts RateLimiterState, as the port's diagnostics expose it. */
export type RateLimitReading = Pick<ReturnType<VenueDiagnostics['rateLimit']>, 'demandFraction'>;

export function rateLimitConditions(readings: Readonly<Partial<Record<VenueId, RateLimitReading>>>, settings: Pick<RiskSettings, 'rateLimitSaturationFraction'>): Condition[] {
  const entries = Object.entries(readings) as [VenueId, RateLimitReading][];
  for (const [venue, r] of entries) {
    if (!Number.isFinite(r.demandFraction) || r.demandFraction < 0) throw new RiskInputError('bad-number', `${venue} rate-limit use is not a fraction: ${r.demandFraction}`);
  }
  const limit = settings.rateLimitSaturationFraction;
  return entries
    .filter(([, r]) => r.demandFraction > limit)
    .map(([venue, r]) => ({ key: `rate-limit:${venue}`, venue, reason: `${venue} rate limit ${Math.round(r.demandFraction * 100)} % used (entries wait above ${Math.round(limit * 100)} %)` }));
}
